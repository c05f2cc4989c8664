"""Sums and products whose ranges differ by a few terms, written over a common range.

Σ_{i=a}^{B+k} f = Σ_{i=a}^{B} f + f(B+1) + … + f(B+k) for a constant k ≥ 1, and likewise
at the lower bound and for products. The shorter range must not be empty in a way that
changes its meaning (an empty sum is 0 here, not SymPy's Karr convention), so the rule is
used only when B ≥ a − 1 follows from the symbols' assumptions.
"""

from __future__ import annotations

import sympy

from ..notation import math_text

MAX_TERMS = 8  # terms split off one sum


def _split_top(node: sympy.Sum | sympy.Product, base: sympy.Expr, k: int) -> sympy.Expr:
    index, lo, _ = node.limits[0]
    terms = [node.function.subs(index, base + j) for j in range(1, k + 1)]
    shorter = type(node)(node.function, (index, lo, base))
    return (
        shorter + sympy.Add(*terms) if isinstance(node, sympy.Sum) else shorter * sympy.Mul(*terms)
    )


def _split_bottom(node: sympy.Sum | sympy.Product, base: sympy.Expr, k: int) -> sympy.Expr:
    index, lo, hi = node.limits[0]
    terms = [node.function.subs(index, lo + j) for j in range(k)]
    shorter = type(node)(node.function, (index, base, hi))
    return (
        shorter + sympy.Add(*terms) if isinstance(node, sympy.Sum) else shorter * sympy.Mul(*terms)
    )


def _offset(a: sympy.Expr, b: sympy.Expr) -> int | None:
    k = sympy.expand(a - b)
    return int(k) if k.is_Integer and 0 < k <= MAX_TERMS else None


def align_ranges(expr: sympy.Expr) -> tuple[sympy.Expr, list[str]]:
    """``expr`` with sums (products) over ranges that differ by a few terms at either end
    written over common ranges, the extra terms split off; and the conditions used."""
    conditions: list[str] = []
    for _ in range(3):
        expr, more = _align_once(expr)
        if not more:
            break
        conditions.extend(more)
    return expr, list(dict.fromkeys(conditions))


def _align_once(expr: sympy.Expr) -> tuple[sympy.Expr, list[str]]:
    """Each one-index sum (product) whose upper bound exceeds (lower bound falls short of)
    another's of the same kind by at most MAX_TERMS, cut there and the extra terms split
    off; and the ranges shown to have at least 0 terms."""
    nodes = [n for n in expr.atoms(sympy.Sum, sympy.Product) if len(n.limits) == 1]
    replacements: dict[sympy.Basic, sympy.Expr] = {}
    conditions: list[str] = []
    for node in nodes:
        _, lo, hi = node.limits[0]
        best: tuple[int, sympy.Expr, bool] | None = None
        for other in nodes:
            if type(other) is not type(node) or other == node:
                continue
            _, lo2, hi2 = other.limits[0]
            # The longer range cut where the other ends, if what is left is a range.
            top = _offset(hi, hi2)
            if top and (hi2 - lo + 1).is_nonnegative is True and (best is None or top > best[0]):
                best = (top, hi2, True)
            bottom = _offset(lo2, lo)
            if (
                bottom
                and (hi - lo2 + 1).is_nonnegative is True
                and (best is None or bottom > best[0])
            ):
                best = (bottom, lo2, False)
        if best is not None:
            k, base, top = best
            replacements[node] = (_split_top if top else _split_bottom)(node, base, k)
            index, lo, hi = node.limits[0]
            shorter = (
                f"{math_text(lo)} ≤ {math_text(index)} ≤ {math_text(base)}"
                if top
                else (f"{math_text(base)} ≤ {math_text(index)} ≤ {math_text(hi)}")
            )
            conditions.append(f"the range {shorter} has at least 0 terms (its size is ≥ 0)")
    return (expr.xreplace(replacements) if replacements else expr), conditions
