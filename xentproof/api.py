"""The library surface: check derivation files, list rules. The CLI is a thin layer on this."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .cache import ProofCache
from .checker import Checker, CheckOptions, as_written
from .inputs import find_files, read_inputs
from .model import Derivation
from .result import InputProblem, Progress, RelationResult, Report, RuleInfo
from .rules import RuleBook
from .settings import DEFAULT_TIMEOUT, collector_tuned
from .workers import Job, PoolOptions, run_jobs

__all__ = ["Appendix", "appendix", "check", "check_paths", "find_files", "list_rules", "load_paths"]


def load_paths(
    paths: Sequence[str | Path],
) -> tuple[list[Derivation], list[InputProblem], list[Derivation]]:
    """Read every file; an unreadable one becomes an ``InputProblem`` and the rest go on.

    Returns the derivations, the problems, and the lemma library (neighbouring files that
    declare lemmas, proved but not reported).
    """
    inputs = read_inputs(paths)
    return list(inputs.derivations), list(inputs.problems), list(inputs.library)


def check(
    derivations: Sequence[Derivation],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    progress: Progress | None = None,
) -> Report:
    """Check loaded derivations."""
    started = time.perf_counter()
    with collector_tuned():
        results = Checker(RuleBook(), CheckOptions(timeout=timeout), progress).check(derivations)
    return Report(tuple(results), (), time.perf_counter() - started)


def check_paths(
    paths: Sequence[str | Path],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    progress: Progress | None = None,
    cache_dir: str | Path | None = None,
    workers: int | None = None,
    memory_mb: int | None = None,
) -> Report:
    """Check every derivation file under ``paths``; unreadable files are listed in ``errors``.

    With ``cache_dir``, verdicts are kept there and a relation already decided is not
    decided again (see ``xentproof.cache``). With ``workers``, every relation is decided in
    a pool of that many worker processes, each under the time budget and ``memory_mb``
    (see ``xentproof.workers``); without, in this process.
    """
    started = time.perf_counter()
    with collector_tuned():
        loaded = load_paths(paths)
        return _check(paths, loaded, started, timeout, progress, cache_dir, workers, memory_mb)


def _check(
    paths: Sequence[str | Path],
    loaded: tuple[list[Derivation], list[InputProblem], list[Derivation]],
    started: float,
    timeout: float,
    progress: Progress | None,
    cache_dir: str | Path | None,
    workers: int | None,
    memory_mb: int | None,
) -> Report:
    """``check_paths`` once the files are read (``loaded``: what ``load_paths`` returns)."""
    derivations, problems, library = loaded
    cache = ProofCache(Path(cache_dir)) if cache_dir is not None else None
    checker = Checker(RuleBook(), CheckOptions(timeout=timeout, cache=cache), progress)
    if workers is not None:
        # What the cache already holds is read here; only the rest goes to workers (none
        # are started when nothing is left).
        for d in derivations:
            for c in d.chains:
                for k in range(1, len(c.steps)):
                    hit = checker.cached(d, c, k)
                    if hit is not None:
                        checker.decided[(d.path, c.name, k)] = hit
        options = PoolOptions(
            tuple(str(p) for p in paths),
            timeout,
            memory_mb,
            None if cache_dir is None else str(cache_dir),
        )
        checker.decided |= _decide_in_workers(
            derivations, options, workers, progress, skip=set(checker.decided), library=library
        )
        checker.progress = None
    checker.prove_lemmas(library)
    results = checker.check(derivations)
    return Report(tuple(results), tuple(problems), time.perf_counter() - started)


def _decide_in_workers(
    derivations: Sequence[Derivation],
    options: PoolOptions,
    workers: int,
    progress: Progress | None,
    skip: set[Job],
    library: Sequence[Derivation] = (),
) -> dict[Job, RelationResult]:
    steps = {
        (d.path, c.name, k): (c.steps[k - 1], c.steps[k])
        for d in derivations
        for c in d.chains
        for k in range(1, len(c.steps))
        if (d.path, c.name, k) not in skip
    }
    if not steps:
        return {}
    budgets = {job: nxt.timeout for job, (_, nxt) in steps.items() if nxt.timeout is not None}
    decided = run_jobs(
        list(steps), options, workers, progress, budgets, loaded=(derivations, library)
    )
    for job, result in decided.items():
        if result.line == 0:  # stopped in its worker: say which relation it was
            prev, nxt = steps[job]
            decided[job] = replace(result, **as_written(prev, nxt))
    return decided


@dataclass(frozen=True)
class Appendix:
    """What ``xentproof latex`` makes: the LaTeX, the report behind it, and the relations
    that keep it from being typeset as verified (empty when every relation passes)."""

    text: str
    report: Report

    @property
    def failing(self) -> tuple[tuple[str, str, RelationResult], ...]:
        return self.report.failing

    @property
    def refused(self) -> bool:
        return bool(self.failing) or bool(self.report.errors)


def appendix(
    paths: Sequence[str | Path],
    *,
    standalone: bool = False,
    allow_failing: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    progress: Progress | None = None,
    cache_dir: str | Path | None = None,
    workers: int | None = None,
    memory_mb: int | None = None,
) -> Appendix:
    """Check the files under ``paths`` and write them as a LaTeX appendix.

    A derivation with a REFUTED or UNPROVED relation (errata refuted as expected aside) is
    never typeset as verified: the text is empty unless ``allow_failing``, and then every
    such relation is marked NOT VERIFIED. Unreadable files always leave the text empty.
    """
    started = time.perf_counter()
    with collector_tuned():
        loaded = load_paths(paths)
        report = _check(paths, loaded, started, timeout, progress, cache_dir, workers, memory_mb)
    if report.errors or (report.failing and not allow_failing):
        return Appendix("", report)
    # only here: neither the figures nor the LaTeX are part of a check's start-up
    from .figures import figures
    from .render.latex import render_latex

    points = figures(loaded[0])
    return Appendix(render_latex(loaded[0], report, points, standalone=standalone), report)


def list_rules(paths: Sequence[str | Path] = ()) -> list[RuleInfo]:
    """The built-in rules and the lemmas the files under ``paths`` declare (once proved)."""
    book = RuleBook()
    if paths:
        derivations, _, library = load_paths(paths)
        Checker(book).prove_lemmas([*library, *derivations])
    return book.infos()
