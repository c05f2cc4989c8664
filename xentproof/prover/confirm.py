"""A candidate counterexample confirmed at the exact point: the relation fails there by
SymPy's strict adaptive-precision evaluation (which ``exact.strict_value`` checks against
an interval enclosure), or at an exact tie for a strict relation; a side too large to
tell apart from the other at two working precisions confirms nothing.
"""

from __future__ import annotations

import sympy
from sympy.polys.polyerrors import BasePolynomialError

from .exact import CONFIRM_DIGITS, HUGE, strict_value


def confirmed(relation: str, lhs: sympy.Expr, rhs: sympy.Expr) -> bool:
    """Confirm with SymPy's strict adaptive-precision evaluation at the exact point.

    ``evalf(strict=True)`` raises when it cannot guarantee its digits, which is what an
    exact zero does; a strict relation (``<``, ``>``) also fails at an exact tie, which
    is then shown exactly. Astronomically large values are also evaluated side by side at
    growing precision, as evalf's digits of a huge power need not be right.
    """
    difference = lhs - rhs
    value = strict_value(difference)
    if value is not None and value.is_zero:
        value = None  # an exact zero (not a computed one): only a tie can fail
    if value is not None and (not value.is_number or value.has(sympy.nan, sympy.zoo, sympy.oo)):
        return False
    if value is None:
        return relation in ("<", ">") and _exactly_zero(difference)
    re_part, im_part = value.as_real_imag()
    if relation != "=" and im_part != 0:
        return False
    if not _genuine(lhs, rhs):
        return False
    if relation == "=":
        return bool(re_part != 0 or im_part != 0)
    if relation in ("<", "<="):
        return bool(re_part > 0)
    return bool(re_part < 0)


def _genuine(lhs: sympy.Expr, rhs: sympy.Expr) -> bool:
    """False when a side is astronomically large and the two sides cannot be told apart
    (or a side's leading digits change) between two working precisions."""
    previous: tuple[sympy.Expr, sympy.Expr] | None = None
    for digits in (CONFIRM_DIGITS, 2 * CONFIRM_DIGITS):
        try:
            values = (lhs.evalf(digits), rhs.evalf(digits))
        except (ValueError, TypeError, ZeroDivisionError):
            return False
        sizes = [abs(v) for v in values]
        if not all(size.is_number and size.is_comparable for size in sizes):
            return previous is None  # not a plain number: the strict value decides
        biggest = max(sizes, key=lambda size: sympy.Float(size))
        if previous is None and not bool(biggest > HUGE):
            return True
        tolerance = sympy.Float(10) ** (-(CONFIRM_DIGITS // 2)) * biggest
        if not bool(abs(values[0] - values[1]) > tolerance):
            return False
        if previous is not None and any(
            bool(abs(new - old) > tolerance) for new, old in zip(values, previous, strict=True)
        ):
            return False
        previous = values
    return True


def _exactly_zero(value: sympy.Expr) -> bool:
    """An exact tie, shown exactly: the value is 0 as written, expanded, or by its minimal
    polynomial (for an algebraic number)."""
    if value == 0:
        return True
    try:
        if sympy.expand(value) == 0:
            return True
        if value.free_symbols or not value.is_algebraic_expr() or sympy.count_ops(value) > 40:
            return False
        polynomial = sympy.minimal_polynomial(value, sympy.Dummy("t"))
    except (NotImplementedError, ValueError, TypeError, BasePolynomialError):
        return False  # NotAlgebraic among them: log(e^2 + e^47934) is no algebraic number
    return bool(polynomial.is_Symbol)
