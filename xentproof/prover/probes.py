"""A look at a few points before a method that shows f ≥ 0 on an interval sets out to: a
point where f is clearly below 0 means the method cannot succeed there, whatever it tries
(it is sound, and f ≥ 0 is false), so it gives up at once and the relation's budget goes
to the stages that still can.

A probe never proves anything, nor refutes: it only ends a search early that could end
in no proof. A probe that erred (a value that is not really below 0) would cost a proof,
never soundness; so a value counts only when it is below 0 at two precisions that agree.
"""

from __future__ import annotations

import mpmath
import sympy

from .numeric import evaluate

DIGITS = (50, 80)  # the two precisions a probe's value is computed at
AGREE = mpmath.mpf(10) ** -6  # relative difference the two values may have


def points(lo: sympy.Expr, hi: sympy.Expr) -> list[sympy.Expr]:
    """A few rational points strictly inside (lo, hi): spread over a bounded interval, out
    to 30 past the finite end of an unbounded one, about 0 on the whole line."""
    if lo.is_finite and hi.is_finite:
        return [lo + (hi - lo) * sympy.Rational(j, 8) for j in range(1, 8)]
    steps = [sympy.Rational(1, 2), *(sympy.Integer(k) for k in (1, 3, 10, 30))]
    if lo.is_finite:
        return [lo + step for step in steps]
    if hi.is_finite:
        return [hi - step for step in steps]
    return [sympy.Integer(0), *(sign * step for step in steps for sign in (1, -1))]


def negative_somewhere(f: sympy.Expr, x: sympy.Symbol, lo: sympy.Expr, hi: sympy.Expr) -> bool:
    """Whether f (in x alone) is clearly below 0 at one of ``points(lo, hi)``: its value is
    negative at both precisions of DIGITS, and the two agree (no cancellation decided it)."""
    for point in points(lo, hi):
        low, high = (evaluate(f, {x: point}, digits) for digits in DIGITS)
        if not (isinstance(low, mpmath.mpf) and isinstance(high, mpmath.mpf)):
            continue
        if high < 0 and low < 0 and abs(low - high) <= AGREE * abs(high):
            return True
    return False
