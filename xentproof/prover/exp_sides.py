"""An equality of real values through exp, which is injective on the reals: lhs = rhs when
exp(lhs) = exp(rhs), and exp takes apart what logs and sums of logs put together
(exp(log A) = A where log A is defined, exp(a + b) = exp(a)·exp(b)). With the hyperbolic
functions written through exp, log(cosh s) = s + log(e^{−2s} + 1) − log 2 becomes
cosh s = e^s·(e^{−2s} + 1)/2, which ``cancel`` decides.

Used only once both sides are shown defined on the domains (every log of a positive
number, so exp(log A) = A holds there); a side without a log gains nothing here.
"""

from __future__ import annotations

import sympy

MAX_OPS = 120
METHOD = "exp of both sides (exp is injective on the reals), rewritten through exp"


def equal_through_exp(lhs: sympy.Expr, rhs: sympy.Expr) -> str | None:
    """The method's name when exp(lhs) − exp(rhs) cancels to 0, else None."""
    if not (lhs.has(sympy.log) or rhs.has(sympy.log)):
        return None
    if lhs.has(sympy.Sum, sympy.Product, sympy.Limit, sympy.Derivative, sympy.Piecewise):
        return None
    if rhs.has(sympy.Sum, sympy.Product, sympy.Limit, sympy.Derivative, sympy.Piecewise):
        return None
    if sympy.count_ops(lhs) + sympy.count_ops(rhs) > MAX_OPS:
        return None
    try:
        difference = (sympy.exp(lhs) - sympy.exp(rhs)).rewrite(sympy.exp)
        if difference.has(sympy.log):
            return None  # a log left inside: nothing was taken apart
        if sympy.cancel(sympy.expand(difference)) == 0:
            return METHOD
    except (sympy.PolynomialError, NotImplementedError, ValueError, TypeError, RecursionError):
        return None
    return None
