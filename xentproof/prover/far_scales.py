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

This only ever withholds numeric acceptance; it proves and refutes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping

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
from .sampling import rng_for, sample_points

DPS = 100  # 1 − 10⁻⁶⁴ apart from 1, with digits to spare
# every decade past the sample points (about 10^6) up to 10^16, then sparser
SCALES = (*range(7, 17), 20, 24, 32, 48, 64)
POINTS = 3
CONFIRM_SECONDS = 0.3


def far_values(info: DomainInfo) -> list[sympy.Expr]:
    """Points far along each end of the symbol's domain (none for a finite set)."""
    domain = info.domain
    if domain.values is not None:
        return []
    found: list[sympy.Expr] = []
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
    words; "" when there is none (or the sides name family members, which no point here
    gives values)."""
    if lhs.has(sympy.Indexed) or rhs.has(sympy.Indexed):
        return ""
    symbols = sorted((s for s in lhs.free_symbols | rhs.free_symbols if s in infos), key=str)
    rng = rng_for("far scales", str(lhs), relation, str(rhs))
    for s in symbols:
        others = [o for o in symbols if o != s]
        bases = sample_points(others, infos, rng, limit=POINTS) if others else [{}]
        for value in far_values(infos[s]):
            for base in bases[:POINTS]:
                point = keep_to_constraints({**base, s: value}, infos, rng)
                if point is None or point.get(s) != value:
                    continue
                a = evaluate(lhs, point, DPS)
                b = evaluate(rhs, point, DPS)
                if a is None or b is None:
                    continue  # not evaluated here: says nothing
                shown = ", ".join(f"{k} = {v}" for k, v in point.items())
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
