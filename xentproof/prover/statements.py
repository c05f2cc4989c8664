"""A statement of a chain joined by ``<=>`` or ``=>``: an equation or an inequality, as the
set of points where it holds (docs/semantics.md §8). An inequality ``l ≤ r`` holds at a
point of the declared domains where both sides are defined and the comparison is true;
``l ≥ r`` is kept as ``r ≤ l``. Its value ``r − l`` is ≥ 0 there (> 0 for ``<``, 0 for an
equation).

Like an equation (``solution_sets``), a statement carries the guards of its written form:
SymPy simplifies while it builds, and a point where the written form is undefined is no
point of the set.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sympy

from ..definedness import Requirement, requirements
from ..model import INEQUALITY_TYPES
from ..notation import math_text
from .declared import DomainInfo
from .solution_sets import (
    _IMPLIES,
    UNDEFINED,
    Equation,
    Point,
    _above_guard,
    _terms_defined,
    _termwise,
    at_point,
    covers_where_needed,
    established,
    exact_sign,
    failing_guard,
    guard_holds,
    total_pieces,
)

_FLIPPED = {">": "<", ">=": "<="}
_SHOWN = {"<": "<", "<=": "≤", "=": "="}


@dataclass(frozen=True)
class Statement:
    """``lhs OP rhs`` with OP one of ``<``, ``<=``, ``=``; ``guards`` what every part of
    its written form needs to be defined."""

    lhs: sympy.Expr
    op: str
    rhs: sympy.Expr
    guards: tuple[Requirement, ...]

    @property
    def value(self) -> sympy.Expr:
        """``rhs − lhs``: ≥ 0 (> 0, = 0) exactly where the statement holds, if defined."""
        return self.rhs - self.lhs

    @property
    def equation(self) -> Equation:
        """The same sides as an equation (its boundary), with the same guards."""
        return Equation(self.lhs, self.rhs, self.guards)

    @property
    def strict(self) -> bool:
        return self.op == "<"

    def text(self) -> str:
        return f"{math_text(self.lhs)} {_SHOWN[self.op]} {math_text(self.rhs)}"

    def with_sides(self, lhs: sympy.Expr, op: str, rhs: sympy.Expr) -> Statement:
        """The same set written with other sides (the guards stay: they are part of it)."""
        if op in _FLIPPED:
            lhs, op, rhs = rhs, _FLIPPED[op], lhs
        return Statement(lhs, op, rhs, self.guards)


def statement_of(statement: sympy.Basic, written: Sequence[Requirement] = ()) -> Statement:
    """The statement a step states, with the guards of its written form (``written``)."""
    if isinstance(statement, sympy.Eq):
        lhs, op, rhs = statement.lhs, "=", statement.rhs
    elif isinstance(statement, INEQUALITY_TYPES):
        lhs, op, rhs = statement.lhs, str(statement.rel_op), statement.rhs
        if op in _FLIPPED:
            lhs, op, rhs = rhs, _FLIPPED[op], lhs
    else:
        raise TypeError(f"not a statement: {statement}")
    found: dict[tuple[sympy.Expr, str], Requirement] = {}
    for requirement in (*written, *requirements(lhs), *requirements(rhs)):
        found.setdefault((requirement.expr, requirement.kind), requirement)
    return Statement(lhs, op, rhs, tuple(found.values()))


def holds_at(statement: Statement, point: Point) -> bool | None:
    """Whether the statement holds at the point: every guard holds, each part is defined,
    both sides are real numbers and they compare as it says. Decided exactly; None where
    that cannot be done."""
    equation = statement.equation
    failing, decided = failing_guard(equation, point)
    if failing is not None:
        return False
    for side in (statement.lhs, statement.rhs):
        defined = _terms_defined(side, point)
        if defined is False:
            return False
        decided = decided and defined is True
    lhs, rhs = at_point(statement.lhs, point), at_point(statement.rhs, point)
    if not (isinstance(lhs, sympy.Expr) and isinstance(rhs, sympy.Expr)):
        return None
    signs = [exact_sign(lhs), exact_sign(rhs)]
    if UNDEFINED in signs:
        return False
    sign = exact_sign(rhs - lhs)
    if sign == UNDEFINED:
        return False
    if sign is None or None in signs:
        return None
    holds = {"<": sign > 0, "<=": sign >= 0, "=": sign == 0}[statement.op]
    if not holds:
        return False
    return True if decided else None


def covered(
    requirement: Requirement, given: Statement, infos: Mapping[sympy.Basic, DomainInfo]
) -> tuple[str, ...] | None:
    """How ``requirement`` holds at every point where ``given`` holds (the facts used), or
    None: it is a number of its kind, ``given`` needs it itself (or more), or the declared
    domains show it."""
    if requirement.expr.is_number:
        return () if guard_holds(requirement, {}) is True else None
    equation = given.equation
    if not _termwise(requirement.expr, equation):
        for guard in given.guards:
            if not covers_where_needed(guard, requirement):
                continue
            if guard.expr == requirement.expr and requirement.kind in _IMPLIES[guard.kind]:
                return ()
            above = _above_guard(requirement, guard, infos)
            if above is not None:
                return above
    return established(requirement.expr, requirement.kind, infos)


def defined_where_holds(
    source: Statement, target: Statement, infos: Mapping[sympy.Basic, DomainInfo]
) -> tuple[str, ...] | None:
    """That ``target`` is defined at every point where ``source`` holds: the side
    conditions that show it, or None."""
    facts: list[str] = []
    for guard in target.guards:
        shown = covered(guard, source, infos)
        if shown is None:
            return None
        facts += shown
    equation = target.equation
    if equation.has_pieces:
        pieces = total_pieces(equation, infos)
        if pieces is None:
            return None
        facts += pieces
    return tuple(dict.fromkeys(facts))
