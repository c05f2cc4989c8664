"""Verdicts and the evidence behind them: what the checker hands to every renderer.

Everything here is a frozen dataclass of plain strings and numbers, so that a renderer
never needs SymPy and a result can be serialised as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from .coverage import Coverage, DisplayFate, DisplayRecord
from .display import relation_symbol

# A step marked ``accept = "numeric"`` passes only with agreement at this many points.
MIN_NUMERIC_AGREEMENT = 10

# The exit statuses of a run (README, "Verdicts and exit codes"). A run that checked no
# relation is not a pass: like pytest's 5 for "no tests collected", a gate pointed at the
# wrong folder, or at files without chains, must not be green by accident.
EXIT_PASSED = 0
EXIT_FAILED = 1
EXIT_INPUT_ERROR = 2
EXIT_NOTHING_CHECKED = 5


class Verdict(StrEnum):
    """The one verdict of a relation (the contract: README, "Verdicts and exit codes")."""

    PROVED = "proved"
    REFUTED = "refuted"
    UNPROVED = "unproved"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Counterexample:
    """A point inside the declared domains where the relation fails.

    ``point`` maps symbol names to exact values; ``lhs``/``rhs`` are the exact values of the
    two sides there (as SymPy writes them) and ``lhs_approx``/``rhs_approx`` their decimal
    values, confirmed at high precision.
    """

    point: Mapping[str, str]
    lhs: str
    rhs: str
    lhs_approx: str
    rhs_approx: str

    def sides_shown(self) -> tuple[tuple[str, str], tuple[str, str]]:
        """("lhs", text) and ("rhs", text): the exact value, with its decimal value after
        "≈" unless there is none (an equation's side) or it would repeat the exact one."""

        def shown(exact: str, approx: str) -> str:
            return exact if not approx or approx == exact else f"{exact} ≈ {approx}"

        return ("lhs", shown(self.lhs, self.lhs_approx)), ("rhs", shown(self.rhs, self.rhs_approx))


@dataclass(frozen=True)
class Decision:
    """What was decided about one relation, and why: the part of its result that the
    decider makes, the proof cache keeps and a worker process sends back. Where the
    relation is written (file, line, text) is added when the report is assembled."""

    verdict: Verdict
    method: str
    conditions: tuple[str, ...] = ()
    counterexample: Counterexample | None = None
    evidence: str = ""
    reason: str = ""
    warnings: tuple[str, ...] = ()
    agreeing: int = 0  # sample points where the two sides agreed
    # sample points where a side was undefined and the other not (or both, for =), with
    # no counterexample confirmed there: numeric acceptance is refused
    undefined_points: int = 0
    # why agreement at the sample points says nothing beyond them (a sum whose length
    # grows without bound: ``prover.far_out``): numeric acceptance is refused
    numeric_objection: str = ""

    @property
    def timed_out(self) -> bool:
        """Stopped by its time budget: never cached, since a second try may finish."""
        return self.reason.startswith("time-out")


@dataclass(frozen=True)
class RelationResult:
    """The verdict on one relation ``lhs REL rhs`` between step ``index`` and ``index + 1``."""

    index: int
    line: int
    relation: str
    lhs: str
    rhs: str
    verdict: Verdict
    method: str
    lhs_display: str = ""
    rhs_display: str = ""
    rule: str | None = None
    conditions: tuple[str, ...] = ()
    counterexample: Counterexample | None = None
    evidence: str = ""
    reason: str = ""
    warnings: tuple[str, ...] = ()
    note: str | None = None
    seconds: float = 0.0
    expect: str | None = None
    accept: str | None = None
    agreeing: int = 0
    undefined_points: int = 0  # see Decision
    numeric_objection: str = ""  # see Decision
    cached: bool = False  # the verdict came from the proof cache
    rhs_latex: str | None = None  # the LaTeX the author wrote for the right side, if any
    budget: float | None = None  # the relation's time budget in seconds, where known

    @property
    def expected_refuted(self) -> bool:
        """An erratum that was refuted, as it should be (a strict xfail that failed)."""
        return self.expect == "refuted" and self.verdict is Verdict.REFUTED

    @property
    def accepted_numeric(self) -> bool:
        """Unproved, marked to accept numeric evidence, agreeing at enough points, and
        defined at every point looked at: a point where one side is undefined is one where
        the relation fails (docs/semantics.md §1), even where it could not be confirmed
        exactly (the derivative of |x| at 0)."""
        return (
            self.accept == "numeric"
            and self.verdict is Verdict.UNPROVED
            and self.agreeing >= MIN_NUMERIC_AGREEMENT
            and self.undefined_points == 0
            and not self.numeric_objection
        )

    @property
    def passed(self) -> bool:
        """Whether the relation passes the gate of ``xentproof check``."""
        if self.expect == "refuted":
            return self.expected_refuted
        return self.verdict is Verdict.PROVED or self.accepted_numeric


@dataclass(frozen=True)
class ChainResult:
    """The relations of one chain; ``concludes`` is the relation between its first and last
    step (calc-style, see ``chain_relation``) when every relation is PROVED, else None."""

    name: str
    line: int
    relations: tuple[RelationResult, ...]
    claims: tuple[str, ...] = ()
    first_display: str = ""
    lemma: str | None = None
    concludes: str | None = None
    last_display: str = ""

    @property
    def passed(self) -> bool:
        return all(r.passed for r in self.relations)

    @property
    def conclusion(self) -> str:
        """``first REL last`` (``−log(ŷ) ≥ 0``) when the chain concludes; empty otherwise."""
        if self.concludes is None:
            return ""
        return f"{self.first_display} {relation_symbol(self.concludes)} {self.last_display}"


def chain_relation(relations: tuple[str, ...]) -> str | None:
    """What a chain concludes between its first and last step, calc-style.

    ``a = b < c <= d`` concludes ``a < d``; a chain that mixes ``<`` with ``>`` concludes
    nothing (None).
    """
    kinds = set(relations) - {"="}
    if not kinds:
        return "="
    if kinds <= {"<", "<="}:
        return "<" if "<" in kinds else "<="
    if kinds <= {">", ">="}:
        return ">" if ">" in kinds else ">="
    return None


@dataclass(frozen=True)
class DerivationResult:
    """The chains of one derivation file, or of one document (``.tex``, ``.md``): a
    document also has its ``coverage``, what became of every display."""

    file: str
    title: str
    chains: tuple[ChainResult, ...]
    source: str | None = None
    coverage: Coverage | None = None

    @property
    def relations(self) -> tuple[RelationResult, ...]:
        return tuple(r for c in self.chains for r in c.relations)


@dataclass(frozen=True)
class InputProblem:
    """An input that could not be read; the run goes on with the other inputs."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Summary:
    derivations: int
    relations: int
    proved: int
    refuted: int
    unproved: int
    seconds: float
    expected_refuted: int = 0
    accepted_numeric: int = 0
    cached: int = 0
    documents: int = 0  # of the derivations, those read from a document
    displays: int = 0  # the documents' displays of mathematics
    chains_read: int = 0  # the documents' chains
    not_read: int = 0  # the documents' displays that could not be read
    partly_read: int = 0  # the documents' displays read only in part


@dataclass(frozen=True)
class Report:
    """The result of one run over one or more derivation files."""

    derivations: tuple[DerivationResult, ...]
    errors: tuple[InputProblem, ...] = ()
    seconds: float = 0.0
    extra: Mapping[str, str] = field(default_factory=dict)
    strict: bool = False  # a document's display that is not read fails the gate

    @property
    def relations(self) -> tuple[RelationResult, ...]:
        return tuple(r for d in self.derivations for r in d.relations)

    @property
    def summary(self) -> Summary:
        rels = self.relations
        count = {v: sum(1 for r in rels if r.verdict is v) for v in Verdict}
        documents = [d for d in self.derivations if d.coverage is not None]
        return Summary(
            derivations=len(self.derivations),
            relations=len(rels),
            proved=count[Verdict.PROVED],
            refuted=count[Verdict.REFUTED],
            unproved=count[Verdict.UNPROVED],
            seconds=round(self.seconds, 3),
            expected_refuted=sum(1 for r in rels if r.expected_refuted),
            accepted_numeric=sum(1 for r in rels if r.accepted_numeric),
            cached=sum(1 for r in rels if r.cached),
            documents=len(documents),
            displays=sum(len(d.coverage.displays) for d in documents if d.coverage),
            chains_read=sum(len(d.chains) for d in documents),
            not_read=sum(1 for _, d in self.not_read if d.fate is DisplayFate.NOT_READ),
            partly_read=sum(1 for _, d in self.not_read if d.fate is DisplayFate.PARTLY_READ),
        )

    @property
    def not_read(self) -> tuple[tuple[str, DisplayRecord], ...]:
        """Every display of the documents that could not be read, or was read only in
        part: (file, record)."""
        return tuple(
            (d.file, record)
            for d in self.derivations
            if d.coverage is not None
            for record in d.coverage.not_read
        )

    @property
    def failing(self) -> tuple[tuple[str, str, RelationResult], ...]:
        """Every relation that does not pass the gate: (file, chain, result)."""
        return tuple(
            (d.file, c.name, r)
            for d in self.derivations
            for c in d.chains
            for r in c.relations
            if not r.passed
        )

    @property
    def exit_code(self) -> int:
        """2 when any input was unreadable; 1 when, ``strict``, a document's display is
        not read; 5 when no relation was checked; 1 when any relation does not pass the
        gate; 0 when every one does."""
        if self.errors:
            return EXIT_INPUT_ERROR
        if self.strict and self.not_read:
            return EXIT_FAILED
        relations = self.relations
        if not relations:
            return EXIT_NOTHING_CHECKED
        return EXIT_PASSED if all(r.passed for r in relations) else EXIT_FAILED

    @property
    def nothing_checked(self) -> bool:
        """Whether the run checked no relation at all (exit status 5)."""
        return self.exit_code == EXIT_NOTHING_CHECKED


# Told how far a run is: relations decided, relations in all, what is being decided.
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class RuleInfo:
    """One citable rule as ``xentproof rules`` lists it."""

    name: str
    summary: str
    conditions: str
    origin: str = "built in"
