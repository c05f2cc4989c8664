"""Inequalities of sums over a range shown non-empty, rewritten so that the comparison of
sums term by term applies, and proved again by the whole cascade:

- **the first term peeled off**: Σ_{k=lo}^{hi} f(k) = f(lo) + Σ_{k=lo+1}^{hi} f(k) when the
  range holds a term (hi − lo + 1 > 0 shown on the domains); so Σ_{k=1}^{c+m} e^{o_k} ≥
  e^{o_1} becomes Σ_{k=2}^{c+m} e^{o_k} ≥ 0, a sum of nonnegative terms;
- **a multiple of the count as a sum**: a·(hi − lo + 1) = Σ_{k=lo}^{hi} a for a free of k when
  hi − lo + 1 ≥ 0 (a range as long as the count); so Σ_{i=1}^{N} p_i(1 − p_i) ≤ N/4 is
  Σ (1/4 − p_i(1 − p_i)) ≥ 0, a sum of squares term by term.

Each rewriting is an identity on the domains under the fact shown (stated as a side
condition); the rewritten relation must be PROVED by the cascade.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy

from ..notation import math_text
from ..result import Verdict
from .declared import DomainInfo, members_as_symbols
from .establish import establish
from .outcome import Attempt, Prover

MAX_SUMS = 2
Proof = tuple[str, tuple[str, ...]]


def _ranges(sides: tuple[sympy.Expr, sympy.Expr]) -> list[sympy.Sum]:
    found = {s for side in sides for s in side.atoms(sympy.Sum) if len(s.limits) == 1}
    return sorted(found, key=sympy.default_sort_key)


def peeled_or_counted(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    prove: Prover,
) -> Proof | None:
    """An inequality of sums proved after one of the two rewritings, or None."""
    if relation not in ("<", "<=", ">", ">="):
        return None
    factors = _product_above_one(relation, lhs, rhs, infos)
    if factors is not None:
        return factors
    sums = _ranges((lhs, rhs))
    if not sums or len(sums) > MAX_SUMS:
        return None
    for series in sums:
        _, lo, hi = series.limits[0]
        if not (lo.is_integer and hi.is_integer) or series.function.has(sympy.Sum):
            continue
        count = hi - lo + 1
        for how, rewrite, kind in (
            ("a multiple of the count written as a sum", _as_sum, "nonnegative"),
            ("the first term of the sum taken out", _peel, "positive"),
        ):
            facts = establish(count, kind, infos)
            if facts is None:
                continue
            rewritten = rewrite(series, lhs, rhs)
            if rewritten is None:
                continue
            left, right = rewritten
            signs = _by_signs(relation, left, right, infos)
            if signs is not None:
                fact = f"{math_text(count)} {'> 0' if kind == 'positive' else '≥ 0'}"
                conditions = (f"{how} ({fact})", *facts, *signs)
                return f"{how}, then signs with each sum ≥ 0", tuple(dict.fromkeys(conditions))
            inner = prove(relation, left, right, infos, Attempt(stage="sums: rewritten"))
            if inner.verdict is Verdict.PROVED:
                fact = f"{math_text(count)} {'> 0' if kind == 'positive' else '≥ 0'}"
                conditions = (
                    f"{how} ({fact}): {math_text(left)} {relation} {math_text(right)}",
                    *facts,
                    *inner.conditions,
                )
                return f"{how}, then {inner.method}", tuple(dict.fromkeys(conditions))
    return None


def _peel(
    series: sympy.Sum, lhs: sympy.Expr, rhs: sympy.Expr
) -> tuple[sympy.Expr, sympy.Expr] | None:
    index, lo, hi = series.limits[0]
    first = series.function.xreplace({index: lo})
    # only where the first term's members appear outside the sum (e^{o_1} against
    # Σ e^{o_k}): otherwise taking it out gains nothing and costs a whole cascade
    outside = (lhs + rhs).xreplace({series: sympy.Dummy("S")})
    members = first.atoms(sympy.Indexed)
    if not members or not members & outside.atoms(sympy.Indexed):
        return None
    rest = sympy.Sum(series.function, (index, lo + 1, hi))
    change = {series: first + rest}
    return lhs.xreplace(change), rhs.xreplace(change)


def _as_sum(
    series: sympy.Sum, lhs: sympy.Expr, rhs: sympy.Expr
) -> tuple[sympy.Expr, sympy.Expr] | None:
    """The side without the sum, a·count + b with a free of the index, with a·count
    written as Σ a over the sum's range."""
    index, lo, hi = series.limits[0]
    count = hi - lo + 1
    if series in lhs.atoms(sympy.Sum) and series not in rhs.atoms(sympy.Sum):
        other, first = rhs, False
    elif series in rhs.atoms(sympy.Sum) and series not in lhs.atoms(sympy.Sum):
        other, first = lhs, True
    else:
        return None
    if other.has(sympy.Sum) or index in other.free_symbols:
        return None
    n = sympy.Dummy("n")
    try:
        written = sympy.expand(other.subs(count, n))
        poly = sympy.Poly(written, n)
    except (sympy.PolynomialError, TypeError, ValueError):
        return None
    if poly.degree() != 1:
        return None
    a, b = poly.all_coeffs()
    if a.has(n) or b.has(n):
        return None
    counted = sympy.Sum(a, (index, lo, hi)) + b
    return (counted, rhs) if first else (lhs, counted)


def _by_signs(
    relation: str, left: sympy.Expr, right: sympy.Expr, infos: Mapping[sympy.Basic, DomainInfo]
) -> tuple[str, ...] | None:
    """The difference of the sides over one denominator shown ≥ 0 (> 0) by SymPy's
    assumptions, each sum in it standing for a nonnegative unknown (a sum shown ≥ 0 on the
    domains) and each family member for a symbol of its family's domain: the facts, or
    None. (1 − e^{o_1}/(e^{o_1} + S) = S/(e^{o_1} + S) ≥ 0 for S ≥ 0.)"""
    value, strict = (
        (right - left, relation == "<")
        if relation in ("<", "<=")
        else (
            left - right,
            relation == ">",
        )
    )
    facts: list[str] = []
    change: dict[sympy.Basic, sympy.Expr] = {}
    for series in value.atoms(sympy.Sum):
        shown = establish(series, "nonnegative", infos)
        if shown is None:
            return None
        change[series] = sympy.Dummy("S", nonnegative=True)
        facts += [*shown, f"{math_text(series)} ≥ 0"]
    plain, _ = members_as_symbols(value.xreplace(change), infos)
    if plain.has(sympy.Indexed, sympy.Sum, sympy.Product):
        return None
    # log A − B ≥ 0 exactly where A ≥ e^B (log increases; A > 0 where the step is
    # defined): log(e^{o_1} + S) ≥ o_1 is e^{o_1} + S − e^{o_1} = S ≥ 0
    logs = [t for t in sympy.Add.make_args(plain) if isinstance(t, sympy.log)]
    if len(logs) == 1 and not (plain - logs[0]).has(sympy.log):
        plain = logs[0].args[0] - sympy.exp(logs[0] - plain)
        facts.append(f"log is increasing: compared {math_text(logs[0].args[0])} with exp")
    try:
        together = sympy.together(plain)
    except (sympy.PolynomialError, TypeError, ValueError):
        return None
    answer = together.is_positive if strict else together.is_nonnegative
    return tuple(dict.fromkeys(facts)) if answer else None


def _product_above_one(
    relation: str, lhs: sympy.Expr, rhs: sympy.Expr, infos: Mapping[sympy.Basic, DomainInfo]
) -> Proof | None:
    """Π_{k=lo}^{hi} f(k) ≥ 1 when every factor is ≥ 1 (an empty product is 1); > 1 when
    every factor is > 1 and the range holds a factor. Each factor is shown at an arbitrary
    index of the range (counted from lo), each member an arbitrary member of its family."""
    if relation in ("<", "<="):
        lhs, rhs = rhs, lhs
    if rhs != 1 or not isinstance(lhs, sympy.Product) or len(lhs.limits) != 1:
        return None
    index, lo, hi = lhs.limits[0]
    if not (lo.is_integer and hi.is_integer):
        return None
    strict = relation in ("<", ">")
    step = sympy.Dummy("j", integer=True, nonnegative=True)
    factor = lhs.function.xreplace({index: lo + step})
    term, extended = members_as_symbols(factor - 1, infos)
    facts = establish(term, "positive" if strict else "nonnegative", extended)
    if facts is None:
        return None
    shown = [f"each factor {math_text(lhs.function)} {'>' if strict else '≥'} 1", *facts]
    if strict:
        count = establish(hi - lo + 1, "positive", infos)
        if count is None:
            return None
        shown += [f"{math_text(hi - lo + 1)} > 0 factors", *count]
    return "a product of factors each at least 1", tuple(dict.fromkeys(shown))
