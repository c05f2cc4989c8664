"""Families a document defines member by member (``let: \\hat{y}_j = …``, ``let: L_i =
…``, ``let: I(s_i) = …``): each member a step writes is replaced by the body at the
member's own index, with what the body needs to be defined; an index the body binds (a sum
over it) is refused, never captured."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import sympy

from ..definedness import Requirement
from ..errors import ExpressionError


@dataclass(frozen=True)
class MemberConstant:
    """A family defined member by member: the index it is defined at, the body there."""

    index: sympy.Symbol
    expr: sympy.Basic
    guards: tuple[Requirement, ...]
    line: int


def members_replaced(
    expr: sympy.Basic,
    guards: tuple[Requirement, ...],
    line: int,
    families: Mapping[sympy.Basic, MemberConstant],
) -> tuple[sympy.Basic, tuple[Requirement, ...]]:
    """Every member of the ``families`` (by their IndexedBase) in ``expr``, replaced by its
    body at the member's index (and the body's guards with it)."""
    found = [
        node
        for node in sympy.preorder_traversal(expr)
        if isinstance(node, sympy.Indexed) and node.base in families
    ]
    if not found:
        return expr, guards
    change: dict[sympy.Basic, sympy.Basic] = {}
    added: list[Requirement] = []
    for member in found:
        defined = families[member.base]
        (at,) = member.indices
        captured = _captured(defined.expr, defined.index, at.free_symbols)
        if captured:
            names = ", ".join(sorted(str(c) for c in captured))
            raise ExpressionError(
                f"{member}: its definition sums over {names}, the index it is read at; "
                "write the member at another index",
                line=line,
            )
        swap: dict[sympy.Basic, sympy.Basic] = {defined.index: at}
        change[member] = defined.expr.xreplace(swap)
        added.extend(g.mapped(_swapper(swap)) for g in defined.guards)
    inside = [g.mapped(_swapper(change)) for g in guards]  # log(ŷ_j) needs the body > 0
    return expr.xreplace(change), (*inside, *added)


def _swapper(swap: dict[sympy.Basic, sympy.Basic]) -> Callable[[sympy.Basic], sympy.Basic]:
    def change(expr: sympy.Basic) -> sympy.Basic:
        return expr.xreplace(swap)

    return change


def _captured(body: sympy.Basic, index: sympy.Basic, names: set[sympy.Basic]) -> set[sympy.Basic]:
    """The names a sum or product of ``body`` binds where ``index`` occurs inside it: putting
    an expression of those names for ``index`` there would be captured by the sum."""
    written = {str(name) for name in names}  # by name: a bound k and a free k print alike
    found: set[sympy.Basic] = set()
    for node in sympy.preorder_traversal(body):
        if isinstance(node, (sympy.Sum, sympy.Product)) and index in node.free_symbols:
            found |= {limit[0] for limit in node.limits if str(limit[0]) in written}
    return found
