"""Real numbers as the reference evaluator computes them, and the decisions taken on them.

Every value is computed twice, at 60 and at 90 significant digits (two private mpmath
contexts, so nothing else's precision matters), and kept exactly as a ``Fraction`` while
only rational arithmetic made it. A decision (is it zero? which sign?) compares the two:

- a true nonzero number is the same at both precisions (to far more than 8 digits);
- a true zero is rounding noise, 10^30 times smaller at the higher precision
  (``sin(pi)`` is about 1e-61 at 60 digits and 1e-91 at 90);
- anything else is ``Undecidable``: the evaluator never guesses.

Values that approach something (limits, difference quotients) use the same pair: the
coarser approximation as ``lo``, the finer as ``hi``, so that a decision sees convergence.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from mpmath.ctx_mp import MPContext

LO_DIGITS = 60
HI_DIGITS = 90
LO = MPContext()
HI = MPContext()
LO.dps = LO_DIGITS
HI.dps = HI_DIGITS

AGREE = 1e-8  # relative agreement of lo and hi that makes a value certainly nonzero
SHRINK = 1e-6  # |hi| / |lo| below which a value is taken as zero (noise that shrank)
MAX_EXACT_BITS = 20_000


class Undefined(ArithmeticError):
    """The value is not a real number (outside a function's domain, a limit that does not
    exist, a derivative where the function is not differentiable, ...)."""


class Undecidable(ArithmeticError):
    """The evaluator cannot decide at its precision; never a guess either way."""


class Unsupported(ArithmeticError):
    """A construct the reference evaluator does not evaluate (e.g. an infinite range)."""


@dataclass(frozen=True)
class Real:
    lo: Any
    hi: Any
    exact: Fraction | None = None

    def __str__(self) -> str:
        if self.exact is not None:
            return str(self.exact)
        return HI.nstr(self.hi, 20)


@dataclass(frozen=True)
class Infinite:
    """+oo or -oo: the value of a limit that diverges, or the constant ``oo`` itself."""

    sign: int

    def __str__(self) -> str:
        return "oo" if self.sign > 0 else "-oo"


Value = Real | Infinite


@contextlib.contextmanager
def raised_precision(digits: int) -> Iterator[None]:
    """Both contexts ``digits`` more significant digits for the duration of the block."""
    saved = LO.prec, HI.prec
    LO.dps += digits
    HI.dps += digits
    try:
        yield
    finally:
        LO.prec, HI.prec = saved


def _small(q: Fraction) -> bool:
    return max(q.numerator.bit_length(), q.denominator.bit_length()) <= MAX_EXACT_BITS


def exact(q: Fraction | int) -> Real:
    q = Fraction(q)
    lo = LO.mpf(q.numerator) / q.denominator
    hi = HI.mpf(q.numerator) / q.denominator
    return Real(lo, hi, q if _small(q) else None)


def approx(lo: Any, hi: Any) -> Real:
    return Real(LO.mpf(lo), HI.mpf(hi))


def lift(value: Real, name: str) -> Real:
    """A function of mpmath applied at both precisions (no exact value)."""
    return Real(getattr(LO, name)(value.lo), getattr(HI, name)(value.hi))


def add(a: Real, b: Real) -> Real:
    q = a.exact + b.exact if a.exact is not None and b.exact is not None else None
    return _with_exact(a.lo + b.lo, a.hi + b.hi, q)


def sub(a: Real, b: Real) -> Real:
    q = a.exact - b.exact if a.exact is not None and b.exact is not None else None
    return _with_exact(a.lo - b.lo, a.hi - b.hi, q)


def mul(a: Real, b: Real) -> Real:
    q = a.exact * b.exact if a.exact is not None and b.exact is not None else None
    return _with_exact(a.lo * b.lo, a.hi * b.hi, q)


def neg(a: Real) -> Real:
    return Real(-a.lo, -a.hi, None if a.exact is None else -a.exact)


def div(a: Real, b: Real) -> Real:
    if sign(b) == 0:
        raise Undefined("division by zero")
    q = a.exact / b.exact if a.exact is not None and b.exact is not None else None
    return _with_exact(a.lo / b.lo, a.hi / b.hi, q)


def _with_exact(lo: Any, hi: Any, q: Fraction | None) -> Real:
    if q is not None and _small(q):
        return exact(q)
    return Real(lo, hi)


def sign(value: Real) -> int:
    """-1, 0 or 1, decided; ``Undecidable`` when the two precisions do not settle it."""
    if value.exact is not None:
        return (value.exact > 0) - (value.exact < 0)
    lo, hi = HI.mpf(value.lo), value.hi
    if lo == 0 and hi == 0:
        return 0
    if hi != 0 and abs(lo - hi) <= AGREE * abs(hi):
        return 1 if hi > 0 else -1
    if lo != 0 and abs(hi) <= SHRINK * abs(lo):
        return 0
    if lo == 0 and abs(hi) < HI.mpf(10) ** -70:
        return 0
    if hi == 0 and abs(lo) < HI.mpf(10) ** -40:
        return 0
    raise Undecidable(f"cannot decide the sign of {HI.nstr(hi, 15)} (or {LO.nstr(lo, 15)})")


def as_integer(value: Real) -> int | None:
    """The integer ``value`` is, or None when it is not an integer (decided)."""
    if value.exact is not None:
        return int(value.exact) if value.exact.denominator == 1 else None
    nearest = int(HI.nint(value.hi))
    return nearest if sign(sub(value, exact(nearest))) == 0 else None


def floor_int(value: Real) -> int:
    """⌊value⌋, decided."""
    if value.exact is not None:
        return value.exact.numerator // value.exact.denominator
    whole = as_integer(value)
    if whole is not None:
        return whole
    guess = int(HI.floor(value.hi))
    if sign(sub(value, exact(guess))) > 0 and sign(sub(value, exact(guess + 1))) < 0:
        return guess
    raise Undecidable(f"cannot decide the floor of {value}")


def ceil_int(value: Real) -> int:
    return -floor_int(neg(value))


def pi() -> Real:
    return Real(+LO.pi, +HI.pi)


def e() -> Real:
    return Real(+LO.e, +HI.e)


def to_float(value: Value) -> float:
    if isinstance(value, Infinite):
        return float("inf") * value.sign
    return float(value.hi)
