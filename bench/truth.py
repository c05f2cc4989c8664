"""Ground truth by high-precision evaluation, independent of every method benchmarked.

A pair is evaluated at points drawn from the declared domains (fixed grids that include the
points where realistic mistakes show: 0, ±1, 1/2, large magnitudes), with exact rational
coordinates and SymPy's ``evalf`` at 50 digits, confirmed at 80. A false pair must show a
point where the two sides differ (or the inequality fails); a true pair must agree at every
point evaluated. Sums over a symbolic ``N`` are evaluated at small concrete ``N`` with
sampled family members; derivatives and limits are carried out by SymPy (``doit``) before
the point is put in, so the truth of a limit pair rests on SymPy's ``limit``.

A side that has no value at a point of the domains (0/0, log(0)) where the other has one
makes the relation false there, as xentproof's own refutations count it. SymPy simplifies
``x*(x + 1)/x`` to ``x + 1`` as it builds it, so for the corpus the two sides are also read
as written (``parse_expr(evaluate=False)``, on the bench's side only, never in xentproof's
path) and evaluated bottom-up at the points of the domains, closed ends included.

Equation steps (``<=>``, pycodemath's data) are not evaluated here: their ground truth is
pycodemath's label, which ships a witness for every wrong step.

The benchmark uses only ``evaluate(pair) -> Truth``, ``Truth`` and ``DESCRIPTION`` (the
phrase the report prints); another evaluator can take this module's place by keeping them.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import sympy
from sympy.core.evalf import PrecisionExhausted
from sympy.parsing.sympy_parser import parse_expr

from xentproof.model import Derivation, Domain

from .pairs import Pair, unfold

__all__ = ["DESCRIPTION", "Status", "Truth", "evaluate"]

DIGITS = 50
CONFIRM = 80
POINTS = 40
DESCRIPTION = f"evaluation at {DIGITS} (confirmed {CONFIRM}) digits"

R = sympy.Rational
REAL_GRID = [R(0), R(1), R(-1), R(1, 2), R(-7, 3), R(5, 2), R(-31, 10), R(41, 2), R(-41, 2)]
POSITIVE_GRID = [R(1), R(1, 2), R(2), R(1, 100), R(37, 10), R(41, 2), R(3, 7)]
UNIT_GRID = [R(1, 2), R(1, 100), R(99, 100), R(3, 10), R(7, 10)]
SMALL_N = [1, 2, 3, 4]


Status = Literal["differs", "agrees", "unknown", "skipped"]


@dataclass(frozen=True)
class Truth:
    """What evaluation says of a pair: ``differs`` (the relation fails at ``point``: the
    pair is false), ``agrees`` (it holds at every point evaluated), ``unknown`` (no point
    could be evaluated) or ``skipped`` (not evaluated: an equation step)."""

    status: Status
    point: str = ""  # where it fails, as "x = 1/2, y = 0"
    detail: str = ""  # the two sides there, or why nothing could be said


def _grid(domain: Domain) -> list[sympy.Expr]:
    if domain.values is not None:
        return list(domain.values)
    lo, hi = domain.lo, domain.hi
    if domain.integer:
        start = int(sympy.ceiling(lo)) if lo.is_finite else -3
        if lo.is_finite and domain.lo_open and start == lo:
            start += 1
        return [sympy.Integer(start + k) for k in range(4)]
    ends = [
        e
        for e, is_open in ((lo, domain.lo_open), (hi, domain.hi_open))
        if e.is_finite and not is_open
    ]  # closed ends belong to the domain
    if lo.is_finite and hi.is_finite:
        return [*ends, *(lo + (hi - lo) * u for u in UNIT_GRID)]
    if lo.is_finite:
        return [*ends, *(lo + v for v in POSITIVE_GRID)]
    if hi.is_finite:
        return [hi - v for v in POSITIVE_GRID]
    return REAL_GRID


def _difference(lhs: sympy.Basic, rhs: sympy.Basic, digits: int) -> sympy.Expr | None:
    """``lhs - rhs`` at a point, to ``digits`` significant digits (SymPy's strict evalf), 0
    when it is zero as far as evalf can tell, None when it has no value."""
    for side in (lhs, rhs):
        if side.has(sympy.nan, sympy.zoo):
            return None
    if lhs.has(sympy.oo, -sympy.oo) or rhs.has(sympy.oo, -sympy.oo):
        return sympy.Integer(0) if lhs == rhs else sympy.Integer(1)
    diff = lhs - rhs
    if diff == 0:
        return sympy.Integer(0)
    try:
        value = diff.evalf(digits, strict=True, maxn=4 * digits)
    except PrecisionExhausted:
        return sympy.Integer(0)  # zero to every digit evalf could reach
    except (TypeError, ValueError, ZeroDivisionError, ArithmeticError):
        return None
    if value.has(sympy.nan, sympy.zoo) or not value.is_number:
        return None
    return value


def _differs(lhs: sympy.Basic, rhs: sympy.Basic, rel: str, digits: int) -> bool | None:
    """Whether the relation fails at a point (both sides numbers); None: cannot say."""
    d = _difference(lhs, rhs, digits)
    if d is None:
        return None
    if rel == "=":
        return bool(d != 0)
    if not d.is_real:
        return None
    if d == 0:  # equal there: only <= and >= hold
        return rel in ("<", ">")
    holds = {"<": d < 0, "<=": d < 0, ">": d > 0, ">=": d > 0}[rel]
    return not bool(holds)


Point = dict[sympy.Basic, sympy.Expr]


def _points(derivation: Derivation, free: set[sympy.Basic], rng: random.Random) -> list[Point]:
    scalars = [
        decl for decl in derivation.symbols.values() if not decl.is_family and decl.symbol in free
    ]
    grids = [_grid(d.domain) for d in scalars]
    combos = list(itertools.product(*grids))
    rng.shuffle(combos)
    return [{d.symbol: v for d, v in zip(scalars, combo, strict=True)} for combo in combos[:POINTS]]


def _family_values(
    expr: sympy.Basic, derivation: Derivation, rng: random.Random
) -> dict[sympy.Basic, sympy.Expr]:
    values: dict[sympy.Basic, sympy.Expr] = {}
    families = {d.symbol: d.domain for d in derivation.symbols.values() if d.is_family}
    for atom in expr.atoms(sympy.Indexed):
        domain = families.get(atom.base)
        if domain is not None:
            values[atom] = rng.choice(_grid(domain))
    return values


def evaluate(pair: Pair, seed: int = 20261202) -> Truth:
    if pair.is_equation:
        return Truth("skipped", detail="equation step: ground truth is the data's label")
    rng = random.Random(f"{seed}/{pair.key}")
    try:
        lhs = unfold(pair.lhs, pair.derivation).doit()
        rhs = unfold(pair.rhs, pair.derivation).doit()
    except Exception as exc:
        return Truth("unknown", detail=f"doit failed: {exc}")
    free = lhs.free_symbols | rhs.free_symbols
    evaluated = 0
    for point in _points(pair.derivation, free, rng):
        at_lhs = lhs.xreplace(point).doit()
        at_rhs = rhs.xreplace(point).doit()
        members = _family_values(at_lhs, pair.derivation, rng)
        members |= _family_values(at_rhs, pair.derivation, rng)
        at_lhs, at_rhs = at_lhs.xreplace(members), at_rhs.xreplace(members)
        verdict = _differs(at_lhs, at_rhs, pair.rel, DIGITS)
        if verdict is None:
            continue
        evaluated += 1
        if verdict and _differs(at_lhs, at_rhs, pair.rel, CONFIRM):
            shown = {str(k): str(v) for k, v in {**point, **members}.items()}
            return Truth("differs", _show(shown), f"{_short(at_lhs)} vs {_short(at_rhs)}")
    if evaluated == 0:
        return Truth("unknown", detail="no point could be evaluated")
    if pair.dataset == "corpus":
        undefined = _undefined_on_one_side(pair, rng)
        if undefined is not None:
            return undefined
    return Truth("agrees", detail=f"agrees at {evaluated} points")


_NOT_AS_WRITTEN = ("Derivative", "Limit", "Sum", "Product", "[")


def _as_written(text: str, derivation: Derivation) -> sympy.Basic | None:
    """A side exactly as written, with no automatic simplification (``x*(x + 1)/x`` keeps its
    ``x/x``). Only for our own corpus, on the bench's side: xentproof never sees this."""
    if any(word in text for word in _NOT_AS_WRITTEN):
        return None
    local: dict[str, object] = {
        d.name: d.symbol for d in derivation.symbols.values() if not d.is_family
    }
    local |= {f.name: f.as_lambda() for f in derivation.functions.values()}
    try:
        return parse_expr(text, local_dict=local, evaluate=False)
    except Exception:
        return None


def _rebuild(expr: sympy.Basic, point: Point) -> sympy.Basic:
    """Put the point into an unevaluated tree and evaluate it bottom-up, so that 0/0
    becomes nan and log(0) zoo (``xreplace`` would evaluate the unchanged nodes unevenly)."""
    if not expr.args:
        return point.get(expr, expr)
    return expr.func(*(_rebuild(a, point) for a in expr.args))


def _no_value(value: sympy.Basic) -> bool:
    return bool(value.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo))


def _undefined_on_one_side(pair: Pair, rng: random.Random) -> Truth | None:
    """A point of the domains where one side, as written, has no value and the other has."""
    lhs = _as_written(pair.lhs_text, pair.derivation)
    rhs = _as_written(pair.rhs_text, pair.derivation)
    if lhs is None or rhs is None:
        return None
    free = lhs.free_symbols | rhs.free_symbols
    for point in _points(pair.derivation, free, rng):
        try:
            a, b = _rebuild(lhs, point), _rebuild(rhs, point)
        except Exception:
            continue
        if _no_value(a) != _no_value(b):
            shown = {str(k): str(v) for k, v in point.items()}
            return Truth("differs", _show(shown), f"as written: {a} vs {b} (undefined on one side)")
    return None


def _show(point: Mapping[str, str]) -> str:
    return ", ".join(f"{k} = {v}" for k, v in sorted(point.items()))


def _short(value: sympy.Basic) -> str:
    try:
        return str(sympy.N(sympy.N(value, DIGITS), 12))
    except (TypeError, ValueError):
        return str(value)
