"""Where the steps are defined *as written*.

SymPy simplifies while it builds: ``x*(x + 1)/x`` arrives here as ``x + 1``, ``exp(log(u))``
as ``u``, ``0*log(-1)`` as 0 and ``log(-1)**2`` as ``-pi**2``. The reader records what each
written operation needs (a step's ``guards``, numbers included, each where it is evaluated:
the branch of a Piecewise, the terms of a sum, near a limit's point); this module makes
sure of them before anything is proved. A guard the declared domains show is a side
condition of the proof. A point of the domains where one side as written is undefined and
the other is a real number is a counterexample: a guard on numbers alone that fails
(``log(-1)`` needs ``-1 > 0``) makes its side undefined at every point. Anything else
leaves the relation UNPROVED (sides undefined alike among others: the domain is declared
too wide for the step).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import sympy

from ..definedness import KIND_TEXT, Near, Range, Requirement, requirements
from ..notation import math_text
from ..result import Counterexample, Verdict
from ..substitution import put
from .constrained import keep_to_constraints
from .declared import DomainInfo
from .exact import approx_text, exact_text, shown_point, strict_value
from .numeric import Undefined, evaluate
from .obligations import holds_at, shown_on_domains
from .sampling import (
    family_members,
    member_values,
    rng_for,
    sample_points,
    seed_text,
    with_members,
)


@dataclass(frozen=True)
class Written:
    """What the written form adds: conditions to report, or the outcome instead of a proof."""

    conditions: tuple[str, ...] = ()
    verdict: Verdict | None = None
    counterexample: Counterexample | None = None
    reason: str = ""


def describe(guard: Requirement, *, condition: bool = True) -> str:
    """A guard as a side condition says it: ``x ≠ 0 where x > −5`` (without its condition
    when it holds whatever the condition)."""
    if guard.kind == "nonzero" and guard.expr.is_zero and guard.when is not sympy.true:
        # a Piecewise without an otherwise branch (``forms.piecewise``)
        text = "a branch" if condition else "a branch for every point"
    else:
        text = f"{math_text(guard.expr)} {KIND_TEXT[guard.kind]}"
    if guard.when is not sympy.true and condition:
        text += f" where {math_text(guard.when)}"
    for binder in reversed(guard.binders):
        if isinstance(binder, Range):
            bounds = f"{math_text(binder.lo)}..{math_text(binder.hi)}"
            text += f" for {math_text(binder.index)} = {bounds}"
        else:
            side = {"+": "⁺", "-": "⁻"}.get(binder.direction, "")
            text += f" near {math_text(binder.var)} = {math_text(binder.point)}{side}"
    return text


def check_written(
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    guards: tuple[Sequence[Requirement], Sequence[Requirement]],
    infos: Mapping[sympy.Basic, DomainInfo],
) -> Written:
    """Check the guards of each side (``guards``: the left's and the right's, unfolded) that
    the built sides ``lhs`` and ``rhs`` do not already require (the cascade shows those)."""
    implied = {(r.expr, r.kind) for r in requirements(lhs) + requirements(rhs)}
    extra = [
        g
        for side in guards
        for g in side
        if (g.expr, g.kind) not in implied and g.when is not sympy.false
    ]
    if not extra:
        return Written()
    shown: list[str] = []
    proven: set[Requirement] = set()
    failing: list[Requirement] = []
    for guard in dict.fromkeys(extra):
        how = shown_on_domains(guard, infos)
        if how is None:
            failing.append(guard)
            continue
        proven.add(guard)
        if not how.vacuous:  # a guard never needed says nothing worth reporting
            shown.append(describe(guard, condition=not how.everywhere))
    if not failing:
        if not shown:
            return Written()
        return Written(conditions=(f"defined as written: {', '.join(dict.fromkeys(shown))}",))
    found = _point_undefined(lhs, rhs, guards, proven, infos)
    if found is not None:
        return Written(verdict=Verdict.REFUTED, counterexample=found)
    guard = failing[0]
    needs = describe(guard)
    if not (guard.expr.free_symbols or guard.binders or guard.when.free_symbols):
        return Written(
            verdict=Verdict.UNPROVED,
            reason=f"{math_text(guard.origin)} as written needs {needs}, which does not hold:"
            " that side has no real value",
        )
    return Written(
        verdict=Verdict.UNPROVED,
        reason=f"{math_text(guard.origin)} as written needs {needs}, "
        "which could not be shown on the declared domains",
    )


def _symbols(guards: Iterable[Requirement]) -> set[sympy.Basic]:
    """The symbols the guards leave free (not the index of a range or a limit's variable)."""
    found: set[sympy.Basic] = set()
    for g in guards:
        used = g.expr.free_symbols | g.when.free_symbols
        for b in g.binders:
            bounds = (b.lo, b.hi) if isinstance(b, Range) else (b.point,)
            used |= set().union(*(e.free_symbols for e in bounds))
        found |= used - {b.index if isinstance(b, Range) else b.var for b in g.binders}
    return found


def _side_state(
    side: Sequence[Requirement],
    proven: set[Requirement],
    point: Mapping[sympy.Basic, sympy.Expr],
) -> tuple[bool | None, Requirement | None]:
    """Whether a side as written is defined at the point (with the guard that fails)."""
    state: bool | None = True
    for guard in side:
        if guard in proven:
            continue
        holds = holds_at(guard, point)
        if holds is False:
            return False, guard
        if holds is None:
            state = None
    return state, None


def _point_undefined(
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    guards: tuple[Sequence[Requirement], Sequence[Requirement]],
    proven: set[Requirement],
    infos: Mapping[sympy.Basic, DomainInfo],
) -> Counterexample | None:
    """A sample point where exactly one side, as written, is undefined (confirmed exactly)
    and the other is a real number (all its guards hold there)."""
    every = [*guards[0], *guards[1]]
    exprs = (lhs, rhs, *(g.expr for g in every))
    used = lhs.free_symbols | rhs.free_symbols | _symbols(every)
    symbols = sorted((s for s in used if s in infos and not isinstance(s, sympy.Indexed)), key=str)
    rng: random.Random = rng_for("written", seed_text(lhs), seed_text(rhs))
    bases = sorted(
        {a.base for e in exprs for a in e.atoms(sympy.Indexed) if a.base in infos}, key=str
    )
    members = family_members(bases, infos, rng)  # y[-4] … y[9]: what a point gives values
    points = sample_points(symbols, infos, rng)
    for draw, drawn in enumerate(with_members(points) if members else points):
        if members:
            drawn.update(member_values(members, rng, draw))
        # the members' values drawn one by one may leave a one-hot or simplex family
        point = keep_to_constraints(drawn, infos, rng)
        if point is None:
            continue
        (left, bad_left), (right, bad_right) = (_side_state(side, proven, point) for side in guards)
        if {left, right} != {True, False}:
            continue
        undefined_left = left is False
        culprit = bad_left if undefined_left else bad_right
        assert culprit is not None
        defined_side = rhs if undefined_left else lhs
        value = _real_value(_members_carried(defined_side, point), point)
        if value is None:
            continue
        undefined = f"undefined as written: {_failure(culprit, point)}"
        shown = shown_point(_members_used(point, (lhs, rhs), every), infos)
        if undefined_left:
            return Counterexample(
                shown, undefined, exact_text(value), "undefined", approx_text(value)
            )
        return Counterexample(shown, exact_text(value), undefined, approx_text(value), "undefined")
    return None


def _plain(point: Mapping[sympy.Basic, sympy.Expr]) -> dict[sympy.Basic, sympy.Expr]:
    return {k: v for k, v in point.items() if not isinstance(k, sympy.Indexed)}


def _members_carried(side: sympy.Expr, point: Mapping[sympy.Basic, sympy.Expr]) -> sympy.Expr:
    """A side whose sums over family members are carried out at the point's symbols (the
    bounds are numbers there), for its members' values to be put in."""
    if not side.has(sympy.Indexed) or not side.has(sympy.Sum, sympy.Product):
        return side
    done = put(side, _plain(point)).doit()
    return done if isinstance(done, sympy.Expr) else side


def _members_used(
    point: Mapping[sympy.Basic, sympy.Expr],
    sides: tuple[sympy.Expr, sympy.Expr],
    guards: Sequence[Requirement],
) -> dict[sympy.Basic, sympy.Expr]:
    """The point with only the family members that the sides and the guards' ranges use
    at it (the others had values nothing read)."""
    plain = _plain(point)
    if len(plain) == len(point):
        return dict(point)
    used: set[sympy.Basic] = set()
    for side in sides:
        used |= _members_carried(side, point).atoms(sympy.Indexed)
    for guard in guards:
        ranges = [(b.index, b.lo, b.hi) for b in reversed(guard.binders) if isinstance(b, Range)]
        if len(ranges) != len(guard.binders):
            continue
        spelled = sympy.Sum(guard.expr, *ranges) if ranges else guard.expr
        used |= _members_carried(spelled, point).atoms(sympy.Indexed)
    return {k: v for k, v in point.items() if k in plain or k in used}


def _real_value(side: sympy.Expr, point: Mapping[sympy.Basic, sympy.Expr]) -> sympy.Expr | None:
    """The side's exact value at the point, if it is a real number there (by the fast
    evaluation, or by SymPy's strict one where that is cautious: ``(-1)**x`` at ``x = 0``)."""
    value = put(side, point)
    if not isinstance(value, sympy.Expr) or value.has(sympy.nan, sympy.zoo):
        return None
    number = evaluate(side, point)
    if number is not None and not isinstance(number, Undefined):
        return value if value.is_extended_real is not False else None
    if value.has(sympy.Sum, sympy.Product, sympy.Limit, sympy.Derivative) or value.free_symbols:
        return None
    approx = strict_value(value)
    if approx is None or not (approx.is_extended_real and approx.is_finite):
        return None
    return value


def _failure(guard: Requirement, point: Mapping[sympy.Basic, sympy.Expr]) -> str:
    """What fails at the point: ``log(x) needs x > 0, here -1``."""
    text = f"{math_text(guard.origin)} needs {describe(guard)}"
    if guard.binders and not isinstance(guard.binders[-1], Near):
        return text
    if guard.expr.is_zero:  # no branch selected: nothing to show but the condition
        return text
    where = put(guard.expr, point)
    if not where.free_symbols:
        text += f", here {sympy.sstr(where)}"
    return text
