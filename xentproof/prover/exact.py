"""Exact values at a point: SymPy's strict evaluation, which a counterexample rests on, and
how a counterexample shows its point and values.

``evalf(strict=True)`` raises rather than return digits it cannot guarantee (an exact zero
is what it cannot evaluate to any number of correct digits); ``strict_value`` turns that
into None, one way for every caller.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy

from .declared import DomainInfo
from .enclosure import sign_of

CONFIRM_DIGITS = 30
CONFIRM_MAX_DIGITS = 600  # evalf's working precision may grow this far to confirm
HUGE = sympy.Float("1e100")  # beyond this, evalf's leading digits are checked twice

# What strict evaluation raises where it cannot guarantee its digits, or cannot evaluate
# the expression at all.
_NOT_EVALUATED = (
    sympy.core.evalf.PrecisionExhausted,
    ValueError,
    TypeError,
    ZeroDivisionError,
)


def strict_value(expr: sympy.Expr) -> sympy.Expr | None:
    """``expr`` to CONFIRM_DIGITS digits that SymPy guarantees (its working precision may
    grow to CONFIRM_MAX_DIGITS), or None where it cannot guarantee them (an exact zero
    among others): then nothing may be concluded from the value."""
    try:
        value = expr.evalf(CONFIRM_DIGITS, strict=True, maxn=CONFIRM_MAX_DIGITS)
    except _NOT_EVALUATED:
        return None
    if value.is_real and value.is_number and not value.is_zero and value.is_finite:
        # evalf's digits are not guaranteed everywhere (log of a number within 10^-272 of
        # 1 comes out as 0): an interval enclosure of the same number must agree on the
        # sign, or nothing is concluded
        sign = sign_of(expr)
        if sign is not None and sign != (1 if value > 0 else -1):
            return None
    return value


def exact_text(value: sympy.Expr) -> str:
    """An exact value as the report shows it (an ellipsis if it is too long to read)."""
    text = sympy.sstr(value)
    return text if len(text) <= 120 else "…"


def approx_text(value: sympy.Expr) -> str:
    """A value to 20 digits, for the report ("?" where SymPy cannot evaluate it)."""
    try:
        return str(sympy.sstr(value.evalf(20)))
    except (ValueError, TypeError):
        return "?"


def shown_point(
    point: Mapping[sympy.Basic, sympy.Expr], infos: Mapping[sympy.Basic, DomainInfo]
) -> dict[str, str]:
    """A point as the report shows it: each symbol by its declared name, each family
    member as it is written (y[1])."""
    shown = {}
    for key, value in point.items():
        name = sympy.sstr(key) if isinstance(key, sympy.Indexed) else infos[key].name
        shown[name] = sympy.sstr(value)
    return shown
