"""Inequalities in several variables by the first-derivative test in one of them (issue 18,
class 3): f ≥ 0 on the domains when, for a variable x, f′ = (x − c)·h with h ≥ 0 wherever
the variables are (f falls up to x = c and rises after it), c lies inside x's interval,
and f(c) ≥ 0 — shown the same way in the variables left, or f(c) = 0 exactly. That is how
Gibbs' inequality (KL ≥ 0: in q, f′ = (q − p)/(q·(1 − q))), scipy's kl_div ≥ 0, Pinsker's
bound for two outcomes (f′ = (q − p)·(1 − 2q)²/(q·(1 − q))) and Jensen's inequality at a
midpoint (f′ = (t − r)/(2t·(t + r))) are proved by hand.

Every fact is shown for every point of the domains at once: each variable written through
a positive symbol (``through_positive``), then SymPy's assumptions (``prove_sign``); c is a
root of a linear factor of f′'s numerator. Nothing is sampled. Only open intervals (a
closed end would need f there as well) and smooth f (real and differentiable throughout).
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy

from ..model import Domain
from ..notation import math_text
from ..substitution import BINDING
from .calculus import smooth, through_positive
from .declared import DomainInfo
from .symbolic import Proof, prove_sign

METHOD = "first-derivative test (f′ = (x − c)·h, h ≥ 0: f ≥ f(c))"
MAX_VARIABLES = 3
MAX_OPS = 150  # a larger derivative is not factored (the budget)


def _open_interval(domain: Domain) -> bool:
    if domain.values is not None or domain.integer or domain.nonzero:
        return False
    return (domain.lo_open or domain.lo.is_infinite) and (domain.hi_open or domain.hi.is_infinite)


def _everywhere(expr: sympy.Expr, domains: Mapping[sympy.Symbol, Domain]) -> sympy.Expr:
    """``expr`` with each variable running over its open interval through a positive symbol."""
    for s, d in domains.items():
        expr = through_positive(expr, s, d.lo, d.hi)
    return expr


def prove_by_minimum(
    value: sympy.Expr, strict: bool, infos: Mapping[sympy.Basic, DomainInfo]
) -> Proof | None:
    """A proof that ``value`` ≥ 0 (> 0 when ``strict``) on the domains, or None."""
    symbols = value.free_symbols
    if not 1 < len(symbols) <= MAX_VARIABLES or value.has(*BINDING) or not smooth(value):
        return None
    if any(not isinstance(s, sympy.Symbol) or s not in infos for s in symbols):
        return None
    domains = {s: infos[s].domain for s in sorted(symbols, key=str)}
    if not all(_open_interval(d) for d in domains.values()):
        return None
    notes: list[str] = []
    try:
        if _at_least_zero(value, strict, domains, notes):
            return METHOD, tuple(notes)
    except (NotImplementedError, ValueError, TypeError, AttributeError, RecursionError):
        return None
    except sympy.PolynomialError:
        return None
    return None


def _at_least_zero(
    f: sympy.Expr, strict: bool, domains: Mapping[sympy.Symbol, Domain], notes: list[str]
) -> bool:
    if f == 0 or (not f.free_symbols and sympy.simplify(f) == 0):
        return not strict
    if prove_sign(_everywhere(f, domains), strict=strict, thorough=False) is not None:
        return True
    if _everywhere(f, domains).is_real is not True:
        return False
    for x in sorted(f.free_symbols, key=str):
        if x in domains and _minimum_in(f, x, strict, domains, notes):
            return True
    return False


def _minimum_in(
    f: sympy.Expr,
    x: sympy.Symbol,
    strict: bool,
    domains: Mapping[sympy.Symbol, Domain],
    notes: list[str],
) -> bool:
    """f ≥ f(c) by the first-derivative test in x, and f(c) ≥ 0 (> 0 when strict)."""
    g = sympy.diff(f, x)
    if sympy.count_ops(g) > MAX_OPS or _everywhere(g, domains).is_real is not True:
        return False
    numerator, denominator = sympy.fraction(sympy.together(g))
    lo, hi = domains[x].lo, domains[x].hi
    for factor in sympy.Mul.make_args(sympy.factor(numerator)):
        base = factor.base if factor.is_Pow and factor.exp == 1 else factor
        if not (base.is_polynomial(x) and sympy.degree(base, x) == 1):
            continue
        slope = sympy.diff(base, x)
        c = sympy.cancel(x - base / slope)
        if x in c.free_symbols:
            continue
        h = sympy.cancel(numerator / base / denominator * slope)
        inside = [c - lo] if lo.is_finite else []
        inside += [hi - c] if hi.is_finite else []
        if any(
            prove_sign(_everywhere(e, domains), strict=True, thorough=False) is None for e in inside
        ):
            continue
        if prove_sign(_everywhere(h, domains), strict=False, thorough=True) is None:
            continue
        at_c = f.xreplace({x: c})
        others = {s: d for s, d in domains.items() if s != x}
        if _at_least_zero(sympy.expand_log(at_c, force=False), strict, others, notes):
            notes.insert(
                0,
                f"in {math_text(x)}: f′ = ({math_text(x)} − {math_text(c)})·{math_text(h)}, "
                f"the second factor ≥ 0 and {math_text(c)} inside the interval of "
                f"{math_text(x)}, so f ≥ f({math_text(c)}) = {math_text(at_c)}",
            )
            return True
    return False
