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
from fractions import Fraction
from math import comb
from typing import Any

from . import numbers as n
from .domains import Domain
from .evaluate import Evaluator
from .numbers import HI, Infinite, Real, Undecidable, Undefined, Unsupported, Value
from .tree import Const, Derivative, Fixed, Limit, Name, Neg, Node, Num

LIMIT_EXPONENTS = (8, 16, 32, 64, 128, 256)
PROBE_FACTORS = (Fraction(1), Fraction(12345678, 10**7), Fraction(141421356, 10**8))
INTEGER_OFFSETS = (0, 1, 3)
DERIVATIVE_STEPS = (12, 24)


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
    return value.hi


def _probes_at(
    ev: Evaluator, node: Limit, env: dict[str, Real], side: int, e: int, integer: bool, at_inf: bool
) -> list[Any]:
    values = []
    if at_inf:
        for k in INTEGER_OFFSETS if integer else range(len(PROBE_FACTORS)):
            x = side * (10**e + k) if integer else side * 10**e * PROBE_FACTORS[k]
            values.append(_probe(ev, node, env, Num(Fraction(x))))
        return values
    point = ev.real(node.point, env)  # again, at the raised precision
    for factor in PROBE_FACTORS:
        offset = side * factor / 10**e
        if point.exact is not None:
            x: Node = Num(point.exact + offset)
        else:
            shift = n.exact(offset)
            x = Fixed(Real(point.lo + shift.lo, point.hi + shift.hi))
        values.append(_probe(ev, node, env, x))
    return values


def _one_sided(
    ev: Evaluator, node: Limit, env: dict[str, Real], side: int, integer: bool, at_infinity: bool
) -> Value:
    scales: list[list[Any]] = []
    for e in LIMIT_EXPONENTS:
        with n.raised_precision(e + 10):
            scales.append(_probes_at(ev, node, env, side, e, integer, at_infinity))
    last, before = scales[-1], scales[-2]
    top = max(abs(v) for v in last)
    spread = max(last + before) - min(last + before)
    if spread <= HI.mpf(10) ** -12 * (1 + top):
        return n.approx(before[0], last[0])
    tail = scales[2:]
    signs = {1 if v > 0 else -1 if v < 0 else 0 for scale in tail for v in scale}
    smallest = [min(abs(v) for v in scale) for scale in tail]
    growing = all(b >= 1.5 * a for a, b in itertools.pairwise(smallest))
    if len(signs) == 1 and 0 not in signs and growing and smallest[-1] > 100:
        return Infinite(signs.pop())
    if max(last) - min(last) > HI.mpf(10) ** -3 * (1 + top):
        raise Undefined("the limit does not exist: the values keep spreading")
    raise Undecidable("the probes of the limit neither settle nor diverge")


def derivative(ev: Evaluator, node: Derivative, env: dict[str, Real]) -> Value:
    var, order = node.var, node.order
    if var in env or var not in ev.decl.symbols:
        raise Unsupported(f"the variable of a derivative must be a declared symbol: {var}")
    if not ev.decl.symbols[var].is_real_interval:
        raise Undefined(f"a derivative in {var}, whose domain is not an interval of reals")
    central: list[Any] = []
    for e in DERIVATIVE_STEPS:
        with n.raised_precision(e * order + 30):
            x0 = ev.real(Name(var), {})
            h = Fraction(1, 10**e)

            def f(offset: Fraction, x0: Real = x0) -> Any:
                moved = Fixed(n.add(x0, n.exact(offset))) if offset else Fixed(x0)
                value = ev.moved(var, moved).value(node.body, env)
                if isinstance(value, Infinite):
                    raise Undefined("an infinite value inside a derivative")
                return value.hi

            scale = HI.mpf(10) ** (e * order)
            forward = sum((-1) ** (order - k) * comb(order, k) * f(k * h) for k in range(order + 1))
            backward = sum((-1) ** k * comb(order, k) * f(-k * h) for k in range(order + 1))
            middle = sum(
                (-1) ** k * comb(order, k) * f((Fraction(order, 2) - k) * h)
                for k in range(order + 1)
            )
            forward, backward = forward * scale, backward * scale
            central.append(+middle * scale)
    size = 1 + abs(central[-1])
    gap = abs(forward - backward)
    if gap > HI.mpf(10) ** -3 * size:
        raise Undefined(f"not differentiable in {var} here: the one-sided quotients differ")
    if gap > HI.mpf(10) ** -6 * size or abs(central[0] - central[1]) > HI.mpf(10) ** -6 * size:
        raise Undecidable("the difference quotients do not settle")
    return n.approx(central[0], central[1])
