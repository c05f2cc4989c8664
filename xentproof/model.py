"""The derivation model: what a derivation file says, as plain frozen dataclasses.

The loader builds these; the checker reads them; nothing here proves or prints.
Every step keeps the line it was written on, so every finding can name file:line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

import sympy

from .coverage import Coverage
from .definedness import Requirement

# Between expressions; longest first where one is a prefix of another.
RELATIONS: tuple[str, ...] = ("<=>", "=>", "<=", ">=", "=", "<", ">")
# Between equations ("P = …" then "<=> log(P) = …"): equivalence and implication.
EQUATION_RELATIONS: tuple[str, ...] = ("<=>", "=>")
# The statements <=> and => join: an equation, or an inequality ("log(x) <= x - 1").
INEQUALITY_TYPES = (sympy.Le, sympy.Lt, sympy.Ge, sympy.Gt)


def is_statement(expr: sympy.Basic) -> bool:
    """An equation or an inequality (a step that <=> and => join), not an expression."""
    return isinstance(expr, (sympy.Eq, *INEQUALITY_TYPES))


def is_inequality(expr: sympy.Basic) -> bool:
    return isinstance(expr, INEQUALITY_TYPES)


def conclusion(relations: list[str]) -> str | None:
    """What a chain of these relations concludes between its first and last step, calc-style
    (``=`` and ``<=`` with one ``<`` give ``<``), or None: a chain that mixes the two
    directions, or joins equations, concludes nothing (docs/semantics.md §7)."""
    if any(r in EQUATION_RELATIONS for r in relations):
        return None
    up = [r for r in relations if r in ("<", "<=")]
    down = [r for r in relations if r in (">", ">=")]
    if up and down:
        return None
    if not (up or down):
        return "="
    strict = "<" in up or ">" in down
    return ("<" if strict else "<=") if up else (">" if strict else ">=")


@dataclass(frozen=True)
class Domain:
    """The set a symbol ranges over.

    Either a finite set of exact real numbers (``values``), or an interval from ``lo`` to
    ``hi`` (each end open or closed; ``-oo``/``oo`` for unbounded ends), optionally
    restricted to the integers; ``nonzero`` takes 0 out of it (``x ≠ 0``).

    ``bound`` names a declared integer symbol the domain depends on (docs/semantics.md §2):
    the upper end of an integer range ``{1, ..., C}`` (``hi`` is then oo, and the range is
    what a point must keep to), or the number of members of a family whose members are
    constrained jointly, ``joint``: ``"one-hot"`` (members 1..C in {0, 1}, exactly one of
    them 1) or ``"simplex"`` (members 1..K positive, summing to 1). The rest of the fields
    say what holds of each member (or value) alone, which every proof may use.
    """

    text: str
    values: tuple[sympy.Expr, ...] | None = None
    lo: sympy.Expr = sympy.S.NegativeInfinity
    hi: sympy.Expr = sympy.S.Infinity
    lo_open: bool = True
    hi_open: bool = True
    integer: bool = False
    nonzero: bool = False
    bound: str | None = None
    joint: str | None = None

    @property
    def is_finite(self) -> bool:
        return self.values is not None

    @property
    def is_constrained(self) -> bool:
        """Whether a point must keep to more than what each value alone says: a range up to
        a symbol, or a jointly constrained family."""
        return self.bound is not None

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class SymbolDecl:
    """A declared symbol, or an indexed family (``"y[i]"``) when ``indices`` is not empty."""

    name: str
    domain: Domain
    line: int
    symbol: sympy.Symbol | sympy.IndexedBase
    indices: tuple[str, ...] = ()

    @property
    def is_family(self) -> bool:
        return bool(self.indices)


@dataclass(frozen=True)
class FunctionDef:
    """A declared function ``name = "t -> body"``; ``func`` is the SymPy function steps apply."""

    name: str
    params: tuple[sympy.Symbol, ...]
    body: sympy.Expr
    text: str
    line: int
    func: sympy.FunctionClass
    # What the body as written needs to be defined, over the parameters (``t -> t/t`` needs
    # ``t ≠ 0``, though its body is built as 1): each call needs it of its arguments.
    guards: tuple[Requirement, ...] = ()

    @property
    def arity(self) -> int:
        return len(self.params)

    def as_lambda(self) -> sympy.Lambda:
        return sympy.Lambda(self.params, self.body)


@dataclass(frozen=True)
class VectorName:
    """A family the text also writes whole, in bold: the family, its dimension (expression
    text), the name of its component index as declared (``j`` of ``w[j]``), and whether
    that index is a declared name ranging over the components (``j \\in \\{1, …, d\\}``):
    then ``\\nabla_{\\mathbf{w}} f`` reads as the gradient's component j, ∂f/∂w_j."""

    family: str
    dimension: str
    index: str
    ranged: bool = False
    bindable: bool = False  # no declared name: a sum over the components may bind it


@dataclass(frozen=True)
class Notation:
    """How a derivation's names are written in LaTeX (its ``[latex]`` table).

    ``names`` maps a symbol, family or function name to its LaTeX (``yhat`` → ``\\hat{y}``);
    a function's entry may be a template with ``#1``, ``#2`` for its arguments and a
    condition after ``\\mid`` (``P(#1 \\mid x)``). ``index`` says how a family member
    ``y[i]`` is written: ``superscript`` (``y^{(i)}``) or ``subscript`` (``y_{i}``).
    The same table is read in reverse when a step is written in LaTeX.

    Two declarations settle what a text leaves unsaid, so that the reader never guesses:
    ``ranges`` gives the range of an index a sum or product writes without one (``\\sum_j``,
    ``\\sum_{j}^{C}``: ``j`` → ``("1", "C")``) or of a set it sums over (``\\sum_{x \\in
    \\mathcal{X}}``: the set's canonical LaTeX → its bounds), bounds as expression text;
    ``log_base`` is the base of ``\\log`` in a text that says it (``"2"``; ``\\ln`` stays
    natural). ``called_families`` are the families whose members the text writes as calls,
    ``p(x)`` for ``p[x]`` (declared so: a family alone means nothing, so ``p(…)`` is its
    member and never a product). ``vectors`` are the families the text also writes whole,
    in bold (``\\mathbf{w}^\\top \\mathbf{x}_i``: the sum over the components).
    """

    names: Mapping[str, str] = field(default_factory=dict)
    index: Literal["superscript", "subscript"] = "superscript"
    ranges: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    log_base: str | None = None
    called_families: frozenset[str] = frozenset()
    # A family read as vectors (``symbols: \\mathbf{w} \\in \\mathbb{R}^{d}``), by its bold
    # LaTeX; its last index is the component.
    vectors: Mapping[str, VectorName] = field(default_factory=dict)
    # The index names each family is declared with (``p[i]``: ``("i",)``): the range of
    # ``i`` is the support of ``E_{x \\sim p}`` when x has none of its own.
    family_indices: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Plot:
    """A figure a chain asks for: a step drawn against one variable over a range.

    ``step`` is the 0-based index of the step to draw (by default the last step that the
    chain says is equal to the first); every other symbol must be fixed by the chain's
    ``where``.
    """

    var: str
    lo: sympy.Expr
    hi: sympy.Expr
    line: int
    step: int = -1
    label: str | None = None


@dataclass(frozen=True)
class Step:
    """One step of a chain. The first step of a chain has no relation."""

    line: int
    text: str
    expr: sympy.Basic
    display: str
    rel: str | None = None
    by: str | None = None
    note: str | None = None
    expect: str | None = None  # "refuted": the step is a known mistake (an erratum)
    accept: str | None = None  # "numeric": numeric agreement is accepted, visibly
    timeout: float | None = None  # this relation's time budget, in seconds, if not the run's
    memory: int | None = None  # this relation's memory cap, in MB, if not the run's
    latex: str | None = None  # the LaTeX the author wrote, when the step was given as LaTeX
    # What the step as written needs to be defined, beyond what ``expr`` shows (SymPy has
    # already cancelled x/x in it): see ``xentproof.syntax.reader.Parsed``.
    guards: tuple[Requirement, ...] = ()
    # Where a mark in the margin goes (``xentproof annotate``): in a document, the offset of
    # the end of the row the step ends on; None for a derivation file.
    end: int | None = None
    # ``by = { rule = "NAME", at = { t = "q/p" } }``: the cited lemma's variables put to
    # expressions of this file (names as the lemma writes them), in the order written.
    at: tuple[tuple[str, sympy.Expr], ...] = ()
    # ``by = ["NAME", { rule = "OTHER", at = {…} }]``: every lemma cited, in the order each is
    # applied (``by`` and ``at`` are the first); empty when one rule is cited.
    cites: tuple[tuple[str, tuple[tuple[str, sympy.Expr], ...]], ...] = ()

    @property
    def cited(self) -> tuple[str, ...]:
        """The names of every rule the step cites."""
        if self.cites:
            return tuple(name for name, _ in self.cites)
        return () if self.by is None else (self.by,)


@dataclass(frozen=True)
class Chain:
    """A chain of steps; adjacent steps are joined by relations.

    ``where`` fixes symbols to values for the whole chain (a case of the derivation);
    ``lemma`` names the chain's conclusion so that other steps may cite it as a rule.
    """

    name: str
    line: int
    steps: tuple[Step, ...]
    claims: tuple[str, ...] = ()
    where: Mapping[str, sympy.Expr] = field(default_factory=dict)
    lemma: str | None = None
    note: str | None = None
    plot: Plot | None = None
    # ``assume = { x = "negative" }``: a case of the author's, the symbol's domain narrowed
    # for this chain only (the declared domain met with the assumed one), shown with every
    # relation of the chain.
    assume: Mapping[sympy.Basic, Domain] = field(default_factory=dict)


@dataclass(frozen=True)
class Constraint:
    """A named relation between declared symbols (``[constraints]``: ``ordered = "a < b"``)
    that every point of the derivation satisfies: sampled points keep to it, proofs may use
    it, and every relation states it as a side condition."""

    name: str
    text: str  # as displayed
    relation: sympy.Rel  # a < b, a <= b (a > b, a >= b kept as written)
    line: int


@dataclass(frozen=True)
class Derivation:
    """One derivation file, or one document read as one."""

    path: str
    title: str
    symbols: Mapping[str, SymbolDecl]
    functions: Mapping[str, FunctionDef]
    chains: tuple[Chain, ...]
    source: str | None = None
    notation: Notation = field(default_factory=Notation)
    # A document's displays and what became of each (None for a derivation file, which is
    # all chains): see ``xentproof.coverage`` and ``xentproof.document``.
    coverage: Coverage | None = None
    constraints: tuple[Constraint, ...] = ()

    def definitions(self) -> dict[sympy.FunctionClass, sympy.Lambda]:
        """Each declared function with the lambda that unfolds it."""
        return {f.func: f.as_lambda() for f in self.functions.values()}
