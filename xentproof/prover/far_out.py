"""Numeric agreement over sums whose length grows without bound: what the sides do as the
count goes to infinity (``accept = "numeric"`` only).

The sample points give an integer symbol that bounds a sum small values (up to 40): Σ_{i=1}^N
1/i² < 1.6446 agrees at every one of them, yet fails from N ≈ 3000 on (the sum tends to
π²/6 = 1.644934…). So numeric agreement over such a sum is accepted only when the sides'
values as the count grows (each sum's range running off to ±∞) are computed here and keep
the relation clearly: a sum of terms free of the count by ``mpmath.nsum`` (``strict``: a
series whose extrapolation does not settle, Σ 1/i, has no value here), the count itself
elsewhere by a large number. A limit on the boundary of a strict relation (Σ 2^{-i} < 1),
a sum whose terms name family members or the count, or anything not computed within the
time allowed, is an objection too: nothing then speaks for the large counts.

This only ever withholds numeric acceptance; it proves and refutes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import mpmath
import sympy

from ..domains import contains
from ..timing import bounded
from .declared import DomainInfo
from .far_scales import far_objection
from .numeric import Undefined, evaluate
from .refute import fails
from .sampling import rng_for, sample_points

DPS = 30
BIG = sympy.Integer(10) ** 20  # the count, where it stands outside a sum's range
SECONDS = 2.0
POINTS = 3  # points of the other symbols the limits are taken at
# counts between the sampled ones (up to 40) and the limit; the evaluator writes out sums
# of up to 2000 terms
BETWEEN = (60, 100, 200, 500, 1000, 2000)


class _NoValue(Exception):
    """A limit that is not computed here."""


def objection(
    relation: str,
    lhs: sympy.Basic,
    rhs: sympy.Basic,
    infos: Mapping[sympy.Basic, DomainInfo],
) -> str:
    """Why numeric agreement between ``lhs`` and ``rhs`` says nothing beyond the sample
    points: the sides as a count grows (here) or far along the ends of a domain
    (``far_scales``); "" when neither objects."""
    if relation not in ("=", "<", "<=", ">", ">=") or not (
        isinstance(lhs, sympy.Expr) and isinstance(rhs, sympy.Expr)
    ):
        return ""
    directions = _unbounded_counts((lhs, rhs), infos)
    found: list[str] = []
    with bounded(SECONDS):
        found.append(_judge(relation, lhs, rhs, infos, directions) if directions else "")
        if not found[0]:
            found[0] = far_objection(relation, lhs, rhs, infos)
        found.append("done")
    if len(found) < 2:
        return "the sides beyond the sample points were not computed in time"
    return found[0]


def _judge(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    directions: dict[sympy.Basic, tuple[int, ...]],
) -> str:
    counts = sorted(directions, key=str)
    names = ", ".join(str(s) for s in counts)
    others = sorted(
        (s for s in (lhs.free_symbols | rhs.free_symbols) - set(counts) if s in infos),
        key=str,
    )
    rng = rng_for("far out", str(lhs), relation, str(rhs))
    points = sample_points(others, infos, rng, limit=POINTS) if others else [{}]
    if not points:
        return f"no point of the other symbols to take the limits in {names} at"
    ways = sorted({d for ds in directions.values() for d in ds})
    between = _between(relation, lhs, rhs, infos, directions, points[:POINTS])
    if between:
        return between
    for way in ways:
        going = {s: way for s in counts if way in directions[s]}
        for point in points[:POINTS]:
            try:
                a = _limit_value(lhs, going, point)
                b = _limit_value(rhs, going, point)
            except _NoValue as why:
                return f"the sides as {names} → {'∞' if way > 0 else '−∞'}: {why}"
            with mpmath.workdps(DPS):
                failing = fails(relation, a, b, DPS)
            if failing:
                return (
                    f"the sides as {names} → {'∞' if way > 0 else '−∞'} do not keep the "
                    f"relation clearly: {mpmath.nstr(a, 12)} against {mpmath.nstr(b, 12)}"
                )
    return ""


def _between(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    directions: dict[sympy.Basic, tuple[int, ...]],
    points: list[dict[sympy.Basic, sympy.Expr]],
) -> str:
    """A count between the sampled ones and the limit where the relation fails clearly:
    Σ_{i=1}^N (3000 − i)/i³ rises to its largest value at N = 3000 and then falls to its
    limit, so a bound between the two holds at every sampled N and in the limit, not at
    N = 2000. Each count is taken alone to ``BETWEEN`` along its domain (the sums written
    out, as far as the evaluator writes them), the others at the sample points."""
    for count in sorted(directions, key=str):
        for way in directions[count]:
            for n in BETWEEN:
                value = sympy.Integer(way * n)
                if not contains(infos[count].domain, value):
                    continue
                for point in points:
                    at = {**point, count: value}
                    a = evaluate(lhs, at, DPS)
                    b = evaluate(rhs, at, DPS)
                    if a is None or b is None:
                        continue
                    if isinstance(a, Undefined | mpmath.mpc) or isinstance(
                        b, Undefined | mpmath.mpc
                    ):
                        continue
                    with mpmath.workdps(DPS):
                        failing = fails(relation, a, b, DPS)
                    if failing:
                        return (
                            f"at {count} = {value} the sides do not keep the relation "
                            f"clearly: {mpmath.nstr(a, 12)} against {mpmath.nstr(b, 12)}"
                        )
    return ""


def _unbounded_counts(
    exprs: tuple[sympy.Expr, ...], infos: Mapping[sympy.Basic, DomainInfo]
) -> dict[sympy.Basic, tuple[int, ...]]:
    """The integer symbols that bound a sum's or product's range, each with the directions
    (+1, −1) its domain runs off in."""
    found: dict[sympy.Basic, tuple[int, ...]] = {}
    for expr in exprs:
        for node in sympy.preorder_traversal(expr):
            if not isinstance(node, (sympy.Sum, sympy.Product)):
                continue
            for _, lo, hi in node.limits:
                for s in lo.free_symbols | hi.free_symbols:
                    info = infos.get(s)
                    if info is None or info.domain.is_finite or not info.domain.integer:
                        continue
                    ways = tuple(
                        way
                        for way, end in ((1, info.domain.hi), (-1, info.domain.lo))
                        if not end.is_finite
                    )
                    if ways:
                        found[s] = ways
    return found


def _limit_value(
    expr: sympy.Expr, going: Mapping[sympy.Basic, int], point: Mapping[sympy.Basic, Any]
) -> Any:
    """The value of ``expr`` as the symbols of ``going`` run off in their directions, the
    other symbols at ``point``."""
    values: dict[sympy.Basic, sympy.Expr] = {}
    replaced: dict[sympy.Basic, sympy.Basic] = {}
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, (sympy.Sum, sympy.Product)) and node.free_symbols & set(going):
            if node in replaced:
                continue
            stand_in = sympy.Dummy("far")
            values[stand_in] = _series_limit(node, going, point)
            replaced[node] = stand_in
    rest = expr.xreplace(replaced)
    big = {s: way * BIG for s, way in going.items()}
    value = evaluate(rest, {**point, **big, **values}, DPS)
    if value is None or isinstance(value, Undefined | mpmath.mpc):
        raise _NoValue("a side has no real value there")
    return value


def _series_limit(
    node: sympy.Sum | sympy.Product, going: Mapping[sympy.Basic, int], point: Mapping[Any, Any]
) -> sympy.Expr:
    """A sum's (product's) value as its range runs off: its terms must be free of the
    counts and of family members, one end must run off and the other stay."""
    if len(node.limits) != 1:
        raise _NoValue("a sum over several indices")
    (index, lo, hi) = node.limits[0]
    term = node.function
    if term.free_symbols & set(going) or term.has(sympy.Indexed):
        raise _NoValue("a sum whose terms name the count or family members")
    if term.has(sympy.Sum, sympy.Product):
        raise _NoValue("a sum of sums")
    big = {s: way * BIG for s, way in going.items()}
    ends = []
    for end in (lo, hi):
        value = evaluate(end, {**point, **big}, DPS)
        if value is None or isinstance(value, Undefined | mpmath.mpc):
            raise _NoValue("a range whose ends have no value")
        ends.append(value)
    low, high = ends
    far = mpmath.mpf(BIG) / 2
    if abs(low) < far and abs(high) < far:
        raise _NoValue("a range that the count does not lengthen")  # N − N: not taken
    if low > high:
        return sympy.Integer(0 if isinstance(node, sympy.Sum) else 1)  # empty, by contract
    if abs(low) >= far and abs(high) >= far:
        raise _NoValue("a range both of whose ends run off")
    # from the end that stays, outwards (mpmath's nprod over [−∞, b] is not that)
    sign, start = (1, int(mpmath.ceil(low))) if high >= far else (-1, -int(mpmath.floor(high)))
    fixed = {k: v for k, v in point.items() if k != index}

    def at(k: Any) -> Any:
        # at the precision mpmath works at (its extrapolation raises it)
        value = evaluate(term, {**fixed, index: sympy.Integer(sign * int(k))}, mpmath.mp.dps)
        if value is None or isinstance(value, Undefined | mpmath.mpc):
            raise _NoValue("a term with no real value")
        return value

    with mpmath.workdps(DPS):  # at whole k only (no Euler–Maclaurin between them)
        try:
            if isinstance(node, sympy.Sum):
                total = mpmath.nsum(at, [start, mpmath.inf], strict=True, method="r+s")
            else:
                total = mpmath.nprod(at, [start, mpmath.inf], strict=True, method="r+s")
        except (mpmath.mp.NoConvergence, ZeroDivisionError, ValueError, OverflowError):
            raise _NoValue("a series whose sum does not settle") from None
        if not mpmath.isfinite(total):
            raise _NoValue("a series that does not converge")
        return sympy.Float(total, DPS)
