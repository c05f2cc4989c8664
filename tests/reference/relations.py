"""Relations at a point: whether each side is defined, its value, and whether it holds.

A relation ``a REL b`` between two expressions holds at a point when both sides are defined
there (real numbers, or ±oo for a limit that diverges) and the comparison is true; where a
side is undefined it does not hold. An equation ``l = r`` holds at a point (the point is a
solution) when both sides are defined and equal; ``E1 <=> E2`` holds at a point when both or
neither equation holds there, ``E1 => E2`` when E1 does not hold or E2 does; an inequality
``l <= r`` in such a step (a ``Comparison``) holds where both sides are defined and compare so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from . import numbers as n
from .domains import Declarations
from .evaluate import Evaluator, MemberKey, MemberSource, MissingValue, compare
from .numbers import Real, Undecidable, Undefined, Unsupported, Value, raised_precision
from .tree import Node

Equation = tuple[Node, Node]


class Comparison(tuple[Node, Node]):
    """An inequality ``l OP r`` of a ``<=>``/``=>`` step (a statement like an equation): it
    holds at a point where both sides are defined and compare as OP says."""

    op: str

    def __new__(cls, lhs: Node, op: str, rhs: Node) -> Comparison:
        made = super().__new__(cls, (lhs, rhs))
        made.op = op
        return made

    def __getnewargs__(self) -> tuple[Node, str, Node]:  # type: ignore[override]
        return self[0], self.op, self[1]  # pickled to the worker processes


Side = Node | Equation
COMPARISONS = {"=": "==", "<": "<", "<=": "<=", ">": ">", ">=": ">="}
EQUATION_RELATIONS = ("<=>", "=>")


@dataclass(frozen=True)
class Relation:
    """``lhs rel rhs`` as written in a chain, with what its names mean."""

    rel: str
    lhs: Side
    rhs: Side
    decl: Declarations
    text: tuple[str, str] = ("", "")

    @property
    def is_equation(self) -> bool:
        return self.rel in EQUATION_RELATIONS


@dataclass(frozen=True)
class SideResult:
    """A side at a point: its value (None when undefined), or whether an equation holds."""

    defined: bool
    value: Value | None = None
    holds: bool | None = None  # for an equation side
    reason: str = ""

    def __str__(self) -> str:
        if self.holds is not None:
            return ("holds" if self.holds else "does not hold") + (
                f" ({self.reason})" if self.reason else ""
            )
        return str(self.value) if self.defined else f"undefined ({self.reason})"


@dataclass(frozen=True)
class Outcome:
    """The relation at a point: ``holds`` is True, False, or None (not decided)."""

    holds: bool | None
    lhs: SideResult | None = None
    rhs: SideResult | None = None
    reason: str = ""
    inside: bool = True  # the point lies in the declared domains (and the chain's where)


def expression_side(ev: Evaluator, node: Node) -> SideResult:
    try:
        return SideResult(True, ev.value(node))
    except Undefined as error:
        return SideResult(False, reason=str(error))


def equation_side(ev: Evaluator, equation: Equation) -> SideResult:
    left, right = expression_side(ev, equation[0]), expression_side(ev, equation[1])
    if not (left.defined and right.defined):
        why = left.reason or right.reason
        return SideResult(True, holds=False, reason=f"a side is undefined: {why}")
    assert left.value is not None and right.value is not None
    op = equation.op if isinstance(equation, Comparison) else "=="
    return SideResult(True, holds=compare(op, left.value, right.value))


def inside_domains(ev: Evaluator, relation: Relation) -> bool:
    """Whether the point's values lie in their declared domains and agree with ``where``."""
    decl = relation.decl
    for name, node in ev.point.items():
        if name in decl.where and not compare(
            "==", ev.real(node, {}), ev.real(decl.where[name], {})
        ):
            return False
        declared = name in decl.symbols or name in decl.index_names
        if declared and not ev.contains(decl.domain_of(name), ev.real(node, {})):
            return False
        if name in decl.symbols and not ev.contains(decl.symbols[name], ev.real(node, {})):
            return False  # an assumed domain narrows the declared one, never widens it
        bound = decl.symbols[name].bound if name in decl.symbols else None
        if bound is not None and not _within(ev, node, bound):
            return False
    for (family, _), node in ev.members.items():
        if family in decl.families and not ev.contains(decl.families[family][0], ev.real(node, {})):
            return False
    if not all(_joint_holds(ev, family) for family in decl.families):
        return False
    return all(_constraint_holds(ev, c) for c in decl.constraints)


def _constraint_holds(ev: Evaluator, constraint: tuple[str, str, Node, Node]) -> bool:
    """A ``[constraints]`` relation at the point (members drawn as the sides need them);
    undefined or missing values do not satisfy it."""
    _, op, left, right = constraint
    try:
        return compare(op, ev.real(left, {}), ev.real(right, {}))
    except (Undefined, MissingValue, Undecidable, Unsupported):
        return False


def _size(ev: Evaluator, bound: str) -> int | None:
    """The value of a bound (a whole number, or a symbol's value at the point)."""
    if bound.isdigit():
        return int(bound)
    if bound not in ev.point:
        return None
    return n.as_integer(ev.real(ev.point[bound], {}))


def _within(ev: Evaluator, node: Node, bound: str) -> bool:
    """A value of a range {a, ..., C} is at most C (C given by the point)."""
    size = _size(ev, bound)
    value = n.as_integer(ev.real(node, {}))
    return size is not None and value is not None and value <= size


def _joint_holds(ev: Evaluator, family: str) -> bool:
    """The members of a one-hot or simplex family that the point gives are consistent with
    one label / one probability vector per row: indices in 1..C, at most one 1 (values
    summing to at most 1), and exactly 1 where every member of the row is given."""
    domain = ev.decl.families[family][0]
    if domain.joint is None or domain.bound is None:
        return True
    rows: dict[tuple[int, ...], list[Real]] = {}
    for (name, indices), node in ev.members.items():
        if name == family:
            rows.setdefault(indices[:-1], []).append(ev.real(node, {}))
            size = _size(ev, domain.bound)
            if size is None or not 1 <= indices[-1] <= size:
                return False
    for values in rows.values():
        total = values[0]
        for value in values[1:]:
            total = n.add(total, value)
        over = n.sign(n.sub(total, n.exact(Fraction(1))))
        complete = len(values) == _size(ev, domain.bound)
        if over > 0 or (complete and over != 0):
            return False
    return True


RETRY_DIGITS = (0, 60, 240, 960)


def evaluate_relation(
    relation: Relation,
    point: Mapping[str, Node],
    members: dict[MemberKey, Node] | None = None,
    member_source: MemberSource | None = None,
    retry_digits: tuple[int, ...] = RETRY_DIGITS,
) -> Outcome:
    """The relation at ``point`` (values of the declared symbols; the chain's ``where``
    fixes fill what the point leaves out). What 60 and 90 digits do not decide is tried
    again with 60, 240 and then 960 more digits (``retry_digits``: the digits added each
    try, the first usually 0)."""
    members = members if members is not None else {}
    outcome = Outcome(None)
    for digits in retry_digits:
        with raised_precision(digits):
            outcome = _evaluate(relation, point, members, member_source)
        if outcome.holds is not None:
            break
    return outcome


def _evaluate(
    relation: Relation,
    point: Mapping[str, Node],
    members: dict[MemberKey, Node],
    member_source: MemberSource | None,
) -> Outcome:
    values = {**relation.decl.where, **point}
    ev = Evaluator(relation.decl, values, members, member_source)
    try:
        if relation.is_equation:
            assert isinstance(relation.lhs, tuple) and isinstance(relation.rhs, tuple)
            lhs, rhs = equation_side(ev, relation.lhs), equation_side(ev, relation.rhs)
            assert lhs.holds is not None and rhs.holds is not None
            holds = (
                lhs.holds == rhs.holds if relation.rel == "<=>" else (not lhs.holds or rhs.holds)
            )
        else:
            assert not isinstance(relation.lhs, tuple) and not isinstance(relation.rhs, tuple)
            lhs, rhs = expression_side(ev, relation.lhs), expression_side(ev, relation.rhs)
            holds = False
            if lhs.value is not None and rhs.value is not None:
                holds = compare(COMPARISONS[relation.rel], lhs.value, rhs.value)
        inside = inside_domains(ev, relation)
    except (Undecidable, Unsupported) as error:
        return Outcome(None, reason=f"{type(error).__name__}: {error}")
    return Outcome(holds, lhs, rhs, inside=inside)
