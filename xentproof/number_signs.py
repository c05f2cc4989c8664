"""SymPy's sign of an exact number holding a log, checked by an interval enclosure.

SymPy decides the sign of a number (``is_positive``, and so ``Abs``, ``Max``, ``Min``, a
comparison of numbers and a Piecewise condition it settles while building) from ``evalf``
at a low precision, which it trusts. Its ``log`` of an argument that rounds to exactly 1 at
the working precision is 0 with full accuracy claimed, so exp(−101) − log(1 + exp(−100)),
−2.4·10⁻⁴⁴, came out +1.4·10⁻⁴⁴: ``Abs`` of it was itself, ``Max(exp(−101), log(1 +
exp(−100)))`` was exp(−101), the condition exp(−101) > log(1 + exp(−100)) was true, and
x·exp(−101) > x·log(1 + exp(−100)) was PROVED.

``check_number_signs`` makes SymPy ask ``enclosure.sign_of`` (mpmath's interval arithmetic,
which cannot round like that) for the sign of every number that holds a log, where SymPy
decides one: the enclosure's sign where it proves one (SymPy's answer where the enclosure
cannot decide: a part with no enclosure, or 0 in the interval at every precision tried).
Numbers without a log are left to SymPy. ``definedness`` (which every reader and prover
imports) applies it.
"""

from __future__ import annotations

from typing import Any

import sympy
import sympy.core.relational as _relational
from sympy.core.expr import Expr

from .enclosure import sign_of

_MARK = "_xentproof_enclosed"


def _enclosed_sign(value: Any) -> int | None:
    """The sign of a number with a log, by the enclosure; None where it does not prove
    one (it holds 0 at every precision tried, or a part of it has no enclosure)."""
    try:
        sign = sign_of(value)
    except (ArithmeticError, ValueError, TypeError, RecursionError):
        return None
    return sign if sign in (1, -1) else None


def _checked_sign(original: Any) -> Any:
    def _eval_is_extended_positive_negative(self: Expr, positive: bool) -> bool | None:
        found: bool | None = original(self, positive)
        if found is None or not self.is_number or not self.has(sympy.log):
            return found
        sign = _enclosed_sign(self)
        if sign is None:
            return found  # the enclosure says nothing either way: SymPy's answer stands
        return sign > 0 if positive else sign < 0

    setattr(_eval_is_extended_positive_negative, _MARK, True)
    return _eval_is_extended_positive_negative


def _checked_difference(original: Any) -> Any:
    def _n2(a: Any, b: Any) -> Any:
        found = original(a, b)
        if found is None or not (a.has(sympy.log) or b.has(sympy.log)):
            return found
        sign = _enclosed_sign(a - b)
        if sign is None:
            return found
        if (found > 0) == (sign > 0) and found != 0:
            return found
        return sympy.Float(sign)  # only its sign is used by the comparisons

    setattr(_n2, _MARK, True)
    return _n2


def check_number_signs() -> None:
    """Make SymPy check its sign of a number with a log (once; again does nothing)."""
    method = Expr._eval_is_extended_positive_negative
    if not getattr(method, _MARK, False):
        Expr._eval_is_extended_positive_negative = _checked_sign(method)
    difference = _relational._n2
    if not getattr(difference, _MARK, False):
        _relational._n2 = _checked_difference(difference)
