"""The points a search tries: inside the declared domains, spread across scales (near the
edges of an interval and far out), every combination of the finite-set symbols, and a
value for each family member a sum over a concrete range brings in. Reproducible: the
random draws are seeded by the relation itself."""

from __future__ import annotations

import hashlib
import itertools
import random
from collections.abc import Mapping, Sequence

import sympy

from ..domains import sample_values
from .declared import DomainInfo

MAX_POINTS = 60  # sample points per relation


def rng_for(*parts: str) -> random.Random:
    """A generator seeded by the relation itself, so runs are reproducible."""
    digest = hashlib.sha256("\x00".join(parts).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def sample_points(
    symbols: Sequence[sympy.Basic],
    infos: Mapping[sympy.Basic, DomainInfo],
    rng: random.Random,
    limit: int = MAX_POINTS,
) -> list[dict[sympy.Basic, sympy.Expr]]:
    """Points inside the domains: every finite-set combination, spread over the others."""
    finite = [s for s in symbols if infos[s].domain.is_finite]
    other = [s for s in symbols if not infos[s].domain.is_finite]
    finite_combos = list(itertools.product(*(infos[s].domain.values or () for s in finite)))
    finite_combos = finite_combos[:limit]
    per_symbol = {s: sample_values(infos[s].domain, rng) for s in other}
    points: list[dict[sympy.Basic, sympy.Expr]] = []
    seen: set[tuple[tuple[sympy.Basic, sympy.Expr], ...]] = set()
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
            key = tuple(point.items())  # every point lists the symbols in one order
            if key not in seen:
                seen.add(key)
                points.append(point)
    return points


FAMILY_INDICES = range(0, 7)  # y[0] … y[6]: enough for the small sums refutation builds


def family_members(
    bases: Sequence[sympy.IndexedBase], infos: Mapping[sympy.Basic, DomainInfo], rng: random.Random
) -> list[tuple[sympy.Basic, list[sympy.Expr]]]:
    """Every member y[k] (or p[n, k]) a point may use, with the values its family allows;
    built once per relation, since making SymPy objects is what costs here."""
    members: list[tuple[sympy.Basic, list[sympy.Expr]]] = []
    for base in bases:
        choices = sample_values(infos[base].domain, rng)
        rank = max(1, infos[base].rank)
        for indices in itertools.product(FAMILY_INDICES, repeat=rank):
            members.append((base[indices if rank > 1 else indices[0]], choices))
    return members
