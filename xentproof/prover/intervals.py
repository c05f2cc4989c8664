"""Certified enclosures of real expressions over intervals, with exact rational bounds, and
the one-variable inequalities they prove.

``enclose(f, box)`` is an interval [lo, hi] (exact rationals, or ±∞) that holds every
value of ``f`` while its symbols range over the intervals of ``box``: interval arithmetic
for +, ×, integer powers and quotients, and the monotone or bounded functions (exp, log,
sqrt, tanh, sinh, cosh, sin, cos, Abs, Max, Min). A transcendental value at a rational end
is computed with mpmath far beyond the digits kept and rounded outwards by a margin much
larger than mpmath's error, so every bound is a rational number that provably lies on the
right side; no float enters a proof. None where an operation may be undefined on the
interval (log of an interval reaching 0, a quotient by an interval holding 0) or is not
known here.

``prove_one_variable`` shows f ≥ 0 (> 0) on a symbol's declared interval by a chain of
derivatives from an end a: if f^(k) ≥ 0 on the interval (by its enclosure, on pieces
found by bisection) and f^(j)(a) ≥ 0 exactly for every j < k, then each f^(j) rises from
f^(j)(a) ≥ 0, so f ≥ 0 (Taylor's theorem with the remainder's sign known). It is how
sin t ≥ t − t³/6 (f‴ = 1 − cos t ∈ [0, 2]) and tanh t ≤ t (f′ = tanh² t ∈ [0, 1]) hold on
t ≥ 0. A strict inequality needs f(a) > 0, or f(a) = 0 at an open end with f′ ≥ 0 and f′
not identically zero: f′ is analytic there (f is built from analytic functions), so its
zeros are isolated and f increases strictly. The upper end is used the same way through
t ↦ −t, and an interior point c (0, ±1, ±1/2) splits an interval into two chains from c.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import mpmath
import sympy

from ..model import Domain
from ..notation import math_text
from ..timing import Deadline
from .calculus import constant_holds, smooth
from .probes import negative_somewhere
from .symbolic import Proof

METHOD = "interval enclosure of a derivative (Taylor with the remainder's sign)"
DEPTH = 4  # derivatives looked at
MAX_PIECES = 64  # pieces a bounded interval is bisected into
MAX_TAIL_PIECES = 6  # pieces an unbounded one is cut into
MAX_OPS = 300  # a derivative larger than this is not enclosed
DIGITS = 60  # mpmath's working digits for a transcendental value at a rational end
MARGIN = sympy.Rational(1, 10**45)  # the outward rounding, relative to 1 + |value|
SPLIT_POINTS = (0, 1, -1, sympy.Rational(1, 2), sympy.Rational(-1, 2))
SECONDS = 3.0  # for one relation: the method gives up (proves nothing) after this long

oo = sympy.oo


@dataclass(frozen=True)
class Interval:
    """The closed interval [lo, hi] of the extended reals (lo, hi exact rationals or ±∞)."""

    lo: sympy.Expr
    hi: sympy.Expr

    def contains_zero(self) -> bool:
        return bool(self.lo <= 0) and bool(self.hi >= 0)


class _Unknown(Exception):
    """No enclosure here (an operation possibly undefined, or not known)."""


def enclose(expr: sympy.Expr, box: Mapping[sympy.Basic, Interval]) -> Interval | None:
    """An interval holding every value of ``expr`` over ``box`` (None if not found)."""
    try:
        return _enclose(expr, box)
    except (_Unknown, TypeError, ValueError, ZeroDivisionError, OverflowError):
        return None


def _mul(a: sympy.Expr, b: sympy.Expr) -> sympy.Expr:
    """A product of two ends, 0·(±∞) being 0 (the end of an interval of finite values)."""
    if a == 0 or b == 0:
        return sympy.Integer(0)
    return a * b


def _enclose(expr: sympy.Expr, box: Mapping[sympy.Basic, Interval]) -> Interval:
    if expr in box:
        return box[expr]
    if expr.is_Rational:
        return Interval(expr, expr)
    if expr.is_number:
        return _around_number(expr)
    if expr.is_Add:
        parts = [_enclose(a, box) for a in expr.args]
        return Interval(sympy.Add(*(p.lo for p in parts)), sympy.Add(*(p.hi for p in parts)))
    if expr.is_Mul:
        result = Interval(sympy.Integer(1), sympy.Integer(1))
        for a in expr.args:
            result = _times(result, _enclose(a, box))
        return result
    if expr.is_Pow:
        return _power(expr, box)
    if isinstance(expr, (sympy.Max, sympy.Min)):
        parts = [_enclose(a, box) for a in expr.args]
        pick = _most if isinstance(expr, sympy.Max) else _least
        return Interval(pick(*(p.lo for p in parts)), pick(*(p.hi for p in parts)))
    if isinstance(expr, sympy.Abs):
        inner = _enclose(expr.args[0], box)
        if bool(inner.lo >= 0):
            return inner
        if bool(inner.hi <= 0):
            return Interval(-inner.hi, -inner.lo)
        return Interval(sympy.Integer(0), _most(-inner.lo, inner.hi))
    if isinstance(expr, (sympy.sin, sympy.cos)):
        _enclose(expr.args[0], box)  # the argument must be enclosed (defined) too
        return Interval(sympy.Integer(-1), sympy.Integer(1))
    if isinstance(expr, sympy.cosh):
        inner = _enclose(expr.args[0], box)
        if inner.contains_zero():
            top = _up(mpmath.cosh, _most(-inner.lo, inner.hi))  # cosh rises with |t|
            return Interval(sympy.Integer(1), top)
        low, high = sorted((abs(inner.lo), abs(inner.hi)))
        return Interval(_down(mpmath.cosh, low), _up(mpmath.cosh, high))
    monotone = _MONOTONE.get(type(expr))
    if monotone is not None:
        inner = _enclose(expr.args[0], box)
        function, lowest, highest, start = monotone
        if bool(inner.lo < start) or (start == 0 and isinstance(expr, sympy.log) and inner.lo == 0):
            raise _Unknown  # log at or below 0
        lo = lowest if inner.lo == -oo else _down(function, inner.lo)
        hi = highest if inner.hi == oo else _up(function, inner.hi)
        bound = _BOUNDED.get(type(expr))
        if bound is not None:  # tanh and erf within ±1, atan within ±π/2 (a rational above)
            lo, hi = _most(lo, -bound), _least(hi, bound)
        return Interval(lo, hi)
    raise _Unknown


# An increasing function: its mpmath form, its value at -∞ and at +∞, the lowest argument
# where it is defined (log: above 0, checked apart).
_MONOTONE: dict[type, tuple[Callable[..., object], sympy.Expr, sympy.Expr, sympy.Expr]] = {
    sympy.exp: (mpmath.exp, sympy.Integer(0), oo, -oo),
    sympy.log: (mpmath.log, -oo, oo, sympy.Integer(0)),
    sympy.tanh: (mpmath.tanh, sympy.Integer(-1), sympy.Integer(1), -oo),
    sympy.sinh: (mpmath.sinh, -oo, oo, -oo),
    sympy.erf: (mpmath.erf, sympy.Integer(-1), sympy.Integer(1), -oo),
    sympy.atan: (mpmath.atan, -sympy.Rational(1571, 1000), sympy.Rational(1571, 1000), -oo),
}
# The increasing functions bounded on the line, and a rational bound of |f| (π/2 < 1.571).
_BOUNDED: dict[type, sympy.Expr] = {
    sympy.tanh: sympy.Integer(1),
    sympy.erf: sympy.Integer(1),
    sympy.atan: sympy.Rational(1571, 1000),
}


def _times(a: Interval, b: Interval) -> Interval:
    ends = [_mul(x, y) for x in (a.lo, a.hi) for y in (b.lo, b.hi)]
    return Interval(_least(*ends), _most(*ends))


def _least(*ends: sympy.Expr) -> sympy.Expr:
    """The lowest of interval ends (exact rationals or ±∞). Python's ``min`` over SymPy's
    exact comparisons: the value ``sympy.Min`` gives, without building a Min first (a
    seventh of the time; the enclosures of a derivative take thousands). A NaN end
    raises, as it does in ``sympy.Min``, and the enclosure is then not known."""
    return min(ends)


def _most(*ends: sympy.Expr) -> sympy.Expr:
    """The highest of interval ends (see ``_least``)."""
    return max(ends)


def _power(expr: sympy.Pow, box: Mapping[sympy.Basic, Interval]) -> Interval:
    base, exponent = expr.args
    if base is sympy.E:
        return _enclose(sympy.exp(exponent, evaluate=False), box)
    inner = _enclose(base, box)
    if exponent.is_Integer:
        n = int(exponent)
        if n < 0:
            if inner.contains_zero():
                raise _Unknown
            positive = _integer_power(inner, -n)
            ends = [sympy.Integer(0) if abs(e) == oo else 1 / e for e in (positive.lo, positive.hi)]
            return Interval(_least(*ends), _most(*ends))
        return _integer_power(inner, n)
    if exponent == sympy.Rational(1, 2):
        if bool(inner.lo < 0):
            raise _Unknown
        hi = oo if inner.hi == oo else _up(mpmath.sqrt, inner.hi)
        return Interval(_down(mpmath.sqrt, inner.lo), hi)
    raise _Unknown


def _integer_power(inner: Interval, n: int) -> Interval:
    lo, hi = inner.lo, inner.hi
    if n == 0:
        return Interval(sympy.Integer(1), sympy.Integer(1))
    if n % 2 == 1 or bool(lo >= 0):
        return Interval(lo**n, hi**n)
    if bool(hi <= 0):
        return Interval(hi**n, lo**n)
    return Interval(sympy.Integer(0), _most(lo**n, hi**n))


def _value(function: Callable[..., object], at: sympy.Expr) -> sympy.Rational:
    """``function`` at a rational point, as the exact rational of mpmath's binary result."""
    with mpmath.workdps(DIGITS):
        value = function(mpmath.mpf(int(at.p)) / int(at.q))
        if not isinstance(value, mpmath.mpf) or not mpmath.isfinite(value):
            raise _Unknown
        sign, mantissa, exponent, _ = value._mpf_  # man_exp would drop the sign
    return (-1) ** sign * sympy.Integer(mantissa) * sympy.Integer(2) ** exponent


# Beyond this size an argument is not evaluated: the increasing function's value there is
# bounded by its value at ±CAP (below) or by ±∞ (above), e.g. exp(2^64) is not computed.
CAP = sympy.Integer(2) ** 16


# The rational values of the functions at rational points, exact: exp(0) = 1 is a bound a
# relation may reach (exp(−x²)·cos(kx) ≤ 1), which rounding outwards would lose.
_EXACT: dict[tuple[Callable[..., object], sympy.Expr], sympy.Expr] = {
    (mpmath.exp, sympy.Integer(0)): sympy.Integer(1),
    (mpmath.cosh, sympy.Integer(0)): sympy.Integer(1),
    (mpmath.log, sympy.Integer(1)): sympy.Integer(0),
    (mpmath.tanh, sympy.Integer(0)): sympy.Integer(0),
    (mpmath.sinh, sympy.Integer(0)): sympy.Integer(0),
    (mpmath.sqrt, sympy.Integer(0)): sympy.Integer(0),
    (mpmath.sqrt, sympy.Integer(1)): sympy.Integer(1),
}


def _down(function: Callable[..., object], at: sympy.Expr) -> sympy.Expr:
    """A rational at most ``function(at)``, for an increasing function."""
    if (function, at) in _EXACT:
        return _EXACT[function, at]
    if at < -CAP:
        return _LOWEST.get(function, -oo)
    value = _value(function, _least(at, CAP))
    return value - MARGIN * (1 + abs(value))


def _up(function: Callable[..., object], at: sympy.Expr) -> sympy.Expr:
    """A rational at least ``function(at)``, for an increasing function."""
    if (function, at) in _EXACT:
        return _EXACT[function, at]
    if at > CAP:
        return oo
    value = _value(function, _most(at, -CAP))
    return value + MARGIN * (1 + abs(value))


_LOWEST: dict[Callable[..., object], sympy.Expr] = {
    mpmath.exp: sympy.Integer(0),
    mpmath.tanh: sympy.Integer(-1),
    mpmath.cosh: sympy.Integer(1),
    mpmath.erf: sympy.Integer(-1),
    mpmath.atan: -sympy.Rational(1571, 1000),
}


def _around_number(number: sympy.Expr) -> Interval:
    """A constant (log 2, π, e) between two rationals."""
    value = number.evalf(DIGITS)
    if not value.is_Float:
        raise _Unknown
    exact = sympy.Rational(value)
    margin = MARGIN * (1 + abs(exact))
    return Interval(exact - margin, exact + margin)


# -- one variable ------------------------------------------------------------------------------


def nonnegative_on(
    f: sympy.Expr,
    x: sympy.Symbol,
    lo: sympy.Expr,
    hi: sympy.Expr,
    strict: bool,
    deadline: Deadline | None = None,
) -> bool:
    """Whether the enclosures of ``f`` over pieces of [lo, hi] show f ≥ 0 (> 0 with
    ``strict``) there: each piece whose enclosure does not settle it is bisected (an
    unbounded one is cut at twice its distance from 0), up to MAX_PIECES."""
    if negative_somewhere(f, x, lo, hi):
        return False  # a piece holding that point never settles: bisecting is in vain
    pieces = [(lo, hi)]
    count = 0
    most = MAX_PIECES if lo.is_finite and hi.is_finite else MAX_TAIL_PIECES
    while pieces:
        a, b = pieces.pop()
        found = enclose(f, {x: Interval(a, b)})
        if found is not None and (bool(found.lo > 0) or (not strict and bool(found.lo >= 0))):
            continue
        count += 1
        if deadline is not None and deadline.passed:
            return False
        if found is None and count > 1 and a != -oo and b != oo:
            return False  # undefined somewhere inside: bisection will not help
        if count > most:
            return False
        if a == -oo and b == oo:
            middle = sympy.Integer(0)
        elif b == oo:
            middle = 2 * abs(a) + 1 if a >= 0 else sympy.Integer(0)
        elif a == -oo:
            middle = -2 * abs(b) - 1 if b <= 0 else sympy.Integer(0)
        else:
            middle = (a + b) / 2
        pieces += [(a, middle), (middle, b)]
    return True


def prove_one_variable(
    value: sympy.Expr, strict: bool, symbol: sympy.Symbol, domain: Domain
) -> Proof | None:
    """A proof that ``value`` (in ``symbol`` alone) is ≥ 0 (> 0 with ``strict``) on the
    symbol's declared interval, by a chain of derivatives from an end or a split point."""
    if domain.values is not None or domain.integer or value.free_symbols != {symbol}:
        return None
    if domain.nonzero or not smooth(value) or sympy.count_ops(value) > MAX_OPS:
        return None
    x = sympy.Dummy(symbol.name, real=True)
    f = value.xreplace({symbol: x})
    lo, hi = domain.lo, domain.hi
    deadline = Deadline.after(SECONDS)
    shown = f"{math_text(symbol)} ∈ {domain.text}"
    try:
        if lo.is_finite:
            notes = _chain(f, x, lo, hi, domain.lo_open, strict, deadline)
            if notes is not None and _far_end(f, x, hi, domain.hi_open, strict):
                return _proof(notes, shown)
        if hi.is_finite:
            notes = _chain(f.xreplace({x: -x}), x, -hi, -lo, domain.hi_open, strict, deadline)
            if notes is not None and _far_end(f, x, lo, domain.lo_open, strict):
                return _proof(["from the upper end: " + n for n in notes], shown)
        for c in SPLIT_POINTS:
            if not (bool(lo < c) and bool(c < hi)):
                continue
            right = _chain(f, x, sympy.Integer(c), hi, False, strict, deadline)
            if right is None:
                continue
            left = _chain(f.xreplace({x: -x}), x, sympy.Integer(-c), -lo, False, strict, deadline)
            ends = _far_end(f, x, hi, domain.hi_open, strict)
            if left is not None and ends and _far_end(f, x, lo, domain.lo_open, strict):
                return _proof([f"split at {math_text(symbol)} = {c}", *right, *left], shown)
    except (NotImplementedError, ValueError, TypeError, AttributeError, RecursionError):
        return None
    except sympy.PolynomialError:
        return None
    return None


def _proof(notes: list[str], shown: str) -> Proof:
    return METHOD, tuple(dict.fromkeys([*notes, shown]))


def _far_end(f: sympy.Expr, x: sympy.Symbol, end: sympy.Expr, open_end: bool, strict: bool) -> bool:
    """A closed finite far end is a point of the domain as well: f must hold there (the
    chain covers it already; this checks the exact value once more)."""
    if open_end or not end.is_finite:
        return True
    return constant_holds(f.xreplace({x: end}), strict)


def _chain(
    f: sympy.Expr,
    x: sympy.Symbol,
    a: sympy.Expr,
    b: sympy.Expr,
    a_open: bool,
    strict: bool,
    deadline: Deadline,
) -> list[str] | None:
    """Notes of a proof that f ≥ 0 (> 0) on the interval from a to b (a excluded when
    ``a_open``) by the derivatives' values at a and an enclosure of one of them, or None.
    Every derivative used must have an enclosure on the whole interval (it is defined
    there), and an exact, finite value at a."""
    whole = {x: Interval(a, b)}
    if enclose(f, whole) is None:
        return None
    if deadline.passed:
        return None
    # f(a) = 0: outward rounding leaves the enclosure's lower bound below 0 at a, so only
    # the chain of derivatives can show f ≥ 0 there (bisecting would spend the time)
    if f.xreplace({x: a}) != 0 and nonnegative_on(f, x, a, b, strict, deadline):
        return [f"{math_text(f)} enclosed above 0 on {_where(a, b)}"]
    derivatives = [f]
    at_a: list[sympy.Expr] = []
    for k in range(1, DEPTH + 1):
        value_at_a = derivatives[-1].xreplace({x: a})
        if value_at_a.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo) or value_at_a.free_symbols:
            return None
        if not constant_holds(value_at_a, False):
            return None  # negative at a: no chain from a
        at_a.append(value_at_a)
        current = sympy.diff(derivatives[-1], x)
        if sympy.count_ops(current) > MAX_OPS or enclose(current, whole) is None:
            return None
        derivatives.append(current)
        # the derivative as SymPy writes it, then over one denominator (an enclosure of a
        # difference of two positive parts loses their common factor)
        for form in dict.fromkeys((current, _tidy(current))):
            if deadline.passed:
                return None
            if nonnegative_on(form, x, a, b, False, deadline):
                derivatives[-1] = form
                return _chain_holds(derivatives, at_a, x, a, b, a_open, strict, k)
    return None


def chain_from(
    f: sympy.Expr, x: sympy.Symbol, a: sympy.Expr, b: sympy.Expr, deadline: Deadline
) -> list[str] | None:
    """The notes of a proof that f ≥ 0 on [a, b] (a a point of it) by the chain of
    derivatives from a, or None (``one_variable_pieces`` uses it at a touching point)."""
    return _chain(f, x, a, b, False, False, deadline)


def _tidy(expr: sympy.Expr) -> sympy.Expr:
    """``expr`` over one denominator, its numerator factored (the same function)."""
    try:
        return sympy.factor(sympy.together(expr))
    except (sympy.PolynomialError, NotImplementedError, ValueError, TypeError):
        return expr


def _where(a: sympy.Expr, b: sympy.Expr) -> str:
    return f"[{math_text(a)}, {math_text(b)}]" if b != oo else f"[{math_text(a)}, ∞)"


def _chain_holds(
    derivatives: list[sympy.Expr],
    at_a: list[sympy.Expr],
    x: sympy.Symbol,
    a: sympy.Expr,
    b: sympy.Expr,
    a_open: bool,
    strict: bool,
    k: int,
) -> list[str] | None:
    """f^(k) ≥ 0 on the interval and f^(j)(a) ≥ 0 for j < k: the notes, once strictness is
    settled (f(a) > 0, or a excluded with f′ ≥ 0 not identically zero)."""
    where = _where(a, b)
    notes = [
        f"f^({k}) = {math_text(derivatives[k])} ≥ 0 on {where} (interval enclosure)",
        "at the end: " + ", ".join(f"f^({j}) = {math_text(v)} ≥ 0" for j, v in enumerate(at_a)),
    ]
    if not strict or constant_holds(at_a[0], True):
        return notes
    if not a_open:
        return None  # f(a) = 0 at a point of the domain: not strict
    # a excluded, f(a) = 0: f′ ≥ 0 (k = 1, or from the chain) and f′ analytic and not
    # identically zero, so f′ > 0 but at isolated points and f rises strictly from f(a)
    probe = a + 1 if b == oo else (a + b) / 2
    slope = derivatives[1].xreplace({x: probe})
    if not constant_holds(slope, True):
        return None
    notes.append(f"f′({math_text(probe)}) > 0: f′ ≥ 0 is analytic and not identically zero")
    return notes
