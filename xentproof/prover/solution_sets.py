"""An equation as the set of its solutions (docs/semantics.md §8): the points of all the
unknowns, inside the declared domains, where both sides are defined and equal.

"Defined" is meant as written: SymPy simplifies while it builds (``x*(x - 1)/(x - 1)``
arrives as ``x``, ``exp(2*log(x))`` as ``x**2``), so an ``Equation`` carries the guards
the reader recorded for the written form beside the requirements of the built sides.
``holds_at`` decides exactly whether a point is a solution; ``covered`` shows that a
requirement holds at every solution of an equation, which is what every proof between two
equations needs of the other equation's guards.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import sympy
from sympy.core.sympify import _sympify as strict_sympify  # SymPy objects only, never text

from ..definedness import Requirement, requirements
from ..substitution import BINDING, put
from ..timing import bounded
from .declared import DomainInfo
from .equation_roots import at_algebraic_root
from .establish import establish
from .exact import strict_value

Point = Mapping[sympy.Basic, sympy.Expr]
ESTABLISH_SECONDS = 1.0  # for one fact: a method that needs a fact it cannot show in time fails
UNDEFINED: Literal["undefined"] = "undefined"
Sign = int | Literal["undefined"] | None

# Functions whose derivative SymPy writes with sign/Heaviside, or that jump: no solution
# set argument here differentiates or takes the sign of a formula with them.
NOT_SMOOTH = (
    sympy.Abs,
    sympy.Max,
    sympy.Min,
    sympy.Piecewise,
    sympy.sign,
    sympy.Heaviside,
    sympy.floor,
    sympy.ceiling,
)


@dataclass(frozen=True)
class Equation:
    """``lhs = rhs`` as built, with what every part of it needs to be defined (``guards``:
    the reader's guards of the written form and the built sides' own requirements)."""

    lhs: sympy.Expr
    rhs: sympy.Expr
    guards: tuple[Requirement, ...]

    @property
    def difference(self) -> sympy.Expr:
        return self.lhs - self.rhs

    @property
    def eq(self) -> sympy.Eq:
        return sympy.Eq(self.lhs, self.rhs, evaluate=False)

    @property
    def has_pieces(self) -> bool:
        return bool(self.lhs.has(sympy.Piecewise) or self.rhs.has(sympy.Piecewise))

    def unknowns(self, infos: Mapping[sympy.Basic, DomainInfo]) -> set[sympy.Basic]:
        """The declared scalar symbols it uses, in its sides or in what they need (not the
        index of a sum, which a guard of one of its terms also names)."""
        exprs = [self.lhs, self.rhs, *(g.expr for g in self.guards)]
        found = {s for e in exprs for s in e.free_symbols if s in infos}
        return found - {s for g in self.guards for s in self.summation_indices(g)}

    def summation_indices(self, guard: Requirement) -> set[sympy.Basic]:
        """The symbols of a guard that stand for the index of a sum (a guard of its
        terms): bound by a sum of the sides, or indexing a family member, and not free
        in the sides."""
        free = self.lhs.free_symbols | self.rhs.free_symbols
        members = guard.expr.atoms(sympy.Indexed)
        indexing = {s for a in members for s in a.free_symbols} - {a.base.label for a in members}
        found: set[sympy.Basic] = guard.expr.free_symbols & (self.bound | indexing)
        found -= free
        return found

    @property
    def bound(self) -> set[sympy.Basic]:
        """The indices the sums and products of its sides bind."""
        forms = [f for side in (self.lhs, self.rhs) for f in side.atoms(sympy.Sum, sympy.Product)]
        return {limit[0] for form in forms for limit in form.limits}

    def bases(self, infos: Mapping[sympy.Basic, DomainInfo]) -> set[sympy.Basic]:
        """The declared families whose members it uses."""
        exprs = [self.lhs, self.rhs, *(g.expr for g in self.guards)]
        return {a.base for e in exprs for a in e.atoms(sympy.Indexed) if a.base in infos}


def equation_of(equation: sympy.Basic, written: Sequence[Requirement] = ()) -> Equation:
    """The equation a step states, with the guards of its written form (``written``)."""
    if not isinstance(equation, sympy.Eq):
        raise TypeError(f"not an equation: {equation}")
    lhs, rhs = equation.lhs, equation.rhs
    found: dict[tuple[sympy.Expr, str], Requirement] = {}
    for requirement in (*written, *requirements(lhs), *requirements(rhs)):
        found.setdefault((requirement.expr, requirement.kind), requirement)
    return Equation(lhs, rhs, tuple(found.values()))


# -- at a point --------------------------------------------------------------------------


MAX_TERMS = 2000  # terms of a sum over a concrete range written out at a point


def at_point(expr: sympy.Basic, point: Point) -> sympy.Basic:
    """``expr`` at a point: sums and products over a range that is now concrete are
    written out term by term (over the integers from ⌈lo⌉ to ⌊hi⌋; an empty range is 0,
    or 1 for a product: docs/semantics.md §4), and the family members they bring in take
    their values from the point too."""
    # The scalars first: a member's index may be one of them (y[N + 1] is y[2] at N = 1).
    scalars = {k: v for k, v in point.items() if not isinstance(k, sympy.Indexed)}
    if not expr.has(sympy.Sum, sympy.Product) or expr.has(*_OTHER_BINDING):
        return put(put(expr, scalars), point)
    return put(_written_out(expr, scalars), point)


_OTHER_BINDING = tuple(b for b in BINDING if b not in (sympy.Sum, sympy.Product))


def _written_out(expr: sympy.Basic, values: Mapping[sympy.Basic, sympy.Expr]) -> sympy.Basic:
    """``expr`` with ``values`` put in and every sum or product whose bounds are then
    numbers written out term by term (the index of each bound inside it alone)."""
    if not expr.has(sympy.Sum, sympy.Product):
        return expr.xreplace(dict(values))
    if isinstance(expr, (sympy.Sum, sympy.Product)):
        index, lo, hi = expr.limits[-1]  # the outermost range (SymPy lists it last)
        inner = expr.limits[:-1]
        body = type(expr)(expr.function, *inner) if inner else expr.function
        first, last = (strict_sympify(_written_out(bound, values)) for bound in (lo, hi))
        if not (first.is_number and last.is_number and first.is_real and last.is_real):
            return put(expr, values)
        first, last = sympy.ceiling(first), sympy.floor(last)
        if not (first.is_Integer and last.is_Integer) or last - first + 1 > MAX_TERMS:
            return put(expr, values)
        outside = {k: v for k, v in values.items() if k != index}
        terms = [
            _written_out(body, {**outside, index: sympy.Integer(k)})
            for k in range(int(first), int(last) + 1)
        ]
        return sympy.Add(*terms) if isinstance(expr, sympy.Sum) else sympy.Mul(*terms)
    return expr.func(*(_written_out(a, values) for a in expr.args))


def exact_sign(value: sympy.Expr) -> Sign:
    """-1, 0 or 1 for an exact real number, ``UNDEFINED`` for one that is not a real
    number (``zoo``, ``nan``, ``I*pi``), None where that cannot be decided."""
    if isinstance(value, int | float):
        value = strict_sympify(value)
    if not isinstance(value, sympy.Expr):
        return None
    if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        return UNDEFINED
    if value == 0:
        return 0
    if not value.is_number:
        return None
    if value.is_Rational or (isinstance(value, sympy.CRootOf) and value.is_real):
        return 1 if value.is_positive else -1  # exact, and quick (an isolating interval)
    approx = strict_value(value)
    if approx is None:
        return 0 if _exactly_zero(value) else None
    real, imaginary = approx.as_real_imag()
    if imaginary != 0:
        return UNDEFINED if imaginary.is_number and abs(imaginary) > 0 else None
    if not real.is_number or real == 0:
        return None
    return 1 if real > 0 else -1


def _exactly_zero(value: sympy.Expr) -> bool:
    """Zero, shown exactly: expanded, or by its minimal polynomial (an algebraic number)."""
    try:
        if sympy.expand(value) == 0:
            return True
        if not value.is_algebraic_expr() or sympy.count_ops(value) > 40:
            return False
        polynomial = sympy.minimal_polynomial(value, sympy.Dummy("t"))
    except (NotImplementedError, ValueError, TypeError, sympy.polys.polyerrors.BasePolynomialError):
        return False
    return bool(polynomial.is_Symbol)


def kind_holds(sign: Sign, kind: str) -> bool | None:
    """Whether a value of this sign is of the kind a requirement asks for."""
    if sign is None:
        return None
    if sign == UNDEFINED:
        return False
    if kind == "positive":
        return sign > 0
    if kind == "nonnegative":
        return sign >= 0
    if kind == "nonzero":
        return sign != 0
    return None  # an integer, a real number: the sign does not say (``value_holds``)


def value_holds(value: sympy.Expr, kind: str) -> bool | None:
    """Whether an exact value is of the kind a requirement asks for (a real number that
    is positive, nonnegative, nonzero, an integer, or just real), None where that is not
    decided. A sign alone says only the first three."""
    sign = exact_sign(value)
    if kind not in ("integer", "real") or sign is None or sign == UNDEFINED:
        return kind_holds(sign, kind)
    if kind == "real":
        return True
    if value.is_Rational:
        return bool(value.is_Integer)
    return value.is_integer if isinstance(value.is_integer, bool) else None


def guard_holds(requirement: Requirement, point: Point) -> bool | None:
    """Whether a requirement holds at a point (exactly), None where that is not decided.
    A requirement needed only where its condition holds (0^x needs 0 ≠ 0 where x < 0)
    holds wherever that condition does not."""
    applies = needed_at(requirement, point)
    if applies is False:
        return True
    holds = value_holds(at_point(requirement.expr, point), requirement.kind)
    if applies is None:
        return True if holds is True else None
    return holds


def needed_at(requirement: Requirement, point: Point) -> bool | None:
    """Whether the condition under which ``requirement`` is needed holds at the point,
    None where that is not decided."""
    if requirement.when is sympy.true:
        return True
    try:
        value = at_point(requirement.when, point)
    except (TypeError, ValueError, AttributeError):
        return None
    if value is sympy.true or value is sympy.false:
        return value is sympy.true
    return None


def failing_guard(equation: Equation, point: Point) -> tuple[Requirement | None, bool]:
    """The first guard that certainly fails at the point (or None), and whether every
    other guard was decided."""
    decided = True
    for guard in equation.guards:
        indices = equation.summation_indices(guard)
        if indices:
            # A guard of a sum's terms: checked term by term where the sums of the sides
            # are written out (``holds_at``); one of a sum SymPy dropped is not decided.
            decided = decided and indices <= equation.bound
            continue
        holds = guard_holds(guard, point)
        if holds is False:
            return guard, True
        decided = decided and holds is True
    return None, decided


def holds_at(equation: Equation, point: Point) -> bool | None:
    """Whether the point is a solution: every guard holds, each Piecewise selects a value
    defined there, both sides are real numbers and they are equal. Decided exactly; None
    where that cannot be done."""
    failing, decided = failing_guard(equation, point)
    if failing is not None:
        return False
    for side in (equation.lhs, equation.rhs):
        defined = _terms_defined(side, point)
        if defined is False:
            return False
        decided = decided and defined is True
    equal = at_algebraic_root(equation.eq, point)
    if equal is not None:  # polynomial sides: real numbers wherever the guards hold
        return equal if decided or equal is False else None
    lhs, rhs = at_point(equation.lhs, point), at_point(equation.rhs, point)
    if not (isinstance(lhs, sympy.Expr) and isinstance(rhs, sympy.Expr)):
        return None
    if equal is None:
        sign = exact_sign(lhs - rhs)
        if sign == UNDEFINED:
            return False
        equal = None if sign is None else sign == 0
    if equal is False:
        return False  # not equal, or not both real: not a solution either way
    signs = [exact_sign(lhs), exact_sign(rhs)]
    if UNDEFINED in signs:
        return False
    if equal is None or not decided or None in signs:
        return None
    return True


def _terms_defined(side: sympy.Expr, point: Point) -> bool | None:
    """Whether the parts ``requirements`` does not reach are defined at the point: the
    terms of its sums (written out over their range at the point, the family members left
    as they are) and the value each Piecewise selects."""
    if not side.has(sympy.Sum, sympy.Product, sympy.Piecewise):
        return True
    if side.has(sympy.Sum, sympy.Product):
        scalars = {k: v for k, v in point.items() if not isinstance(k, sympy.Indexed)}
        side = at_point(side, scalars)
        if side.has(sympy.Sum, sympy.Product):
            return None  # a range that is not concrete here
    guards = _every(guard_holds(r, point) for r in requirements(side))
    return False if guards is False else _every((_pieces_defined(side, point), guards))


def _outer_pieces(expr: sympy.Basic) -> list[sympy.Piecewise]:
    """The Piecewise parts of ``expr`` that lie inside no other Piecewise."""
    if isinstance(expr, sympy.Piecewise):
        return [expr]
    return [p for arg in expr.args for p in _outer_pieces(arg)]


def _pieces_defined(expr: sympy.Basic, point: Point) -> bool | None:
    """Whether every Piecewise of ``expr`` selects, at the point, a value that is defined
    there (its first condition that holds; none holding is undefined)."""

    def defined(piecewise: sympy.Piecewise) -> bool | None:
        chosen = _selected(piecewise, point)
        if chosen is None or chosen is False:
            return chosen
        guards = (guard_holds(r, point) for r in requirements(chosen))
        inner = (_pieces_defined(chosen, point) for _ in (1,))  # only once the guards hold
        return _every(itertools.chain(guards, inner))

    return _every(defined(piecewise) for piecewise in _outer_pieces(expr))


def _every(values: Iterable[bool | None]) -> bool | None:
    """Kleene's "and", stopping at the first False: True when every value holds, None when
    one could not be decided and none fails."""
    result: bool | None = True
    for value in values:
        if value is False:
            return False
        if value is None:
            result = None
    return result


def _selected(piecewise: sympy.Piecewise, point: Point) -> sympy.Expr | Literal[False] | None:
    """The value a Piecewise selects at the point, False when no condition holds, None
    when a condition cannot be decided."""
    for value, condition in piecewise.args:
        try:
            truth = strict_sympify(at_point(condition, point))
        except (TypeError, ValueError):
            return None
        if truth is sympy.true:
            return value
        if truth is not sympy.false:
            return None
    return False


# -- at every solution -------------------------------------------------------------------


def established(
    expr: sympy.Expr,
    kind: str,
    infos: Mapping[sympy.Basic, DomainInfo],
    seconds: float | None = ESTABLISH_SECONDS,
) -> tuple[str, ...] | None:
    """``establish`` within ``seconds`` (None: what is left of the relation's budget): the
    domain facts that show ``expr`` is of ``kind`` on the whole of the domains, or None
    (also when that took too long: a sign proof that fails may run to ``simplify`` on
    every case)."""
    if seconds is None:
        return establish(expr, kind, infos)
    facts: tuple[str, ...] | None = None
    with bounded(seconds):
        facts = establish(expr, kind, infos)
    return facts


_IMPLIES = {
    "positive": ("positive", "nonnegative", "nonzero"),
    "nonnegative": ("nonnegative",),
    "nonzero": ("nonzero",),
}


def at_solutions(
    expr: sympy.Expr, given: Equation, infos: Mapping[sympy.Basic, DomainInfo]
) -> list[sympy.Expr]:
    """``expr`` written otherwise with what holds at every solution of ``given``: an
    unknown it solves for (``x = 2``) replaced by its value, or one side by the other."""
    forms: list[sympy.Expr] = []
    for side, other in ((given.lhs, given.rhs), (given.rhs, given.lhs)):
        if side.is_number:
            continue
        if side in infos and side not in other.free_symbols:
            forms.append(put(expr, {side: other}))
        elif expr.has(side):
            forms.append(expr.xreplace({side: other}))
    return [f for f in dict.fromkeys(forms) if f != expr]


def _termwise(expr: sympy.Expr, given: Equation) -> bool:
    """Whether ``expr`` names the index of a sum (a member at a symbolic index, or an index
    bound in ``given``): a condition on the terms of some range."""
    symbolic = any(not i.is_Integer for a in expr.atoms(sympy.Indexed) for i in a.indices)
    return symbolic or bool(expr.free_symbols & given.bound)


def covered(
    requirement: Requirement, given: Equation, infos: Mapping[sympy.Basic, DomainInfo]
) -> tuple[str, ...] | None:
    """How ``requirement`` holds at every solution of ``given`` (the facts used), or None:
    it is a number of its kind, ``given`` itself needs it (or more), the declared domains
    show it, or they show it once what ``given`` says is put in."""
    if requirement.expr.is_number:
        return () if guard_holds(requirement, {}) is True else None
    if not _termwise(requirement.expr, given):
        # ``given`` needs it itself (the same guard of a sum's terms may be over another range)
        for guard in given.guards:
            if not covers_where_needed(guard, requirement):
                continue
            implied = _IMPLIES.get(guard.kind, (guard.kind,))  # an integer, a real number
            if guard.expr == requirement.expr and requirement.kind in implied:
                return ()
            above = _above_guard(requirement, guard, infos)
            if above is not None:
                return above
    facts = established(requirement.expr, requirement.kind, infos)
    if facts is not None:
        return facts
    for form in at_solutions(requirement.expr, given, infos):
        if form.is_number:
            if value_holds(form, requirement.kind) is True:
                return ()
            continue
        facts = established(form, requirement.kind, infos)
        if facts is not None:
            return facts
    return None


def covers_where_needed(guard: Requirement, requirement: Requirement) -> bool:
    """Whether a guard of the given equation holds wherever ``requirement`` is needed: a
    guard needed everywhere, or only under the same condition (0 ≠ 0 where x < 0 says
    nothing where x ≥ 0)."""
    return guard.when is sympy.true or guard.when == requirement.when


def _above_guard(
    requirement: Requirement, guard: Requirement, infos: Mapping[sympy.Basic, DomainInfo]
) -> tuple[str, ...] | None:
    """``requirement`` shown from a guard G > 0 (or G ≥ 0) of ``given``: its expression is
    G plus something nonnegative (positive), so it is positive where the guard holds
    (``1 + s/(1 − s) ≠ 0`` where ``s/(1 − s) > 0``)."""
    if guard.kind not in ("positive", "nonnegative") or not guard.plain:
        return None
    if requirement.kind not in _IMPLIES["positive"]:
        return None
    rest = sympy.expand(requirement.expr - guard.expr)
    needed = "nonnegative" if guard.kind == "positive" else "positive"
    return (
        established(rest, needed, infos)
        if rest.free_symbols
        else (() if value_holds(rest, needed) is True else None)
    )


def total_pieces(
    equation: Equation, infos: Mapping[sympy.Basic, DomainInfo]
) -> tuple[str, ...] | None:
    """Every Piecewise of the equation defined on the whole of the domains: its last
    condition is ``True`` and each value is defined wherever anything is (so whichever
    is selected); the facts used, or None."""
    facts: list[str] = []
    for side in (equation.lhs, equation.rhs):
        for piecewise in side.atoms(sympy.Piecewise):
            if piecewise.args[-1].cond is not sympy.true:
                return None
            for value, condition in piecewise.args:
                for requirement in requirements(value) + requirements(condition):
                    found = established(requirement.expr, requirement.kind, infos)
                    if found is None:
                        return None
                    facts += found
    return tuple(facts)


def defined_at_solutions(
    source: Equation, target: Equation, infos: Mapping[sympy.Basic, DomainInfo]
) -> tuple[str, ...] | None:
    """That ``target`` is defined at every solution of ``source``: the side conditions
    that show it, or None."""
    facts: list[str] = []
    for guard in target.guards:
        shown = covered(guard, source, infos)
        if shown is None:
            return None
        facts += shown
    if target.has_pieces:
        pieces = total_pieces(target, infos)
        if pieces is None:
            return None
        facts += pieces
    return tuple(facts)


def defined_everywhere(
    equation: Equation, infos: Mapping[sympy.Basic, DomainInfo]
) -> tuple[str, ...] | None:
    """That the equation is defined at every point of the domains, or None."""
    nothing = Equation(sympy.Integer(0), sympy.Integer(0), ())
    return defined_at_solutions(nothing, equation, infos)
