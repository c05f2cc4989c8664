"""The ``[constraints]`` of a derivation while one of its relations is decided
(docs/semantics.md §9): relations between declared symbols (``a < b``,
``Sum(q[i], (i, 1, K)) <= 1``) that every point of the derivation satisfies.

- Sampling keeps to them by rejection (``holds_at``, called where every sampled point is
  brought into the constrained set, ``constrained.keep_to_constraints``): a symbol or family
  member a constraint uses and the point does not give is drawn from its domain, and a
  point where a constraint fails, or cannot be decided, is dropped. A counterexample is
  only ever found at a point that satisfies every constraint.
- ``constrained.feasible``: whether some sampled point satisfies them all. One that no
  sampled point satisfies leaves every relation UNPROVED (a proof from constraints nobody
  can satisfy would be vacuous).

The constraints in force are a context variable, set by the decider for one relation: the
cascade's stages pass only the domains of the symbols to each other.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import random
from collections.abc import Iterator, Mapping, Sequence

import sympy

from ..domains import sample_values
from ..model import Constraint
from .declared import DomainInfo

DRAWS = 8  # draws of what a constraint uses and the point does not give, before dropping it
MAX_MEMBERS = 60  # members of a family a constraint's sum may need at one point

_IN_FORCE: contextvars.ContextVar[tuple[Constraint, ...]] = contextvars.ContextVar(
    "constraints", default=()
)

Point = dict[sympy.Basic, sympy.Expr]
# What was drawn to complete a point whose constrained values were met before (None: no
# draw satisfied the constraints): points repeat the same few values of a bound K, and a
# sum's members are costly to draw until they fit.
_COMPLETED: dict[object, dict[sympy.Basic, sympy.Expr] | None] = {}
MAX_COMPLETED = 20000


@contextlib.contextmanager
def constraints_in_force(constraints: Sequence[Constraint]) -> Iterator[None]:
    token = _IN_FORCE.set(tuple(constraints))
    try:
        yield
    finally:
        _IN_FORCE.reset(token)


def in_force() -> tuple[Constraint, ...]:
    return _IN_FORCE.get()


def holds_at(
    point: Point, infos: Mapping[sympy.Basic, DomainInfo], rng: random.Random
) -> Point | None:
    """The point with what the constraints use and it did not give drawn, where every
    constraint holds; None when none of the draws satisfies them (the point is dropped)."""
    constraints = bearing_on(point)
    if not constraints:
        return point
    mentioned = set().union(*(mentions(c) for c in constraints))
    given = tuple(
        sorted(
            (
                (k, v)
                for k, v in point.items()
                if (k.base if isinstance(k, sympy.Indexed) else k) in mentioned
            ),
            key=lambda kv: str(kv[0]),
        )
    )
    domains = tuple(sorted((str(m), infos[m].domain.text) for m in mentioned if m in infos))
    key = (tuple((c.name, c.relation) for c in constraints), domains, given)
    if key in _COMPLETED:  # the same values met before: the completion found then
        completion = _COMPLETED[key]
        return None if completion is None else {**point, **completion}
    found: dict[sympy.Basic, sympy.Expr] | None = None
    for attempt in range(DRAWS):
        filled = dict(point)
        if all(holds(c.relation, filled, infos, rng, attempt) for c in constraints):
            found = {k: v for k, v in filled.items() if k not in point}
            break
    if len(_COMPLETED) > MAX_COMPLETED:
        _COMPLETED.clear()
    _COMPLETED[key] = found
    return None if found is None else {**point, **found}


def bearing_on(point: Mapping[sympy.Basic, sympy.Expr]) -> list[Constraint]:
    """The constraints in force that share a symbol or a family with the point, and those
    that share one with these (the rest constrain other symbols only: together they hold
    somewhere, ``feasible``, whatever the point's values)."""
    touched = {k.base if isinstance(k, sympy.Indexed) else k for k in point}
    left = list(in_force())
    bearing: list[Constraint] = []
    grew = True
    while grew and left:
        grew = False
        for constraint in list(left):
            if mentions(constraint) & touched:
                bearing.append(constraint)
                left.remove(constraint)
                touched |= mentions(constraint)
                grew = True
    return bearing


def mentions(constraint: Constraint) -> set[sympy.Basic]:
    """The scalar symbols and the families (their bases) a constraint uses."""
    return set(_mentions(constraint.relation))


@functools.lru_cache(maxsize=1024)
def _mentions(relation: sympy.Basic) -> frozenset[sympy.Basic]:
    """``mentions`` of a relation, found once: every sampled point asks it of every
    constraint, and the free symbols of a sum are costly to find."""
    members = relation.atoms(sympy.Indexed)
    labels = {m.base.label for m in members}
    scalars = {s for s in relation.free_symbols if isinstance(s, sympy.Symbol) and s not in labels}
    return frozenset(scalars | {m.base for m in members})


def satisfied(point: Mapping[sympy.Basic, sympy.Expr]) -> bool:
    """Whether every constraint that bears on the point holds there, the point giving all
    they use (nothing is drawn)."""
    return all(_value(c.relation, point) is True for c in bearing_on(point))


def holds(
    relation: sympy.Rel,
    point: Point,
    infos: Mapping[sympy.Basic, DomainInfo],
    rng: random.Random,
    attempt: int = 0,
) -> bool:
    """Whether ``relation`` holds at ``point``; what it uses and the point lacks is drawn
    from its domain and added to the point (at a later ``attempt``, the least of more
    draws: a sum bounded from above is met by small members)."""
    scalar = [s for s in _symbols_of(relation) if s in infos]
    for symbol in scalar:
        if symbol not in point and not _draw(symbol, point, infos, rng, attempt):
            return False
    # the scalar values the relation uses (a symbol it does not hold changes nothing), by
    # type too: a Float equal to an Integer must not take its written-out form
    used = _atoms_of(relation)
    scalars = tuple(
        sorted(
            (
                (s, type(v), v)
                for s, v in point.items()
                if not isinstance(s, sympy.Indexed)
                and (s in used or not isinstance(s, sympy.Symbol))
            ),
            key=lambda item: str(item[0]),
        )
    )
    try:
        ground = _grounded(relation, scalars)
        if ground is None:
            return False
        if isinstance(ground, bool | sympy.logic.boolalg.BooleanAtom):
            return bool(ground)
        for member in _members_of(ground):
            if member not in point and not _draw(member, point, infos, rng, attempt):
                return False
    except (TypeError, ValueError, AttributeError, ZeroDivisionError, RecursionError):
        return False
    return _value(ground, point) is True


@functools.lru_cache(maxsize=1024)
def _atoms_of(relation: sympy.Basic) -> frozenset[sympy.Basic]:
    """Every symbol of a relation, bound ones included (found once)."""
    return frozenset(relation.atoms(sympy.Symbol))


@functools.lru_cache(maxsize=4096)
def _grounded(
    relation: sympy.Basic, scalars: tuple[tuple[sympy.Basic, type, sympy.Expr], ...]
) -> sympy.Basic | None:
    """The relation with the scalar values put in and its sums written out (None: one
    cannot be), made once for the same values: points repeat the few values of a bound."""
    ground = relation.xreplace({s: v for s, _, v in scalars})
    if ground.has(sympy.Sum, sympy.Product):
        return _written_out(ground)
    return ground


@functools.lru_cache(maxsize=4096)
def _members_of(ground: sympy.Basic) -> tuple[sympy.Indexed, ...]:
    """The family members a grounded relation uses, in the order they are drawn."""
    return tuple(sorted(ground.atoms(sympy.Indexed), key=str))


@functools.lru_cache(maxsize=1024)
def _symbols_of(relation: sympy.Basic) -> tuple[sympy.Symbol, ...]:
    """The scalar symbols of a relation, in the order they are drawn (found once)."""
    found = (s for s in relation.free_symbols if isinstance(s, sympy.Symbol))
    return tuple(sorted(found, key=str))


@functools.lru_cache(maxsize=1024)
def _written_out(expr: sympy.Basic) -> sympy.Basic | None:
    """Every sum and product of ``expr`` with integer bounds written out term by term (an
    empty range: 0 and 1); None when a bound is not an integer or a range is too long."""
    for limit in sorted(expr.atoms(sympy.Sum, sympy.Product), key=lambda e: -len(str(e))):
        if limit not in expr.atoms(sympy.Sum, sympy.Product):
            continue
        body = limit.function
        for index, lo, hi in limit.limits:
            if not (lo.is_Integer and hi.is_Integer) or hi - lo > MAX_MEMBERS:
                return None
            terms = [body.xreplace({index: sympy.Integer(k)}) for k in range(lo, hi + 1)]
            body = sympy.Add(*terms) if isinstance(limit, sympy.Sum) else sympy.Mul(*terms)
        expr = expr.xreplace({limit: body})
    return None if expr.has(sympy.Sum, sympy.Product) else expr


def _draw(
    key: sympy.Basic,
    point: Point,
    infos: Mapping[sympy.Basic, DomainInfo],
    rng: random.Random,
    attempt: int = 0,
) -> bool:
    """A value of ``key`` (a symbol, or a member of a family that is not jointly
    constrained) drawn from its domain into the point; False when it has none."""
    base = key.base if isinstance(key, sympy.Indexed) else key
    info = infos.get(base)
    if info is None or info.domain.is_constrained:
        return False  # a range or a joint family is drawn with its constraint, not here
    values = sample_values(info.domain, rng)
    if not values:
        return False
    draws = [rng.choice(values) for _ in range(1 + 2 * attempt)]
    point[key] = draws[0] if attempt == 0 else min(draws, key=lambda v: (abs(v), str(v)))
    return True


def _value(relation: sympy.Basic, point: Mapping[sympy.Basic, sympy.Expr]) -> bool | None:
    """The truth of the relation at the point, decided exactly or at high precision; None
    when it cannot be (a value missing, undefined, or too close to call)."""
    try:
        ground = relation.xreplace(dict(point))
        if ground.has(sympy.Sum, sympy.Product):
            ground = _written_out(ground)
            if ground is None:
                return None
            ground = ground.xreplace(dict(point))
        if isinstance(ground, sympy.logic.boolalg.BooleanAtom):
            return bool(ground)
        if not isinstance(ground, sympy.Rel) or ground.free_symbols or ground.has(sympy.Indexed):
            return None
        difference = (ground.lhs - ground.rhs).evalf(60)
        if not difference.is_Number or difference.is_real is not True:
            return None
        if abs(difference) < sympy.Float(10) ** -40:  # too close to call: exactly only
            exact = ground.lhs - ground.rhs
            return bool(ground.func(0, 0)) if exact.is_zero is True else None
        return bool(ground.func(difference, 0))
    except (TypeError, ValueError, AttributeError, ZeroDivisionError, RecursionError):
        return None


def describe_constraints() -> list[str]:
    """The constraints in force as side conditions: "constraint ordered: a < b"."""
    return [f"constraint {c.name}: {c.text}" for c in in_force()]
