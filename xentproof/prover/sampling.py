"""The points a search tries: inside the declared domains, spread across scales (near the
edges of an interval and far out), every combination of the finite-set symbols, and a
value for each family member a sum over a concrete range brings in. Reproducible: the
random draws are seeded by the relation itself."""

from __future__ import annotations

import functools
import hashlib
import itertools
import random
from collections.abc import Mapping, Sequence

import sympy
from sympy.core.sympify import _sympify as strict_sympify  # SymPy objects only, never text

from ..domains import sample_values
from ..memo import TextMemo
from .constrained import is_constrained, keep_to_constraints
from .declared import DomainInfo

MAX_POINTS = 60  # sample points per relation


# ``srepr`` of the sides a generator is seeded by: each side is searched several times
# (written form, infinite values, the cascade) and, as a step, in two relations.
seed_text = TextMemo(sympy.srepr)


def rng_for(*parts: str) -> random.Random:
    """A generator seeded by the relation itself, so runs are reproducible."""
    digest = hashlib.sha256("\x00".join(parts).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def sample_points(
    symbols: Sequence[sympy.Basic],
    infos: Mapping[sympy.Basic, DomainInfo],
    rng: random.Random,
    limit: int = MAX_POINTS,
    first: Mapping[sympy.Basic, Sequence[sympy.Expr]] | None = None,
    last: Mapping[sympy.Basic, Sequence[sympy.Expr]] | None = None,
) -> list[dict[sympy.Basic, sympy.Expr]]:
    """Points inside the domains: every finite-set combination, spread over the others;
    ``first`` are values (in the domains) to try before a symbol's usual samples, ``last``
    after them."""
    finite = [s for s in symbols if infos[s].domain.is_finite]
    other = [s for s in symbols if not infos[s].domain.is_finite]
    finite_combos = list(itertools.product(*(infos[s].domain.values or () for s in finite)))
    finite_combos = finite_combos[:limit]
    per_symbol = {
        s: list(
            dict.fromkeys(
                [
                    *(first or {}).get(s, ()),
                    *sample_values(infos[s].domain, rng),
                    *(last or {}).get(s, ()),
                ]
            )
        )
        for s in other
    }
    points: list[dict[sympy.Basic, sympy.Expr]] = []
    seen: set[tuple[tuple[sympy.Basic, sympy.Expr], ...]] = set()
    constrained = is_constrained(infos)  # else every point is kept as it is drawn
    rounds = max(1, limit // max(1, len(finite_combos)))
    for k in range(rounds):
        for combo in finite_combos:
            point: dict[sympy.Basic, sympy.Expr] = dict(zip(finite, combo, strict=True))
            for j, s in enumerate(other):
                values = per_symbol[s]
                if not values:
                    continue
                # Walk each symbol's samples with a different stride, then at random.
                index = (
                    (k * (2 * j + 1)) % len(values)
                    if k < len(values)
                    else rng.randrange(len(values))
                )
                point[s] = values[index]
            if constrained:
                kept = keep_to_constraints(point, infos, rng)  # k in {1, ..., C}: k <= C
                if kept is None:
                    continue
                point = kept
            key = tuple(point.items())  # every point lists the symbols in one order
            if key not in seen:
                seen.add(key)
                points.append(point)
    return points


# The members a point gives values: y[-4] … y[9] (the integer samples run over 7 values
# from the lower end of a domain, -3 … 3 for the integers, and a bound may add to them),
# p[0, 0] … p[7, 7] for a family of two indices.
FAMILY_INDICES = range(-4, 10)
GRID_INDICES = range(0, 8)

Members = list[tuple[sympy.Basic, list[sympy.Expr]]]


def family_members(
    bases: Sequence[sympy.IndexedBase], infos: Mapping[sympy.Basic, DomainInfo], rng: random.Random
) -> Members:
    """Every member y[k] (or p[n, k]) a point may use, with the values its family allows;
    built once per relation, since making SymPy objects is what costs here."""
    members: Members = []
    for base in bases:
        choices = sample_values(infos[base].domain, rng)
        rank = max(1, infos[base].rank)
        indices = FAMILY_INDICES if rank == 1 else GRID_INDICES
        for index in itertools.product(indices, repeat=rank):
            members.append((member(base, tuple(sympy.Integer(k) for k in index)), choices))
    return members


@functools.lru_cache(maxsize=4096)
def member(base: sympy.IndexedBase, indices: tuple[sympy.Expr, ...]) -> sympy.Indexed:
    """``base[indices]`` (one index: ``base[index]``), made once: every search over a
    family makes the same members (y[-4] … y[9], and those its ranges reach), and making
    an Indexed is most of what finding them costs."""
    return base[indices if len(indices) > 1 else indices[0]]


UNIFORM_EVERY = 3  # every third draw of the members gives each family one value throughout


def member_values(members: Members, rng: random.Random, draw: int) -> dict[sympy.Basic, sympy.Expr]:
    """The members' values at the ``draw``-th point: drawn at random, except every third
    draw, where all the members of a family take one of its sample values (in turn): a
    sum of squares is 0, or every label 1, only when all its terms are so."""
    if draw % UNIFORM_EVERY != 1:
        return {member: rng.choice(choices) for member, choices in members}
    turn = draw // UNIFORM_EVERY
    return {member: choices[turn % len(choices)] for member, choices in members}


def with_members(
    points: list[dict[sympy.Basic, sympy.Expr]], limit: int = MAX_POINTS
) -> list[dict[sympy.Basic, sympy.Expr]]:
    """The points again and again, up to ``limit`` of them: where family members take
    values of their own at each point, a point of the other symbols is worth trying more
    than once."""
    if not points:
        return points
    return [dict(points[k % len(points)]) for k in range(max(limit, len(points)))]


MAX_RANGE_MEMBERS = 200  # members a point's ranges may bring in beyond FAMILY_INDICES
MAX_RANGE_VISITS = 2000  # terms walked to find them


def range_members(
    exprs: Sequence[sympy.Basic], members: Members, point: Mapping[sympy.Basic, sympy.Expr]
) -> Members:
    """The family members that the sums and products of ``exprs`` reach at ``point`` (its
    symbols' values) and that ``members`` (y[-4] … y[9]) leave out, with the values their
    family allows: Σ_{i=30}^{K} y[i] = 0 fails only at K ≥ 30, where it uses y[30], which
    a fixed set of members never gives a value (so the point was lost as undefined). They
    depend on the symbols' values only: a search works them out once per such point."""
    choices: dict[sympy.Basic, list[sympy.Expr]] = {}
    for member, values in members:
        choices.setdefault(member.base, values)
    known = {member for member, _ in members}
    found: dict[sympy.Basic, None] = {}
    visits = [0]
    at = {k: v for k, v in point.items() if not isinstance(k, sympy.Indexed)}
    for expr in exprs:
        _reached(expr, at, choices, found, visits)
    return [(m, choices[m.base]) for m in found if m not in known]


def _reached(
    expr: sympy.Basic,
    values: dict[sympy.Basic, sympy.Expr],
    bases: Mapping[sympy.Basic, object],
    found: dict[sympy.Basic, None],
    visits: list[int],
) -> None:
    """Add to ``found`` the members of ``bases`` that ``expr`` uses at ``values`` (each
    range run over the integers from ⌈lo⌉ to ⌊hi⌋, where its bounds are numbers there)."""
    visits[0] += 1
    if len(found) >= MAX_RANGE_MEMBERS or visits[0] > MAX_RANGE_VISITS:
        return
    if isinstance(expr, sympy.Indexed):
        if expr.base in bases:
            indices = tuple(strict_sympify(i).xreplace(values) for i in expr.indices)
            if all(i.is_Integer for i in indices):
                found[member(expr.base, indices)] = None
        return
    if not expr.has(sympy.Indexed):
        return
    if isinstance(expr, (sympy.Sum, sympy.Product)):
        *rest, (index, lo, hi) = expr.limits
        inner = type(expr)(expr.function, *rest) if rest else expr.function
        first, last = (strict_sympify(b).xreplace(values) for b in (lo, hi))
        if not (first.is_number and last.is_number and first.is_finite and last.is_finite):
            return
        start, stop = int(sympy.ceiling(first)), int(sympy.floor(last))
        for k in range(start, min(stop, start + MAX_RANGE_MEMBERS) + 1):
            _reached(inner, values | {index: sympy.Integer(k)}, bases, found, visits)
        return
    for arg in expr.args:
        _reached(arg, values, bases, found, visits)
