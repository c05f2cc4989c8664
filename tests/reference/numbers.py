"""Real numbers as the reference evaluator computes them, and the decisions taken on them.

Every value is computed three times, at 60, 90 and 120 significant digits (three private
mpmath contexts, so nothing else's precision matters), and kept exactly as a ``Fraction``
while only rational arithmetic made it. Alongside, a running estimate of its rounding error
is kept (``error_scale``: the error at d digits is about S·10^-d, S following the largest
quantity that went into the value, weighted by how much each operation magnifies errors).
A decision (is it zero? which sign?) then is:

- nonzero when the value stands above its error at 120 digits and the 90- and 120-digit
  values agree;
- zero when at every precision the value lies within its error and that error is below
  10^-60 (a cancellation of large numbers, ``sinh(1000)**2 - cosh(1000)**2``, leaves an error
  far above that, so nothing is decided from it), and no term was absorbed whole on the way
  (``1 + exp(-1000)`` is exactly 1 at 120 digits, so ``1/(1 + exp(-1000)) - 1`` is exactly 0);
- otherwise ``Undecidable``: the evaluator never guesses, and the caller may try again with
  more digits.

Values that approach something (limits, difference quotients) use the three slots for three
successive approximations (``approximate``), so that a decision sees convergence: nonzero when
the two finest agree, zero when each is a millionth of the one before.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from mpmath.ctx_mp import MPContext

DIGITS = (60, 90, 120)
LO, MID, HI = MPContext(), MPContext(), MPContext()
CONTEXTS = (LO, MID, HI)
for _context, _digits in zip(CONTEXTS, DIGITS, strict=True):
    _context.dps = _digits

AGREE = 1e-8  # relative agreement of mid and hi that makes a value certainly nonzero
ERROR_MARGIN = 3  # rounding errors are taken as 1000 units in the last place
ZERO_CERTAINTY = 1e-60  # a zero is decided only when certain to within this
SHRINK_APPROX = 1e-6  # each finer approximation of a zero is at least this much smaller
MAX_EXACT_BITS = 20_000


class Undefined(ArithmeticError):
    """The value is not a real number (outside a function's domain, a limit that does not
    exist, a derivative where the function is not differentiable, ...)."""


class Undecidable(ArithmeticError):
    """The evaluator cannot decide at its precision; never a guess either way."""


class Unsupported(ArithmeticError):
    """A construct the reference evaluator does not evaluate (e.g. an infinite range)."""


class Real:
    """A real number at three precisions, and its exact value when rational arithmetic alone
    made it (the decimal values are then computed only when asked for)."""

    __slots__ = ("_values", "approximate", "exact", "scale", "untrusted")

    def __init__(
        self,
        values: tuple[Any, Any, Any] | None,
        exact: Fraction | None = None,
        approximate: bool = False,
        untrusted: bool = False,
        scale: Any = None,
    ) -> None:
        self._values = values
        self.exact = exact
        self.approximate = approximate
        self.untrusted = untrusted  # a term was absorbed: a zero here is not trusted
        # log10 of S where S·10^-d bounds the rounding error at d digits (see error_scale)
        self.scale = log10_abs(values[2]) if scale is None and values is not None else scale

    def at(self, k: int) -> Any:
        """The value in context ``k`` (0: 60 digits, 1: 90, 2: 120)."""
        if self.exact is not None:
            context = CONTEXTS[k]
            return context.mpf(self.exact.numerator) / self.exact.denominator
        assert self._values is not None
        return self._values[k]

    @property
    def lo(self) -> Any:
        return self.at(0)

    @property
    def mid(self) -> Any:
        return self.at(1)

    @property
    def hi(self) -> Any:
        return self.at(2)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Real):
            return NotImplemented
        if self.exact is not None or other.exact is not None:
            return self.exact == other.exact
        return bool(self._values == other._values)

    def __hash__(self) -> int:
        return hash(self.exact) if self.exact is not None else hash(str(self.hi))

    def __repr__(self) -> str:
        return f"Real({self})"

    def __str__(self) -> str:
        if self.exact is not None:
            return str(self.exact)
        return str(HI.nstr(self.hi, 20))


@dataclass(frozen=True)
class Infinite:
    """+oo or -oo: the value of a limit that diverges, or the constant ``oo`` itself."""

    sign: int

    def __str__(self) -> str:
        return "oo" if self.sign > 0 else "-oo"


Value = Real | Infinite


@contextlib.contextmanager
def raised_precision(digits: int) -> Iterator[None]:
    """Every context ``digits`` more significant digits for the duration of the block."""
    saved = [c.prec for c in CONTEXTS]
    for context in CONTEXTS:
        context.dps += digits
    try:
        yield
    finally:
        for context, prec in zip(CONTEXTS, saved, strict=True):
            context.prec = prec


_ZEROS = [True]  # whether a value may be decided zero (see nonzero_only)


@contextlib.contextmanager
def nonzero_only() -> Iterator[None]:
    """No inexact value is decided zero within the block (``Undecidable`` instead).

    For a first try at lowered precision (``raised_precision`` with fewer digits): a value
    decided nonzero there stands above its rounding error with two precisions agreeing, as
    at full precision, but a zero is certain only to within the error of the highest
    precision used, so deciding one waits for the full precision."""
    saved = _ZEROS[0]
    _ZEROS[0] = False
    try:
        yield
    finally:
        _ZEROS[0] = saved


def _small(q: Fraction) -> bool:
    return q.numerator.bit_length() <= MAX_EXACT_BITS >= q.denominator.bit_length()


def exact(q: Fraction | int) -> Real:
    if not isinstance(q, Fraction):
        q = Fraction(q)
    if _small(q):
        return Real(None, q)
    return Real(tuple(c.mpf(q.numerator) / q.denominator for c in CONTEXTS))


def approx(values: tuple[Any, Any, Any], error: Any = 0) -> Real:
    """Three successive approximations (coarse to fine) of a value that is approached;
    ``error`` bounds what rounding may have left in them (a difference quotient of values
    that cancel: 0 ± 1e-31 is no 0 to compare with 1e-1320)."""
    converted = tuple(c.mpf(v) for c, v in zip(CONTEXTS, values, strict=True))
    scale = None
    if error > 0:
        scale = max(log10_abs(converted[2]), log10_abs(error) + HI.dps - ERROR_MARGIN)
    return Real(converted, scale=scale, approximate=True)


_ROUGH = MPContext()  # for log10_abs: a magnitude, not a value, is wanted
ROUGH_BITS = 64  # bits kept beyond those of the binary exponent


def log10_abs(x: Any) -> Any:
    """log10 |x| as an mpf (a float would lose the exponent of 1.89**(-10**30)); -inf at 0.

    It is a magnitude (error scales and sensitivities are taken 10^ERROR_MARGIN apart), so it
    is computed with the bits of the exponent and ``ROUGH_BITS`` more, an absolute error
    below 2^-60, rather than at the highest precision (the log of a 1000-digit number there
    was most of the reference's time on derivatives)."""
    if x == 0:
        return HI.ninf
    y = abs(HI.mpf(x))
    if not HI.isfinite(y):
        return HI.log10(y)
    _, mantissa, exponent, _ = y._mpf_
    magnitude = abs(exponent + mantissa.bit_length())
    _ROUGH.prec = ROUGH_BITS + magnitude.bit_length()
    return HI.mpf(_ROUGH.log10(_ROUGH.mpf(y)))


def ten_to(exponent: Any) -> Any:
    """10**exponent as an mpf, to ``ROUGH_BITS`` bits beyond those of the exponent: a
    threshold (an error bound with a margin of 10^ERROR_MARGIN), not a value."""
    x = HI.mpf(exponent)
    if not HI.isfinite(x):
        return HI.mpf(10) ** x
    _ROUGH.prec = ROUGH_BITS + int(abs(x) + 1).bit_length()
    return _ROUGH.mpf(10) ** _ROUGH.mpf(x)


def error_scale(a: Real) -> Any:
    """log10 of the scale S of ``a``'s rounding error: at d digits the error is about S·10^-d.
    An exact value is rounded once, when it first meets a decimal operation."""
    if a.exact is not None:
        return log10_abs(a.hi)
    return a.scale if a.scale is not None else log10_abs(a.hi)


def rounding_error(a: Real) -> Any:
    """A bound on ``a``'s rounding error at the highest precision (0 when it is exact)."""
    if a.exact is not None:
        return HI.mpf(0)
    return ten_to(error_scale(a) + ERROR_MARGIN - HI.dps)


def _flags(*args: Real) -> dict[str, bool]:
    return {
        "approximate": any(a.approximate for a in args),
        "untrusted": any(a.untrusted for a in args),
    }


# How strongly an error in the argument shows in a function's value (log10 |f'(x)|), from
# the argument and the value (at the highest precision).
_SENSITIVITY: dict[str, Callable[[Any, Any], Any]] = {
    "exp": lambda x, r: log10_abs(r),
    "log": lambda x, r: -log10_abs(x),
    "sin": lambda x, r: 0.0,
    "cos": lambda x, r: 0.0,
    "tan": lambda x, r: log10_abs(1 + r * r),
    "sinh": lambda x, r: log10_abs(HI.cosh(x)),
    "cosh": lambda x, r: log10_abs(HI.sinh(x)),
    "tanh": lambda x, r: 0.0,
    "atan": lambda x, r: -log10_abs(1 + x * x),
    "asin": lambda x, r: -log10_abs(1 - x * x) / 2,
    "acos": lambda x, r: -log10_abs(1 - x * x) / 2,
    "asinh": lambda x, r: -log10_abs(1 + x * x) / 2,
    "acosh": lambda x, r: -log10_abs(x * x - 1) / 2,
    "atanh": lambda x, r: -log10_abs(1 - x * x),
    "erf": lambda x, r: 0.0,
}


def _per_context(compute: Callable[[int], Any]) -> tuple[Any, Any, Any]:
    """The value at each precision, from the highest down. Where the 60-digit value is not a
    real number (rounding put it on the wrong side of 0: a division by 0, a log of a negative)
    it takes the 120-digit value; where the 90-digit one is not, nothing is decided."""
    try:
        hi = compute(2)
    except (ZeroDivisionError, ValueError):
        hi = None
    if not isinstance(hi, HI.mpf):
        raise Undecidable("not a real number at 120 digits")
    try:
        mid = compute(1)
    except (ZeroDivisionError, ValueError):
        mid = None
    if not isinstance(mid, MID.mpf):
        raise Undecidable("not a real number at 90 digits")
    try:
        lo = compute(0)
    except (ZeroDivisionError, ValueError):
        lo = None
    if not isinstance(lo, LO.mpf):
        lo = LO.mpf(hi)
    return lo, mid, hi


def _absorbed(name: str, value: Real, x: Any, r: Any) -> bool:
    """Whether ``name(x)`` rounded to a value it takes nowhere near ``x``: tanh(1000) to 1,
    exp and cos of 1e-70 to 1, sin of 1e-70 to itself, log of 1 + 1e-200 to 0. It absorbed
    the rest of its expansion, so a zero found later is not trusted."""
    if name in ("exp", "cos", "cosh"):  # cos(2*pi) is 1 itself: only a small x absorbs
        return bool(r == 1 and x != 0 and abs(x) < 1)
    if name == "log":
        return bool(r == 0 and value.exact != 1)
    if name == "tanh" and abs(r) == 1:
        return True
    return bool(r == x and x != 0)  # sin, tan, sinh, tanh near 0


HUGE_ARGUMENT_BITS = 3_322  # log2(10**1000)
"""exp, sin, ... of an argument beyond 10**1000 are not computed: mpmath would
need its argument to more than a thousand digits (exp(10**10000) runs for minutes), and
nothing decides on such values. They are undecidable rather than slow."""


def lift(value: Real, name: str) -> Real:
    """A function of mpmath applied at every precision (no exact value)."""
    if name != "log" and HI.mag(value.hi) > HUGE_ARGUMENT_BITS:
        raise Undecidable(f"{name} of a number beyond 10**1000 is not computed")
    values = _per_context(lambda k: getattr(CONTEXTS[k], name)(value.at(k)))
    r, x = values[2], value.hi
    spread = error_scale(value) + _SENSITIVITY[name](x, r)
    flags = _flags(value)
    flags["untrusted"] = flags["untrusted"] or _absorbed(name, value, x, r)
    return Real(values, scale=max(spread, log10_abs(r)), **flags)  # type: ignore[arg-type]


def combine(args: list[Real], how: Any, sensitivity: Any) -> Real:
    """``how(*values)`` at every precision, for operations with no exact value;
    ``sensitivity(values, result)`` gives log10 |∂result/∂arg| for each argument."""
    values = _per_context(lambda k: how(*(a.at(k) for a in args)))
    r = values[2]
    factors = sensitivity([a.hi for a in args], r)
    spread = max(error_scale(a) + f for a, f in zip(args, factors, strict=True))
    return Real(values, scale=max(spread, log10_abs(r)), **_flags(*args))  # type: ignore[arg-type]


def _sum(a: Real, b: Real, sign_of_b: int) -> Real:
    if a.exact is not None and b.exact is not None:
        return exact(a.exact + sign_of_b * b.exact)
    x, y = a.hi, b.hi
    values = tuple(a.at(k) + sign_of_b * b.at(k) for k in range(3))
    r = values[2]
    # A term absorbed whole (1 + exp(-1000) is exactly 1): a zero found later is not trusted.
    absorbed = (y != 0 and r == x) or (x != 0 and r == sign_of_b * y)
    flags = _flags(a, b)
    flags["untrusted"] = flags["untrusted"] or absorbed
    scale = max(error_scale(a), error_scale(b), log10_abs(r))
    return Real(values, scale=scale, **flags)  # type: ignore[arg-type]


def add(a: Real, b: Real) -> Real:
    return _sum(a, b, 1)


def sub(a: Real, b: Real) -> Real:
    return _sum(a, b, -1)


def mul(a: Real, b: Real) -> Real:
    if a.exact is not None and b.exact is not None:
        return exact(a.exact * b.exact)
    return combine([a, b], lambda x, y: x * y, lambda v, r: [log10_abs(v[1]), log10_abs(v[0])])


def neg(a: Real) -> Real:
    if a.exact is not None:
        return exact(-a.exact)
    return combine([a], lambda x: -x, lambda v, r: [0.0])


def div(a: Real, b: Real) -> Real:
    if sign(b) == 0:
        raise Undefined("division by zero")
    if a.exact is not None and b.exact is not None:
        return exact(a.exact / b.exact)
    return combine(
        [a, b],
        lambda x, y: x / y,
        lambda v, r: [-log10_abs(v[1]), log10_abs(r) - log10_abs(v[1])],
    )


def _negligible(a: Any, b: Any, ratio: float) -> bool:
    return bool(a == 0 or (b != 0 and abs(a) <= ratio * abs(b)))


def sign(value: Real) -> int:
    """-1, 0 or 1, decided; ``Undecidable`` when the precisions do not settle it.

    Nonzero: the value stands above its rounding error at 120 digits and 90 and 120 digits
    agree. Zero: at every precision the value is within its rounding error, and that error
    is below 10^-60 at 120 digits (so a zero is certain to within 10^-60), and no term was
    absorbed on the way. An approximated value (limits, derivatives) is zero when each
    approximation is a millionth of the one before.
    """
    if value.exact is not None:
        return (value.exact > 0) - (value.exact < 0)
    lo, mid, hi = HI.mpf(value.lo), HI.mpf(value.mid), value.hi
    scale = error_scale(value)
    bounds = [ten_to(scale + ERROR_MARGIN - c.dps) for c in CONTEXTS]
    if value.approximate:
        return _approximate_sign(lo, mid, hi, bounds[2], value.untrusted)
    if abs(hi) > bounds[2] and abs(mid - hi) <= AGREE * abs(hi):
        return 1 if hi > 0 else -1
    within = all(abs(v) <= b for v, b in zip((lo, mid, hi), bounds, strict=True))
    if within and bounds[2] <= ZERO_CERTAINTY and _ZEROS[0]:
        if value.untrusted:
            raise Undecidable("a zero where a term was absorbed")
        return 0
    raise Undecidable(f"cannot decide the sign of {HI.nstr(hi, 15)} (or {HI.nstr(mid, 15)})")


def _approximate_sign(lo: Any, mid: Any, hi: Any, bound: Any, untrusted: bool) -> int:
    if abs(hi) > bound and abs(mid - hi) <= AGREE * abs(hi):
        return 1 if hi > 0 else -1
    shrinking = _negligible(hi, mid, SHRINK_APPROX) and _negligible(mid, lo, SHRINK_APPROX)
    if shrinking and bound <= ZERO_CERTAINTY and _ZEROS[0]:
        if untrusted:
            raise Undecidable("a zero where a term was absorbed")
        return 0
    raise Undecidable(f"cannot decide the sign of {HI.nstr(hi, 15)} (or {HI.nstr(mid, 15)})")


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
    return Real(tuple(+c.pi for c in CONTEXTS))


def e() -> Real:
    return Real(tuple(+c.e for c in CONTEXTS))
