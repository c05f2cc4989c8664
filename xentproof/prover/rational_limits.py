"""Limits as t → ∞ (or t → 0+) of rational functions of t with numeric coefficients, under
continuous log, exp and real powers: decided by the degrees (or lowest orders) of numerator
and denominator. ``limits`` writes a body in such a t (t = exp(s), or t the variable itself).
"""

from __future__ import annotations

import sympy


def continuous_limit(e: sympy.Expr, t: sympy.Dummy, at_zero: bool) -> sympy.Expr | None:
    """The limit of ``e`` as t → ∞ (or t → 0+), for rational functions of t with numeric
    coefficients and continuous log, exp and real powers of them; None otherwise."""
    if t not in e.free_symbols:
        return e if e.is_number and e.is_finite else None
    if e.is_rational_function(t):
        return rational_limit(e, t, at_zero)
    if isinstance(e, (sympy.log, sympy.exp)) or (e.is_Pow and e.exp.is_number):
        inner = continuous_limit(e.args[0], t, at_zero)
        if inner is None or not inner.is_finite:
            return None
        if isinstance(e, sympy.exp):
            return sympy.exp(inner)
        if inner.is_positive is not True:  # log and real powers: continuous for inner > 0
            return None
        return sympy.log(inner) if isinstance(e, sympy.log) else inner**e.exp
    if isinstance(e, (sympy.Add, sympy.Mul)):
        parts = [continuous_limit(a, t, at_zero) for a in e.args]
        if any(p is None or not p.is_finite for p in parts):
            return None
        return sympy.Add(*parts) if isinstance(e, sympy.Add) else sympy.Mul(*parts)
    return None


def rational_limit(e: sympy.Expr, t: sympy.Dummy, at_zero: bool) -> sympy.Expr | None:
    numerator, denominator = sympy.fraction(sympy.cancel(sympy.together(e)))
    try:
        top, bottom = sympy.Poly(numerator, t), sympy.Poly(denominator, t)
    except sympy.PolynomialError:
        return None
    if not all(c.is_number and c.is_real for p in (top, bottom) for c in p.coeffs()):
        return None
    if at_zero:  # the lowest-order terms decide as t → 0+
        (order_top,), a = min(top.terms())
        (order_bottom,), b = min(bottom.terms())
        gap = order_top - order_bottom
    else:  # the leading terms decide as t → ∞
        a, b = top.LC(), bottom.LC()
        gap = top.degree() - bottom.degree()
    if gap == 0:
        return a / b
    if (gap > 0) != at_zero:  # |e| grows without bound; its sign is that of a/b (t > 0)
        return sympy.oo if (a / b).is_positive else -sympy.oo
    return sympy.Integer(0)
