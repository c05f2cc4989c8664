"""Proofs between equations by their solutions: every solution of one equation solves the
other, shown with the solutions written out.

- An equation in one unknown: its real roots, found exactly (a polynomial, radicals
  squared away, SymPy's ``solveset`` briefly), each checked in the other equation.
- An equation linear in an unknown ``v`` (``α·v + β`` with α nonzero on the domains): its
  one solution ``v = φ`` for each value of the other unknowns, put into the other one.
- A sum of squares equal to 0 (``x**2 + (y - 1)**2 = 0``): each square is 0 at its
  solutions, so each base is, and each base solved for an unknown is put in.
- Back from such an equation to one strictly monotonic in ``v`` (defined on the domains,
  its derivative in ``v`` of one sign there): that one has at most one solution for each
  value of the others, and ``φ`` is it.

A sum is split by linearity first (``split_sums``): ``Σ (2μ − 2o[i])`` is linear in ``μ``
only once it is written ``2μ·Σ 1 − 2·Σ o[i]``.

A point where an equation is undefined is no solution of it (docs/semantics.md §8): every
guard of the other equation must hold where a solution is put in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import sympy
from sympy.core.sympify import _sympify as strict_sympify  # SymPy objects only, never text
from sympy.functions.elementary.hyperbolic import HyperbolicFunction

from ..definedness import Requirement, requirements
from ..notation import math_text
from ..substitution import put
from ..timing import Deadline
from .declared import DomainInfo
from .equation_roots import exact_roots, radical_free
from .solution_sets import (
    NOT_SMOOTH,
    Equation,
    covered,
    defined_everywhere,
    established,
    holds_at,
)

Facts = tuple[str, ...]
ProveZero = Callable[[sympy.Expr, sympy.Expr], Facts | None]
Infos = Mapping[sympy.Basic, DomainInfo]
_NOTHING = Equation(sympy.Integer(0), sympy.Integer(0), ())  # holds everywhere, needs nothing


@dataclass
class Context:
    """What every method of one proof shares: the domains, the prover of equal
    expressions, the time for solving (``solve_seconds``, from the first solving on), and
    what was already shown (or not)."""

    infos: Infos
    prove_zero: ProveZero
    solve_seconds: float
    solved: dict[tuple[Equation, Equation], Facts | None] = field(default_factory=dict)
    _deadline: Deadline | None = None

    @property
    def deadline(self) -> Deadline:
        if self._deadline is None:
            self._deadline = Deadline.after(self.solve_seconds)
        return self._deadline


def join(*parts: Facts) -> Facts:
    """Side conditions, each once, in order."""
    return tuple(dict.fromkeys(c for part in parts for c in part))


def by_solutions(relation: str, first: Equation, second: Equation, ctx: Context) -> Facts | None:
    """Every solution of A solves B (and back, for ``<=>``): the side conditions, or None."""
    forward = solutions_solve(first, second, ctx)
    if forward is None:
        return None
    if relation == "=>":
        return forward
    backward = solutions_solve(second, first, ctx)
    return None if backward is None else join(forward, backward)


def solutions_solve(source: Equation, target: Equation, ctx: Context) -> Facts | None:
    """Every solution of ``source`` solves ``target``: its real roots when it has one
    unknown, its one solution ``v = φ`` when it is linear in ``v``, or ``target`` is
    ``v = φ`` and ``source`` strictly monotonic in ``v``."""
    key = (source, target)
    if key not in ctx.solved:
        ctx.solved[key] = None  # no recursion into the same question
        # Where the target says ``v = φ``: the source solved for v, then its monotonicity
        # in v, before the source solved for another unknown (whose value put into the
        # target may ask the proof of a hard zero, φ of an inverse of φ)
        solved = _says_solved(target)
        found = _written_out(source, target, ctx, only=solved)
        if found is None:
            found = _unique_solution(source, target, ctx)
        if found is None and solved is not None:
            found = _written_out(source, target, ctx, skip=solved)
        if found is None:
            found = _squares_vanish(source, target, ctx)
        ctx.solved[key] = found
    return ctx.solved[key]


def _says_solved(equation: Equation) -> sympy.Symbol | None:
    """``v`` where the equation as written is ``v = φ`` with ``v`` a symbol not in ``φ``."""
    lhs = equation.lhs
    if isinstance(lhs, sympy.Symbol) and lhs not in equation.rhs.free_symbols:
        return lhs
    return None


def _written_out(
    source: Equation,
    target: Equation,
    ctx: Context,
    only: sympy.Symbol | None = None,
    skip: sympy.Symbol | None = None,
) -> Facts | None:
    """``source`` solved (its roots, or linear in one unknown: ``only`` that one, or all but
    ``skip``), the solution put into ``target``."""
    unknowns = source.unknowns(ctx.infos)
    if len(unknowns) <= 1 and not source.has_pieces:
        return _roots_solve(source, target, ctx) if skip is None else None
    for variable in sorted(unknowns, key=str):
        if (only is not None and variable != only) or variable == skip:
            continue
        solved = solved_for(source, variable, ctx.infos)
        if solved is None:
            continue
        value, facts = solved
        # at the solutions of ``source`` its guards hold, and so does α ≠ 0
        alpha = sympy.cancel(sympy.diff(source.difference, variable))
        given = Equation(
            source.lhs, source.rhs, (*source.guards, Requirement(alpha, "nonzero", alpha))
        )
        shown = _solves_at(target, {variable: value}, given, ctx)
        if shown is not None:
            gives = f"{math_text(source.eq)} gives {math_text(variable)} = {math_text(value)}"
            plain = source.lhs == variable and source.rhs == value  # it says so already
            return join(() if plain else (gives,), facts, shown)
    return None


def _roots_solve(source: Equation, target: Equation, ctx: Context) -> Facts | None:
    """``source`` in one unknown (or none): each of its real roots solves ``target``."""
    unknowns = sorted(source.unknowns(ctx.infos), key=str)
    difference = source.difference
    if not unknowns:
        # No unknown: it holds everywhere or nowhere, decided exactly.
        return ("the first equation has no solution",) if holds_at(source, {}) is False else None
    variable = unknowns[0]
    if not isinstance(variable, sympy.Symbol) or difference == 0:
        return None
    domain = ctx.infos[variable].domain
    roots, complete = exact_roots(difference, variable, domain, ctx.deadline)
    if not complete:
        freed = radical_free(difference, variable)
        if freed is None:
            return None
        roots = list(dict.fromkeys(freed.real_roots()))
    facts: Facts = ()
    for root in roots:
        point = {variable: root}
        if holds_at(source, point) is False:
            continue  # not a solution after all (a guard fails there)
        shown = _solves_at(target, point, source, ctx)
        if shown is None:
            return None
        facts = join(facts, shown)
    return facts


def _solves_at(
    target: Equation, values: Mapping[sympy.Basic, sympy.Expr], source: Equation, ctx: Context
) -> Facts | None:
    """``target`` holds where the unknowns of ``values`` take them (expressions in the
    other unknowns), at every point where ``source``'s guards, so written, hold."""
    rest = target.unknowns(ctx.infos) - set(values)
    if not rest and all(v.is_number for v in values.values()):
        return () if holds_at(target, values) is True else None
    if target.has_pieces:
        return None
    # each guard with the condition it is needed under (0^x needs 0 ≠ 0 only where x < 0)
    guards = tuple(
        Requirement(put(g.expr, values), g.kind, g.origin, put(g.when, values))
        for g in source.guards
    )
    given = Equation(sympy.Integer(0), sympy.Integer(0), guards)
    facts: Facts = ()
    for guard in target.guards:
        written = Requirement(put(guard.expr, values), guard.kind, guard.origin)
        shown = covered(written, given, ctx.infos)
        if shown is None:
            return None
        facts = join(facts, shown)
    difference = put(target.difference, values)
    split, counted = split_sums(difference, ctx.infos)
    facts = join(facts, counted)
    if split != difference:
        # the split form is the difference only where it is defined
        for requirement in requirements(split):
            shown = covered(requirement, given, ctx.infos)
            if shown is None:
                return None
            facts = join(facts, shown)
    if ctx.prove_zero(split, sympy.Integer(0)) is None:
        return None
    return facts


MAX_SPLIT_OPS = 200  # of a sum's term, expanded to split it
MAX_SPLIT_POWER = 4  # a power of a sum in a term is multiplied out up to this exponent


def split_sums(expr: sympy.Expr, infos: Infos) -> tuple[sympy.Expr, Facts]:
    """``expr`` with each sum over one range split by linearity: ``Σ (a + b) = Σ a + Σ b``
    and ``Σ c·f = c·Σ f`` for ``c`` free of the index (``c·Σ 1`` for a term free of it),
    with the facts used.

    Both are the same finite sum (an empty range is 0 on both sides) wherever the split
    form is defined; it may need more (``c`` undefined where the range is empty), so
    whoever uses it shows what ``requirements`` of the split form ask for. ``Σ 1`` is the
    number of terms, ``hi − lo + 1``, where both bounds are integers and that is shown
    nonnegative on the domains (the range runs over lo, …, hi: docs/semantics.md §4)."""
    facts: list[str] = []

    def split(form: sympy.Sum) -> sympy.Expr:
        if len(form.limits) != 1:
            return form
        limit = form.limits[0]
        total: list[sympy.Expr] = []
        for term in sympy.Add.make_args(_expanded(form.function)):
            outside, inside = term.as_independent(limit[0], as_Add=False)
            count = _terms(limit, infos) if inside == 1 else None
            if count is None:
                total.append(outside * sympy.Sum(inside, limit))
            else:
                total.append(outside * count[0])
                facts.extend(count[1])
        return sympy.Add(*total)

    if not expr.has(sympy.Sum):
        return expr, ()
    split_form = expr.replace(lambda e: isinstance(e, sympy.Sum), split)
    return split_form, join(tuple(facts))


def _expanded(body: sympy.Expr) -> sympy.Expr:
    """A sum's term multiplied out, when that stays small."""
    powers = [p for p in body.atoms(sympy.Pow) if p.base.is_Add]
    if sympy.count_ops(body) > MAX_SPLIT_OPS or any(
        not (p.exp.is_Integer and abs(p.exp) <= MAX_SPLIT_POWER) for p in powers
    ):
        return body
    return sympy.expand(body, power_base=False, power_exp=False, log=False)


def _terms(limit: tuple[sympy.Expr, ...], infos: Infos) -> tuple[sympy.Expr, Facts] | None:
    """The number of integers of a range whose bounds are integers, when it is not
    negative on the domains (an empty range has none, and ``hi − lo + 1`` may be below 0)."""
    _, lo, hi = limit
    if not (lo.is_integer and hi.is_integer):
        return None
    count = sympy.expand(hi - lo + 1)
    facts = established(count, "nonnegative", infos)
    if facts is None:
        return None
    return count, (
        f"the range {math_text(lo)}..{math_text(hi)} has {math_text(count)} ≥ 0 terms",
        *facts,
    )


def solved_for(
    equation: Equation, variable: sympy.Basic, infos: Infos
) -> tuple[sympy.Expr, Facts] | None:
    """The one value ``φ`` of ``variable`` that solves the equation, when its difference
    (its sums split) is ``α·v + β`` with α nonzero at its solutions and α, β defined
    wherever it holds (then the split form is the difference there); None otherwise."""
    difference, counted = split_sums(equation.difference, infos)
    if not isinstance(variable, sympy.Symbol) or not difference.is_polynomial(variable):
        return None
    try:
        polynomial = sympy.Poly(difference, variable)
    except (sympy.polys.polyerrors.PolynomialError, NotImplementedError, ValueError):
        return None
    if polynomial.degree() != 1:
        return None
    alpha, beta = (strict_sympify(c) for c in polynomial.all_coeffs())
    if variable in alpha.free_symbols | beta.free_symbols:
        return None
    # α ≠ 0 at every solution: shown on the domains, or β ≠ 0 there (then α·v = −β ≠ 0)
    facts = established(alpha, "nonzero", infos)
    if facts is None:
        facts = established(beta, "nonzero", infos)
    if facts is None:
        return None
    for requirement in requirements(alpha) + requirements(beta):
        shown = covered(requirement, equation, infos)
        if shown is None:
            return None
        facts = join(facts, shown)
    return (-beta if alpha == 1 else sympy.cancel(-beta / alpha)), join(facts, counted)


def _squares_vanish(source: Equation, target: Equation, ctx: Context) -> Facts | None:
    """``source`` is ``Σ c_k·b_k**(2m_k) = 0`` with every ``c_k`` a positive number: the terms
    are real and nonnegative wherever it is defined, so at its solutions every ``b_k`` is
    0; each ``b_k = 0``, solved for an unknown (``solved_for``), is put into ``target``."""
    bases: list[sympy.Expr] = []
    for term in sympy.Add.make_args(source.difference):
        coefficient, power = term.as_coeff_Mul()
        if not (coefficient.is_Rational and coefficient > 0 and power.is_Pow):
            return None
        if not (power.exp.is_Integer and power.exp > 0 and power.exp % 2 == 0):
            return None
        bases.append(power.base)
    values: dict[sympy.Basic, sympy.Expr] = {}
    facts: Facts = ()
    for base in bases:
        vanishes = Equation(put(base, values), sympy.Integer(0), source.guards)
        solved = None
        for variable in sorted(vanishes.unknowns(ctx.infos) - set(values), key=str):
            solved = solved_for(vanishes, variable, ctx.infos)
            if solved is not None:
                values = {k: put(v, {variable: solved[0]}) for k, v in values.items()}
                values[variable] = solved[0]
                facts = join(facts, solved[1])
                break
        if solved is None and put(base, values) != 0:
            return None
    shown = _solves_at(target, values, source, ctx)
    if shown is None:
        return None
    each = ", ".join(f"{math_text(b)} = 0" for b in bases)
    squares = f"{math_text(source.eq)} is a sum of squares: {each} at its solutions"
    return join((squares,), facts, shown)


def _unique_solution(source: Equation, target: Equation, ctx: Context) -> Facts | None:
    """Every solution of ``source`` solves ``target`` = ``v = φ``, when ``source`` is
    strictly monotonic in ``v`` (defined on the domains, its derivative in ``v`` of one
    sign there, ``v`` over an interval) and solved by ``v = φ``, which lies in the
    domain of ``v``: its one solution for each value of the others is then ``φ``."""
    infos = ctx.infos
    if source.has_pieces or source.difference.has(*NOT_SMOOTH):
        return None
    # Both defined on the whole of the domains: then (φ, the others) is a point of each
    # for every value of the others, and the one solution of ``source`` there.
    defined = defined_everywhere(source, infos)
    target_defined = defined_everywhere(target, infos)
    if defined is None or target_defined is None:
        return None
    for variable in sorted(target.unknowns(infos) & source.unknowns(infos), key=str):
        domain = infos[variable].domain
        if domain.values is not None or domain.integer or domain.nonzero:
            continue
        solved = solved_for(target, variable, infos)
        if solved is None:
            continue
        value, facts = solved
        # φ itself defined for every value of the others (not only where ``target`` holds)
        if any(established(r.expr, r.kind, infos) is None for r in requirements(value)):
            continue
        derivative = sympy.diff(source.difference, variable)
        slope = derivative.replace(lambda e: isinstance(e, sympy.Derivative), lambda e: e.doit())
        sign = _one_sign(slope, infos)
        inside = None if sign is None else _within_domain(value, variable, infos)
        if sign is None or inside is None:
            continue
        shown = _solves_at(source, {variable: value}, _NOTHING, ctx)
        # and ``target`` holds there: φ was read off its difference with the sums split,
        # which is its difference only where the split form is defined
        itself: Facts | None = ()
        if shown is not None and target.difference.has(sympy.Sum):
            itself = _solves_at(target, {variable: value}, _NOTHING, ctx)
        if shown is None or itself is None:
            continue
        shown = join(shown, itself)
        monotonic = f"{math_text(source.eq)} is strictly monotonic in {math_text(variable)}"
        return join((f"{monotonic}: {sign}",), defined, target_defined, facts, inside, shown)
    return None


def _one_sign(slope: sympy.Expr, infos: Infos) -> str | None:
    """The derivative is defined and of one strict sign on the domains (shown on it, or
    on its hyperbolic functions written with exp: 1 − tanh(x)² = 4e^(2x)/(e^(2x) + 1)²,
    the same wherever both are defined, and that one defined on the domains too)."""
    forms = [slope]
    if slope.has(HyperbolicFunction):
        forms.append(sympy.factor(slope.rewrite(sympy.exp)))
    for requirement in requirements(slope):
        if established(requirement.expr, requirement.kind, infos) is None:
            return None
    for form in forms:
        if any(established(r.expr, r.kind, infos) is None for r in requirements(form)):
            continue
        for expr, text in ((form, "> 0"), (-form, "< 0")):
            facts = established(expr, "positive", infos)
            if facts is not None:
                return f"its derivative {math_text(form)} {text}" + (
                    f" from {', '.join(facts)}" if facts else ""
                )
    return None


def _within_domain(value: sympy.Expr, variable: sympy.Basic, infos: Infos) -> Facts | None:
    """``value`` lies in the declared interval of ``variable`` wherever it is defined."""
    domain = infos[variable].domain
    facts: Facts = ()
    for gap, is_open in ((value - domain.lo, domain.lo_open), (domain.hi - value, domain.hi_open)):
        if gap.has(sympy.oo, -sympy.oo, sympy.zoo):
            continue
        shown = established(sympy.expand(gap), "positive" if is_open else "nonnegative", infos)
        if shown is None:
            return None
        facts = join(facts, shown)
    return join((f"{math_text(value)} lies in the domain of {math_text(variable)}",), facts)
