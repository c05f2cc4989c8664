"""Proofs of a step between equations: ``A <=> B`` says the solution sets are equal, ``A =>
B`` that every solution of A solves B (docs/semantics.md §8). A solution is a point of all
the unknowns, inside the domains, where the equation is defined as written.

Every method shows where the equations are defined: a rewriting of A's difference is B's
only where both are defined, so each method also shows that B is defined at every
solution of A (and A at every solution of B, for ``<=>``). The methods:

- B's sides are A's rewritten (``b = a``), or A's times a factor defined and nonzero on
  the domains (``b = k·a``);
- a function applied to both sides of one equation gives the other (log needs both sides
  positive at the solutions; exp, negation and the cube are injective on the reals), or
  both sides squared (back only where both sides are nonnegative, or by the solutions);
- the solutions written out and put in (``equation_solutions``).
"""

from __future__ import annotations

from collections.abc import Callable

import sympy

from ..definedness import Requirement, requirements
from ..notation import math_text
from .equation_solutions import (
    Context,
    Facts,
    Infos,
    ProveZero,
    by_solutions,
    join,
    solutions_solve,
)
from .establish import KIND_TEXT
from .solution_sets import (
    ESTABLISH_SECONDS,
    Equation,
    covered,
    defined_at_solutions,
    established,
)

Proof = tuple[str, Facts]
Side = Callable[[sympy.Expr], sympy.Expr]
SOLVE_TOTAL = 1.0  # seconds for solving equations in one proof
SOLVED = "the solutions of one equation solve the other"

# f applied to both sides, with what f needs of its argument to be injective and defined.
_FUNCTIONS: tuple[tuple[str, Side, str], ...] = (
    ("log", sympy.log, "positive"),
    ("exp", sympy.exp, "real"),
    ("negation", lambda e: -e, "real"),
    ("cube", lambda e: e**3, "real"),
)
# tanh is increasing on the reals and tanh(atanh(x)) = x: tried early where an atanh is
# written (the inverse as a step), before the solutions' slower proofs
_TANH: tuple[str, Side, str] = ("tanh", sympy.tanh, "real")


def prove_equation(
    relation: str,
    first: Equation,
    second: Equation,
    infos: Infos,
    prove_zero: ProveZero,
    generalised: Callable[[], Proof | None] | None = None,
) -> Proof | None:
    """How B follows from A (and A from B, for ``<=>``), with its side conditions; or None.
    ``generalised`` is the step over the same equations with their sums of data as
    unknowns, tried before the last (patient) method, which takes what is left of the time."""
    ctx = Context(infos, prove_zero, SOLVE_TOTAL)
    a, b = first.difference, second.difference
    same = prove_zero(b, a)
    if same is not None:
        defined = _defined(relation, first, second, infos)
        if defined is not None:
            return "the same equation, its sides rewritten", join(same, defined)
    # log or exp of both sides first: a wrong guess fails at the first sample point, where
    # the factor below needs a sign proof that may run to ``simplify`` before it fails.
    inverse = (_TANH,) if first.eq.has(sympy.atanh) or second.eq.has(sympy.atanh) else ()
    found = _applied(relation, first, second, _FUNCTIONS[:2] + inverse, ctx)
    if found is not None:
        return found
    if len(first.unknowns(infos)) <= 1 and len(second.unknowns(infos)) <= 1:
        # Both in one unknown: their real roots are exact and quick, before a factor's
        # sign proof that may run to ``simplify``.
        solved = by_solutions(relation, first, second, ctx)
        if solved is not None:
            return SOLVED, solved
    found = _rearranged(relation, first, second, ctx)
    if found is not None:
        return found
    solved = by_solutions(relation, first, second, ctx)  # what was tried is remembered
    if solved is not None:
        return SOLVED, solved
    found = _squared(relation, first, second, ctx)
    if found is None:
        found = _applied(relation, first, second, _FUNCTIONS[2:], ctx)
    if found is None and generalised is not None:
        found = generalised()
    if found is None:
        # Last, the factor's sign proof again, with what is left of the time.
        found = _rearranged(relation, first, second, ctx, patient=True)
    return found


def _defined(relation: str, first: Equation, second: Equation, infos: Infos) -> Facts | None:
    """B defined at every solution of A (and A at every solution of B, for ``<=>``)."""
    forward = _defined_one_way(first, second, infos)
    if forward is None:
        return None
    if relation == "=>":
        return forward
    backward = _defined_one_way(second, first, infos)
    return None if backward is None else join(forward, backward)


def _defined_one_way(source: Equation, target: Equation, infos: Infos) -> Facts | None:
    facts = defined_at_solutions(source, target, infos)
    if facts is None:
        return None
    needed = [f"{math_text(g.expr)} {KIND_TEXT[g.kind]}" for g in target.guards]
    if target.has_pieces:
        needed.append("each Piecewise selects a defined value")
    if not needed:
        return facts
    shown = f"where {math_text(source.eq)} holds, the other equation is defined: "
    return join((shown + ", ".join(dict.fromkeys(needed)),), facts)


def _rearranged(
    relation: str, first: Equation, second: Equation, ctx: Context, patient: bool = False
) -> Proof | None:
    """B's difference is A's times a factor k defined and nonzero on the domains (each sign
    proof within ESTABLISH_SECONDS, or what is left of the budget when ``patient``)."""
    infos = ctx.infos
    seconds = None if patient else ESTABLISH_SECONDS
    a, b = first.difference, second.difference
    if a == 0 or b == 0:
        return None
    factor = sympy.cancel(sympy.together(b / a))
    if factor.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        return None
    facts = established(factor, "nonzero", infos, seconds)
    if facts is None:
        return None
    for requirement in requirements(factor):
        shown = established(requirement.expr, requirement.kind, infos, seconds)
        if shown is None:
            return None
        facts = join(facts, shown)
    if ctx.prove_zero(b, factor * a) is None:
        return None
    defined = _defined(relation, first, second, infos)
    if defined is None:
        return None
    return "rearranged (multiplied by a factor ≠ 0)", join(
        (f"{math_text(factor)} ≠ 0 from {', '.join(facts) or 'its form'}",), defined
    )


def _applied(
    relation: str,
    first: Equation,
    second: Equation,
    functions: tuple[tuple[str, Side, str], ...],
    ctx: Context,
) -> Proof | None:
    """One equation is f(E.lhs) = f(E.rhs), rewritten, where E is the other, for one of
    ``functions``; f must be defined at both of E's sides wherever an equation of the
    step must hold, and is injective there, so the solutions are the same."""
    infos = ctx.infos
    for name, f, needs in functions:
        for inner, outer in ((first, second), (second, first)):
            applied = f(inner.lhs) - f(inner.rhs)
            if (
                applied.has(sympy.zoo, sympy.nan)
                or ctx.prove_zero(outer.difference, applied) is None
            ):
                continue
            conditions: Facts = (f"{name} is injective on the reals",)
            if needs == "positive":
                # log x = log y gives x = y for x, y > 0; x = y gives log x = log y only
                # where the logs are defined: E's sides must be positive at the solutions
                # of A (for =>) and of B (for <=>).
                sources = (first,) if relation == "=>" else (first, second)
                shown = _positive_sides(inner, sources, infos)
                if shown is None:
                    continue
                conditions = (f"{name} is injective on the positives; {shown}",)
            defined = _defined(relation, first, second, infos)
            if defined is not None:
                return f"{name} applied to both sides", join(conditions, defined)
    return None


def _positive_sides(equation: Equation, sources: tuple[Equation, ...], infos: Infos) -> str | None:
    """That both sides of ``equation`` are positive at every solution of each source."""
    facts: list[str] = []
    for source in sources:
        for side in (equation.lhs, equation.rhs):
            shown = covered(Requirement(side, "positive", side), source, infos)
            if shown is None:
                return None
            facts += shown
    sides = f"{math_text(equation.lhs)} > 0 and {math_text(equation.rhs)} > 0"
    return f"{sides} at the solutions" + (
        f", from {', '.join(dict.fromkeys(facts))}" if facts else ""
    )


def _squared(relation: str, first: Equation, second: Equation, ctx: Context) -> Proof | None:
    """One equation is the other with both sides squared: the squared one follows; back
    when the other's sides are both nonnegative (or both nonpositive) on the domains, or
    every solution of the squared one solves it."""
    infos = ctx.infos
    for plain, squared, forward in ((first, second, True), (second, first, False)):
        if not _is_squared(plain, squared, ctx.prove_zero):
            continue
        # plain => squared, where squared is defined at plain's solutions.
        needs_back = relation == "<=>" or not forward
        needs_on = relation == "<=>" or forward
        facts: Facts = ()
        if needs_on:
            shown = _defined_one_way(plain, squared, infos)
            if shown is None:
                continue
            facts = shown
        if needs_back:
            back = _same_signs(plain, infos)
            if back is not None:
                shown = _defined_one_way(squared, plain, infos)
                back = None if shown is None else join(back, shown)
            if back is None:
                back = solutions_solve(squared, plain, ctx)
            if back is None:
                continue
            facts = join(facts, back)
        return "both sides squared", facts
    return None


def _is_squared(plain: Equation, squared: Equation, prove_zero: ProveZero) -> bool:
    square = plain.lhs**2 - plain.rhs**2
    b = squared.difference
    return prove_zero(b, square) is not None or prove_zero(b, -square) is not None


def _same_signs(equation: Equation, infos: Infos) -> Facts | None:
    """Both sides nonnegative (or both nonpositive) on the domains: squaring is then
    injective on them."""
    for flip in (1, -1):
        facts: Facts = ()
        for side in (equation.lhs, equation.rhs):
            shown = established(flip * side, "nonnegative", infos)
            if shown is None:
                break
            facts = join(facts, shown)
        else:
            sign = "≥ 0" if flip == 1 else "≤ 0"
            return (
                f"{math_text(equation.lhs)} {sign} and {math_text(equation.rhs)} {sign}",
                *facts,
            )
    return None
