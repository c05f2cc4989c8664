"""Counterexamples where a side is undefined over the reals: a point where one side is a
real number and the other is not (log of a negative number, an even root of one, a
division by zero), or where neither is and their complex values differ. Each is confirmed
exactly at the point before it is shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sympy

from ..result import Counterexample
from ..substitution import put
from .declared import DomainInfo
from .exact import CONFIRM_DIGITS, HUGE, approx_text, exact_text, shown_point, strict_value
from .numeric import FAST_DPS, Undefined, evaluate


def _not_real_at(culprit: sympy.Basic, point: Mapping[sympy.Basic, sympy.Expr]) -> bool:
    """Confirm exactly that ``culprit`` (log, power, tan, factorial) is not a real number
    at ``point``."""

    def sign(value: sympy.Expr) -> int | None:
        value = put(value, point)
        if value == 0:
            return 0
        approx = strict_value(value)
        if approx is None:
            # Not decidable at bounded precision: no confirmation (simplify here could run
            # for seconds on a large exact constant).
            return None
        if not approx.is_real:
            return None
        return 1 if approx > 0 else -1

    if isinstance(culprit, sympy.log):
        return sign(culprit.args[0]) in (0, -1)
    if isinstance(culprit, sympy.tan):
        return sign(sympy.cos(culprit.args[0])) == 0
    if isinstance(culprit, sympy.Pow):
        base, exponent = culprit.args
        base_sign = sign(base)
        if base_sign == 0:
            # 0**(negative) divides by zero; 0**0 is 1 by SymPy's (and the polynomial)
            # convention and undefined by the real-exponent one: no counterexample rests on it.
            return sign(exponent) == -1
        return base_sign == -1 and _not_integer(put(exponent, point))
    if isinstance(culprit, sympy.factorial):
        # n! is defined for the integers n >= 0 only (docs/semantics.md §1, not Γ(n + 1))
        value = put(culprit.args[0], point)
        return _not_integer(value) or (value.is_integer is True and sign(value) == -1)
    return False


def _not_integer(value: sympy.Expr) -> bool:
    """Confirm that an exact real number is not an integer (its value, not its form: log(a)
    is 0 at a = 1)."""
    if value.is_integer is not None or value.is_Rational:
        return value.is_integer is False and value.is_real is True
    approx = strict_value(value)
    if approx is None or not approx.is_Float or abs(approx) > HUGE:
        return False
    gap = abs(approx - sympy.Integer(round(approx)))
    return bool(gap > sympy.Float(10) ** (-(CONFIRM_DIGITS // 2)))


def _culprit_text(culprit: sympy.Basic, point: Mapping[sympy.Basic, sympy.Expr]) -> str:
    """``log(-1)`` as the reader would write it (SymPy would turn it into ``I*pi``)."""
    args = [sympy.sstr(put(a, point)) for a in culprit.args]
    if isinstance(culprit, sympy.Pow):
        return f"({args[0]})**({args[1]})"
    return f"{type(culprit).__name__}({', '.join(args)})"


def _value_at(
    side: sympy.Expr, point: Mapping[sympy.Basic, sympy.Expr]
) -> tuple[sympy.Expr, sympy.Expr | None]:
    """A side's exact value at the point, and its value to CONFIRM_DIGITS digits guaranteed
    by SymPy's strict evaluation (None where that cannot be had; 0 for an exact 0)."""
    value = put(side, point).doit()
    approx = strict_value(value)
    if approx is None and value == 0:
        approx = sympy.Integer(0)
    return value, approx


def one_side_undefined(
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    a: object,
    b: object,
    point: Mapping[sympy.Basic, sympy.Expr],
    infos: Mapping[sympy.Basic, DomainInfo],
) -> Counterexample | None:
    """A point where one side is a real number and the other is undefined over the reals."""
    undefined_side, defined_side = (lhs, rhs) if isinstance(a, Undefined) else (rhs, lhs)
    marker = a if isinstance(a, Undefined) else b
    if not isinstance(marker, Undefined):
        return None
    culprit = marker.culprit
    if not _not_real_at(culprit, point):
        return None
    value, approx = _value_at(defined_side, point)
    if approx is None or not approx.is_real:
        return None
    shown = f"undefined over the reals: {_culprit_text(culprit, point)}"
    defined_text, defined_approx = exact_text(value), approx_text(value)
    if undefined_side is lhs:
        return Counterexample(
            shown_point(point, infos), shown, defined_text, "undefined", defined_approx
        )
    return Counterexample(
        shown_point(point, infos), defined_text, shown, defined_approx, "undefined"
    )


MAX_BOTH_UNDEFINED = 3  # points per search where both sides are undefined, looked at last


def both_sides_undefined(
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    a: Undefined,
    b: Undefined,
    point: Mapping[sympy.Basic, sympy.Expr],
    infos: Mapping[sympy.Basic, DomainInfo],
) -> Counterexample | None:
    """A point where neither side is a real number and their principal complex values
    differ (log(x³) = 3·log(x) at x = −1: iπ against 3iπ).

    Over the reals the step says nothing there; in SymPy's complex reading the sides differ:
    either way the claimed equality fails at a point of the domain. Sides that agree as
    complex numbers (log(x) = log(x)) are left alone: that step is only declared over too
    wide a domain, which the definedness check reports.
    """
    if not (_not_real_at(a.culprit, point) and _not_real_at(b.culprit, point)):
        return None
    values = []
    for side in (lhs, rhs):
        value, approx = _value_at(side, point)
        if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo) or approx is None:
            return None
        if not approx.is_number or approx.has(sympy.zoo, sympy.nan):
            return None
        values.append((value, approx))
    (va, xa), (vb, xb) = values
    gap = abs(sympy.N(xa - xb, CONFIRM_DIGITS))
    scale = max(abs(sympy.N(xa, CONFIRM_DIGITS)), abs(sympy.N(xb, CONFIRM_DIGITS)), 1)
    if not (gap.is_real and gap > scale * sympy.Float(10) ** (-(CONFIRM_DIGITS // 2))):
        return None
    shown = "undefined over the reals: {}; as a complex number {}"
    return Counterexample(
        shown_point(point, infos),
        shown.format(_culprit_text(a.culprit, point), exact_text(va)),
        shown.format(_culprit_text(b.culprit, point), exact_text(vb)),
        approx_text(va),
        approx_text(vb),
    )


def defined_at_higher_precision(
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    point: Mapping[sympy.Basic, sympy.Expr],
    a: object,
    b: object,
    precisions: Sequence[int],
) -> tuple[Any, Any, int]:
    """Both sides at the first of ``precisions`` (digits) where both are defined numbers,
    with that precision; else the values as they were (at FAST_DPS): log(1 − σ(t)) at
    t = 80 is log(0) to 30 digits, and defined at 60."""
    for dps in precisions:
        higher = evaluate(lhs, point, dps), evaluate(rhs, point, dps)
        if any(v is None for v in higher):
            break
        if not any(isinstance(v, Undefined) for v in higher):
            return higher[0], higher[1], dps
    return a, b, FAST_DPS
