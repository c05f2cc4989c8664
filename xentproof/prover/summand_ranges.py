"""A condition on the terms of a sum holds only over its range.

``requirements`` lists what every part of a side needs with the index of a sum left free:
``Sum(1/(k*(k + 1)), (k, 1, N))`` needs ``k ≠ 0``, which no declared domain shows for an
arbitrary integer ``k``. The terms are evaluated only for ``k`` in the range, from ⌈lo⌉ to
⌊hi⌋ (docs/semantics.md §4; an empty range needs nothing), so it is enough to show the
condition for ``k = ⌈lo⌉ + d`` with ``d`` any nonnegative integer (or ``k = ⌊hi⌋ − d``): a
superset of the range, whatever the other bounds are.

That is sound only where the symbol is the index of sums and products alone: it must not be
free in the sides (a declared symbol of the same name used outside the sum) nor the variable
of anything else that binds (a limit, a derivative, an integral, a lambda), and every range
it indexes must start at the same lower bound (or end at the same upper one), so that the
instance covers each of them.
"""

from __future__ import annotations

from collections.abc import Iterable

import sympy

# What binds a variable without being a sum or product: an index named like one of their
# variables is left alone.
_OTHER_BINDERS = (sympy.Limit, sympy.Derivative, sympy.Integral, sympy.Lambda, sympy.Subs)


def index_instances(expr: sympy.Expr, sides: Iterable[sympy.Basic]) -> list[tuple[sympy.Expr, str]]:
    """``expr`` with the indices of sums it uses written from the first (then the last) term
    of their range, each with how that reads (``k ≥ 1``); empty when ``expr`` uses no such
    index."""
    sides = tuple(sides)
    free = set().union(*(s.free_symbols for s in sides))
    others = {v for side in sides for node in side.atoms(*_OTHER_BINDERS) for v in _bound_by(node)}
    ranges: dict[sympy.Basic, list[tuple[sympy.Expr, sympy.Expr]]] = {}
    for side in sides:
        for node in side.atoms(sympy.Sum, sympy.Product):
            for index, lo, hi in node.limits:
                ranges.setdefault(index, []).append((lo, hi))
    indices = [
        s
        for s in sorted(expr.free_symbols, key=str)
        if s in ranges and s not in free and s not in others
    ]
    if not indices:
        return []
    instances: list[tuple[sympy.Expr, str]] = []
    for end in ("lo", "hi"):
        change: dict[sympy.Basic, sympy.Expr] = {}
        texts: list[str] = []
        for index in indices:
            bounds = {lo if end == "lo" else hi for lo, hi in ranges[index]}
            if len(bounds) != 1:
                break
            (bound,) = bounds
            if bound.has(*ranges) or not bound.is_extended_real:
                break  # a bound in another index: left to the other methods
            d = sympy.Dummy("d", integer=True, nonnegative=True)
            if end == "lo":
                change[index] = sympy.ceiling(bound) + d
                texts.append(f"{index} ≥ {sympy.sstr(bound)}")
            else:
                change[index] = sympy.floor(bound) - d
                texts.append(f"{index} ≤ {sympy.sstr(bound)}")
        else:
            instances.append((expr.xreplace(change), ", ".join(texts)))
    return instances


def _bound_by(node: sympy.Basic) -> set[sympy.Basic]:
    """The variables ``node`` binds."""
    if isinstance(node, sympy.Lambda):
        return set(node.variables)
    if isinstance(node, sympy.Subs):
        return set(node.variables)
    if isinstance(node, sympy.Derivative):
        return set(node.variables)
    return {limit[0] for limit in node.limits}
