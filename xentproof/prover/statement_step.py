"""The cascade's stage for a step between two statements of which one at least is an
inequality (``A <=> B``, ``A => B``: "x² ≤ 1 ⇔ −1 ≤ x ≤ 1" written one comparison at a
time, as papers prove an inequality by rewriting it; docs/semantics.md §8). ``A => B``
claims B holds at every point of the domains where A holds, ``<=>`` also the converse;
equations between equations keep their own stage (``equation_step``).

A point where A holds and B does not (both decided exactly) refutes the step: a few sample
points first, with the points where A's or B's sides are equal (where a strict and a weak
comparison part), then the proofs (``statement_proofs``), then the rest of the points.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

import mpmath
import sympy

from ..definedness import Requirement
from ..domains import sample_values
from ..result import Counterexample, Verdict
from ..timing import Deadline
from .constrained import keep_to_constraints, satisfies
from .constraint_table import satisfied
from .declared import DomainInfo
from .equation_refute import LOOK_DPS, Members, _guard_number, _solved, shown_point
from .equation_step import around_a_proof, equal_where_defined
from .numeric import Undefined, evaluate
from .outcome import Attempt, Outcome, Prover
from .sampling import rng_for, sample_points, seed_text
from .statement_proofs import prove_statement
from .statements import Statement, holds_at, statement_of

QUICK_POINTS = 3
QUICK_SECONDS = 1.5
LATE_POINTS = 40
LATE_SECONDS = 2.5
Point = dict[sympy.Basic, sympy.Expr]


def statement_step(
    relation: str,
    first: sympy.Basic,
    second: sympy.Basic,
    infos: Mapping[sympy.Basic, DomainInfo],
    attempt: Attempt,
    prove: Prover,
    guards: tuple[Sequence[Requirement], Sequence[Requirement]] = ((), ()),
) -> Outcome:
    """``A <=> B`` or ``A => B`` between two statements (an inequality among them)."""
    if relation not in ("<=>", "=>"):  # a statement is no value: only <=> and => join them
        return Outcome(Verdict.UNPROVED, "", reason=f"{relation} does not join two statements")
    a, b = statement_of(first, guards[0]), statement_of(second, guards[1])

    def refute(points: int, seconds: float) -> Counterexample | None:
        rng = rng_for(relation, seed_text(first), seed_text(second))
        attempt.stage = "statements: points"
        return refute_statement(relation, a, b, infos, rng, points, seconds)

    def proof() -> tuple[str, tuple[str, ...]] | None:
        attempt.stage = "statements: proof"
        return prove_statement(relation, a, b, infos, prove, equal_where_defined(infos, prove))

    return around_a_proof(
        refute,
        "a point where one statement holds and the other does not",
        ((QUICK_POINTS, QUICK_SECONDS), (LATE_POINTS, LATE_SECONDS)),
        proof,
        "no point where one statement holds and the other does not was found, and neither a "
        "monotone rewriting nor a proof of one with the other in force explains the step",
    )


def refute_statement(
    relation: str,
    first: Statement,
    second: Statement,
    infos: Mapping[sympy.Basic, DomainInfo],
    rng: random.Random,
    points: int,
    seconds: float,
) -> Counterexample | None:
    """A point where ``first`` holds and ``second`` does not (for ``<=>`` also the other
    way round): at the points where either statement's sides are equal (one unknown solved
    for, the others sampled), then at sample points of all unknowns."""
    deadline = Deadline.after(seconds)
    unknowns = sorted(first.equation.unknowns(infos) | second.equation.unknowns(infos), key=str)
    samples = {s: sample_values(infos[s].domain, rng) for s in unknowns}
    members = Members(infos, rng)
    seed = str(rng.random())
    directions = [(first, second)] + ([(second, first)] if relation == "<=>" else [])
    named = {id(first): "the first", id(second): "the second"}
    for source, other in ((first, second), (second, first)):
        for point in _solved(
            source.equation,
            other.equation,
            unknowns,
            samples,
            members,
            infos,
            points,
            deadline,
            f"{seed} {source.op}",
        ):
            if deadline.passed:
                return None
            for s, t in directions:
                found = _failure(s, t, point, infos, named)
                if found is not None:
                    return found
    parts = [e for s in (first, second) for e in (s.lhs, s.rhs, *(g.expr for g in s.guards))]
    for point in sample_points(unknowns, infos, rng, limit=points):
        if deadline.passed:
            return None
        kept = keep_to_constraints(members.fill(point, parts), infos, rng)
        if kept is None:
            continue
        for s, t in directions:
            found = _failure(s, t, kept, infos, named)
            if found is not None:
                return found
    return None


def _failure(
    source: Statement,
    target: Statement,
    point: Point,
    infos: Mapping[sympy.Basic, DomainInfo],
    named: Mapping[int, str],
) -> Counterexample | None:
    """The counterexample at ``point`` if ``source`` holds there and ``target`` does not,
    both decided exactly (after a numeric look that spares the exact one at most points)."""
    if not satisfies(point, infos) or not satisfied(point):
        return None
    if _numerically(source, point) is False or _numerically(target, point) is True:
        return None
    try:
        if holds_at(source, point) is not True or holds_at(target, point) is not False:
            return None
    except Exception:  # SymPy failing on one point: the next one
        return None
    return Counterexample(
        shown_point(point, infos),
        f"{named[id(source)]} holds: {source.text()}",
        f"{named[id(target)]} does not (false, or undefined): {target.text()}",
        "",  # the sides are statements here, with no value to show
        "",
    )


def _numerically(statement: Statement, point: Point) -> bool | None:
    """Whether the statement clearly holds (True) or clearly fails (False) at the point,
    numerically; None where that is not clear. Only ever spares an exact check."""
    lhs, rhs = (evaluate(side, point, LOOK_DPS) for side in (statement.lhs, statement.rhs))
    if isinstance(lhs, Undefined) or isinstance(rhs, Undefined):
        return False
    if lhs is None or rhs is None or isinstance(lhs, mpmath.mpc) or isinstance(rhs, mpmath.mpc):
        return None
    scale = max(mpmath.mpf(1), abs(lhs), abs(rhs))
    gap = rhs - lhs
    tolerance = mpmath.mpf(10) ** (-(LOOK_DPS // 2)) * scale
    if abs(gap) <= tolerance:
        return None  # on the boundary: the exact check decides
    holds = gap > 0 if statement.op != "=" else False
    if not holds:
        return False
    guards = [_guard_number(g, point) for g in statement.guards]
    if False in guards:
        return False
    return True if all(guards) else None
