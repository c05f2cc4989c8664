"""A side that is ±∞ where the other is a real number: a limit found by cases on a
parameter (``limit_cases``) may be ∞ for some values of it (lim exp(−a·t) as t → ∞ is ∞
for a < 0). The contract (docs/semantics.md §1, §7) orders ±∞ as usual against the real
numbers, so ``∞ = 0`` and ``∞ < 5`` fail there; the numeric search cannot see it (an
infinite value is no number to it), so the branch a point selects is found exactly here,
and the comparison is exact: nothing is sampled but the point.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy

from ..domains import contains
from ..result import Counterexample
from ..substitution import put
from .constrained import keep_to_constraints
from .declared import DomainInfo
from .exact import approx_text, exact_text, shown_point, strict_value
from .sampling import rng_for, sample_points, seed_text

INFINITE = (sympy.oo, -sympy.oo)
MAX_POINTS = 40


def _infinite_branch(side: sympy.Expr) -> bool:
    if side in INFINITE:
        return True
    return isinstance(side, sympy.Piecewise) and any(v in INFINITE for v, _c in side.args)


def _by_cases(side: sympy.Expr) -> bool:
    """±∞, or a Piecewise with an infinite branch or a tie condition Eq(a, b)."""
    if side in INFINITE:
        return True
    if not isinstance(side, sympy.Piecewise):
        return False
    return any(v in INFINITE or isinstance(c, sympy.Eq) for v, c in side.args)


def _at(side: sympy.Expr, point: Mapping[sympy.Basic, sympy.Expr]) -> sympy.Expr | None:
    """The exact value of a side at a point: a Piecewise's branch chosen by conditions
    decided exactly (None when one is not), every value a real number or ±∞."""
    if isinstance(side, sympy.Piecewise):
        for value, condition in side.args:
            decided = put(condition, point)
            if decided is sympy.true:
                return _at(value, point)
            if decided is not sympy.false:
                return None
        return None
    value = put(side, point)
    if value in INFINITE:
        return value
    if value.free_symbols or value.is_extended_real is not True or value.is_finite is not True:
        return None
    return value


def _holds(relation: str, lhs: sympy.Expr, rhs: sympy.Expr) -> bool | None:
    """The relation between two extended reals; None if not decided (a finite difference
    is decided by its strictly evaluated value, never by rounded digits)."""
    if not (lhs in INFINITE or rhs in INFINITE):
        value = strict_value(lhs - rhs)
        if value is None or not value.is_Float or value == 0:
            return None  # an exact zero, or digits not guaranteed: not decided here
        lhs, rhs = value, sympy.Integer(0)
    if relation == "=":
        return bool(lhs == rhs)
    held = {"<": sympy.Lt, "<=": sympy.Le, ">": sympy.Gt, ">=": sympy.Ge}[relation](lhs, rhs)
    if held is sympy.true:
        return True
    if held is sympy.false:
        return False
    return None


def infinite_mismatch(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
) -> Counterexample | None:
    """A point of the domains where one side is ±∞ and the relation fails, or None."""
    if relation not in ("=", "<", "<=", ">", ">="):
        return None
    if not (_by_cases(lhs) or _by_cases(rhs)):
        return None
    symbols = sorted((s for s in lhs.free_symbols | rhs.free_symbols if s in infos), key=str)
    if any(isinstance(s, sympy.Indexed) for s in symbols) or lhs.has(sympy.Indexed):
        return None
    if (lhs.free_symbols | rhs.free_symbols) - set(symbols):
        return None  # a bound variable or an index: not a plain point
    rng = rng_for("infinite", relation, seed_text(lhs), seed_text(rhs))
    points = sample_points(symbols, infos, rng, limit=MAX_POINTS)
    infinite = _infinite_branch(lhs) or _infinite_branch(rhs)
    candidates = [*((p, True) for p in _ties(lhs, rhs, points))]
    candidates += [(p, False) for p in points] if infinite else []
    for point, tie in candidates:
        if not all(_inside(infos[s], v) for s, v in point.items()):
            continue
        # a tie's value must keep to the constraints too (k = 500 with k in {1, ..., C}
        # needs C ≥ 500): the point as the constraints keep it, its own values unchanged
        kept = keep_to_constraints(point, infos, rng)
        if kept is None or any(kept.get(s) != v for s, v in point.items()):
            continue
        point = kept
        left, right = _at(lhs, point), _at(rhs, point)
        if left is None or right is None:
            continue
        if not (tie or left in INFINITE or right in INFINITE):
            continue  # a point the numeric search looks at anyway
        if _holds(relation, left, right) is False:
            return Counterexample(
                point=shown_point(point, infos),
                lhs=exact_text(left),
                rhs=exact_text(right),
                lhs_approx=approx_text(left),
                rhs_approx=approx_text(right),
            )
    return None


MAX_TIES = 8


def _ties(
    lhs: sympy.Expr, rhs: sympy.Expr, points: list[dict[sympy.Basic, sympy.Expr]]
) -> list[dict[sympy.Basic, sympy.Expr]]:
    """Points where a case condition Eq(a, b) or Eq(a, 0) of a side holds (b set to a's
    value, a to 0): the tie between two parameters that sampling each on its own never
    meets, and the tie with a number, where a numeric look cannot tell a ≥ 0 from a < 0."""
    ties: list[dict[sympy.Basic, sympy.Expr]] = []
    for side in (lhs, rhs):
        for eq in side.atoms(sympy.Eq):
            a, b = eq.args
            if isinstance(a, sympy.Symbol) and b.is_number and b.is_extended_real:
                ties += [{**point, a: b} for point in points[:1] if a in point]
            if not (isinstance(b, sympy.Symbol) and isinstance(a, sympy.Symbol)):
                continue
            for point in points[:MAX_TIES]:
                if a in point and b in point:
                    ties.append({**point, b: point[a]})
    return ties


def _inside(info: DomainInfo, value: sympy.Expr) -> bool:
    return contains(info.domain, value)


def ordered_with_infinity(relation: str, lhs: sympy.Expr, rhs: sympy.Expr) -> bool:
    """Whether an order between ±∞ and a real constant (or ±∞) holds, decided exactly
    (lim 1/x as x → 0+ is > 10¹⁰⁰); False when it does not or cannot be told."""
    if relation not in ("<", "<=", ">", ">=") or not (lhs in INFINITE or rhs in INFINITE):
        return False
    if lhs.free_symbols or rhs.free_symbols:
        return False
    if not all(_at(side, {}) is not None for side in (lhs, rhs)):
        return False
    return _holds(relation, lhs, rhs) is True


def _branches(side: sympy.Expr) -> tuple[tuple[sympy.Expr, sympy.Basic], ...]:
    return side.args if isinstance(side, sympy.Piecewise) else ((side, sympy.true),)


def _breakpoints(
    sides: tuple[sympy.Expr, sympy.Expr],
) -> tuple[sympy.Symbol, sympy.Expr, list[sympy.Expr]] | None:
    """A symbol s, the one linear form L (with s in it, numeric coefficients) every
    condition of the sides compares with numbers (a, or a − b), written as s = L's value
    plus the rest, and the values of L where a condition may change; None otherwise."""
    atoms = set()
    for side in sides:
        for _value, condition in _branches(side):
            if isinstance(condition, sympy.Basic) and condition not in (sympy.true, sympy.false):
                atoms |= condition.atoms(sympy.core.relational.Relational)
    differences = [sympy.expand(atom.lhs - atom.rhs) for atom in atoms]
    if not differences:
        return None
    form = differences[0] - differences[0].as_coeff_Add()[0]
    symbols = sorted(form.free_symbols, key=str)
    if not symbols or not form.is_polynomial() or sympy.Poly(form, *symbols).total_degree() != 1:
        return None
    points = []
    for difference in differences:
        constant, rest = difference.as_coeff_Add()
        ratio = sympy.cancel(rest / form)
        if not (ratio.is_number and ratio != 0):
            return None
        points.append(-constant / ratio)
    s = symbols[0]
    slope = sympy.diff(form, s)
    if not (slope.is_number and slope != 0):
        return None
    level = sympy.Dummy("L")
    return s, (level - (form - slope * s)) / slope, sorted(set(points), key=sympy.Float)


def _plain(value: sympy.Expr) -> bool:
    """±∞, or a polynomial (defined everywhere)."""
    return value in INFINITE or (value.is_polynomial() and value.is_extended_real is not False)


def equal_by_intervals(relation: str, lhs: sympy.Expr, rhs: sympy.Expr) -> bool:
    """Two sides by cases on comparisons of one linear form L with numbers (a, or a − b),
    ±∞ in some of them (lim exp(a·t)/t is 0 for a ≤ 0, ∞ for a > 0): equal when they pick
    the same value on each open interval between the numbers and at each number (no
    condition changes on an open interval of L, so one look at a point of it shows which
    branch holds throughout). Values must be ±∞ or polynomials; False when not shown."""
    if relation != "=" or not any(isinstance(side, sympy.Piecewise) for side in (lhs, rhs)):
        return False
    if not all(_plain(v) for side in (lhs, rhs) for v, _c in _branches(side)):
        return False
    found = _breakpoints((lhs, rhs))
    if found is None:
        return False
    a, through, cuts = found
    (level,) = through.free_symbols - lhs.free_symbols - rhs.free_symbols
    inside = [(cuts[k] + cuts[k + 1]) / 2 for k in range(len(cuts) - 1)]
    ends = [cuts[0] - 1, cuts[-1] + 1] if cuts else [sympy.Integer(0)]
    for point, interval in [*((c, False) for c in cuts), *((p, True) for p in inside + ends)]:
        at = through.xreplace({level: point})
        left, right = _picked(lhs, a, at), _picked(rhs, a, at)
        if left is None or right is None:
            return False
        if not interval:
            left, right = left.xreplace({a: at}), right.xreplace({a: at})
        if left in INFINITE or right in INFINITE:
            if left != right:
                return False
        elif sympy.expand(left - right) != 0:
            return False
    return True


def _picked(side: sympy.Expr, a: sympy.Symbol, point: sympy.Expr) -> sympy.Expr | None:
    """The value (as an expression) of the branch a side takes at a = point."""
    for value, condition in _branches(side):
        decided = put(condition, {a: point}) if isinstance(condition, sympy.Basic) else condition
        if decided is sympy.true or decided is True:
            return value
        if not (decided is sympy.false or decided is False):
            return None
    return None
