"""Numeric agreement and the ends of a domain (``accept = "numeric"`` only).

The sample points of a real symbol lie between about 10⁻⁶ and 10⁶ from its ends: atan(x) <
1.5707963 agreed at every one of them and passed with ``accept = "numeric"``, though it fails
for x > 3.1·10⁷; so did log(t) > −30 (false for t < 10⁻¹³), √t < 10⁵ and exp(−1/t) <
0.999999. So before numeric agreement is accepted, each symbol is taken, one at a time, to
points far along each end of its domain (every power of ten from 10^7 to 10^16, then
10^20 … 10^64, from 0 where it is unbounded, that close to a finite end; a relation that
fails only between two such scales, exp(−(log t − 16)²) < 1/2 near t = e^16 ≈ 8.9·10⁶ when
the scales were 10^8, 10^16, …, still passes), the other symbols at sample points: a point where
the relation fails at the working precision and again at twice it (the first alone misjudges
(1 + 1/t)^t < e at t = 10^64), by more than the working precision or, where the sides
agree to it (tanh(x) < 1 at x = 10^64), by SymPy's strict evaluation at the exact point, is
an objection; so is a point where a side has no real value.

Besides, every symbol is taken far at once, at one scale (exp(−1/x − 1/y) < 0.9999999 fails
only where x and y are both beyond 2·10⁷), and each family's members like symbols: all of a
family's members far at once, and each member the sides write alone (atan(z[2]) <
1.5707963 and Σ_{i=1}^{3} w[i] < 10⁷ were accepted: a family's members were never taken
far). A one-hot or simplex family is bounded, and its members tied: left at its samples.

This only ever withholds numeric acceptance; it proves and refutes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import mpmath
import sympy

from ..domains import contains
from ..substitution import put
from ..timing import bounded
from .confirm import confirmed
from .constrained import keep_to_constraints
from .declared import DomainInfo
from .numeric import Undefined, evaluate
from .refute import POINT_ERRORS, close, fails
from .sampling import family_members, member_values, range_members, rng_for, sample_points

DPS = 100  # 1 − 10⁻⁶⁴ apart from 1, with digits to spare
# every decade past the sample points (about 10^6) up to 10^16, then sparser
SCALES = (*range(7, 17), 20, 24, 32, 48, 64)
POINTS = 3
CONFIRM_SECONDS = 0.3


# The integers between an integer symbol's sample points (seven from its lower end, or −3
# … 3) and the far scales, counted from that end (or from 0): sin(n) < 0.999 fails first at
# n = 33, cos(m) > −0.999 at m = ±22, and nothing between 7 and 10^7 was taken.
BETWEEN_INTEGERS = (*range(4, 65), 80, 100, 128, 200, 256, 500, 1000, 2000, 5000, 10**4)
BETWEEN_INTEGERS += (10**5, 10**6)


def far_values(info: DomainInfo, between: bool = True) -> list[sympy.Expr]:
    """Points far along each end of the symbol's domain (none for a finite set); for an
    integer symbol, the integers between its sample points and those first (``between``;
    a count that bounds a sum has its own, ``far_out``)."""
    domain = info.domain
    if domain.values is not None:
        return []
    found: list[sympy.Expr] = []
    if domain.integer and between:
        up = sympy.ceiling(domain.lo) if domain.lo.is_finite else sympy.Integer(0)
        down = sympy.floor(domain.hi) if domain.hi.is_finite else sympy.Integer(0)
        for k in BETWEEN_INTEGERS:
            for value in (up + k, down - k):
                if value.is_Integer and contains(domain, value) and value not in found:
                    found.append(value)
    for k in SCALES:
        big, small = sympy.Integer(10) ** k, sympy.Rational(1, 10**k)
        candidates = [
            big if not domain.hi.is_finite else domain.hi - small,
            -big if not domain.lo.is_finite else domain.lo + small,
        ]
        for value in candidates:
            if domain.integer and not value.is_Integer:
                continue
            if contains(domain, value) and value not in found:
                found.append(value)
    return found


def far_objection(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
) -> str:
    """A point far along an end of a domain where the relation does not clearly hold, in
    words; "" when there is none."""
    for point, far in _far_points(relation, lhs, rhs, infos):
        a = evaluate(lhs, point, DPS)
        b = evaluate(rhs, point, DPS)
        if a is None or b is None:
            continue  # not evaluated here: says nothing
        shown = ", ".join(
            f"{k} = {v}" for k, v in point.items() if not isinstance(k, sympy.Indexed) or k in far
        )
        if isinstance(a, Undefined) or isinstance(b, Undefined):
            return f"at {shown} a side has no real value"
        if isinstance(a, mpmath.mpc) or isinstance(b, mpmath.mpc):
            continue
        with mpmath.workdps(DPS):
            failing = fails(relation, a, b, DPS)
        if failing and _fails_still(relation, lhs, rhs, point):
            return (
                f"at {shown} the sides do not keep the relation clearly: "
                f"{mpmath.nstr(a, 12)} against {mpmath.nstr(b, 12)}"
            )
    return ""


def _far_points(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
) -> Iterator[tuple[dict[sympy.Basic, sympy.Expr], Mapping[sympy.Basic, sympy.Expr]]]:
    """The points tried: each symbol far along its domain, the others at sample points;
    every symbol far at once, at one scale (x·y/(x + y) < 10⁷ fails only where both are
    large); each family's members far, all of them at once and each member written in the
    sides alone (a family's members are as free as symbols), the other members at values
    their families allow."""
    symbols = sorted((s for s in lhs.free_symbols | rhs.free_symbols if s in infos), key=str)
    bases = sorted(
        {a.base for e in (lhs, rhs) for a in e.atoms(sympy.Indexed) if a.base in infos}, key=str
    )
    rng = rng_for("far scales", str(lhs), relation, str(rhs))
    counts = {
        s
        for e in (lhs, rhs)
        for node in e.atoms(sympy.Sum, sympy.Product)
        for _, lo, hi in node.limits
        for s in lo.free_symbols | hi.free_symbols
    }
    members = family_members(bases, infos, rng)
    draw = [0]

    def filled(
        point: dict[sympy.Basic, sympy.Expr], far: Mapping[sympy.Basic, sympy.Expr]
    ) -> dict[sympy.Basic, sympy.Expr] | None:
        if members:
            reached = range_members((lhs, rhs), members, point)
            point = {**point, **member_values(members + reached, rng, draw[0])}
            draw[0] += 1
        kept = keep_to_constraints({**point, **far}, infos, rng)
        if kept is None or any(kept.get(k) != v for k, v in far.items()):
            return None
        return kept

    for s in symbols:
        others = [o for o in symbols if o != s]
        samples = sample_points(others, infos, rng, limit=POINTS) if others else [{}]
        for value in far_values(infos[s], between=s not in counts):
            for base in samples[:POINTS]:
                point = filled(dict(base), {s: value})
                if point is not None:
                    yield point, {s: value}
    free = [s for s in symbols if far_values(infos[s])]
    if len(free) > 1:
        for k in range(len(SCALES)):
            for end in (0, -1):
                far = {s: _at_scale(infos[s], k, end) for s in free}
                if all(v is not None for v in far.values()):
                    point = filled({s: v for s, v in far.items() if v is not None}, {})
                    if point is not None and all(point.get(s) == v for s, v in far.items()):
                        yield point, far
    samples = sample_points(symbols, infos, rng, limit=POINTS) if symbols else [{}]
    for base in bases:
        info = infos[base]
        if info.domain.joint is not None:
            continue  # a one-hot or simplex row is bounded, and its members are tied
        written = sorted(
            (
                a
                for e in (lhs, rhs)
                for a in e.atoms(sympy.Indexed)
                if a.base == base and all(i.is_Integer for i in a.indices)
            ),
            key=str,
        )
        for value in far_values(info):
            for point in samples[:POINTS]:
                whole = filled(dict(point), {})
                if whole is None:
                    continue
                family = {
                    m: value for m in whole if isinstance(m, sympy.Indexed) and m.base == base
                }
                every = keep_to_constraints({**whole, **family}, infos, rng)
                if every is not None and all(every.get(m) == v for m, v in family.items()):
                    yield every, family
                for m in written:
                    one = keep_to_constraints({**whole, m: value}, infos, rng)
                    if one is not None and one.get(m) == value:
                        yield one, {m: value}


def _at_scale(info: DomainInfo, k: int, end: int) -> sympy.Expr | None:
    """The value at the ``k``-th far scale of the domain: along its upper end (``end`` 0)
    or its lower one (-1), else along the one it has."""
    domain = info.domain
    big, small = sympy.Integer(10) ** SCALES[k], sympy.Rational(1, 10 ** SCALES[k])
    candidates = [
        big if not domain.hi.is_finite else domain.hi - small,
        -big if not domain.lo.is_finite else domain.lo + small,
    ]
    fitting = [
        v for v in candidates if contains(domain, v) and (v.is_Integer or not domain.integer)
    ]
    if not fitting:
        return None
    return fitting[end] if len(fitting) > 1 else fitting[0]


def _fails_still(
    relation: str, lhs: sympy.Expr, rhs: sympy.Expr, point: Mapping[sympy.Basic, sympy.Expr]
) -> bool:
    """Whether a failure at the working precision stands at twice it, and is either clear
    there or confirmed at the exact point by SymPy's strict evaluation (within a short
    time)."""
    a = evaluate(lhs, point, 2 * DPS)
    b = evaluate(rhs, point, 2 * DPS)
    if a is None or b is None or isinstance(a, Undefined) or isinstance(b, Undefined):
        return False
    if isinstance(a, mpmath.mpc) or isinstance(b, mpmath.mpc):
        return False
    with mpmath.workdps(2 * DPS):
        if not fails(relation, a, b, 2 * DPS):
            return False
        if not close(a, b, 2 * DPS):
            return True
    found: list[bool] = []
    with bounded(CONFIRM_SECONDS):
        try:
            found.append(confirmed(relation, put(lhs, point), put(rhs, point)))
        except POINT_ERRORS:
            found.append(False)
    return bool(found and found[0])
