"""Inequalities between sums over one range by a double sum made symmetric: the way
(Σ zᵢ)² ≤ N·Σ zᵢ² (Cauchy–Schwarz with ones) is proved by hand.

Over a range i = lo..hi with n = hi − lo + 1 ≥ 1 terms (shown on the domains), every part
of the value to be shown ≥ 0 is written as a double sum Σᵢ Σⱼ over that range:
a product of two sums Σᵢ a(i)·Σⱼ b(j) is Σᵢ Σⱼ a(i)·b(j); one sum c·Σᵢ a(i) is
Σᵢ Σⱼ c·a(i)/n; a term t without sums is Σᵢ Σⱼ t/n². Swapping the two (finite) sums does
not change the value, so the double sum of F(i, j) equals that of
G(i, j) = (F(i, j) + F(j, i))/2, which is ≥ 0 wherever G is ≥ 0 for every pair of indices.
G ≥ 0 is proved by the whole cascade with the members zᵢ and zⱼ written as two arbitrary
values of their family (which covers i = j, and a constraint between the members only
narrows the values). Only non-strict relations; nothing here refutes.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy

from ..notation import math_text
from ..result import Verdict
from .declared import DomainInfo
from .inequalities import at_arbitrary_indices, oriented
from .outcome import Attempt, Prover
from .symbolic import Proof

Range = tuple[sympy.Expr, sympy.Expr]
_MAX_TERMS = 40


def prove_by_double_sum(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    prove: Prover,
) -> Proof | None:
    """The method and its conditions, or None when the value is not of this shape (or
    the symmetric summand is not proved ≥ 0)."""
    side = oriented(relation, lhs, rhs)
    if side is None or side[1]:
        return None
    try:
        value = sympy.expand(side[0])
    except (TypeError, ValueError, RecursionError):
        return None
    terms = sympy.Add.make_args(value)
    if len(terms) > _MAX_TERMS:
        return None
    weights = _simplex_weights(value, infos)
    found = _as_double_sum(terms, weights)
    if found is None:
        return None
    (lo, hi), i, j, summand, weighted = found
    count = hi - lo + 1
    nonempty = prove(">=", hi, lo, infos, Attempt(stage="double sum: range"))
    if nonempty.verdict is not Verdict.PROVED:
        return None
    symmetric = sympy.expand((summand + summand.xreplace({i: j, j: i})) / 2)
    pair, extended = at_arbitrary_indices(symmetric, {i: "i_", j: "j_"}, lo, infos)
    inner = prove(">=", pair, sympy.Integer(0), extended, Attempt(stage="double sum: pairs"))
    if inner.verdict is not Verdict.PROVED:
        return None
    conditions = (
        f"the range has {math_text(count)} ≥ 1 terms ({nonempty.method})",
        *(
            [f"Σ {math_text(weighted)} = 1 over the range ({math_text(weighted)} on the simplex)"]
            if weighted is not None
            else []
        ),
        f"as a double sum over i, j from {math_text(lo)} to {math_text(hi)}, made symmetric "
        f"in i and j, each term {math_text(symmetric)} ≥ 0: {inner.method}",
        *inner.conditions,
    )
    return "a double sum made symmetric", tuple(dict.fromkeys(conditions))


def _simplex_weights(
    value: sympy.Expr, infos: Mapping[sympy.Basic, DomainInfo]
) -> dict[str, sympy.IndexedBase]:
    """For each size K (as written), the one family of ``value`` declared on simplex(K),
    if only one is."""
    found: dict[str, list[sympy.IndexedBase]] = {}
    for base in {m.base for m in value.atoms(sympy.Indexed)}:
        info = infos.get(base)
        if info is not None and info.domain.joint == "simplex" and info.domain.bound is not None:
            found.setdefault(info.domain.bound, []).append(base)
    return {size: bases[0] for size, bases in found.items() if len(bases) == 1}


def _as_double_sum(
    terms: tuple[sympy.Expr, ...], weights: Mapping[str, sympy.IndexedBase]
) -> tuple[Range, sympy.Symbol, sympy.Symbol, sympy.Expr, sympy.Basic | None] | None:
    """The range, the two indices, the summand F(i, j) whose double sum is the sum of
    ``terms`` and the weights used (a family on the simplex over the range, whose sum 1
    stands in for Σⱼ 1/n; else None); None unless every sum has one index, all over the
    same range, and some term is a product of two sums (else termwise comparison is the
    method)."""
    sums = {s for term in terms for s in term.atoms(sympy.Sum)}
    if not sums or any(len(s.limits) != 1 for s in sums):
        return None
    ranges = {(s.limits[0][1], s.limits[0][2]) for s in sums}
    if len(ranges) != 1:
        return None
    ((lo, hi),) = ranges
    i, j = sympy.Dummy("i", integer=True), sympy.Dummy("j", integer=True)
    weight = weights.get(str(hi)) if lo == 1 else None
    # Σⱼ w(j) = 1 over the range: w the simplex family, or 1/n for each of the n terms
    count = hi - lo + 1
    w_i, w_j = (weight[i], weight[j]) if weight is not None else (1 / count, 1 / count)
    summand = sympy.Integer(0)
    paired = False
    for term in terms:
        coefficient, parts = _split(term)
        if parts is None or any(coefficient.has(s.limits[0][0]) for s in parts):
            return None
        if any(s.function.has(sympy.Sum, sympy.Product) for s in parts):
            return None
        bodies = [
            s.function.xreplace({s.limits[0][0]: k})
            for s, k in zip(parts, (i, j)[: len(parts)], strict=True)
        ]
        if len(parts) == 2:
            paired = True
            summand += coefficient * bodies[0] * bodies[1]
        elif len(parts) == 1:
            summand += coefficient * bodies[0] * w_j
        else:
            summand += coefficient * w_i * w_j
    return ((lo, hi), i, j, summand, weight) if paired else None


def _split(term: sympy.Expr) -> tuple[sympy.Expr, list[sympy.Sum] | None]:
    """A term as a coefficient free of sums times at most two sums (a square counts as
    two); None for the sums when the term holds them any other way."""
    coefficient = sympy.Integer(1)
    parts: list[sympy.Sum] = []
    for factor in sympy.Mul.make_args(term):
        if isinstance(factor, sympy.Sum):
            parts.append(factor)
        elif isinstance(factor, sympy.Pow) and isinstance(factor.base, sympy.Sum):
            if factor.exp != 2:
                return coefficient, None
            parts += [factor.base, factor.base]
        elif factor.has(sympy.Sum):
            return coefficient, None
        else:
            coefficient *= factor
    return (coefficient, parts) if len(parts) <= 2 else (coefficient, None)
