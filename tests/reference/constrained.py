"""Points that satisfy a file's ``[constraints]``, for the reference's ground truth.

``sample_points`` draws each symbol and member from its own domain; a point that breaks a
``[constraints]`` relation lies outside the domains and decides nothing. Drawn blindly, few
points satisfy ``Sum(s[i], (i, 1, K)) <= 1`` with ``s[i]`` in (0, 1) (none once K is a few
dozen), so a relation of such a file was left "unknown". Here:

- only the constraints that bear on the relation are kept: those that share a name (a
  symbol or a family) with it, or with a constraint kept, and so on. The others constrain
  names the relation does not read; a point of the domains can give those names values that
  satisfy them (the file declares them satisfiable), whatever the relation's names are;
- a point outside a constraint kept is drawn again, up to ``TRIES`` times: its constrained
  symbols anew from their candidates (two tries in three: with one in three, a strict
  order between two real symbols left about one sampled point in 250 outside), and the
  members of its constrained families moved toward one end of their domain (scaled by 1/2,
  1/4, ... toward the lower end, or toward the upper end, in turns). Scaling toward an end
  of an interval keeps a value inside it, so every point produced lies in the declared
  domains; a point counts only where the constraints hold, which ``evaluate_relation``
  decides as before;
- a symbol of a range ``{1, ..., C}`` drawn above the value of ``C`` (the two are drawn
  apart) is drawn again from 1..C.

No code of xentproof is used: the points are the reference's, the constraints its own
reading of the file, evaluated with mpmath.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator
from fractions import Fraction

from .domains import Declarations, Domain
from .evaluate import MemberSource
from .relations import Relation
from .sample import candidates, free_names, member_source, sample_points
from .tree import BinOp, Member, Name, Node, Num, walk

TRIES = 24  # draws of a point outside the constraints before it is given up
Constraint = tuple[str, str, Node, Node]


def _names(nodes: list[Node]) -> set[str]:
    found: set[str] = set()
    for node in nodes:
        for part in walk(node):
            if isinstance(part, Name):
                found.add(part.name)
            elif isinstance(part, Member):
                found.add(part.family)
    return found


def _functions_read(decl: Declarations, names: set[str]) -> set[str]:
    """``names`` with the names read by the declared functions among them."""
    seen = set(names)
    todo = [n for n in names if n in decl.functions]
    while todo:
        params, body = decl.functions[todo.pop()]
        for name in _names([body]) - set(params):
            if name not in seen:
                seen.add(name)
                if name in decl.functions:
                    todo.append(name)
    return seen


def bearing(relation: Relation) -> list[Constraint]:
    """The file's constraints that bear on the relation (sharing a name, transitively)."""
    decl = relation.decl
    sides: list[Node] = []
    for side in (relation.lhs, relation.rhs):
        sides.extend(side if isinstance(side, tuple) else (side,))
    reach = _functions_read(decl, _names(sides))
    declared = set(decl.symbols) | set(decl.families)  # not a range's index, nor pi
    kept: list[Constraint] = []
    left = list(decl.constraints)
    grew = True
    while grew:
        grew = False
        for constraint in list(left):
            used = _functions_read(decl, _names([constraint[2], constraint[3]]))
            if used & reach & declared:
                kept.append(constraint)
                left.remove(constraint)
                reach |= used
                grew = True
    return kept


def narrowed(relation: Relation) -> Relation:
    """The relation with only the constraints that bear on it."""
    kept = bearing(relation)
    if len(kept) == len(relation.decl.constraints):
        return relation
    decl = dataclasses.replace(relation.decl, constraints=kept)
    return dataclasses.replace(relation, decl=decl)


def _toward_end(domain: Domain, value: Node, step: int) -> Node:
    """``value`` moved toward an end of ``domain`` (the lower on even steps, the upper on odd
    ones) by the factor 1/2^(step//2 + 1): still inside an interval domain."""
    factor = Num(Fraction(1, 2 ** (step // 2 + 1)))
    lower = step % 2 == 0
    end = domain.lo if lower else domain.hi
    if end is None:
        end = domain.hi if lower else domain.lo
    if end is None:
        return BinOp("*", factor, value)
    return BinOp("+", end, BinOp("*", factor, BinOp("-", value, end)))


def _scaled(
    decl: Declarations, source: MemberSource, families: set[str], step: int
) -> MemberSource:
    def draw(family: str, indices: tuple[int, ...]) -> Node:
        value = source(family, indices)
        domain = decl.families[family][0]
        if family not in families or domain.joint is not None or not domain.is_real_interval:
            return value
        return _toward_end(domain, value, step)

    return draw


def constrained_points(
    relation: Relation, seed: int, count: int
) -> Iterator[tuple[int, dict[str, Node], MemberSource]]:
    """``(k, point, members)``: the ``count`` sampled points of ``relation`` (already
    ``narrowed``), each with its member source; where the relation has constraints, the k-th
    point is followed by up to ``TRIES`` redraws of it (same k) for the caller to try when
    the previous one lies outside them."""
    decl = relation.decl
    names = [n for n in free_names(relation) if n not in decl.where]
    ranges = {n: _first(decl, n) for n in names if _first(decl, n) is not None}
    if not decl.constraints and not ranges:
        for k, point in enumerate(sample_points(relation, seed, count)):
            yield k, point, member_source(decl, seed + k, point)
        return
    used = _functions_read(decl, _names([n for c in decl.constraints for n in c[2:]]))
    families = used & set(decl.families)
    symbols = [n for n in names if n in used]
    rng = random.Random(seed)
    lists = {name: candidates(relation, name, rng) for name in symbols}
    for k, point in enumerate(sample_points(relation, seed, count)):
        yield k, point, member_source(decl, seed + k, point)
        for step in range(TRIES):
            again = dict(point)
            if step % 3 != 1:  # two tries in three, the constrained symbols anew
                for name in symbols:
                    if lists[name]:
                        again[name] = rng.choice(lists[name])
            for name, first in ranges.items():  # k in {1, ..., C}: drawn from 1..C
                size = again.get(str(decl.domain_of(name).bound))
                if isinstance(size, Num) and size.value.denominator == 1 and size.value >= first:
                    again[name] = Num(Fraction(rng.randint(first, int(size.value))))
            source = member_source(decl, seed + k + 7919 * (step + 1), again)
            yield k, again, _scaled(decl, source, families, step)


def _first(decl: Declarations, name: str) -> int | None:
    """The first value of a range ``{a, ..., C}`` whose end is a symbol's value (None for
    any other domain)."""
    domain = decl.domain_of(name)
    if domain.bound is None or domain.joint is not None or domain.bound.isdigit():
        return None
    lo = domain.lo
    if not isinstance(lo, Num) or lo.value.denominator != 1:
        return None
    return int(lo.value)
