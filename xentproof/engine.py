"""Running a check: plan the relations read, take what the proof cache holds, decide the
rest (in this process or in worker processes), assemble the report once.

``xentproof.api`` imports this module only when something is to be read and decided: a
run that the file records answer (``xentproof.warm``) never imports it, nor SymPy.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from .cache import ProofCache
from .checker import Decided, Job, Plan, Schedule, assemble, decide_here
from .decide import Decider
from .inputs import Inputs, read_inputs
from .lemmas import RuleBook
from .result import DerivationResult, Progress, Report
from .settings import Budget
from .source import source_digest
from .warm import Lookup, keep
from .workers import PoolOptions, decide_in_pool


def run(
    inputs: Inputs,
    started: float,
    budget: Budget,
    progress: Progress | None,
    cache_dir: str | Path | None,
    workers: int | None,
) -> Report:
    """Plan, take the cache's decisions, decide the rest, assemble: the report of a run."""
    cache = ProofCache(Path(cache_dir)) if cache_dir is not None else None
    if cache is not None:
        source_digest(cache)  # remembered there under the source files' stat
    plan = Plan(inputs.derivations, inputs.library)
    decided = decide(plan, budget, progress, cache, workers)
    return Report(assemble(plan, decided, budget), inputs.problems, _since(started))


def decide(
    plan: Plan,
    budget: Budget,
    progress: Progress | None,
    cache: ProofCache | None,
    workers: int | None,
) -> dict[Job, Decided]:
    """Every job of ``plan`` decided (from the cache where it can), and the cache pruned."""
    schedule = Schedule(
        plan, Decider(budget.timeout), RuleBook(), cache, progress, slow_first=workers is not None
    )
    schedule.read_cache()
    if workers is None:
        decide_here(schedule)
    else:
        decide_in_pool(schedule, PoolOptions(workers, budget.timeout, budget.memory_mb))
    if cache is not None:
        cache.prune()  # least recently used entries first, down to the cache's size cap
    return schedule.decided


def run_partial(
    paths: Sequence[str | Path],
    found: Lookup,
    started: float,
    budget: Budget,
    progress: Progress | None,
    cache: ProofCache,
    workers: int | None,
) -> Report:
    """The report of a run whose files ``found`` holds records for in part: the others are
    read and decided (with the files that may declare lemmas, read again so that lemma
    names are claimed and lemmas proved as in a whole run), the records of those that
    can be kept are written, and the results are put back in run order."""
    inputs = read_inputs(found.to_read, run_files=found.files)
    hit_names = {str(f) for f in found.hits}
    if any(problem.file in hit_names for problem in inputs.problems):
        # cannot happen while the keys hold what decides a file; if it does, the whole run
        return run(read_inputs(paths), started, budget, progress, cache.directory, workers)
    fresh = [d for d in inputs.derivations if d.path not in hit_names]
    library = [*inputs.library, *(d for d in inputs.derivations if d.path in hit_names)]
    plan = Plan(fresh, library)
    decided = decide(plan, budget, progress, cache, workers)
    results = assemble(plan, decided, budget)
    keep(cache, found, _keepable(plan, decided, results, inputs))
    by_name = {r.file: r for r in results}
    merged = [
        found.hits[f] if f in found.hits else by_name[str(f)]
        for f in found.files
        if f in found.hits or str(f) in by_name
    ]
    problems = (*found.problems, *inputs.problems)
    return Report(tuple(merged), problems, _since(started))


def _keepable(
    plan: Plan,
    decided: dict[Job, Decided],
    results: Sequence[DerivationResult],
    inputs: Inputs,
) -> list[DerivationResult]:
    """The results that a file record may keep: of a file with no input problem, none of
    whose relations was stopped or timed out, in a run where no lemma chain was (a lemma
    not proved for want of time would leave a citing step UNPROVED only this once)."""

    def transient(job: Job) -> bool:
        return decided[job].stopped or decided[job].decision.timed_out

    lemma_chains = {(p.derivation.path, p.chain.name) for p in plan.chains if p.chain.lemma}
    if any(transient(j) for j in plan.jobs if (j.file, j.chain) in lemma_chains):
        return []
    unsettled = {j.file for j in plan.jobs if transient(j)}
    unsettled |= {problem.file for problem in inputs.problems}
    return [r for r in results if r.file not in unsettled and r.coverage is None]


def _since(started: float) -> float:
    return time.perf_counter() - started
