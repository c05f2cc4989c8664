"""Limits and derivatives, numerically and by the contract.

A limit is approached along probe points at distances 10^-8 ... 10^-256 from its point (or
out to 10^256 for ±oo), several probes per distance, from each side the direction asks for;
every probe must be defined (the body is defined near the point), the values must settle
(a finite limit), or grow steadily in one sign (an infinite one); values that keep
spreading mean there is no limit. A two-sided limit needs both one-sided limits and their
agreement. The point must be a limit point of the variable's declared domain from the side
approached.

A derivative is taken in a variable whose declared domain is an interval of reals, of the
body as a function of that variable near the point: forward and backward difference
quotients of the order asked must agree (no kink, no jump), and the central quotient at
two step sizes gives the value (as the ``lo``/``hi`` pair that decisions compare).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from fractions import Fraction
from math import comb
from typing import Any

from . import numbers as n
from .domains import Domain
from .evaluate import Evaluator
from .numbers import HI, Infinite, Real, Undecidable, Undefined, Unsupported, Value
from .tree import Const, Derivative, Fixed, Limit, Member, Name, Neg, Node, Num

LIMIT_EXPONENTS = (8, 16, 32, 64, 128)
PROBE_FACTORS = (Fraction(1), Fraction(12345678, 10**7), Fraction(141421356, 10**8))
FAR_FACTORS = (Fraction(1), Fraction(4, 3), Fraction(17, 12))  # not integers at any scale
INTEGER_OFFSETS = (0, 1, 3)
DERIVATIVE_STEPS = (8, 16, 24)


def _direction_at_infinity(point: Node) -> int:
    if isinstance(point, Const) and point.name == "oo":
        return 1
    if isinstance(point, Neg) and isinstance(point.arg, Const) and point.arg.name == "oo":
        return -1
    return 0


def limit(ev: Evaluator, node: Limit, env: dict[str, Real]) -> Value:
    var = node.var
    if var in env or var not in ev.decl.symbols:
        raise Unsupported(f"the variable of a limit must be a declared symbol: {var}")
    domain = ev.decl.symbols[var]
    infinite = _direction_at_infinity(node.point)
    if infinite:
        end = domain.hi if infinite > 0 else domain.lo
        if domain.values is not None or end is not None:
            raise Undefined("the point of the limit is not a limit point of the domain")
        return _one_sided(ev, node, env, infinite, domain.integer, at_infinity=True)
    if domain.values is not None or domain.integer:
        raise Undefined("a finite point is not a limit point of a discrete domain")
    sides = {"+": (1,), "-": (-1,), "+-": (1, -1)}[node.direction]
    point = ev.real(node.point, env)
    for side in sides:
        if not _approachable(ev, domain, point, side):
            raise Undefined("the limit approaches its point from outside the declared domain")
    found = [_one_sided(ev, node, env, side, False, at_infinity=False) for side in sides]
    if len(found) == 1:
        return found[0]
    right, left = found
    if isinstance(right, Infinite) or isinstance(left, Infinite):
        if isinstance(right, Infinite) and isinstance(left, Infinite) and right.sign == left.sign:
            return right
        raise Undefined("the one-sided limits differ")
    if n.sign(n.sub(right, left)) != 0:
        raise Undefined("the one-sided limits differ")
    return right


def _approachable(ev: Evaluator, domain: Domain, point: Real, side: int) -> bool:
    """Whether points just to the ``side`` of ``point`` lie in the (interval) domain."""
    if domain.lo is not None:
        above = n.sign(n.sub(point, ev.real(domain.lo, {})))
        if above < 0 or (above == 0 and side < 0):
            return False
    if domain.hi is not None:
        below = n.sign(n.sub(ev.real(domain.hi, {}), point))
        if below < 0 or (below == 0 and side > 0):
            return False
    return True


def _probe(ev: Evaluator, node: Limit, env: dict[str, Real], x: Node) -> Any:
    try:
        value = ev.moved(node.var, x).value(node.body, env)
    except Undefined as error:
        raise Undefined(f"the body of the limit is not defined near its point ({error})") from None
    if isinstance(value, Infinite):
        raise Undefined("the body of the limit is infinite near its point")
    if value.untrusted:
        raise Undecidable("a term absorbed in a probe of the limit")
    if n.rounding_error(value) > HI.mpf(10) ** -20 * (1 + abs(value.hi)):
        # exp(y) + x - exp(y) at y = 10**30: x is lost to rounding, the probe says nothing
        raise Undecidable("a probe of the limit lost its digits to rounding")
    return value.hi


def _probes_at(
    ev: Evaluator, node: Limit, env: dict[str, Real], side: int, e: int, integer: bool, at_inf: bool
) -> list[Any]:
    values = []
    if at_inf:
        for k in range(3):
            far = side * (10**e + INTEGER_OFFSETS[k]) if integer else side * 10**e * FAR_FACTORS[k]
            values.append(_probe(ev, node, env, Num(Fraction(far))))
        return values
    point = ev.real(node.point, env)  # again, at the raised precision
    for factor in PROBE_FACTORS:
        offset = side * factor / 10**e
        if point.exact is not None:
            x: Node = Num(point.exact + offset)
        else:
            x = Fixed(n.add(point, n.exact(offset)))
        values.append(_probe(ev, node, env, x))
    return values


def _one_sided(
    ev: Evaluator, node: Limit, env: dict[str, Real], side: int, integer: bool, at_infinity: bool
) -> Value:
    scales: list[list[Any]] = []
    for e in LIMIT_EXPONENTS:
        # Enough digits for a cancellation three times as deep as the distance (1 - cos x).
        with n.raised_precision(3 * e + 30):
            scales.append(_probes_at(ev, node, env, side, e, integer, at_infinity))
    last, before = scales[-1], scales[-2]
    top = max(abs(v) for v in last)
    spread = max(last + before) - min(last + before)
    if spread <= HI.mpf(10) ** -12 * (1 + top):
        return n.approx((scales[-3][0], before[0], last[0]))
    tail = scales[2:]
    signs = {1 if v > 0 else -1 if v < 0 else 0 for scale in tail for v in scale}
    smallest = [min(abs(v) for v in scale) for scale in tail]
    growing = all(b >= 1.5 * a for a, b in itertools.pairwise(smallest))
    if len(signs) == 1 and 0 not in signs and growing and smallest[-1] > 100:
        return Infinite(signs.pop())
    if max(last) - min(last) > HI.mpf(10) ** -3 * (1 + top):
        raise Undefined("the limit does not exist: the values keep spreading")
    raise Undecidable("the probes of the limit neither settle nor diverge")


def _step_scale(x0: Real) -> Fraction:
    """Steps are relative to the point when it is small (the derivative of |t| at 1e-30)."""
    size = abs(x0.hi)
    if size == 0 or size >= 1:
        return Fraction(1)
    return Fraction(1, 10 ** int(-HI.floor(HI.log10(size))))


KINK_RETRY_DIGITS = 60
"""A kink, a pole or an edge of the body's domain met at steps of 1e-8 to 1e-24 (relative)
may lie just beside the point (|c - 1| or log(1 - c) at c = 1 - 1e-30, a point the sampler
draws near an open end): the quotients are taken again at steps 10**60 times finer before
the point is declared to have no derivative."""


def _variable(ev: Evaluator, node: Derivative, env: dict[str, Real]) -> tuple[Real, Mover]:
    """The derivative's variable at the point, and how the point moves it: a declared
    symbol, or one member of a family (every other member held where it is)."""
    var = node.var
    if isinstance(var, Member):
        entry = ev.decl.families.get(var.family)
        if entry is None:
            raise Unsupported(f"the family of {var.family}[...] is not declared")
        domain = entry[0]
        if not domain.is_real_interval or domain.joint is not None:
            raise Undefined(f"a derivative in a member of {var.family}, not a free real variable")
        key = ev.member_key(var, env)
        return ev.real(Member(var.family, var.indices), env), lambda value: ev.moved_member(
            key, value
        )
    if var in env or var not in ev.decl.symbols:
        raise Unsupported(f"the variable of a derivative must be a declared symbol: {var}")
    if not ev.decl.symbols[var].is_real_interval:
        raise Undefined(f"a derivative in {var}, whose domain is not an interval of reals")
    return ev.real(Name(var), {}), lambda value: ev.moved(var, value)


Mover = Callable[[Node], Evaluator]


def derivative(ev: Evaluator, node: Derivative, env: dict[str, Real]) -> Value:
    current, move = _variable(ev, node, env)
    var = str(node.var) if isinstance(node.var, Member) else node.var
    unit = _step_scale(current)
    fine = unit / 10**KINK_RETRY_DIGITS
    try:
        coarse = _settled(var, *_quotients(ev, move, node, env, unit))
    except _Kink:
        pass
    else:
        # The steps may be far above the scale on which the body varies: (1 - p)**10 at
        # p = 1 - 1e-30 is even about the point at every step from 1e-8 to 1e-24, and its
        # quotients are 0 where the derivative is 1e-269. The finer quotients decide when
        # they settle (they agree with these to within the settling tolerance).
        try:
            return _settled(var, *_quotients(ev, move, node, env, fine))
        except (_Kink, Undecidable):
            return coarse
    try:
        return _settled(var, *_quotients(ev, move, node, env, fine))
    except _Kink as kink:
        raise Undefined(str(kink)) from None


def _quotients(
    ev: Evaluator, move: Mover, node: Derivative, env: dict[str, Real], unit: Fraction
) -> tuple[list[Any], Any, Any]:
    """Central difference quotients at each of ``DERIVATIVE_STEPS`` (relative to ``unit``),
    and the forward and backward ones at the finest step."""
    order = node.order
    var: Node = Name(node.var) if isinstance(node.var, str) else node.var
    point = ev.real(var, env)
    size_digits = int(HI.log10(abs(point.hi))) if abs(point.hi) > 1 else 0
    central: list[Any] = []
    forward = backward = HI.mpf(0)
    for e in DERIVATIVE_STEPS:
        digits = order * (e + len(str(unit.denominator))) + size_digits + 30
        with n.raised_precision(digits):
            x0 = ev.real(var, env)
            h = unit / 10**e

            errors: list[Any] = []

            def f(offset: Fraction, x0: Real = x0, errors: list[Any] = errors) -> Any:
                moved = Fixed(n.add(x0, n.exact(offset))) if offset else Fixed(x0)
                try:
                    value = move(moved).value(node.body, env)
                except Undefined as error:
                    if not offset:
                        raise
                    # -log(1 - p) at p = 1 - 1e-30: a step of 1e-8 leaves the body's domain
                    raise _Kink(f"the body is not defined beside the point ({error})") from None
                if isinstance(value, Infinite):
                    raise _Kink("an infinite value inside a derivative")
                if value.untrusted:
                    # log(1 + exp(x)) at x = -1000: exp(x) is absorbed, every quotient is 0
                    raise Undecidable("a term absorbed inside the difference quotients")
                errors.append(n.rounding_error(value))
                return value.hi

            scale = (HI.mpf(h.denominator) / h.numerator) ** order
            forward = sum((-1) ** (order - k) * comb(order, k) * f(k * h) for k in range(order + 1))
            backward = sum((-1) ** k * comb(order, k) * f(-k * h) for k in range(order + 1))
            middle = sum(
                (-1) ** k * comb(order, k) * f((Fraction(order, 2) - k) * h)
                for k in range(order + 1)
            )
            forward, backward = forward * scale, backward * scale
            central.append(+middle * scale)
            noise = max(errors) * 2**order * scale
            if noise > HI.mpf(10) ** -15 * (1 + abs(central[-1])):
                # the derivative of c + exp(a) in c at a = 10**30: c is lost to rounding
                raise Undecidable("the difference quotients lose their digits to rounding")
    return central, forward, backward


class _Kink(Exception):
    """The one-sided quotients differ or diverge at the steps tried, or a step left the
    body's domain or met a pole."""


def _settled(var: str, central: list[Any], forward: Any, backward: Any) -> Value:
    """The derivative from its difference quotients, or why there is none."""
    size = 1 + abs(central[-1])
    gap = abs(forward - backward)
    if gap > HI.mpf(10) ** -3 * size:
        raise _Kink(f"not differentiable in {var} here: the one-sided quotients differ")
    if abs(central[-1]) > 10**6 * (1 + abs(central[0])):
        raise _Kink(f"not differentiable in {var} here: the difference quotients diverge")
    if gap > HI.mpf(10) ** -6 * size or abs(central[-2] - central[-1]) > HI.mpf(10) ** -6 * size:
        raise Undecidable("the difference quotients do not settle")
    return n.approx((central[0], central[1], central[2]))
