"""The members of a simplex or one-hot family of a fixed size, written out one by one
(``P[1]·log(P[1]/Q[1]) + P[2]·… + P[3]·…`` for ``"P[i]" = "simplex(3)"``): where they
occur linearly, their sum is 1 (docs/semantics.md §9).

For a family y of size n (a whole number; one index), the part of a value that is linear
in y[n] (each term y[n]·r with r free of y[n], y[n] a factor of its own) has the
coefficient c = Σ r; the value is rewritten as value − c·(y[1] + … + y[n] − 1), which is
the same number at every point where the members sum to 1, and has no linear y[n] left:
``P[1] + P[2] + P[3] − Q[1] − Q[2] − Q[3]`` becomes 0, ``(P[1] + P[2] + P[3])·log 3`` is
``log 3``. Occurrences inside a function (``log(P[3])``) are left as they are. Members
inside a sum are another matter (``constraint_use``): a value with a sum is left alone.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy

from ..domains import describe
from ..notation import math_text
from .declared import DomainInfo

MAX_SIZE = 8  # members of a family written out one by one


def sized_families(infos: Mapping[sympy.Basic, DomainInfo]) -> dict[sympy.IndexedBase, int]:
    """Each one-index family whose members are constrained jointly (simplex, one-hot) with
    a size written as a whole number from 1 to MAX_SIZE, and that size."""
    found: dict[sympy.IndexedBase, int] = {}
    for base, info in infos.items():
        domain = info.domain
        if not isinstance(base, sympy.IndexedBase) or domain.joint is None or info.rank > 1:
            continue
        bound = domain.bound or ""
        if bound.isdigit() and 1 <= int(bound) <= MAX_SIZE:
            found[base] = int(bound)
    return found


def members_summed(
    value: sympy.Expr, infos: Mapping[sympy.Basic, DomainInfo], conditions: list[str]
) -> sympy.Expr:
    """``value`` with the linear part of each written-out family's last member eliminated
    through the members' sum 1 (each use added to ``conditions``); ``value`` itself when
    nothing applies."""
    if value.has(sympy.Sum, sympy.Product) or not value.has(sympy.Indexed):
        return value
    families = sized_families(infos)
    if not families:
        return value
    done = value
    for base, size in sorted(families.items(), key=lambda item: str(item[0])):
        members = [base[sympy.Integer(k)] for k in range(1, size + 1)]
        if not done.has(members[-1]):
            continue
        expanded = sympy.expand(done)
        c = _linear_coefficient(expanded, members[-1])
        if c == 0:
            continue
        done = sympy.expand(expanded - c * (sympy.Add(*members) - 1))
        info = infos[base]
        shown = " + ".join(math_text(m) for m in members)
        conditions.append(f"{shown} = 1 ({describe(info.name, info.domain)})")
    return done


def _linear_coefficient(expanded: sympy.Expr, member: sympy.Indexed) -> sympy.Expr:
    """Σ r over the terms ``member·r`` of ``expanded`` with r free of ``member``."""
    total = sympy.Integer(0)
    for term in sympy.Add.make_args(expanded):
        if member not in sympy.Mul.make_args(term):
            continue
        rest = term / member
        if not rest.has(member):
            total += rest
    return total
