"""Points that keep to the constraints between symbols (docs/semantics.md §2): a symbol over
a range up to another (``k`` in ``{1, ..., C}``), and the families whose members are
constrained jointly (``one-hot(C)``, ``simplex(K)``).

Each symbol is drawn from its own domain first (``sampling``); the point is then brought
into the constrained set: a range symbol above its bound is folded back into the range, the
members 1..C of a one-hot family become one label (exactly one of them 1), those of a
simplex a probability vector (positive, summing to 1 exactly), and the members outside
1..C are taken out of the point (they do not exist: a side that uses one is not evaluated
there). A bound that the relation does not use (``p[1] < 1`` with ``p`` over ``simplex(K)``)
is drawn and added to the point, so that the counterexample shows it. A counterexample is
only ever found at such a point.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Mapping

import sympy

from ..domains import sample_values
from .constraint_table import bearing_on, holds, holds_at, in_force, mentions, satisfied
from .declared import DomainInfo

MAX_MEMBERS = 200  # members 1..C a constrained family may be given at one point
FEASIBLE_TRIES = 100  # points drawn to show the [constraints] can be met at all
SAME_SIMPLEX = 0.2  # the share of points where the simplex families of one size agree

Point = dict[sympy.Basic, sympy.Expr]


def is_constrained(infos: Mapping[sympy.Basic, DomainInfo]) -> bool:
    """Whether any declared domain, or a ``[constraints]`` relation, constrains a point
    beyond each value alone."""
    return bool(in_force()) or any(info.domain.bound is not None for info in infos.values())


def keep_to_constraints(
    point: Point, infos: Mapping[sympy.Basic, DomainInfo], rng: random.Random
) -> Point | None:
    """The point brought into the constrained set (a new dict; ``point`` itself when no
    domain constrains it), or None when it cannot be (a bound too large to give every
    member a value)."""
    if not is_constrained(infos):
        return point
    kept = dict(point)
    _used_by_constraints(kept, infos, rng)
    names = {i.name: s for s, i in infos.items() if isinstance(s, sympy.Symbol)}
    for symbol, info in infos.items():
        domain = info.domain
        if domain.bound is None or domain.joint is not None or symbol not in kept:
            continue
        top = _bound(domain.bound, kept, names, infos, rng)
        if top is None:
            return None
        lo, value = int(domain.lo), int(kept[symbol])
        if value > top:  # fold back into lo..top, keeping the draws spread over the range
            kept[symbol] = sympy.Integer(lo + (value - lo) % (top - lo + 1))
    # At some points every simplex family of one size is the same vector: where p = q,
    # KL(p || q) = 0 and Gibbs' inequality holds with equality (the near misses "> 0").
    simplices = sum(1 for i in infos.values() if i.domain.joint == "simplex")
    agree = simplices > 1 and rng.random() < SAME_SIMPLEX
    same: dict[int, list[sympy.Expr]] | None = {} if agree else None
    for base, info in infos.items():
        if info.domain.joint is None or not isinstance(base, sympy.IndexedBase):
            continue
        rows = {_row(k) for k in kept if isinstance(k, sympy.Indexed) and k.base == base}
        if not rows:
            continue  # the family is not used here
        assert info.domain.bound is not None
        top = _bound(info.domain.bound, kept, names, infos, rng)
        if top is None or top > MAX_MEMBERS:
            return None
        for key in [k for k in kept if isinstance(k, sympy.Indexed) and k.base == base]:
            del kept[key]
        for row in sorted(rows, key=str):
            if info.domain.joint == "one-hot":
                values = _one_hot(top, rng)
            elif same is not None:
                values = same.setdefault(top, _simplex(top, rng))
            else:
                values = _simplex(top, rng)
            for j, value in enumerate(values, start=1):
                kept[_member(base, (*row, sympy.Integer(j)))] = value
    return holds_at(kept, infos, rng)


def _used_by_constraints(
    point: Point, infos: Mapping[sympy.Basic, DomainInfo], rng: random.Random
) -> None:
    """What the ``[constraints]`` use and the point does not give, drawn into it before the
    point is brought into the constrained set: a symbol over a range (then folded into
    it), and a member of a jointly constrained family of one index (the family is then
    drawn whole)."""
    for constraint in bearing_on(point):
        relation = constraint.relation
        for symbol in sorted(relation.free_symbols, key=str):
            info = infos.get(symbol)
            if symbol in point or info is None or info.domain.bound is None:
                continue
            values = sample_values(info.domain, rng)
            if values:
                point[symbol] = rng.choice(values)
        for member in relation.atoms(sympy.Indexed):
            info = infos.get(member.base)
            given = any(isinstance(k, sympy.Indexed) and k.base == member.base for k in point)
            if info is None or info.domain.joint is None or info.rank != 1 or given:
                continue
            point[_member(member.base, (sympy.Integer(1),))] = sympy.Integer(0)


def feasible(infos: Mapping[sympy.Basic, DomainInfo], seed: str) -> bool:
    """Whether some sampled point of the domains satisfies every constraint in force (all
    of them at once, whatever they bear on)."""
    constraints = in_force()
    if not constraints:
        return True
    rng = random.Random(seed)
    for _ in range(FEASIBLE_TRIES):
        start: Point = {}
        for constraint in constraints:
            for symbol in sorted(mentions(constraint), key=str):
                info = infos.get(symbol)
                if isinstance(symbol, sympy.Symbol) and info is not None and symbol not in start:
                    values = sample_values(info.domain, rng)
                    if values:
                        start[symbol] = rng.choice(values)
        kept = keep_to_constraints(start, infos, rng)
        if kept is not None and all(holds(c.relation, kept, infos, rng) for c in constraints):
            return True
    return False


@functools.lru_cache(maxsize=4096)
def _member(base: sympy.IndexedBase, indices: tuple[sympy.Expr, ...]) -> sympy.Indexed:
    """The member ``base[indices]``, made once: building an indexed object is what costs."""
    return base[indices] if len(indices) > 1 else base[indices[0]]


def satisfies(
    point: Mapping[sympy.Basic, sympy.Expr], infos: Mapping[sympy.Basic, DomainInfo]
) -> bool:
    """Whether a point keeps to the constraints, as far as its values show: every range
    symbol within its bound, and the members of each constrained family that it gives
    (within 1..C) consistent with one label or one probability vector."""
    if not is_constrained(infos):
        return True
    names = {i.name: s for s, i in infos.items() if isinstance(s, sympy.Symbol)}
    for symbol, info in infos.items():
        bound = info.domain.bound
        if bound is None:
            continue
        top = sympy.Integer(bound) if bound.isdigit() else point.get(names.get(bound, symbol))
        if info.domain.joint is None:
            if symbol in point and (top is None or bool(point[symbol] > top)):
                return False
            continue
        if not _family_fits(symbol, info.domain.joint, top, point):
            return False
    return satisfied(point)


def _family_fits(
    base: sympy.Basic, joint: str, top: sympy.Expr | None, point: Mapping[sympy.Basic, sympy.Expr]
) -> bool:
    rows: dict[tuple[sympy.Expr, ...], list[sympy.Expr]] = {}
    for key, value in point.items():
        if isinstance(key, sympy.Indexed) and key.base == base:
            if top is None or not 1 <= int(key.indices[-1]) <= int(top):
                return False
            rows.setdefault(_row(key), []).append(value)
    for values in rows.values():
        total = sum(values, sympy.Integer(0))
        complete = top is not None and len(values) == int(top)
        if joint == "one-hot":
            if any(v not in (0, 1) for v in values) or total > 1 or (complete and total != 1):
                return False
        elif any(not v > 0 for v in values) or total > 1 or (complete and total != 1):
            return False
    return True


def _row(member: sympy.Indexed) -> tuple[sympy.Expr, ...]:
    """The indices of a member but the last: the row a constraint along the last index is
    over (``()`` for a family of one index)."""
    return tuple(member.indices[:-1])


def _bound(
    bound: str,
    point: Point,
    names: Mapping[str, sympy.Basic],
    infos: Mapping[sympy.Basic, DomainInfo],
    rng: random.Random,
) -> int | None:
    """The bound's value at the point: a number, or the bound symbol's value (drawn from its
    domain and added to the point when the relation does not use it)."""
    if bound.isdigit():
        return int(bound)
    symbol = names.get(bound)
    if symbol is None:
        return None
    if symbol not in point:
        choices = sample_values(infos[symbol].domain, rng)
        if not choices:
            return None
        point[symbol] = rng.choice(choices)
    value = point[symbol]
    return int(value) if value.is_Integer else None


def _one_hot(size: int, rng: random.Random) -> list[sympy.Expr]:
    """A label over ``size`` classes: the first, the last or a class at random."""
    marked = rng.choice((1, size, rng.randint(1, size)))
    return [sympy.Integer(int(j == marked)) for j in range(1, size + 1)]


def _simplex(size: int, rng: random.Random) -> list[sympy.Expr]:
    """A probability vector of ``size`` positive exact entries summing to 1: near uniform,
    or with one entry near 1 and the others small (an edge of the simplex)."""
    draw = rng.random()
    if draw < 0.2:  # the uniform distribution, where entropy bounds are met with equality
        return [sympy.Rational(1, size)] * size
    if draw < 0.45:
        weights = [sympy.Integer(1)] * size
        weights[rng.randrange(size)] = sympy.Integer(10**4)
    else:
        weights = [sympy.Integer(rng.randint(1, 20)) for _ in range(size)]
    total = sum(weights, sympy.Integer(0))
    return [w / total for w in weights]
