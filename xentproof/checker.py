"""The checker: every relation between adjacent steps gets exactly one verdict.

A run is planned once (``Plan``): every relation of every chain is a job, the lemma chains
first (those of the lemma library, then those of the files checked), since a step may cite
a lemma only once its chain is proved. ``Schedule`` hands the jobs out in that order, each
with the lemma it cites as the run stands when its chain's turn comes, reads what the proof
cache holds and keeps it up to date, and adds every lemma proved to the rule book. Whoever
decides the jobs (this process, or the worker pool) asks it for the next one and gives it
back decided. ``assemble`` then makes the report's results, once, from the decisions.

Nothing here proves (``xentproof.decide`` does) and nothing prints.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

import sympy

from .cache import ProofCache
from .decide import Decider
from .lemmas import Lemma, RuleBook
from .model import Chain, Derivation, Step
from .result import (
    ChainResult,
    Decision,
    DerivationResult,
    Progress,
    RelationResult,
    Verdict,
    chain_relation,
)
from .rules import BUILTIN_RULES
from .settings import Budget
from .step_scope import index_symbols

_BUILTIN_NAMES = frozenset(r.name for r in BUILTIN_RULES)


@dataclass(frozen=True)
class Job:
    """One relation to decide: relation ``index`` (from 1) of a chain of a file."""

    file: str
    chain: str
    index: int


# Which chain proved a lemma: (file, chain name); what a worker process needs to know to
# rebuild the lemma from the derivations it already has.
LemmaSource = tuple[str, str]


@dataclass(frozen=True)
class Decided:
    """A job's decision, how long it took, and where it came from: the proof cache, or a
    worker that was stopped (time-out, memory, crash) and so decided nothing."""

    decision: Decision
    seconds: float
    cached: bool = False
    stopped: bool = False


@dataclass(frozen=True)
class PlannedChain:
    derivation: Derivation
    chain: Chain
    position: int  # in the plan's order


@dataclass(frozen=True)
class Task:
    """A job as it is handed out: with its chain, and the proved lemma its step cites."""

    job: Job
    derivation: Derivation
    chain: Chain
    lemma: Lemma | None
    others: tuple[Lemma, ...] = ()  # the lemmas cited after the first (``by = [ … ]``)

    @property
    def step(self) -> Step:
        return self.chain.steps[self.job.index]

    @property
    def lemma_source(self) -> LemmaSource | None:
        return None if self.lemma is None else (self.lemma.derivation.path, self.lemma.chain.name)

    @property
    def other_sources(self) -> tuple[LemmaSource, ...]:
        return tuple((o.derivation.path, o.chain.name) for o in self.others)


def _cited_from_library(
    derivations: Sequence[Derivation], library: Sequence[Derivation]
) -> list[tuple[Derivation, Chain]]:
    """The lemma chains of the library that a step of the files checked cites, directly or
    through the library's other lemma chains, in library order: one that nothing cites
    decides no verdict of the run, and is not proved for nothing."""
    lemmas = [(d, c) for d in library for c in d.chains if c.lemma is not None]
    cited = {name for d in derivations for c in d.chains for s in c.steps for name in s.cited}
    kept = [False] * len(lemmas)
    grew = True
    while grew:
        grew = False
        for k, (_, chain) in enumerate(lemmas):
            if not kept[k] and chain.lemma in cited:
                kept[k] = grew = True
                cited |= {name for s in chain.steps for name in s.cited}
    return [pair for pair, keep in zip(lemmas, kept, strict=True) if keep]


class Plan:
    """Every chain of a run in the order it is decided: the lemma library's lemma chains
    that the files checked cite, then the lemma chains of the files checked, then their
    other chains."""

    def __init__(
        self,
        derivations: Sequence[Derivation],
        library: Sequence[Derivation] = (),
        *,
        every_lemma: bool = False,
    ) -> None:
        """``every_lemma``: every lemma chain of the library is planned, cited or not (to
        list the lemmas, ``xentproof rules``)."""
        self.derivations = tuple(derivations)  # the files checked, whose results are reported
        ordered = (
            [(d, c) for d in library for c in d.chains if c.lemma is not None]
            if every_lemma
            else _cited_from_library(derivations, library)
        )
        ordered += [(d, c) for d in derivations for c in d.chains if c.lemma is not None]
        ordered += [(d, c) for d in derivations for c in d.chains if c.lemma is None]
        self.chains = tuple(PlannedChain(d, c, k) for k, (d, c) in enumerate(ordered))
        self.by_name = {(p.derivation.path, p.chain.name): p for p in self.chains}
        self.jobs = tuple(
            Job(p.derivation.path, p.chain.name, k)
            for p in self.chains
            for k in range(1, len(p.chain.steps))
        )
        # The chain that may prove each lemma: the first that declares it (the files are
        # read with a name declared twice, or taken by a built-in rule, as an input problem;
        # here a later declaration, or one of a built-in name, proves nothing).
        self.providers: dict[str, PlannedChain] = {}
        for p in self.chains:
            name = p.chain.lemma
            if name is not None and name not in _BUILTIN_NAMES:
                self.providers.setdefault(name, p)

    def chain_of(self, job: Job) -> PlannedChain:
        return self.by_name[(job.file, job.chain)]


class Schedule:
    """The jobs of a plan, handed out as they may be decided, and their decisions.

    ``read_cache`` takes every decision the proof cache has, in plan order (so that a
    lemma proved from the cache is known to the jobs that cite it); ``take`` gives the
    next job to decide, ``finish`` takes it back decided. A job that cites a lemma waits
    until every chain before its own that could prove that lemma is decided.
    """

    def __init__(
        self,
        plan: Plan,
        decider: Decider,
        book: RuleBook,
        cache: ProofCache | None = None,
        progress: Progress | None = None,
        *,
        slow_first: bool = False,
    ) -> None:
        self.plan = plan
        self.decider = decider
        self.book = book
        self.cache = cache
        self.progress = progress
        self.decided: dict[Job, Decided] = {}
        self._waiting = list(plan.jobs)
        if slow_first:  # a pool: start the likely slow relations first
            rank = _ranks(plan)
            self._waiting.sort(key=lambda job: rank[job])
        self._keys: dict[Job, str] = {}
        self._open = {
            (p.derivation.path, p.chain.name): len(p.chain.steps) - 1 for p in plan.chains
        }
        self._passed: dict[tuple[str, str], bool] = {}  # lemma chains decided: all PROVED?
        self._total = len(plan.jobs)  # the jobs to decide, for progress
        self._finished = 0

    @property
    def done(self) -> bool:
        return len(self.decided) == len(self.plan.jobs)

    @property
    def left(self) -> int:
        """Jobs not decided yet."""
        return len(self.plan.jobs) - len(self.decided)

    def read_cache(self) -> None:
        """Take every decision the cache holds for a job that may be looked up now."""
        if self.cache is None:
            return
        for job in self.plan.jobs:
            ready, lemma = self._citation(job)
            later, others = self._later_citations(job)
            if ready and later:
                self._from_cache(job, lemma, others)
        self._total = self.left

    def take(self, prefer: tuple[str, str] | None = None) -> Task | None:
        """The next job to decide (cache entries are taken on the way), or None when every
        job is decided or waits for a lemma chain being decided elsewhere.

        ``prefer``: a chain (file, name) whose next waiting job, if one may be decided
        now, comes first: a worker that goes on with the chain it decided last reuses
        what it made for it (the chain's domains, each step's prepared form, SymPy's
        cache), which a worker new to the chain makes again (a tenth of a cold run's
        deciding, on the shipped derivations)."""
        if prefer is not None:
            for position, job in enumerate(self._waiting):
                if (job.file, job.chain) == prefer:
                    task = self._take_at(position)
                    if task is not None:
                        return task
                    break
        position = 0
        while position < len(self._waiting):
            job = self._waiting[position]
            ready, lemma = self._citation(job)
            later, others = self._later_citations(job)
            if not (ready and later):
                position += 1
            elif not self._from_cache(job, lemma, others):
                return self._handed_out(position, lemma, others)
        return None

    def _take_at(self, position: int) -> Task | None:
        """The waiting job at ``position`` handed out, if it may be decided now and the
        cache does not hold it (then it is recorded, and None is returned)."""
        job = self._waiting[position]
        ready, lemma = self._citation(job)
        later, others = self._later_citations(job)
        if not (ready and later) or self._from_cache(job, lemma, others):
            return None
        return self._handed_out(position, lemma, others)

    def _handed_out(self, position: int, lemma: Lemma | None, others: tuple[Lemma, ...]) -> Task:
        job = self._waiting.pop(position)
        if self.progress is not None:
            self.progress(self._finished, self._total, f"{job.file}: {job.chain}")
        planned = self.plan.chain_of(job)
        return Task(job, planned.derivation, planned.chain, lemma, others)

    def finish(self, task: Task, decided: Decided) -> None:
        """Keep a job's decision (in the cache too, unless it was stopped or timed out)."""
        if self.cache is not None and not (decided.stopped or decided.decision.timed_out):
            self.cache.put(self._key(task.job, task.lemma, task.others), decided.decision)
        self._finished += 1
        self._record(task.job, decided)

    def _key(self, job: Job, lemma: Lemma | None, others: tuple[Lemma, ...] = ()) -> str:
        if job not in self._keys:
            planned = self.plan.chain_of(job)
            self._keys[job] = self.decider.key(
                planned.derivation, planned.chain, job.index, lemma, others
            )
        return self._keys[job]

    def _from_cache(self, job: Job, lemma: Lemma | None, others: tuple[Lemma, ...] = ()) -> bool:
        """Whether the cache had the job's decision (then it is recorded)."""
        if self.cache is None or job in self.decided:
            return False
        started = time.perf_counter()
        decision = self.cache.get(self._key(job, lemma, others))
        if decision is None:
            return False
        self._waiting.remove(job)
        self._record(job, Decided(decision, time.perf_counter() - started, cached=True))
        return True

    def _record(self, job: Job, decided: Decided) -> None:
        self.decided[job] = decided
        name = (job.file, job.chain)
        self._open[name] -= 1
        planned = self.plan.by_name[name]
        lemma = planned.chain.lemma
        if (
            self._open[name] == 0
            and lemma is not None
            and self.plan.providers.get(lemma) is planned
        ):
            # Only a chain whose every relation is PROVED is a lemma: one that passes the
            # gate as an erratum (refuted as expected) or on numeric agreement is not, and
            # an erratum never is (docs/semantics.md §12), even where it was proved.
            proved = all(
                self.decided[Job(job.file, job.chain, k)].decision.verdict is Verdict.PROVED
                and planned.chain.steps[k].expect is None
                for k in range(1, len(planned.chain.steps))
            )
            self._passed[name] = proved
            if proved:
                self.book.add_lemma(self.decider.lemma(planned.derivation, planned.chain))

    def _citation(self, job: Job) -> tuple[bool, Lemma | None]:
        """Whether the job may be decided now, and the proved lemma its step cites: the
        lemma as the run stands when the job's chain comes (proved by the chain that
        declares it, if that comes before). A job waits until that chain is decided."""
        planned = self.plan.chain_of(job)
        name = planned.chain.steps[job.index].by
        provider = None if name is None else self.plan.providers.get(name)
        if name is None or provider is None or provider.position >= planned.position:
            return True, None
        passed = self._passed.get((provider.derivation.path, provider.chain.name))
        if passed is None:
            return False, None
        return True, self.book.lemmas[name] if passed else None

    def _later_citations(self, job: Job) -> tuple[bool, tuple[Lemma, ...]]:
        """For a step that cites several lemmas (``by = [ … ]``): whether the chains that
        prove those after the first are decided, and the proved ones among them (a lemma
        not proved is left out; the replay then says it is missing)."""
        planned = self.plan.chain_of(job)
        found: list[Lemma] = []
        for name in planned.chain.steps[job.index].cited[1:]:
            provider = self.plan.providers.get(name)
            if provider is None or provider.position >= planned.position:
                continue
            passed = self._passed.get((provider.derivation.path, provider.chain.name))
            if passed is None:
                return False, ()
            if passed:
                found.append(self.book.lemmas[name])
        return True, tuple(found)


def decide_task(
    decider: Decider,
    derivation: Derivation,
    chain: Chain,
    index: int,
    lemma: Lemma | None,
    others: tuple[Lemma, ...],
) -> Decision:
    """``decider.decide``, given ``others`` only where a step cites several lemmas."""
    if others:
        return decider.decide(derivation, chain, index, lemma, others=others)
    return decider.decide(derivation, chain, index, lemma)


def decide_here(schedule: Schedule) -> None:
    """Decide every job of ``schedule`` in this process, one after the other, in plan order."""
    while (task := schedule.take()) is not None:
        started = time.perf_counter()
        decision = decide_task(
            schedule.decider, task.derivation, task.chain, task.job.index, task.lemma, task.others
        )
        schedule.finish(task, Decided(decision, time.perf_counter() - started))
    assert schedule.done  # in plan order, no job waits for a later one


def _ranks(plan: Plan) -> dict[Job, tuple[int, int, int]]:
    """The order a pool takes the jobs in: lemma chains first (other jobs wait for them),
    then the likely slow relations, so that no worker is left with one at the end:
    equations (solved for roots), then sums and products, then a cited rule; within each,
    the longer steps."""
    ranks: dict[Job, tuple[int, int, int]] = {}
    for position, job in enumerate(plan.jobs):
        chain = plan.chain_of(job).chain
        a, b = chain.steps[job.index - 1].expr, chain.steps[job.index].expr
        size = sum(1 for e in (a, b) for _ in sympy.preorder_traversal(e))
        if isinstance(a, sympy.Eq) or isinstance(b, sympy.Eq):
            cost = 3_000_000 + size
        elif a.has(sympy.Sum, sympy.Product) or b.has(sympy.Sum, sympy.Product):
            cost = 2_000_000 + size
        else:
            cost = (1_000_000 if chain.steps[job.index].by is not None else 0) + size
        ranks[job] = (0 if chain.lemma is not None else 1, -cost, position)
    return ranks


# -- assembling the report -------------------------------------------------------------


def assemble(
    plan: Plan, decided: dict[Job, Decided], budget: Budget | None = None
) -> tuple[DerivationResult, ...]:
    """The results of the files checked, in their order, from every job's decision; with
    the run's ``budget``, a step that asked for more than it gives is told so."""
    return tuple(
        DerivationResult(
            d.path,
            d.title,
            tuple(chain_result(d, c, decided, budget) for c in d.chains),
            d.source,
            d.coverage,
        )
        for d in plan.derivations
    )


def chain_result(
    derivation: Derivation,
    chain: Chain,
    decided: dict[Job, Decided],
    budget: Budget | None = None,
) -> ChainResult:
    indices = set(index_symbols(derivation.symbols.values()))
    relations = []
    for k in range(1, len(chain.steps)):
        prev, nxt = chain.steps[k - 1], chain.steps[k]
        # an index left dangling is a finding about the steps as written, not a decision
        findings = [*(_dangling(prev, indices) if k == 1 else ()), *_dangling(nxt, indices)]
        if budget is not None:  # so is a step's own limit above the run's
            findings += budget.over(nxt.timeout, nxt.memory)
        job = Job(derivation.path, chain.name, k)
        result = relation_result(prev, nxt, k, decided[job], tuple(findings))
        if budget is not None:  # what the relation had, beside what it used (``seconds``)
            result = replace(result, budget=budget.seconds(nxt.timeout))
        relations.append(result)
    proved = bool(relations) and all(r.verdict is Verdict.PROVED for r in relations)
    return ChainResult(
        chain.name,
        chain.line,
        tuple(relations),
        chain.claims,
        chain.steps[0].display,
        chain.lemma,
        chain_relation(tuple(r.relation for r in relations)) if proved else None,
        chain.steps[-1].display,
    )


def relation_result(
    prev: Step, nxt: Step, index: int, decided: Decided, findings: tuple[str, ...] = ()
) -> RelationResult:
    """A relation's result: where and how it is written, and what was decided."""
    decision = decided.decision
    return RelationResult(
        index=index,
        line=nxt.line,
        relation=nxt.rel or "=",
        lhs=prev.text,
        rhs=nxt.text,
        lhs_display=prev.display,
        rhs_display=nxt.display,
        rule=nxt.by,
        note=nxt.note,
        expect=nxt.expect,
        accept=nxt.accept,
        rhs_latex=nxt.latex,
        verdict=decision.verdict,
        method=decision.method,
        conditions=decision.conditions,
        counterexample=decision.counterexample,
        evidence=decision.evidence,
        reason=decision.reason,
        warnings=(*findings, *decision.warnings),
        agreeing=decision.agreeing,
        undefined_points=decision.undefined_points,
        numeric_objection=decision.numeric_objection,
        seconds=round(decided.seconds, 4),
        cached=decided.cached,
    )


def _dangling(step: Step, indices: set[sympy.Symbol]) -> list[str]:
    """An index used outside every sum or product that could bind it (y[i] after Σ ends)."""
    loose = sorted((s for s in step.expr.free_symbols if s in indices), key=str)
    return [
        f"line {step.line}: index {s} is used outside any Sum/Product that binds it; "
        "the step must then hold for every value of it"
        for s in loose
    ]
