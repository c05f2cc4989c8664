"""Derivatives written in a step, carried out with where they exist (docs/semantics.md §6).

``Derivative(f, x)`` at a point is the derivative of ``f`` as a function of the real
variable ``x``: it exists only where ``f`` is defined around the point and differentiable
there. SymPy's derivative is right away from the points where that fails, and wrong at
them: it writes the derivative of ``|x|`` as ``sign(x)`` (0 at 0), that of ``Max`` with
``Heaviside`` (½ at the switch), differentiates a Piecewise branch by branch (a jump
disappears), and may leave a removable gap (``n·xⁿ/x``). So each derivative comes with its
obligations:

- *certain*: points shown to have no derivative (a corner, a jump, a cusp at an explicit
  switch point ``c``: the derivative needs ``x − c ≠ 0``). These are guards of the step: a
  point of the domains where one fails, the other side defined, refutes the step.
- *needed*: what a proof must show and a counterexample may not rest on: the body's own
  requirements in their open form (``f`` defined around the point), switch points that
  could not be classified, points where SymPy's formula could not be shown to give the
  derivative.

At a switch point ``c`` (a zero of what an Abs, Max, Min, Piecewise condition, … compares,
``near.switch_expressions``) the function is resolved on each side (``near``); it is
differentiable at ``c`` when it is continuous there and its derivative has the same finite
limit from both sides (then, by the mean value theorem, that limit is the derivative at
``c``), and it is not when either fails. A derivative in a variable that is not declared over
an interval of reals has no value at all (a *problem*: the relation is left UNPROVED with
the reason; it is not an input error, so the rest of the file is still checked).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import sympy

from ..definedness import Range, Requirement, quantified_requirements, requirements
from ..domains import describe
from ..model import Domain
from ..notation import math_text
from ..substitution import put
from .beside import (
    approach,
    exact,
    not_real_parts,
    requirement_near,
    resolve_near,
    same_value,
    small,
    switch_expressions,
)
from .limits import limit_value
from .members import member_derivative, member_problem

MAX_SWITCH_POINTS = 6


@dataclass(frozen=True)
class Obligation:
    """A requirement of a derivative, and why it has it (for the report)."""

    requirement: Requirement
    why: str


@dataclass
class Obligations:
    """What the derivatives of a side need (see the module's docstring)."""

    certain: list[Obligation] = field(default_factory=list)
    needed: list[Obligation] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _derivative(f: sympy.Expr, x: sympy.Symbol) -> tuple[sympy.Expr, sympy.Expr]:
    """SymPy's derivative of ``f`` as it comes (its switch points are those of ``f``'s
    derivative), and as it is used: DiracDelta, 0 wherever its argument is not, dropped
    (where it is, the switch point is classified on its own), and the n·xⁿ/x that SymPy
    writes for the derivative of xⁿ joined into n·xⁿ⁻¹ (equal wherever the former is
    defined; at x = 0 the latter is the derivative when xⁿ is differentiable there)."""
    raw = sympy.diff(f, x)
    used = raw.replace(lambda e: isinstance(e, sympy.DiracDelta), lambda e: sympy.Integer(0))
    if any(not p.exp.is_number for p in used.atoms(sympy.Pow)):
        used = sympy.powsimp(used, combine="exp")
    return raw, used


def _kronecker_as_piecewise(f: sympy.Expr, x: sympy.Symbol) -> sympy.Expr:
    """KroneckerDelta(a, b) in ``x`` as the Piecewise it is over the reals (SymPy leaves its
    derivative unevaluated)."""
    return f.replace(
        lambda e: isinstance(e, sympy.KroneckerDelta) and x in e.free_symbols,
        lambda e: sympy.Piecewise((1, sympy.Eq(*e.args)), (0, True)),
    )


def _open(requirement: Requirement) -> Requirement:
    """The requirement around a point: x ≥ 0 at the point says nothing about its left."""
    if requirement.kind == "nonnegative":
        r = requirement
        return Requirement(r.expr, "positive", r.origin, r.when, r.binders)
    return requirement


def _as_need(requirement: Requirement, d: sympy.Derivative) -> Requirement:
    """A requirement of the body as the derivative's own need, with the condition and the
    ranges it holds under kept: 1/i^s in Σ_{i=1}^{N} needs i > 0 for i = 1, …, N only."""
    r = requirement
    return Requirement(r.expr, r.kind, d, r.when, r.binders)


def _implied_by(requirement: Requirement, condition: sympy.Basic) -> bool:
    """Whether a Piecewise condition says what the requirement asks (x > 0 for the log(x)
    it selects): the branch is evaluated only there."""
    parts = condition.args if isinstance(condition, sympy.And) else (condition,)
    target = sympy.expand(requirement.expr)
    for part in parts:
        if not isinstance(part, sympy.Rel):
            continue
        difference = sympy.expand(part.lhs - part.rhs)
        says = {
            sympy.StrictGreaterThan: [(difference, "positive")],
            sympy.StrictLessThan: [(-difference, "positive")],
            sympy.GreaterThan: [(difference, "nonnegative")],
            sympy.LessThan: [(-difference, "nonnegative")],
            sympy.Ne: [(difference, "nonzero"), (-difference, "nonzero")],
        }.get(type(part), [])
        for expr, kind in says:
            strong_enough = kind == requirement.kind or (
                kind == "positive" and requirement.kind in ("nonnegative", "nonzero")
            )
            if expr == target and strong_enough:
                return True
    return False


def _requirements_around(f: sympy.Expr, x: sympy.Basic) -> list[Requirement]:
    """What ``f`` needs to be defined around a point, as x moves: its own requirements,
    and those of each Piecewise value that its condition does not already say; open
    (x ≥ 0 at the point says nothing about its left) where they depend on x, as they are
    where they do not (a part that x leaves alone is defined around the point where it is
    defined at it: log(k!) in d/dλ needs k ≥ 0, not k > 0)."""
    found = [_open_in(r, x) for r in quantified_requirements(f)]
    for piecewise in f.atoms(sympy.Piecewise):
        for value, condition in piecewise.args:
            for r in requirements(value):
                if not _implied_by(r, condition):
                    found.append(_open_in(r, x))
    return list(dict.fromkeys(found))


def _open_in(requirement: Requirement, x: sympy.Basic) -> Requirement:
    """``_open`` where the requirement depends on x (a member: on any member of its
    family), the requirement itself where it does not."""
    parts: list[sympy.Basic] = [requirement.expr, requirement.when]
    for b in requirement.binders:
        parts += [b.lo, b.hi] if isinstance(b, Range) else [b.point]
    if isinstance(x, sympy.Indexed):
        depends = any(a.base == x.base for e in parts for a in e.atoms(sympy.Indexed))
    else:
        depends = any(x in e.free_symbols for e in parts)
    return _open(requirement) if depends else requirement


def _zeros(s: sympy.Expr, x: sympy.Symbol) -> list[sympy.Expr] | None:
    """The real zeros of ``s`` in x, when they are a few explicit real numbers (possibly in
    the other symbols); None otherwise."""
    try:
        found = sympy.solveset(s, x, sympy.S.Reals)
    except (NotImplementedError, ValueError, TypeError):
        return None
    if found is sympy.S.EmptySet:
        return []
    if not isinstance(found, sympy.FiniteSet) or len(found) > MAX_SWITCH_POINTS:
        return None
    zeros = list(found)
    if any(z.is_extended_real is not True or z.is_finite is not True for z in zeros):
        return None
    return zeros


@dataclass(frozen=True)
class SidesOf:
    """A function beside a switch point c: the limits of it (``value``) and of its
    derivative (``slope``) from the right and from the left; None where not found."""

    value: tuple[sympy.Expr | None, sympy.Expr | None]
    slope: tuple[sympy.Expr | None, sympy.Expr | None]
    undefined: bool = False  # shown undefined on a side (a certain failure)
    unknown: bool = False  # not shown defined on a side


def _limit_at_zero(h: sympy.Expr, u: sympy.Dummy) -> sympy.Expr | None:
    value, _how = limit_value(sympy.Limit(h, u, 0, "+"))
    if not isinstance(value, sympy.Expr):
        return None
    if value.has(sympy.AccumBounds, sympy.Limit, sympy.nan, sympy.zoo) or not_real_parts(value):
        return None
    return value


def _sides(g: sympy.Expr, x: sympy.Symbol, c: sympy.Expr) -> SidesOf:
    values: list[sympy.Expr | None] = []
    slopes: list[sympy.Expr | None] = []
    undefined = unknown = False
    for side, sense in (("+", 1), ("-", -1)):
        u = small()
        substitution, _back = approach(x, c, side, u)
        h = resolve_near(put(g, substitution), u)
        if h is None or not_real_parts(h):
            return SidesOf((None, None), (None, None), unknown=True)
        for need in requirements(h):
            near = requirement_near(need, u)
            if near.holds is False and exact(need):
                undefined = True
            elif near.holds is not True:
                unknown = True
        values.append(_limit_at_zero(h, u))
        slopes.append(_limit_at_zero(sense * sympy.diff(h, u), u))
    return SidesOf((values[0], values[1]), (slopes[0], slopes[1]), undefined, unknown)


SMOOTH, CORNER, UNKNOWN = "smooth", "corner", "unknown"
OWN = sympy.Symbol("own value")  # classify: continuity against g's own value at c, as built


def classify(
    g: sympy.Expr, x: sympy.Symbol, c: sympy.Expr, value: sympy.Expr | None
) -> tuple[str, sympy.Expr | None]:
    """Whether ``g`` is differentiable at x = c (SMOOTH, with its derivative there), shown
    not to be (CORNER), or neither (UNKNOWN). Continuity is checked against ``value``: g's
    value at c when it is known; ``OWN``: g's own value as built (the body); None: only the
    two sides against each other (a derivative whose previous order is differentiable at
    c, so that its value there is the limit of its sides)."""
    sides = _sides(g, x, c)
    if sides.undefined:
        return CORNER, None
    if sides.unknown:
        return UNKNOWN, None
    if value is OWN:
        at_c = put(g, {x: c})
        if at_c.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo) or not_real_parts(at_c):
            return CORNER, None
        if any(not r.expr.is_number for r in requirements(at_c)):
            return UNKNOWN, None
        value = at_c
    right, left = sides.value
    if right is None or left is None:
        return UNKNOWN, None
    reference = right if value is None else value
    continuous = [same_value(right, reference), same_value(left, reference)]
    if False in continuous:
        return CORNER, None  # a jump: no derivative
    if None in continuous:
        return UNKNOWN, None
    right, left = sides.slope
    if right is None or left is None:
        return UNKNOWN, None
    if right.is_infinite is True or left.is_infinite is True:
        return CORNER, None  # a vertical tangent or a cusp: no finite derivative
    if right.is_finite is not True or left.is_finite is not True:
        return UNKNOWN, None  # ∞·sign(a): infinite or not, by the value of a
    agree = same_value(right, left)
    if agree is None:
        return UNKNOWN, None
    return (SMOOTH, right) if agree else (CORNER, None)


def _variable_problem(x: sympy.Basic, domain: Domain | None) -> str:
    if domain is None or (domain.values is None and not domain.integer):
        return ""
    return (
        f"a derivative in {math_text(x)} has no value: it is taken in a real variable, and "
        f"{describe(str(x), domain)} (declare {math_text(x)} over an interval of reals to "
        "differentiate in it)"
    )


class _Differentiation:
    """One derivative carried out order by order, with its obligations."""

    def __init__(self, d: sympy.Derivative, x: sympy.Symbol, found: Obligations) -> None:
        self.d, self.x, self.found = d, x, found
        self.excluded: set[sympy.Expr] = set()  # switch points with an obligation already

    def point(self, c: sympy.Expr, certain: bool, why: str) -> None:
        self.excluded.add(c)
        bucket = self.found.certain if certain else self.found.needed
        bucket.append(Obligation(Requirement(self.x - c, "nonzero", self.d), why))

    def switch_points(self, f: sympy.Expr) -> list[sympy.Expr]:
        """The switch points of ``f`` in x; a switch whose zeros are not a few explicit
        numbers is an obligation of its own (its expression ≠ 0)."""
        points: list[sympy.Expr] = []
        for s in switch_expressions(f, self.x):
            zeros = _zeros(s, self.x)
            if zeros is None:
                self.found.needed.append(
                    Obligation(
                        Requirement(s, "nonzero", self.d),
                        f"where {math_text(s)} = 0 a switch of it may make a corner",
                    )
                )
            else:
                points += [c for c in zeros if c not in points]
        return points

    def order(
        self, f: sympy.Expr, known: Mapping[sympy.Expr, sympy.Expr], first: bool
    ) -> dict[sympy.Expr, sympy.Expr]:
        """Record what ``f`` needs to be differentiable in x; return its derivative at each
        switch point where it was shown differentiable. ``known``: f's value at the switch
        points of the previous order where that was differentiable."""
        for requirement in _requirements_around(f, self.x):
            self.found.needed.append(
                Obligation(
                    _as_need(requirement, self.d),
                    f"{math_text(requirement.origin)} must be defined around the point",
                )
            )
        points = list(known) + [c for c in self.switch_points(f) if c not in known]
        smooth: dict[sympy.Expr, sympy.Expr] = {}
        for c in points:
            if c in self.excluded:
                continue
            value = known.get(c, OWN if first else None)
            status, slope = classify(f, self.x, c, value)
            at = f"{math_text(self.x)} = {math_text(c)}"
            if status == CORNER:
                self.point(c, True, f"it has no derivative at {at}")
            elif status == UNKNOWN:
                self.point(c, False, f"it could not be shown differentiable at {at}")
            else:
                assert slope is not None
                smooth[c] = slope
        return smooth

    def formula_right(self, f: sympy.Expr, known: Mapping[sympy.Expr, sympy.Expr]) -> None:
        """SymPy's formula for the last order must give the derivative at the switch points
        where it exists (sign(0) = 0 happens to be right for |x|³, Heaviside(0) = ½ need not
        be): its value there against the limit of its sides."""
        for c in list(known) + [c for c in self.switch_points(f) if c not in known]:
            if c in self.excluded:
                continue
            value = known.get(c)
            if value is None:
                sides = _sides(f, self.x, c).value
                right, left = sides
                agree = right is not None and left is not None and same_value(right, left)
                value = right if agree else None
            at_c = put(f, {self.x: c})
            if value is None or same_value(at_c, value) is not True:
                self.point(
                    c,
                    False,
                    f"its formula could not be shown right at {math_text(self.x)} = {math_text(c)}",
                )


def _closed_ends(work: _Differentiation, domain: Domain | None) -> None:
    """At a closed end of the variable's domain the derivative is that of the formula around
    it (docs/semantics.md §6), and the formula was built under the domain's assumptions
    (|x| is built as x for x in [0, 1]): the derivative there is not trusted."""
    if domain is None or domain.values is not None:
        return
    for end, is_open in ((domain.lo, domain.lo_open), (domain.hi, domain.hi_open)):
        if not is_open and end.is_finite:
            work.point(
                end,
                False,
                f"{math_text(work.x)} = {math_text(end)} closes {domain.text}, for which the "
                "formula was built, not for around that point: |x| is read as x on [0, 1]",
            )


def _carry_out(
    d: sympy.Derivative, declared: Mapping[sympy.Basic, Domain], found: Obligations
) -> sympy.Basic:
    """One derivative carried out, in each of its variables in turn (SymPy writes the
    derivative in y of a derivative in x as one derivative in x and y)."""
    problems = [
        member_problem(x, d.expr, declared)
        if isinstance(x, sympy.Indexed)
        else _variable_problem(x, declared.get(x))
        for x, _n in d.variable_count
    ]
    if any(problems):
        found.problems.extend(p for p in problems if p)
        return d
    f = d.expr
    for x, order in d.variable_count:
        if isinstance(x, sympy.Indexed):  # no switch of the family: smooth where defined
            for _k in range(int(order)):
                _member_needs(d, f, x, found)
                f = member_derivative(f, x, declared)
            continue
        work = _Differentiation(d, x, found)
        _closed_ends(work, declared.get(x))
        f = _kronecker_as_piecewise(f, x)
        known: dict[sympy.Expr, sympy.Expr] = {}
        for k in range(int(order)):
            known = work.order(f, known, first=k == 0)
            _raw, f = _derivative(f, x)
        work.formula_right(f, known)
    return f


def _member_needs(d: sympy.Derivative, f: sympy.Expr, x: sympy.Indexed, found: Obligations) -> None:
    """What ``f`` needs to be differentiable in a member: to be defined around the point."""
    for requirement in _requirements_around(f, x):
        found.needed.append(
            Obligation(
                _as_need(requirement, d),
                f"{math_text(requirement.origin)} must be defined around the point",
            )
        )


_CONDITION = {"positive": sympy.Gt, "nonnegative": sympy.Ge, "nonzero": sympy.Ne}


def _in_limit(
    limit: sympy.Limit, declared: Mapping[sympy.Basic, Domain], found: Obligations
) -> sympy.Basic:
    """A limit whose body holds derivatives: they are carried out in the body, and what
    they need of the limit's variable is a condition of the body (a Piecewise with no other
    branch, undefined where it fails), which the limit must meet beside its point; it is
    not a guard of the step, whose own symbol of that name is another one."""
    body, x, point, direction = limit.args
    inner = Obligations()
    body = carry_out_derivatives(body, declared, inner)
    found.problems.extend(inner.problems)
    conditions = []
    for obligations, outer in ((inner.certain, found.certain), (inner.needed, found.needed)):
        for obligation in obligations:
            need = obligation.requirement
            if x not in need.expr.free_symbols:
                outer.append(obligation)
            else:
                conditions.append(_CONDITION[need.kind](need.expr, 0))
    if conditions:
        body = sympy.Piecewise((body, sympy.And(*conditions)))
    return sympy.Limit(body, x, point, direction)


def carry_out_derivatives(
    expr: sympy.Basic, declared: Mapping[sympy.Basic, Domain], found: Obligations
) -> sympy.Basic:
    """``expr`` with every derivative carried out (innermost first); what each needs goes
    to ``found``, but for what a derivative inside a limit needs of the limit's variable
    (``_in_limit``). ``declared`` holds each variable's declared domain."""
    limits = [
        e
        for e in sympy.preorder_traversal(expr)
        if isinstance(e, sympy.Limit) and e.has(sympy.Derivative)
    ]
    outermost = [e for e in limits if not any(o != e and o.has(e) for o in limits)]
    if outermost:
        expr = expr.xreplace({e: _in_limit(e, declared, found) for e in outermost})
    return expr.replace(
        lambda e: isinstance(e, sympy.Derivative),
        lambda e: _carry_out(e, declared, found),
    )
