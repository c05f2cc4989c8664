"""The library surface: check derivation files, write the appendix, list the rules. The
command line is a thin layer on this.

Every check goes one way: read the files (``xentproof.inputs``), plan the relations to
decide (``checker.Plan``), take what the proof cache holds, decide the rest in this process
or in a pool of worker processes (``xentproof.workers``), then assemble the report once
(``xentproof.engine``). With a proof cache, the files whose record holds
(``xentproof.warm``) are not read at all: their results come from the record.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import ProofCache, cache_entries
from .errors import UsageError
from .result import (
    DerivationResult,
    InputProblem,
    Progress,
    RelationResult,
    Report,
    RuleInfo,
    Verdict,
)
from .scan import find_files
from .settings import DEFAULT_TIMEOUT, Budget, collector_tuned
from .warm import RunOptions, look_up

if TYPE_CHECKING:
    from .model import Derivation
    from .render.annotate import Mark

# What reads and decides (``xentproof.engine``, ``xentproof.inputs``, and with them SymPy)
# is imported inside the functions that read: a run that the proof cache's file records
# answer (``xentproof.warm``) imports none of it.

__all__ = [
    "Annotated",
    "Appendix",
    "annotate",
    "appendix",
    "cache_usage",
    "check",
    "check_paths",
    "clear_cache",
    "find_files",
    "list_rules",
    "load_paths",
]


def load_paths(
    paths: Sequence[str | Path],
) -> tuple[list[Derivation], list[InputProblem], list[Derivation]]:
    """Read every file; an unreadable one becomes an ``InputProblem`` and the rest go on.

    Returns the derivations, the problems, and the lemma library (neighbouring files that
    declare lemmas, proved but not reported).
    """
    from .inputs import read_inputs

    inputs = read_inputs(paths)
    return list(inputs.derivations), list(inputs.problems), list(inputs.library)


def check(
    derivations: Sequence[Derivation],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    progress: Progress | None = None,
) -> Report:
    """Check loaded derivations, in this process, each relation under ``timeout`` seconds
    (a step's own ``timeout`` may lower it, never raise it)."""
    from .engine import run
    from .inputs import Inputs, claim_lemma_names

    started = time.perf_counter()
    budget = Budget(timeout)
    checked, problems, _ = claim_lemma_names(derivations)
    inputs = Inputs(tuple(checked), tuple(problems))
    with collector_tuned():
        return run(inputs, started, budget, progress, None, None)


def check_paths(
    paths: Sequence[str | Path],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    progress: Progress | None = None,
    cache_dir: str | Path | None = None,
    workers: int | None = None,
    memory_mb: int | None = None,
    strict: bool = False,
    texts: Mapping[str, bytes] | None = None,
) -> Report:
    """Check every derivation file and document under ``paths``; unreadable files are
    listed in ``errors``.

    ``texts`` are derivations given as their bytes rather than as files, by the name they
    are reported under (``xentproof check -`` reads one from standard input); the lemmas of
    the folder that name is in may be cited, as for a file there.

    With ``cache_dir``, verdicts are kept there and a relation already decided is not
    decided again (see ``xentproof.cache``). With ``workers``, every relation is decided in
    a pool of that many worker processes, each under the time budget and ``memory_mb``
    (see ``xentproof.workers``); without, in this process. ``timeout`` and ``memory_mb`` are
    ceilings: a step's own ``timeout`` or ``memory`` may lower them, never raise them. A
    value that cannot be a budget (``timeout`` not finite and positive, ``memory_mb``
    below 64, ``workers`` below 1) raises ``UsageError``.
    With ``strict``, a display of a document that cannot be read fails the gate
    (``report.exit_code`` 1).
    """
    started = time.perf_counter()
    budget = _budget(timeout, memory_mb, workers)
    if cache_dir is not None and not texts:
        report = _check_with_records(paths, started, budget, progress, cache_dir, workers)
        if report is not None:
            return replace(report, strict=strict)
    from .engine import run
    from .inputs import read_inputs

    with collector_tuned():
        inputs = read_inputs(paths, texts or {})
        report = run(inputs, started, budget, progress, cache_dir, workers)
    return replace(report, strict=strict)


def _check_with_records(
    paths: Sequence[str | Path],
    started: float,
    budget: Budget,
    progress: Progress | None,
    cache_dir: str | Path,
    workers: int | None,
) -> Report | None:
    """The report from the proof cache's file records, reading and deciding only the files
    they do not answer for; None for a run they cannot answer at all (one with a
    document), which is then run whole."""
    cache = ProofCache(Path(cache_dir))
    options = RunOptions(budget.timeout, budget.memory_mb, workers is not None)
    found = look_up(paths, options, cache)
    if found is None:
        return None
    if not found.misses:  # nothing to read: SymPy is not imported
        results = tuple(found.hits[f] for f in found.files)
        return Report(results, tuple(found.problems), time.perf_counter() - started)
    from .engine import run_partial

    with collector_tuned():
        return run_partial(paths, found, started, budget, progress, cache, workers)


def _budget(timeout: float, memory_mb: int | None, workers: int | None) -> Budget:
    """The run's budget from the caller's arguments (``UsageError`` for one that is not)."""
    if workers is not None and (
        isinstance(workers, bool) or not isinstance(workers, int) or workers < 1
    ):
        raise UsageError(f"workers must be a whole number, at least 1, got {workers!r}")
    budget = Budget(timeout, memory_mb)
    # relations decided in this process have no memory cap: none is claimed
    return budget if workers is not None else Budget(timeout)


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
    detail: str = "default",
) -> Appendix:
    """Check the files under ``paths`` and write them as a LaTeX appendix.

    A derivation with a REFUTED or UNPROVED relation (errata refuted as expected aside) is
    never typeset as verified: the text is empty unless ``allow_failing``, and then every
    such relation is marked NOT VERIFIED. Unreadable files always leave the text empty.
    ``detail`` is ``"default"`` (what a journal appendix prints) or ``"full"`` (an audit
    appendix: every row's verdict and method, every step's line, side conditions and the
    LaTeX it was written in). Text the appendix's fonts cannot set (CJK) is an InputError.
    """
    if detail not in ("default", "full"):
        raise UsageError(f"detail must be 'default' or 'full', not {detail!r}")
    from .engine import run
    from .inputs import read_inputs

    started = time.perf_counter()
    budget = _budget(timeout, memory_mb, workers)
    with collector_tuned():
        inputs = read_inputs(paths)
        report = run(inputs, started, budget, progress, cache_dir, workers)
    if report.errors or (report.failing and not allow_failing):
        return Appendix("", report)
    # only here: neither the figures nor the LaTeX are part of a check's start-up
    from .figures import figures
    from .render.latex import Detail, render_latex

    points = figures(inputs.derivations)
    shown: Detail = "full" if detail == "full" else "default"
    text = render_latex(inputs.derivations, report, points, standalone=standalone, detail=shown)
    return Appendix(text, report)


@dataclass(frozen=True)
class Annotated:
    """What ``xentproof annotate`` makes: the marked copy of the document (empty when it
    could not be read) and the report behind it."""

    text: str
    report: Report


def annotate(
    path: str | Path,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    progress: Progress | None = None,
    cache_dir: str | Path | None = None,
    workers: int | None = None,
    memory_mb: int | None = None,
) -> Annotated:
    """Check a LaTeX document and mark every checked row with its verdict in a copy of it
    (``xentproof.render.annotate``): the copy compiles as the document does."""
    document = Path(path)
    if document.suffix.lower() != ".tex":
        raise UsageError(f"annotate marks a LaTeX document (.tex), not {document.name}")
    from .engine import run
    from .inputs import read_inputs

    started = time.perf_counter()
    budget = _budget(timeout, memory_mb, workers)
    with collector_tuned():
        inputs = read_inputs([document])
        report = run(inputs, started, budget, progress, cache_dir, workers)
    if report.errors or not inputs.derivations:
        return Annotated("", report)
    # only here: marking is no part of a check
    from .document.files import read_text_file
    from .render.annotate import annotate_latex

    marks = _marks(inputs.derivations[0], report.derivations[0])
    return Annotated(annotate_latex(read_text_file(document, "the document"), marks), report)


def _marks(derivation: Derivation, result: DerivationResult) -> list[Mark]:
    """A mark for every relation, at the end of the row its step ends on."""
    from .render.annotate import Mark

    marks: list[Mark] = []
    for chain, chain_result in zip(derivation.chains, result.chains, strict=True):
        for relation, step in zip(chain_result.relations, chain.steps[1:], strict=True):
            if step.end is None:
                continue
            if relation.verdict is Verdict.PROVED:
                marks.append(Mark(step.end, "proved"))
            elif relation.verdict is Verdict.UNPROVED:
                marks.append(Mark(step.end, "unproved"))
            else:
                kind = "erratum" if relation.expected_refuted else "refuted"
                marks.append(Mark(step.end, kind, _refutation(relation)))
    return marks


def _refutation(relation: RelationResult) -> str:
    example = relation.counterexample
    head = f"line {relation.line}: {relation.lhs} {relation.relation} {relation.rhs} is refuted"
    if relation.expected_refuted:
        head += " (an erratum, as expected)"
    if example is None:
        return head
    point = ", ".join(f"{k} = {v}" for k, v in example.point.items()) or "any point"
    return (
        f"{head} at {point}: left side {example.lhs_approx or example.lhs}, "
        f"right side {example.rhs_approx or example.rhs}"
    )


def list_rules(paths: Sequence[str | Path] = ()) -> list[RuleInfo]:
    """The built-in rules and the lemmas the files under ``paths`` declare (once proved)."""
    from .checker import Plan, Schedule, decide_here
    from .decide import Decider
    from .inputs import read_inputs
    from .lemmas import RuleBook

    book = RuleBook()
    if paths:
        inputs = read_inputs(paths)
        # every lemma chain, the library's first, is decided; nothing is reported
        plan = Plan((), [*inputs.library, *inputs.derivations], every_lemma=True)
        decide_here(Schedule(plan, Decider(), book))
    return book.infos()


def clear_cache(cache_dir: str | Path) -> int:
    """Remove every entry of the proof cache in ``cache_dir``; returns how many."""
    return ProofCache(Path(cache_dir)).clear()


def cache_usage(cache_dir: str | Path) -> tuple[int, int]:
    """The entries of the proof cache in ``cache_dir``, and their bytes."""
    entries = cache_entries(Path(cache_dir))
    return len(entries), sum(size for _, size, _ in entries)
