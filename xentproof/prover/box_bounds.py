"""Bounds of an expression over the whole of the declared domains, by interval arithmetic:
each symbol ranges over its declared interval (a finite set over the interval between its
least and largest value), and ``intervals.enclose`` bounds every part (sin and cos in
[−1, 1], tanh in (−1, 1), exp of an interval, cosh ≥ 1, powers, products, quotients by an
interval without 0). Where the bound of a difference of the sides stays on one side of 0,
the inequality holds at every point; where that of an expression stays above 0, the
expression is positive everywhere (the argument of a log, a denominator).

It is how |sin(x)^k·exp(−x²)| ≤ 1, sin(x) + sin(kx)/k < 2 and k + cos(x)·sin(y) > 0 hold:
each needs only the range of each function, never a derivative or a canonical form.
The difference is also bounded factored ((cos(kx) − 1)·cosh(x/k) ≤ 0: one factor ≤ 0, the
other ≥ 1), since interval arithmetic loses the link between two occurrences of a symbol.
Every bound is exact (rationals, rounded outwards; ``intervals``): no float decides.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import sympy

from ..notation import math_text
from ..substitution import BINDING
from .declared import DomainInfo
from .intervals import Interval, enclose

METHOD = "bounds of each part over the domains (interval arithmetic)"
MAX_OPS = 200  # a difference larger than this is not bounded
oo = sympy.oo


def domain_box(
    expr: sympy.Expr, infos: Mapping[sympy.Basic, DomainInfo]
) -> dict[sympy.Basic, Interval] | None:
    """The interval each symbol of ``expr`` ranges over (a member of a family: its family's),
    or None when a symbol is not declared or an end is not an exact number."""
    box: dict[sympy.Basic, Interval] = {}
    # the indices (and the family's label) of the members, asked once
    inside = {s for member in expr.atoms(sympy.Indexed) for s in member.free_symbols}
    for atom in expr.atoms(sympy.Symbol, sympy.Indexed):
        if isinstance(atom, sympy.Symbol) and atom in inside:
            continue  # an index of a member: the member has the family's range
        key = atom.base if isinstance(atom, sympy.Indexed) else atom
        info = infos.get(key)
        if info is None:
            return None
        span = _span(info)
        if span is None:
            return None
        box[atom] = span
    return box


def _span(info: DomainInfo) -> Interval | None:
    domain = info.domain
    if domain.values is not None:
        values = list(domain.values)
        if not values or not all(v.is_Rational for v in values):
            return None
        return Interval(min(values), max(values))
    ends = []
    for end, far in ((domain.lo, -oo), (domain.hi, oo)):
        if end.is_infinite:
            ends.append(far)
        elif end.is_Rational:
            ends.append(end)
        else:
            return None  # a symbolic end (a range bounded by another symbol)
    return Interval(ends[0], ends[1])


def bounded_sign(expr: sympy.Expr, kind: str, infos: Mapping[sympy.Basic, DomainInfo]) -> bool:
    """Whether the bounds of ``expr`` over the domains show it ``kind`` (positive,
    nonnegative or nonzero) at every point."""
    if kind not in ("positive", "nonnegative", "nonzero") or not _boundable(expr):
        return False
    for form in _forms(expr):
        bounds = _bounds(form, infos)
        if bounds is None:
            continue
        if bool(bounds.lo > 0) or (kind == "nonnegative" and bool(bounds.lo >= 0)):
            return True
        if kind == "nonzero" and bool(bounds.hi < 0):
            return True
    return False


def prove_by_bounds(
    relation: str, lhs: sympy.Expr, rhs: sympy.Expr, infos: Mapping[sympy.Basic, DomainInfo]
) -> tuple[str, tuple[str, ...]] | None:
    """A proof of ``lhs REL rhs`` (an inequality) from the bounds of the difference of its
    sides over the domains, or None."""
    if relation not in ("<", "<=", ">", ">="):
        return None
    strict = relation in ("<", ">")
    big, small = (lhs, rhs) if relation in (">", ">=") else (rhs, lhs)  # to show big ≥ small
    for (above, below), why in _comparisons(big, small, infos):
        difference = above - below
        if not _boundable(difference):
            continue
        for form in _forms(difference):
            bounds = _bounds(form, infos)
            if bounds is None:
                continue
            if bool(bounds.lo > 0) or (not strict and bool(bounds.lo >= 0)):
                sign = ">" if bool(bounds.lo > 0) else "≥"
                shown = f"{math_text(form)} {sign} 0 by the bounds of its parts"
                return METHOD, (shown, *why)
    return None


def _comparisons(
    big: sympy.Expr, small: sympy.Expr, infos: Mapping[sympy.Basic, DomainInfo]
) -> Iterator[tuple[tuple[sympy.Expr, sympy.Expr], tuple[str, ...]]]:
    """``big ≥ small`` as it is, then with an increasing function taken off both sides (an
    outward-rounded bound of log(k − 1) never shows log(k + u) − log(k − 1) ≥ 0): exp(A) ≥
    exp(B) where A ≥ B; log(A) ≥ log(B), or log(A) ≥ c, where A ≥ B (A ≥ exp(c)) and B
    (exp(c)) is shown positive by its bounds, so that both logs are defined."""
    yield (big, small), ()
    if isinstance(big, sympy.exp) and isinstance(small, sympy.exp):
        yield (big.args[0], small.args[0]), ("exp is increasing",)
    if isinstance(big, sympy.log):
        inner = (
            small.args[0]
            if isinstance(small, sympy.log)
            else sympy.exp(small)
            if small.is_number and small.is_extended_real is True
            else None
        )
        if inner is not None and (
            inner.is_positive is True or bounded_sign(inner, "positive", infos)
        ):
            yield (big.args[0], inner), ("log is increasing on the positive numbers",)


def _boundable(expr: sympy.Expr) -> bool:
    return not expr.has(*BINDING) and sympy.count_ops(expr) <= MAX_OPS


def _bounds(expr: sympy.Expr, infos: Mapping[sympy.Basic, DomainInfo]) -> Interval | None:
    box = domain_box(expr, infos)
    return None if box is None else enclose(expr, box)


def _forms(expr: sympy.Expr) -> Iterator[sympy.Expr]:
    """The expression as written, then factored (each occurrence of a symbol is bounded on
    its own: a factored form has fewer), then expanded."""
    yield expr
    seen = {expr}
    for make in (sympy.factor, sympy.expand):
        try:
            form = make(expr)
        except (sympy.PolynomialError, NotImplementedError, ValueError, TypeError):
            continue
        if form not in seen:
            seen.add(form)
            yield form
