"""Exact limits of a function of an expression whose own limit is found exactly (issue 18,
class 7): continuous functions pass a finite limit through (tanh(L), atan(L), log(L) for
L > 0, L**n for L > 0), and monotone ones send ±∞ to their limits at ±∞ (tanh → ±1,
atan → ±π/2, erf → ±1, log(∞) = ∞, ∞**n = ∞ or 0 as n > 0 or n < 0); a sum whose parts
tend to finite values and to infinities of one sign tends to that infinity. The hyperbolic
functions are otherwise written through exp, where the fastest exponential decides
(log(cosh(a·t))/t). Each argument holds for every value of the other symbols, given the
inner limits; ``inner`` is the caller's exact argument (``limits._exact``).
"""

from __future__ import annotations

from collections.abc import Callable

import sympy

from ..notation import math_text

Found = tuple[sympy.Basic, str] | None
Inner = Callable[[sympy.Limit], Found]

# f, f(−∞), f(+∞) for continuous nondecreasing functions of the whole line
_MONOTONE: dict[type, tuple[sympy.Expr, sympy.Expr]] = {
    sympy.tanh: (sympy.Integer(-1), sympy.Integer(1)),
    sympy.atan: (-sympy.pi / 2, sympy.pi / 2),
    sympy.erf: (sympy.Integer(-1), sympy.Integer(1)),
    sympy.sinh: (-sympy.oo, sympy.oo),
    sympy.asinh: (-sympy.oo, sympy.oo),
}
_HYPERBOLIC = (sympy.tanh, sympy.cosh, sympy.sinh)


def _finite_real(value: sympy.Basic) -> bool:
    return value.is_extended_real is True and value.is_finite is True


def function_of_limit(limit: sympy.Limit, inner: Inner) -> Found:
    """The limit of f(g), of g**n (n constant) or of a sum, from the inner limits; None
    when no such argument applies."""
    expr, x, point, direction = limit.args
    if x not in expr.free_symbols:
        return None

    def of(part: sympy.Expr) -> Found:
        return inner(sympy.Limit(part, x, point, direction))

    if type(expr) in _MONOTONE or isinstance(expr, (sympy.log, sympy.cosh)):
        found = of(expr.args[0])
        return None if found is None else _through_function(expr.func, found)
    if isinstance(expr, sympy.Pow) and x not in expr.exp.free_symbols:
        found = of(expr.base)
        return None if found is None else _power_of(found, expr.exp)
    if isinstance(expr, sympy.Add):
        return _sum_with_infinity([of(part) for part in expr.args])
    return None


def _through_function(func: type, found: tuple[sympy.Basic, str]) -> Found:
    value, how = found
    name = func.__name__
    if _finite_real(value):
        if func is sympy.log and value.is_positive is not True:
            return None
        return func(value), f"{name} continuous at {math_text(value)} ({how})"
    if value not in (sympy.oo, -sympy.oo):
        return None
    if func is sympy.log:
        return (sympy.oo, f"log of a limit ∞ ({how})") if value == sympy.oo else None
    if func is sympy.cosh:
        return sympy.oo, f"cosh of a limit {math_text(value)} ({how})"
    low, high = _MONOTONE[func]
    end = high if value == sympy.oo else low
    return end, f"{name} at {math_text(value)} tends to {math_text(end)} ({how})"


def _power_of(found: tuple[sympy.Basic, str], exponent: sympy.Expr) -> Found:
    value, how = found
    if not _finite_real(exponent):
        return None
    if value == sympy.oo and exponent.is_positive is True:
        return sympy.oo, f"a positive power of a limit ∞ ({how})"
    if value == sympy.oo and exponent.is_negative is True:
        return sympy.Integer(0), f"a negative power of a limit ∞ ({how})"
    if not _finite_real(value):
        return None
    continuous = value.is_positive is True or (
        exponent.is_Integer is True and (exponent.is_nonnegative is True or value.is_zero is False)
    )
    if not continuous:
        return None
    return value**exponent, f"a power continuous at {math_text(value)} ({how})"


def _sum_with_infinity(parts: list[Found]) -> Found:
    """A sum whose parts tend to finite values and to at least one infinity, all of one
    sign: that infinity (the finite sums are ``limits._part_by_part``'s)."""
    if any(p is None for p in parts):
        return None
    values = [p[0] for p in parts if p is not None]
    infinite = {v for v in values if v in (sympy.oo, -sympy.oo)}
    if len(infinite) != 1 or not all(v in infinite or _finite_real(v) for v in values):
        return None
    end = infinite.pop()
    return end, f"a sum with a part tending to {math_text(end)}, the others finite"


def through_exp_form(limit: sympy.Limit, inner: Inner) -> Found:
    """tanh, cosh, sinh of the variable written through exp, then found exactly."""
    expr, x, point, direction = limit.args
    if not any(x in f.free_symbols for f in expr.atoms(*_HYPERBOLIC)):
        return None
    written = expr.rewrite(sympy.exp)
    if written == expr:
        return None
    found = inner(sympy.Limit(written, x, point, direction))
    if found is None:
        return None
    return found[0], f"tanh, cosh, sinh written through exp ({found[1]})"


def through_cancelled_form(limit: sympy.Limit, inner: Inner) -> Found:
    """A rational expression of the variable brought over one denominator and cancelled
    ((a + 1/u)/(b + 1/u) = (a·u + 1)/(b·u + 1), whose value at 0 is 1): the same function
    wherever both are defined, so the same limit where the body is defined near the point
    (which the limit's caller shows of the body as written)."""
    expr, x, point, direction = limit.args
    if not point.is_finite or expr.atoms(sympy.Function):
        return None  # rational expressions only: cancel is exact and cheap on them
    cancelled = sympy.cancel(sympy.together(expr))
    if cancelled == expr:
        return None
    found = inner(sympy.Limit(cancelled, x, point, direction))
    if found is None:
        return None
    return found[0], f"over one denominator ({found[1]})"
