"""Rigorous enclosures of a number as written, by interval arithmetic (``mpmath.iv``): the
last word on a counterexample before it is reported.

SymPy's ``evalf(strict=True)`` guarantees its digits for most expressions, but not all:
``log(x)`` of an ``x`` within 10^-272 of 1 evaluates to exactly 0 (the argument rounds to
1 at the working precision), so a sum of such terms can come out with the wrong sign, and
a true relation (KL ≥ 0 at a point where both distributions are almost one-hot) was
"confirmed" false. An interval enclosure cannot round like that: every operation widens
the interval by its own rounding, so an interval that excludes 0 proves the sign.

``sign_of`` encloses a number as written at growing precision and says on which side of 0
it lies, 0 while the interval still holds 0, or None where the expression holds a part
with no enclosure here (then SymPy's strict value stands alone). ``exact.strict_value``
asks it of every nonzero value it returns. Only exact numbers are enclosed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sympy
from mpmath import iv

ENCLOSURE_DPS = (30, 120, 480, 1500)  # working precisions tried, in decimal digits
MAX_TERMS = 500  # terms of a concrete sum or product enclosed one by one
MAX_EXPONENT = 10_000  # integer exponents beyond are not enclosed


class _NoEnclosure(Exception):
    """A part with no interval method here (or one that is not a real number)."""


def sign_of(expr: sympy.Expr) -> int | None:
    """The sign of an exact number, proved by intervals: 1 or -1; 0 when the enclosure
    holds 0 at every precision tried; None when a part of it cannot be enclosed."""
    saved = iv.dps
    try:
        for dps in ENCLOSURE_DPS:
            iv.dps = dps
            try:
                difference = _enclose(expr)
            except _NoEnclosure:
                return None
            except (ValueError, ZeroDivisionError, OverflowError, TypeError):
                return None
            if difference.a > 0:
                return 1
            if difference.b < 0:
                return -1
        return 0
    finally:
        iv.dps = saved


def _enclose(expr: sympy.Basic) -> Any:
    if isinstance(expr, sympy.Rational):  # integers included (q = 1)
        return iv.mpf(int(expr.p)) / iv.mpf(int(expr.q))
    if expr is sympy.pi:
        return iv.pi
    if expr is sympy.E:
        return iv.e
    if isinstance(expr, sympy.Add):
        total = iv.mpf(0)
        for arg in expr.args:
            total = total + _enclose(arg)
        return total
    if isinstance(expr, sympy.Mul):
        product = iv.mpf(1)
        for arg in expr.args:
            product = product * _enclose(arg)
        return product
    if isinstance(expr, sympy.Pow):
        return _power(expr)
    if isinstance(expr, sympy.Abs):
        inner = _enclose(expr.args[0])
        return abs(inner)
    if isinstance(expr, (sympy.Max, sympy.Min)):
        return _extreme(expr)
    if isinstance(expr, (sympy.Sum, sympy.Product)):
        return _series(expr)
    function = _FUNCTIONS.get(type(expr))
    if function is not None and len(expr.args) == 1:
        return function(_enclose(expr.args[0]))
    raise _NoEnclosure(type(expr).__name__)


def _power(expr: sympy.Pow) -> Any:
    base, exponent = expr.args
    if isinstance(exponent, sympy.Integer):
        if abs(int(exponent)) > MAX_EXPONENT:
            raise _NoEnclosure("exponent")
        inner = _enclose(base)
        if int(exponent) < 0 and inner.a <= 0 <= inner.b:
            raise _NoEnclosure("a power of what may be 0")
        return inner ** int(exponent)
    inner = _enclose(base)
    if not inner.a > 0:
        raise _NoEnclosure("a real power of what may not be positive")
    if exponent == sympy.Rational(1, 2):
        return iv.sqrt(inner)
    return iv.exp(_enclose(exponent) * iv.log(inner))


def _positive(function: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def on_positive(x: Any) -> Any:
        if not x.a > 0:
            raise _NoEnclosure("log of what may not be positive")
        return function(x)

    return on_positive


def _sinh(x: Any) -> Any:
    return (iv.exp(x) - iv.exp(-x)) / 2


def _cosh(x: Any) -> Any:
    return (iv.exp(x) + iv.exp(-x)) / 2


def _tanh(x: Any) -> Any:
    # 1 - 2/(e^{2x} + 1): each operation monotone in its argument, no cancellation of
    # two enclosures of one quantity
    return 1 - 2 / (iv.exp(2 * x) + 1)


_FUNCTIONS: dict[type, Callable[[Any], Any]] = {
    sympy.exp: iv.exp,
    sympy.log: _positive(iv.log),
    sympy.sin: iv.sin,
    sympy.cos: iv.cos,
    sympy.sinh: _sinh,
    sympy.cosh: _cosh,
    sympy.tanh: _tanh,
}


def _extreme(expr: sympy.Basic) -> Any:
    parts = [_enclose(arg) for arg in expr.args]
    if isinstance(expr, sympy.Max):
        return iv.mpf([max(p.a for p in parts), max(p.b for p in parts)])
    return iv.mpf([min(p.a for p in parts), min(p.b for p in parts)])


def _series(expr: sympy.Basic) -> Any:
    if len(expr.limits) != 1:
        raise _NoEnclosure("nested ranges")
    index, lo, hi = expr.limits[0]
    if not (isinstance(lo, sympy.Integer) and isinstance(hi, sympy.Integer)):
        raise _NoEnclosure("a range that is not concrete")
    count = int(hi) - int(lo) + 1
    if count > MAX_TERMS:
        raise _NoEnclosure("too many terms")
    total = iv.mpf(0) if isinstance(expr, sympy.Sum) else iv.mpf(1)
    for k in range(int(lo), int(hi) + 1):  # an empty range: 0 or 1 (Karr's convention)
        term = _enclose(expr.function.xreplace({index: sympy.Integer(k)}))
        total = total + term if isinstance(expr, sympy.Sum) else total * term
    return total
