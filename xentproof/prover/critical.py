"""Points where an inequality is most likely to fail: where its two sides meet (a strict
one fails there) and where their difference is extreme. Sampling rarely lands on one
(``exp(x) > 1 + x`` fails only at x = 0); they are found exactly where SymPy can (real
roots of polynomials, two symbols set equal), otherwise by bisection between sample
values and an exact guess at the root.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

import mpmath
import sympy

from ..domains import contains
from ..substitution import put
from ..timing import Deadline
from .declared import DomainInfo
from .numeric import FAST_DPS, evaluate

CRITICAL_SECONDS = 0.4  # for finding them, per relation (the points are then tried as usual)
MAX_DEGREE = 12  # exact real roots of polynomials up to this degree
BASE_POINTS = 2  # values of the other symbols at which one symbol is solved for


def critical_points(
    relation: str,
    difference: sympy.Expr,
    symbols: Sequence[sympy.Basic],
    infos: Mapping[sympy.Basic, DomainInfo],
    samples: Sequence[Mapping[sympy.Basic, sympy.Expr]],
    deadline: Deadline,
    found: list[dict[sympy.Basic, sympy.Expr]],
) -> list[dict[sympy.Basic, sympy.Expr]]:
    """Exact points inside the domains where an inequality is most likely to fail: where
    its sides are equal (a strict one fails there) and where their difference is extreme.

    Sampling rarely lands on such a point (``exp(x) > 1 + x`` fails only at x = 0;
    ``(p + q)/2 > sqrt(p*q)`` only where p = q). Found by setting two symbols equal, and by
    solving for one symbol with the others at sampled values: exactly for polynomials,
    otherwise by bisection and an exact guess at the root (``nsimplify``); every point is
    then tried, and confirmed, like a sample point. Appends them to ``found`` as it goes
    (so that what it found before ``deadline``, or an alarm, stopped it is kept).
    """
    if relation == "=" or difference.has(sympy.Indexed, sympy.Sum, sympy.Product):
        return found
    free = [s for s in symbols if not infos[s].domain.is_finite]
    if not free:
        return found
    bases = [dict(p) for p in samples[: 2 * BASE_POINTS]]
    # Two symbols equal (p = q): the equality case of symmetric inequalities.
    for base in bases:
        for s, t in itertools.permutations(free, 2):
            value = base.get(s)
            if value is not None and contains(infos[t].domain, value):
                found.append({**base, t: value})
    for s in free:
        seen: list[dict[sympy.Basic, sympy.Expr]] = []
        for base in bases:
            others = {k: v for k, v in base.items() if k != s}
            if others in seen:
                continue
            seen.append(others)
            if len(seen) > BASE_POINTS or deadline.passed:
                break
            curve = put(difference, others)
            if curve.free_symbols != {s}:
                continue
            grid = sorted({p[s] for p in samples if s in p}, key=lambda v: _float(v, 20))
            for target in (
                (curve, sympy.diff(curve, s)) if relation in ("<", ">") else (sympy.diff(curve, s),)
            ):
                for root in _roots_in(target, s, infos[s], grid, deadline):
                    found.append({**others, s: root})
    return found


def _roots_in(
    curve: sympy.Expr,
    s: sympy.Basic,
    info: DomainInfo,
    grid: Sequence[sympy.Expr],
    deadline: Deadline,
) -> list[sympy.Expr]:
    """Exact real numbers in the domain at (or very near) the real zeros of ``curve``."""
    if deadline.passed:
        return []
    numerator, _ = sympy.fraction(sympy.together(curve))
    if numerator.is_polynomial(s):
        try:
            polynomial = sympy.Poly(numerator, s)
            if polynomial.get_domain() in (sympy.ZZ, sympy.QQ):
                if not 1 <= polynomial.degree() <= MAX_DEGREE:
                    return []
                exact = list(dict.fromkeys(polynomial.real_roots()))
                return [r for r in exact if contains(info.domain, r)]
        except (sympy.polys.polyerrors.PolynomialError, NotImplementedError, ValueError):
            pass
    # Bisection between grid values where the sign changes, then an exact guess.
    values = []
    for v in grid:
        y = evaluate(curve, {s: v}, FAST_DPS)
        values.append(y if isinstance(y, mpmath.mpf) else None)
    roots: list[sympy.Expr] = []
    for (lo, y_lo), (hi, y_hi) in itertools.pairwise(zip(grid, values, strict=True)):
        if deadline.passed or len(roots) >= 4:
            break
        if y_lo is None or y_hi is None:
            continue
        if y_lo == 0:
            roots.append(lo)
            continue
        if (y_lo > 0) == (y_hi > 0) or y_hi == 0:
            continue
        root = bisect(curve, s, lo, hi, y_lo > 0)
        if root is not None:
            roots.extend(g for g in _guesses(root) if contains(info.domain, g))
    return roots


def _float(value: sympy.Expr, digits: int) -> sympy.Float:
    """A sample value (a rational, or an exact constant such as 99·π/100) as a Float."""
    return sympy.Float(sympy.N(value, digits), digits)


def bisect(
    curve: sympy.Expr,
    s: sympy.Basic,
    lo: sympy.Expr,
    hi: sympy.Expr,
    lo_positive: bool,
    steps: int = 80,
) -> mpmath.mpf | None:
    """A root of ``curve`` between ``lo`` and ``hi`` (where its sign changes), numerically;
    None if the curve stops being a real number on the way (it is not continuous there)."""
    with mpmath.workdps(FAST_DPS):
        a, b = (
            mpmath.mpf(_float(lo, FAST_DPS)._mpf_),
            mpmath.mpf(_float(hi, FAST_DPS)._mpf_),
        )
        for _ in range(steps):
            middle = (a + b) / 2
            y = evaluate(curve, {s: sympy.Float(middle, FAST_DPS)}, FAST_DPS)
            if not isinstance(y, mpmath.mpf):
                return None
            if y == 0:
                return middle
            if (y > 0) == lo_positive:
                a = middle
            else:
                b = middle
            if b - a <= mpmath.mpf(10) ** (-(FAST_DPS - 5)) * max(1, abs(a)):
                break
        return (a + b) / 2


def _guesses(root: mpmath.mpf) -> list[sympy.Expr]:
    """Exact numbers at a numeric root: a simple rational, else a closed form."""
    value = sympy.Float(root, FAST_DPS)
    guesses: list[sympy.Expr] = []
    tolerance = 10.0 ** (-12) * max(1.0, abs(float(root)))
    rational = sympy.nsimplify(value, rational=True, tolerance=tolerance)
    if rational.is_Rational and rational.q < 10**6:
        guesses.append(rational)
    else:
        closed = sympy.nsimplify(value, tolerance=tolerance)
        if closed.is_number and not closed.is_Float and abs(closed - value) < tolerance:
            guesses.append(closed)
        guesses.append(sympy.Rational(str(sympy.Float(root, 20))))
    return guesses
