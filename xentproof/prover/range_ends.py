"""A sign shown at the ends of a declared range: an expression affine in a symbol ``k`` of a
range ``{lo, ..., C}`` (``C − k``, ``K − k + 1``) is ≥ 0 (> 0) wherever ``k`` is when it is
at ``k = lo`` and at ``k = C`` (an affine function on an interval lies between its values
at the ends; the range is never empty, docs/semantics.md §6). SymPy's assumptions know
``k ≥ 1`` but not ``k ≤ C``, so ``K − k ≥ 0`` for ``k`` in ``{1, ..., K}`` was not shown on
the domains. Each end is shown by ``establish`` itself (passed in: this module sits below
it).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import sympy

from ..substitution import put
from .declared import DomainInfo, describe_domains

Facts = tuple[str, ...]
Establish = Callable[[sympy.Expr, str, Mapping[sympy.Basic, DomainInfo]], Facts | None]


def at_range_ends(
    expr: sympy.Basic, kind: str, infos: Mapping[sympy.Basic, DomainInfo], establish: Establish
) -> Facts | None:
    """The facts that show ``expr`` of ``kind`` (positive, nonnegative) from its values at
    the ends of a range symbol it is affine in, or None."""
    if kind not in ("positive", "nonnegative") or not isinstance(expr, sympy.Expr):
        return None
    names = {i.name: s for s, i in infos.items() if isinstance(s, sympy.Symbol)}
    for symbol in sorted(expr.free_symbols, key=str):
        info = infos.get(symbol)
        if info is None or info.domain.joint is not None or info.domain.bound is None:
            continue
        bound = info.domain.bound
        top = sympy.Integer(bound) if bound.isdigit() else names.get(bound)
        if top is None or info.domain.lo is None or sympy.diff(expr, symbol).has(symbol):
            continue
        facts: list[str] = [describe_domains([symbol], infos)[0]]
        for end in (info.domain.lo, top):
            found = establish(put(expr, {symbol: end}), kind, infos)
            if found is None:
                break
            facts += found
        else:
            return tuple(dict.fromkeys(facts))
    return None
