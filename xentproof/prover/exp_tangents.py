"""Inequalities with weighted exponentials, by the tangent line of exp (the textbook proof of
Jensen's inequality for the convex function exp: Σ w_i·exp(a_i) ≥ exp(Σ w_i·a_i) when the
weights are ≥ 0 and sum to 1).

For ``lhs REL rhs`` the value V that must be ≥ 0 (> 0 when strict) is gathered by its
exponentials (V = Σ_E c_E·E + R, each E = exp(a_E) with a non-constant argument, each c_E
and R free of them). When exactly one c_E is a negative number, its argument m is the
point of tangency, and every other exponential whose weight c_E is shown ≥ 0 on the domains
(by the whole cascade) is bounded by the tangent line of exp at m:

    exp(a) ≥ exp(m)·(1 + a − m)      for all real a and m (exp is convex; e^t ≥ 1 + t
                                      at t = a − m, times e^m > 0),

so c_E·exp(a_E) ≥ c_E·exp(m)·(1 + a_E − m). The bound V' has fewer exponentials, and
V' ≥ 0 (> 0) is proved by the whole cascade; V ≥ V' at every point where V is defined
(the arguments are then real), so that proves V ≥ 0. When V' ≥ 0 is not proved (the
weights do not sum to 1, the point is not their mean) the method proves nothing. It never
refutes.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy

from ..notation import math_text
from ..result import Verdict
from .declared import DomainInfo
from .inequalities import oriented
from .outcome import Attempt, Prover

MAX_EXPONENTIALS = 6
METHOD = "tangent lines of exp (Jensen's inequality for exp)"


def applies(lhs: sympy.Expr, rhs: sympy.Expr) -> bool:
    """Two or more exponentials with a variable argument, outside sums."""
    sides = (lhs, rhs)
    if any(s.has(sympy.Sum, sympy.Product, sympy.Integral, sympy.Limit) for s in sides):
        return False
    found = {e for s in sides for e in s.atoms(sympy.exp) if not e.args[0].is_number}
    return 2 <= len(found) <= MAX_EXPONENTIALS


def exp_tangent_bound(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    prove: Prover,
) -> tuple[str, tuple[str, ...]] | None:
    """The method and side conditions of a proof by tangent lines of exp, or None."""
    side = oriented(relation, lhs, rhs)
    if side is None:
        return None
    value, strict = side
    try:
        return _bounded(value, strict, infos, prove)
    except (NotImplementedError, ValueError, TypeError, AttributeError, RecursionError):
        return None  # SymPy on a form it cannot take apart: not this method's


def _gathered(value: sympy.Expr) -> tuple[dict[sympy.exp, sympy.Expr], sympy.Expr] | None:
    """V as Σ_E c_E·E + R, or None when an exponential is held some other way (a power of
    it, inside another function)."""
    expanded = sympy.expand_mul(value)
    weights: dict[sympy.exp, sympy.Expr] = {}
    rest: list[sympy.Expr] = []
    for term in sympy.Add.make_args(expanded):
        found = [f for f in sympy.Mul.make_args(term) if isinstance(f, sympy.exp)]
        variable = [f for f in found if not f.args[0].is_number]
        if not variable:
            if term.has(sympy.exp) and any(not a.args[0].is_number for a in term.atoms(sympy.exp)):
                return None
            rest.append(term)
            continue
        if len(variable) != 1:
            return None
        (e,) = variable
        factors = list(sympy.Mul.make_args(term))
        factors.remove(e)
        weight = sympy.Mul(*factors)
        if weight.has(e):
            return None
        weights[e] = weights.get(e, sympy.Integer(0)) + weight
    remainder = sympy.Add(*rest)
    if any(remainder.has(e) or any(w.has(e) for w in weights.values()) for e in weights):
        return None
    return weights, remainder


def _bounded(
    value: sympy.Expr, strict: bool, infos: Mapping[sympy.Basic, DomainInfo], prove: Prover
) -> tuple[str, tuple[str, ...]] | None:
    gathered = _gathered(value)
    if gathered is None:
        return None
    weights, rest = gathered
    negative = [e for e, w in weights.items() if w.is_number and w.is_negative]
    if len(negative) != 1 or len(weights) < 2:
        return None
    (tangent,) = negative
    m = tangent.args[0]
    conditions: list[str] = []
    bound = rest + weights[tangent] * tangent
    for e, w in sorted(weights.items(), key=lambda item: sympy.default_sort_key(item[0])):
        if e == tangent:
            continue
        sign = prove(">=", w, sympy.Integer(0), infos, Attempt())
        if sign.verdict is not Verdict.PROVED:
            bound += w * e
            continue
        a = e.args[0]
        bound += w * tangent * (1 + a - m)
        conditions.append(
            f"{math_text(e)} ≥ {math_text(tangent)}·(1 + {math_text(a - m)}) (tangent of exp "
            f"at {math_text(m)}) times {math_text(w)} ≥ 0: {sign.method}"
        )
    if not conditions:
        return None
    weaker = sympy.expand_mul(bound)
    inner = prove(">" if strict else ">=", weaker, sympy.Integer(0), infos, Attempt())
    if inner.verdict is not Verdict.PROVED:
        return None
    conditions.append(f"the bound {math_text(weaker)} {'>' if strict else '≥'} 0: {inner.method}")
    conditions.extend(inner.conditions)
    return METHOD, tuple(dict.fromkeys(conditions))
