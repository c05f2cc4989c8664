"""Where an expression is defined over the reals.

Derivations are about real functions: ``log(x)`` needs ``x > 0``, ``sqrt(x)`` needs ``x >= 0``,
``1/x`` needs ``x != 0``, ``(-1)**y`` needs ``y`` an integer. SymPy's own functions are complex
(``log(-1) = I*pi``), and it drops ``0*log(-1)`` on sight, so a step can look like an identity
to SymPy and still be undefined on part of the declared domain, or everywhere.

Two sources of these conditions:

- ``requirements`` reads them off an expression as SymPy built it (the prover's own
  rewritten forms, which have no written form);
- the reader records what each *written* operation needs (``Requirement`` with the
  ``*_needs`` functions below), from the parts it has just built, before SymPy evaluates
  the operation itself: numbers included (``log(-1)`` needs ``-1 > 0``), with the condition
  under which the operation is evaluated at all (``when``: the branch of a Piecewise that
  selects it, the earlier part of an ``And``) and the variables it is quantified over
  (``binders``: the index of a sum, the variable of a limit).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

import sympy
from sympy.logic.boolalg import Boolean

from .number_signs import check_number_signs

check_number_signs()  # SymPy's sign of a number with a log, by an interval enclosure

Kind = Literal["positive", "nonnegative", "nonzero", "integer", "real"]

KIND_TEXT: dict[str, str] = {
    "positive": "> 0",
    "nonnegative": "≥ 0",
    "nonzero": "≠ 0",
    "integer": "∈ ℤ",
    "real": "real",
}
"""How a condition writes each kind after its expression ("1 − ŷ > 0", "y/2 ∈ ℤ")."""


def holds_for_number(value: sympy.Basic, kind: str) -> bool | None:
    """Whether a number (an expression with every symbol given a value) is of ``kind``:
    True, False, or None when SymPy cannot tell. A number that is not real (``I*pi``, what
    SymPy makes of ``log(-1)``) or not finite is of no kind."""
    if not isinstance(value, sympy.Expr) or value.has(sympy.nan, sympy.zoo):
        return False if value in (sympy.nan, sympy.zoo) else None
    value = empty_ranges_valued(value)
    if value.is_extended_real is False or value.is_finite is False:
        return False
    if kind == "real":
        return True if value.is_extended_real and value.is_finite else None
    if kind == "nonzero":
        zero = value.is_zero
        return None if zero is None else not zero
    answer = {
        "positive": value.is_positive,
        "nonnegative": value.is_nonnegative,
        "integer": value.is_integer,
    }[kind]
    return None if answer is None else bool(answer)


def empty_ranges_valued(value: sympy.Expr) -> sympy.Expr:
    """``value`` with each sum and product over a range that is empty (bounds that are
    numbers, the upper below the lower) replaced by 0 and 1 (docs/semantics.md §4).

    SymPy's assumptions on such an unevaluated product are not to be trusted: once cached in
    some orders it answers ``Product(t, (t, 1, 0)).is_zero`` with True."""
    found = [
        r
        for r in value.atoms(sympy.Sum, sympy.Product)
        if any(_empty(lo, hi) for _, lo, hi in r.limits)
    ]
    if not found:
        return value
    done = value.xreplace({r: sympy.Integer(0 if isinstance(r, sympy.Sum) else 1) for r in found})
    return done if isinstance(done, sympy.Expr) else value


def _empty(lo: sympy.Expr, hi: sympy.Expr) -> bool:
    if not (lo.is_number and hi.is_number and lo.is_real and hi.is_real):
        return False
    return bool(sympy.ceiling(lo) > sympy.floor(hi))


@dataclass(frozen=True)
class Range:
    """Quantifies over the integers from ⌈lo⌉ to ⌊hi⌋ (the terms of a Sum or Product): an
    empty range needs nothing."""

    index: sympy.Symbol
    lo: sympy.Expr
    hi: sympy.Expr


@dataclass(frozen=True)
class Near:
    """Quantifies over a punctured neighbourhood of ``point`` (the body of a Limit, which
    needs to be defined near its point, not at it); ``direction`` is ``+``, ``-`` or
    ``+-``."""

    var: sympy.Symbol
    point: sympy.Expr
    direction: str


Binder = Range | Near


@dataclass(frozen=True)
class Requirement:
    """``expr`` must be positive / nonnegative / nonzero / an integer / a real number for
    ``origin`` to be defined, wherever ``when`` holds, for every value of the variables
    ``binders`` quantify over (outermost first)."""

    expr: sympy.Expr
    kind: Kind
    origin: sympy.Basic
    when: Any = field(default=sympy.true)  # a SymPy Boolean
    binders: tuple[Binder, ...] = ()

    @property
    def plain(self) -> bool:
        """Needed everywhere, with no condition and no quantifier."""
        return self.when is sympy.true and not self.binders

    def placed(self, when: Any, binders: tuple[Binder, ...]) -> Requirement | None:
        """This requirement inside a context: needed only where ``when`` holds as well,
        under the context's ``binders`` (outside its own). None where it is never needed."""
        both = _conjunction(when, self.when)
        if both is sympy.false:
            return None
        return Requirement(self.expr, self.kind, self.origin, both, binders + self.binders)

    def mapped(self, change: Callable[[sympy.Basic], sympy.Basic]) -> Requirement:
        """The requirement with ``change`` applied to every expression in it (definitions
        unfolded, values put in)."""
        binders: list[Binder] = []
        for b in self.binders:
            if isinstance(b, Range):
                binders.append(Range(b.index, change(b.lo), change(b.hi)))
            else:
                binders.append(Near(b.var, change(b.point), b.direction))
        return Requirement(
            change(self.expr), self.kind, self.origin, change(self.when), tuple(binders)
        )

    @property
    def key(self) -> str:
        """Everything this requirement says, as text (for the proof cache's key)."""
        parts = [sympy.srepr(self.expr), self.kind]
        if self.when is not sympy.true:
            parts.append(f"when {sympy.srepr(self.when)}")
        for b in self.binders:
            if isinstance(b, Range):
                parts.append(f"range {b.index} {sympy.srepr(b.lo)} {sympy.srepr(b.hi)}")
            else:
                parts.append(f"near {b.var} {sympy.srepr(b.point)} {b.direction}")
        return " ".join(parts)


def _conjunction(a: Any, b: Any) -> Any:
    if a is sympy.true:
        return b
    if b is sympy.true:
        return a
    try:
        return sympy.And(a, b)
    except (TypeError, ValueError):  # pragma: no cover - SymPy refuses to join them
        return sympy.And(a, b, evaluate=False)


def condition(build: Callable[[], Any]) -> Any:
    """A condition SymPy can build (``base < 0``); True when it cannot compare (a part that
    is not a real number, whose own requirement already fails): the requirement it guards
    is then needed everywhere, which only ever asks more."""
    try:
        built = build()
    except (TypeError, ValueError):
        return sympy.true
    return built if isinstance(built, Boolean) else sympy.true


def all_of(*parts: Any) -> Any:
    """``And(*parts)`` as SymPy builds it (True for none), or True where it cannot."""
    return condition(lambda: sympy.And(*parts))


def negation(holds: Any) -> Any:
    """``Not(holds)`` as SymPy builds it (``x <= 0`` for ``x > 0``), or True where it cannot."""
    return condition(lambda: sympy.Not(holds))


# -- what each written operation needs, from the parts as built --------------------------


def function_needs(function: Callable[..., Any], *args: sympy.Expr) -> list[Requirement]:
    """What ``function(*args)`` needs over the reals, as written: before SymPy evaluates it
    (``sin(asin(x))`` builds as ``x``, and still needs -1 ≤ x ≤ 1)."""
    return own_requirements(function(*args, evaluate=False))


def quotient_needs(denominator: sympy.Expr) -> list[Requirement]:
    return [Requirement(denominator, "nonzero", sympy.Pow(denominator, -1, evaluate=False))]


def member_needs(index: sympy.Expr) -> list[Requirement]:
    """A family member ``y[k]`` exists for an integer ``k`` only."""
    if index.is_integer:
        return []
    return [Requirement(index, "integer", index)]


def joint_member_needs(
    member: sympy.Expr, index: sympy.Expr, size: sympy.Expr
) -> list[Requirement]:
    """A member ``p[k]`` of a family constrained jointly over 1..C (one-hot(C), simplex(C),
    ``k`` its last index) exists for ``1 <= k <= C`` only (docs/semantics.md §9)."""
    return [
        Requirement(index - 1, "nonnegative", member),
        Requirement(size - index, "nonnegative", member),
    ]


def limit_needs(limit: sympy.Expr) -> list[Requirement]:
    """A limit that is a part of something (``0*Limit(1/x, x, 0)``) must be a real number;
    a side that is a limit may be ±∞ (the reader keeps this one only for parts)."""
    return [Requirement(limit, "real", limit)]


def power_needs(base: sympy.Expr, exponent: sympy.Expr) -> list[Requirement]:
    """``base**exponent`` over the reals: a positive base takes any exponent, 0 a
    nonnegative one (``0**0 = 1``), a negative base an integer one only (odd denominators
    included: ``(-8)**(1/3)`` has no real value here)."""
    origin = sympy.Pow(base, exponent, evaluate=False)
    if base.is_positive:
        return []
    found: list[Requirement] = []
    if exponent.is_integer is False:
        found.append(Requirement(base, "nonnegative", origin))
    elif exponent.is_integer is None and base.is_nonnegative is not True:
        negative_base = condition(lambda: sympy.Lt(base, 0))
        if negative_base is not sympy.false:
            found.append(Requirement(exponent, "integer", origin, negative_base))
    if exponent.is_nonnegative is not True and base.is_nonzero is not True:
        negative_exponent = (
            sympy.true if exponent.is_negative else condition(lambda: sympy.Lt(exponent, 0))
        )
        if negative_exponent is sympy.true and found and found[0].kind == "nonnegative":
            found[0] = Requirement(base, "positive", origin)  # ≥ 0 and ≠ 0
        elif negative_exponent is not sympy.false:
            found.append(Requirement(base, "nonzero", origin, negative_exponent))
    return found


# -- the requirements of an expression as SymPy built it -----------------------------------


def requirements(expr: sympy.Basic) -> list[Requirement]:
    """The conditions under which every part of ``expr`` is a real number."""
    found: dict[tuple[sympy.Expr, str], Requirement] = {}

    def add(target: sympy.Expr, kind: Kind, origin: sympy.Expr) -> None:
        # A condition on a summation index holds termwise; ``establish`` checks it through
        # the assumptions of the indexed family.
        if target.is_number:
            return
        found.setdefault((target, kind), Requirement(target, kind, origin))

    def visit(node: sympy.Basic) -> None:
        if isinstance(node, sympy.Piecewise):
            # Each branch only has to be defined where its condition selects it; the case
            # split handles that, so do not demand every branch everywhere.
            return
        for requirement in own_requirements(node):
            add(requirement.expr, requirement.kind, requirement.origin)
        for arg in node.args:
            visit(arg)

    visit(expr)
    return list(found.values())


def quantified_requirements(expr: sympy.Basic) -> list[Requirement]:
    """``requirements``, each under the ranges of the sums and products it lies in (a bound
    variable's range is a fact: 1/i^s in Σ_{i=1}^{N} needs i > 0 for i = 1, …, N only)."""
    found: dict[tuple[sympy.Expr, str, tuple[Binder, ...]], Requirement] = {}

    def visit(node: sympy.Basic, binders: tuple[Binder, ...]) -> None:
        if isinstance(node, sympy.Piecewise):
            return  # as in ``requirements``: each branch where its condition selects it
        if isinstance(node, (sympy.Sum, sympy.Product)):
            inner = binders
            # SymPy lists the innermost range first: the outermost binder comes first
            for index, lo, hi in reversed(node.limits):
                visit(lo, inner)
                visit(hi, inner)
                inner = (*inner, Range(index, lo, hi))
            visit(node.function, inner)
            return
        for r in own_requirements(node):
            if not r.expr.is_number:
                key = (r.expr, r.kind, binders)
                found.setdefault(key, Requirement(r.expr, r.kind, r.origin, binders=binders))
        for arg in node.args:
            visit(arg, binders)

    visit(expr, ())
    return list(found.values())


def own_requirements(node: sympy.Basic) -> list[Requirement]:
    """The conditions the outermost operation of ``node`` needs (not those of its parts)."""
    if isinstance(node, sympy.log):
        return [Requirement(node.args[0], "positive", node)]
    if isinstance(node, sympy.Pow):
        base, exponent = node.args
        if exponent.is_integer:
            if exponent.is_nonnegative is not True:
                return [Requirement(base, "nonzero", node)]
            return []
        if exponent.is_positive:
            # SymPy's x**(1/3) is the principal (complex) root for x < 0, so every
            # non-integer power needs a nonnegative base.
            return [Requirement(base, "nonnegative", node)]
        return [Requirement(base, "positive", node)]
    if isinstance(node, sympy.tan):
        return [Requirement(sympy.cos(node.args[0]), "nonzero", node)]
    if isinstance(node, (sympy.asin, sympy.acos)):  # defined on [-1, 1]
        return [Requirement(1 - node.args[0] ** 2, "nonnegative", node)]
    if isinstance(node, sympy.atanh):  # on (-1, 1)
        return [Requirement(1 - node.args[0] ** 2, "positive", node)]
    if isinstance(node, sympy.acosh):  # on [1, ∞)
        return [Requirement(node.args[0] - 1, "nonnegative", node)]
    if isinstance(node, sympy.factorial):  # n! for n = 0, 1, 2, … (not Γ(n + 1))
        (n,) = node.args
        return [Requirement(n, "integer", node), Requirement(n, "nonnegative", node)]
    if isinstance(node, sympy.binomial):  # C(r, k) = r(r − 1)…(r − k + 1)/k!, k ∈ ℤ
        return [Requirement(node.args[1], "integer", node)]
    return []
