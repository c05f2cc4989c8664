"""A step whose limit does not exist, refuted: ``lim[x→a] f = v`` is false when the limits
of f from the right and from the left differ (docs/semantics.md §5: a limit without a
direction is two-sided), because a side with no value fails a relation whose other side
has one.

The one-sided limits come from the limit methods (``limit_steps``); they are not trusted
alone. The refutation is confirmed by evaluating the body itself with mpmath (``numeric``,
which shares nothing with SymPy's limit) at a − h and a + h for h = 10⁻⁸, 10⁻¹², 10⁻¹⁶:
each side's values must settle at the value found for that side (within a quarter of the
gap between the two, or grow past every bound with the sign of ±∞), and the other side of
the step must be a defined number. Anything less leaves the step UNPROVED, as before.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import mpmath
import sympy

from ..notation import math_text
from ..result import Counterexample, Verdict
from .numeric import Number, Undefined, evaluate
from .outcome import Outcome

_DPS = 60
_STEPS = (8, 12, 16)  # h = 10^-k on each side of the point
_HUGE = mpmath.mpf(10) ** 6  # what "past every bound" must at least reach at the last h


@dataclass(frozen=True)
class Absent:
    """A two-sided limit at a finite point whose one-sided limits were found to differ."""

    limit: sympy.Limit
    right: sympy.Expr
    left: sympy.Expr


def refute_absent(
    absent: list[Absent], others: list[Absent], side: sympy.Basic, other_side: sympy.Basic
) -> Outcome | None:
    """REFUTED when ``side`` is a limit of ``absent`` (the other side's are ``others``),
    confirmed not to exist, while the other side is a defined number; else None. Only a
    whole side: a limit inside a branch or a sum may not be where the side is evaluated."""
    if others or other_side.free_symbols or other_side.has(sympy.Limit, sympy.Derivative):
        return None
    value = _defined_value(other_side)
    if value is None:
        return None
    for found in absent:
        seen = _confirmed(found) if found.limit == side else None
        if seen is not None:
            return Outcome(
                Verdict.REFUTED,
                "the limit does not exist",
                counterexample=Counterexample(
                    point={},
                    lhs=f"{math_text(found.limit)} has no value: {seen}",
                    rhs=math_text(other_side),
                    lhs_approx="",
                    rhs_approx=value,
                ),
                reason=(
                    f"{math_text(found.limit)} does not exist: from the right "
                    f"{math_text(found.right)}, from the left {math_text(found.left)} "
                    "(confirmed by evaluating the body on both sides)"
                ),
            )
    return None


def _defined_value(side: sympy.Basic) -> str | None:
    """The decimal value of a constant side, ``∞``/``-∞`` for an infinite one, or None when
    it is not a real number (or cannot be evaluated)."""
    if side in (sympy.oo, -sympy.oo):
        return math_text(side)
    found = evaluate(side, {}, _DPS)
    if found is None or isinstance(found, Undefined):
        return None
    return str(mpmath.nstr(found, 20))


def _confirmed(found: Absent) -> str | None:
    """What the body's values on both sides show, when they agree with the two one-sided
    limits found (which differ); None when they do not, or cannot be computed."""
    body, x, point, _direction = found.limit.args
    if body.free_symbols - {x} or point.is_finite is not True or not point.is_real:
        return None
    right = _values(body, x, point, +1)
    left = _values(body, x, point, -1)
    if right is None or left is None:
        return None
    if not (_settles(right, found.right, found.left) and _settles(left, found.left, found.right)):
        return None
    last = _STEPS[-1]
    return (
        f"at {math_text(point)} + 10^-{last} the body is {mpmath.nstr(right[-1], 8)}, "
        f"at {math_text(point)} − 10^-{last} it is {mpmath.nstr(left[-1], 8)}"
    )


def _values(body: sympy.Expr, x: sympy.Symbol, point: sympy.Expr, sign: int) -> list[Number] | None:
    values = []
    for k in _STEPS:
        at = point + sign * sympy.Rational(1, 10**k)
        value = evaluate(body, {x: at}, _DPS)
        if value is None or isinstance(value, Undefined):
            return None
        values.append(value)
    return values


def _settles(values: list[Number], target: sympy.Expr, other: sympy.Expr) -> bool:
    """The values approach ``target`` and stay away from ``other``."""
    if target in (sympy.oo, -sympy.oo):
        sign = 1 if target == sympy.oo else -1
        signed = [sign * v for v in values]
        growing = all(a < b for a, b in itertools.pairwise(signed))
        return growing and signed[-1] > _HUGE
    if target.is_finite is not True or not target.is_real:
        return False
    aim = evaluate(target, {}, _DPS)
    if aim is None or isinstance(aim, Undefined):
        return False
    if other in (sympy.oo, -sympy.oo):
        tolerance = mpmath.mpf(1) / 4
    else:
        away = evaluate(other, {}, _DPS)
        if away is None or isinstance(away, Undefined):
            return False
        tolerance = abs(aim - away) / 4
    return bool(tolerance > 0) and all(abs(v - aim) < tolerance for v in values[1:])
