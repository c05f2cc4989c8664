"""Refuting a step between equations: a point of all the unknowns, inside the declared
domains, where one equation holds and the other does not (a solution lost, or for
``<=>`` gained), each decided exactly by ``solution_sets.holds_at`` (a point where an
equation is undefined is no solution of it).

The candidates, for each equation that must keep its solutions: each unknown in turn is
solved for, the other unknowns (and the family members their sums bring in) at sampled
values; its roots there (exact, else exact guesses at numeric roots), every sampled value
when the equation holds whatever that unknown is, and the zeros of what either equation
needs to be defined (where one stops being defined); then sample points of all unknowns.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator, Mapping, Sequence

import mpmath
import sympy

from ..definedness import Requirement
from ..domains import sample_values
from ..notation import math_text
from ..result import Counterexample
from ..timing import Deadline
from .constrained import keep_to_constraints, satisfies
from .declared import DomainInfo
from .equation_roots import exact_roots, numeric_roots
from .numeric import Undefined, evaluate
from .sampling import sample_points
from .solution_sets import Equation, at_point, failing_guard, holds_at, needed_at

MAX_POINTS = 40  # combinations of the other unknowns' values, for each unknown solved for
Point = dict[sympy.Basic, sympy.Expr]


class Members:
    """Values for the family members a point brings in (y[1] once N = 3): drawn afresh
    for each point (a member that is already in the point keeps its value there)."""

    def __init__(self, infos: Mapping[sympy.Basic, DomainInfo], rng: random.Random) -> None:
        self.infos, self.rng = infos, rng
        self._choices: dict[sympy.Basic, list[sympy.Expr]] = {}

    def fill(self, point: Mapping[sympy.Basic, sympy.Expr], exprs: Sequence[sympy.Basic]) -> Point:
        """``point`` with a value for every member of ``exprs`` at it."""
        filled = dict(point)
        for expr in exprs:
            # in a fixed order: the draws follow it, and a set's order changes from one
            # process to the next (string hashes are salted), and with it the point found
            for member in sorted(at_point(expr, point).atoms(sympy.Indexed), key=str):
                if member in filled or member.base not in self.infos:
                    continue
                if not all(i.is_Integer for i in member.indices):
                    continue
                base = member.base
                if base not in self._choices:
                    self._choices[base] = sample_values(self.infos[base].domain, self.rng)
                filled[member] = self.rng.choice(self._choices[base])
        return filled


def refute_equation(
    relation: str,
    first: Equation,
    second: Equation,
    infos: Mapping[sympy.Basic, DomainInfo],
    rng: random.Random,
    points: int = MAX_POINTS,
    seconds: float = 1.0,
) -> Counterexample | None:
    """A point where ``first`` holds and ``second`` does not (for ``<=>`` also the other
    way round), from the first ``points`` combinations of sampled values (for each unknown
    solved for) and as many sample points; fewer points try a prefix of the same ones."""
    deadline = Deadline.after(seconds)
    unknowns = sorted(first.unknowns(infos) | second.unknowns(infos), key=str)
    samples = {s: sample_values(infos[s].domain, rng) for s in unknowns}
    members = Members(infos, rng)
    seed = str(rng.random())  # each unknown solved for draws its points from its own seed
    directions = [(first, second, "lost")]
    if relation == "<=>":
        directions.append((second, first, "gained"))
    everything = [e for eq in (first, second) for e in _parts(eq)]
    for source, target, what in directions:
        found_points = _solved(
            source, target, unknowns, samples, members, infos, points, deadline, f"{seed} {what}"
        )
        for point in found_points:
            if deadline.passed:
                return None
            found = _failure(source, target, what, point, infos)
            if found is not None:
                return found
    for point in sample_points(unknowns, infos, rng, limit=points):
        if deadline.passed:
            return None
        kept = keep_to_constraints(members.fill(point, everything), infos, rng)
        if kept is None:
            continue
        point = kept
        for source, target, what in directions:
            found = _failure(source, target, what, point, infos)
            if found is not None:
                return found
    return None


def _parts(equation: Equation) -> list[sympy.Basic]:
    return [equation.lhs, equation.rhs, *(g.expr for g in equation.guards)]


def _failure(
    source: Equation,
    target: Equation,
    what: str,
    point: Point,
    infos: Mapping[sympy.Basic, DomainInfo],
) -> Counterexample | None:
    """The counterexample at ``point`` if ``source`` holds there and ``target`` does not,
    both decided exactly (after a numeric look that spares the exact one at most points:
    exact values at algebraic roots are slow)."""
    if not satisfies(point, infos):  # outside the constrained set: no counterexample
        return None
    if _numerically(source, point) is False or _numerically(target, point) is True:
        return None
    try:
        if holds_at(source, point) is not True or holds_at(target, point) is not False:
            return None
    except Exception:  # SymPy failing on one point (a comparison it cannot make): the next
        return None
    failing, _ = failing_guard(target, point)
    why = ""  # its sides differ
    if failing is not None:
        why = f" ({math_text(failing.origin)} is undefined here)"
    elif not _defined_as_built(target, point):
        why = " (it is undefined here)"
    return Counterexample(
        shown_point(point, infos),
        f"{math_text(source.eq)} holds",
        f"{math_text(target.eq)} does not{why}: a root is {what}",
        "",  # the sides are statements here, with no value to show
        "",
    )


LOOK_DPS = 60  # digits of the numeric look: a difference above 1e-30 shows


def _numerically(equation: Equation, point: Point) -> bool | None:
    """Whether the equation clearly holds (True) or clearly fails (False) at the point,
    numerically; None where that is not clear. Only ever spares an exact check."""
    lhs, rhs = (evaluate(side, point, LOOK_DPS) for side in (equation.lhs, equation.rhs))
    if isinstance(lhs, Undefined) or isinstance(rhs, Undefined):
        return False
    if lhs is None or rhs is None:
        return None
    scale = max(mpmath.mpf(1), abs(lhs), abs(rhs))
    gap = abs(lhs - rhs)
    tolerance = mpmath.mpf(10) ** (-(LOOK_DPS // 2)) * scale
    if gap > 1000 * tolerance:
        return False
    guards = [_guard_number(g, point) for g in equation.guards]
    if False in guards:
        return False
    return True if gap <= tolerance and all(guards) else None


def _guard_number(guard: Requirement, point: Point) -> bool | None:
    """A guard at the point, numerically: True clearly holds, False clearly fails (a
    guard needed only under a condition holds where the condition does not)."""
    applies = needed_at(guard, point)
    if applies is not True:
        return True if applies is False else None
    value = evaluate(guard.expr, point, LOOK_DPS)
    if isinstance(value, Undefined):
        return False
    if value is None or isinstance(value, mpmath.mpc):
        return None
    margin = mpmath.mpf(10) ** (-(LOOK_DPS // 2)) * max(mpmath.mpf(1), abs(value))
    if abs(value) <= margin:
        return None if guard.kind != "nonnegative" else True
    return bool(value > 0) or guard.kind == "nonzero"


def _defined_as_built(equation: Equation, point: Point) -> bool:
    values = [at_point(side, point) for side in (equation.lhs, equation.rhs)]
    return all(
        isinstance(v, sympy.Expr) and not v.has(sympy.zoo, sympy.nan) and v.is_real is not False
        for v in values
    )


def _solved(
    source: Equation,
    target: Equation,
    unknowns: Sequence[sympy.Basic],
    samples: Mapping[sympy.Basic, list[sympy.Expr]],
    members: Members,
    infos: Mapping[sympy.Basic, DomainInfo],
    points: int,
    deadline: Deadline,
    seed: str,
) -> Iterator[Point]:
    """Points of ``source``'s solution set, or near it: one unknown solved for at a time."""
    everything = _parts(source) + _parts(target)
    families = bool(source.bases(infos) | target.bases(infos))
    # Unknowns over intervals first: solving for one gives its roots; an integer or a
    # finite-set unknown is only tried at each of its sampled values.
    solved_for = sorted(
        (s for s in unknowns if s in source.unknowns(infos)),
        key=lambda s: (infos[s].domain.values is not None or infos[s].domain.integer, str(s)),
    ) or [None]
    for variable in solved_for:
        others = [s for s in unknowns if s != variable]
        rng = random.Random(f"{seed} {variable}")
        seen: set[tuple[tuple[sympy.Basic, sympy.Expr], ...]] = set()
        combos = sample_points(others, infos, rng, limit=points)[:points] or [{}]
        if families:  # the same values of the others again, with other members
            combos = list(itertools.islice(itertools.cycle(combos), points))
        for combo in combos:
            if deadline.passed:
                return
            base = members.fill(combo, everything)
            if variable is None:
                yield base
                continue
            for value in _values(
                source, target, variable, base, samples[variable], infos, deadline
            ):
                point = {**base, variable: value}
                key = tuple(sorted(point.items(), key=lambda kv: str(kv[0])))
                if key in seen:
                    continue
                seen.add(key)
                yield members.fill(point, everything)


def _values(
    source: Equation,
    target: Equation,
    variable: sympy.Symbol,
    base: Point,
    sampled: list[sympy.Expr],
    infos: Mapping[sympy.Basic, DomainInfo],
    deadline: Deadline,
) -> Iterator[sympy.Expr]:
    """Values of ``variable`` worth trying with the others at ``base``: the roots of
    ``source`` in it, every sampled value if ``source`` holds whatever it is, and where
    either equation stops being defined."""
    domain = infos[variable].domain
    if domain.values is not None or domain.integer:
        yield from sampled  # a few values: try each
        return
    curve = at_point(source.difference, base)
    if not isinstance(curve, sympy.Expr) or curve.free_symbols - {variable}:
        return
    curve = sympy.expand(curve) if curve.is_polynomial(variable) else curve
    if curve == 0:
        yield from sampled
    else:
        roots, complete = exact_roots(curve, variable, domain, deadline)
        yield from roots
        if not complete:
            yield from numeric_roots(curve, variable, sampled, domain, deadline)
    for guard in (*source.guards, *target.guards):
        needed = at_point(guard.expr, base)
        if (
            isinstance(needed, sympy.Expr)
            and variable in needed.free_symbols
            and not needed.free_symbols - {variable}
        ):
            yield from exact_roots(needed, variable, domain, deadline)[0]


def shown_point(
    point: Mapping[sympy.Basic, sympy.Expr], infos: Mapping[sympy.Basic, DomainInfo]
) -> dict[str, str]:
    """A point as the report shows it: each unknown by its declared name, each family
    member as it is written (y[1]), each value as ``value_text`` writes it."""
    shown = {}
    for key, value in point.items():
        name = sympy.sstr(key) if isinstance(key, sympy.Indexed) else infos[key].name
        shown[name] = value_text(value)
    return shown


def value_text(value: sympy.Expr) -> str:
    """A root as the report shows it: exactly as SymPy writes it, except an algebraic number
    SymPy can only index (CRootOf(p, k)), shown by its decimal value and what it is."""
    if not isinstance(value, sympy.CRootOf):
        return str(sympy.sstr(value))
    polynomial = value.expr
    order = int(value.index) + 1
    nth = {1: "", 2: "2nd-", 3: "3rd-"}.get(order, f"{order}th-")
    which = f"the {nth}smallest real root" if value.is_real else f"root number {order}"
    return f"{sympy.sstr(value.evalf(15))} ({which} of {math_text(polynomial)} = 0)"
