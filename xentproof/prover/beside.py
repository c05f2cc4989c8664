"""What an expression does just to one side of a point: its sign there, and its switching
parts (``Piecewise``, ``Abs``, ``Max``, ``Min``, ``sign``, ``Heaviside``, ``DiracDelta``,
``KroneckerDelta``) resolved there.

One-sided limits and derivatives at a switch point need this, and SymPy's own answers
cannot be used there: its ``limit`` of a Piecewise takes the branch selected *at* the point
(``lim[x→1⁻]`` of ``{2 if x < 1; x + 3 otherwise}`` is 4 for SymPy), and its derivative of
``|x|`` is ``sign(x)``, 0 at 0. Here the variable is written as ``a + u``, ``a − u``, ``1/u``
or ``−1/u`` with ``u`` a positive symbol going to 0, every condition that depends on ``u`` is
decided for all small ``u``, and each switching part is replaced by what it is there; what
cannot be decided for every value of the other symbols is left undecided (None), never
guessed.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import sympy
from sympy.logic.boolalg import Boolean

from ..definedness import Requirement
from .limits import SWITCHES, limit_value

MAX_TERMS = 24


def approach(
    x: sympy.Symbol, point: sympy.Expr, side: str, u: sympy.Dummy
) -> tuple[dict[sympy.Basic, sympy.Expr], dict[sympy.Basic, sympy.Expr]]:
    """x written through u → 0+ (a + u for ``side`` '+', a − u for '-', 1/u at ∞, −1/u at
    −∞), and u written through x."""
    if point == sympy.oo:
        return {x: 1 / u}, {u: 1 / x}
    if point == -sympy.oo:
        return {x: -1 / u}, {u: -1 / x}
    if side == "+":
        return {x: point + u}, {u: x - point}
    return {x: point - u}, {u: point - x}


def small() -> sympy.Dummy:
    """A fresh positive symbol that goes to 0."""
    return sympy.Dummy("u", positive=True)


def _limit_at_zero(h: sympy.Expr, u: sympy.Dummy) -> sympy.Expr | None:
    value, _how = limit_value(sympy.Limit(h, u, 0, "+"))
    if not isinstance(value, sympy.Expr) or value.has(sympy.AccumBounds, sympy.Limit):
        return None
    if value.has(sympy.nan, sympy.zoo, sympy.I):
        return None
    return value


def _sign_of(value: sympy.Expr) -> int | None:
    if value.is_extended_positive is True:  # oo included
        return 1
    if value.is_extended_negative is True:
        return -1
    if value.is_zero is True:
        return 0
    return None


def side_sign(h: sympy.Expr, u: sympy.Dummy) -> int | None:
    """The sign of ``h`` for every small enough u > 0: 1, −1, 0 (``h`` vanishes there
    identically), or None when it cannot be shown for every value of the other symbols.
    ``h`` holds no switching part in ``u``."""
    if u not in h.free_symbols:
        return _sign_of(h) if h.is_extended_real else None
    if sympy.expand(h) == 0:
        return 0
    # For every u > 0 at once, by the assumptions on u and on the other symbols.
    if h.is_positive is True:
        return 1
    if h.is_negative is True:
        return -1
    at_zero = _limit_at_zero(h, u)
    if at_zero is None:
        return None
    found = _sign_of(at_zero)
    if found != 0:
        return found
    # The limit is 0: the leading term decides, once the quotient by it is shown to tend
    # to 1 (so the leading term is not an artefact of a coefficient that may vanish).
    try:
        lead = h.as_leading_term(u)
    except (NotImplementedError, ValueError, TypeError, sympy.PoleError):
        return None
    lead_sign = _sign_of(lead) if lead != 0 else None
    if lead_sign in (None, 0):
        return None
    ratio = _limit_at_zero(h / lead, u)
    return lead_sign if ratio == 1 else None


def same_value(a: sympy.Expr, b: sympy.Expr) -> bool | None:
    """Whether two values (limits, possibly ±∞) are equal for every value of the other
    symbols: True, False (for every one of them), or None when that is not decided
    (∞·sign(a) is neither finite nor infinite: at a = 0 it has no value)."""
    if a == b:
        return True if a.is_finite is True or a.is_infinite is True else None
    if a.is_infinite is True or b.is_infinite is True:
        other = b if a.is_infinite is True else a
        return False if other.is_finite is True or other.is_infinite is True else None
    if a.is_finite is not True or b.is_finite is not True:
        return None
    gap = sympy.simplify(a - b)
    if gap.is_zero:
        return True
    return False if gap.is_zero is False else None


def _relation_holds(condition: sympy.Rel, u: sympy.Dummy) -> bool | None:
    sign = side_sign(condition.lhs - condition.rhs, u)
    if sign is None:
        return None
    if isinstance(condition, sympy.StrictLessThan):
        return sign < 0
    if isinstance(condition, sympy.LessThan):
        return sign <= 0
    if isinstance(condition, sympy.StrictGreaterThan):
        return sign > 0
    if isinstance(condition, sympy.GreaterThan):
        return sign >= 0
    if isinstance(condition, sympy.Eq):
        return sign == 0
    if isinstance(condition, sympy.Ne):
        return sign != 0
    return None


def condition_near(condition: sympy.Basic, u: sympy.Dummy) -> bool | None:
    """Whether a Piecewise condition holds for every small u > 0 (False: for none), or
    None when that is not decided (three-valued: ``And`` of a False and a None is False)."""
    if condition is sympy.true or condition is sympy.false:
        return bool(condition)
    if u not in condition.free_symbols:
        return None
    if isinstance(condition, sympy.Rel):
        return _relation_holds(condition, u)
    if isinstance(condition, sympy.Not):
        inner = condition_near(condition.args[0], u)
        return None if inner is None else not inner
    if isinstance(condition, (sympy.And, sympy.Or)):
        values = [condition_near(c, u) for c in condition.args]
        absorbing = isinstance(condition, sympy.Or)  # True decides an Or, False an And
        if absorbing in values:
            return absorbing
        return None if None in values else not absorbing
    return None


def _largest(args: tuple[sympy.Expr, ...], u: sympy.Dummy, sense: int) -> sympy.Expr | None:
    """The argument of a Max (``sense`` 1) or Min (−1) that is the value for small u."""
    for candidate in args:
        signs = [side_sign(sense * (candidate - other), u) for other in args if other != candidate]
        if all(s in (0, 1) for s in signs):
            return candidate
    return None


def _resolve_switch(node: sympy.Basic, u: sympy.Dummy) -> sympy.Expr | None:
    """One switching part but a Piecewise, its arguments already resolved, as it is for
    every small u > 0."""
    if isinstance(node, (sympy.Max, sympy.Min)):
        return _largest(node.args, u, 1 if isinstance(node, sympy.Max) else -1)
    if isinstance(node, sympy.KroneckerDelta):
        sign = side_sign(node.args[0] - node.args[1], u)
        return None if sign is None else sympy.Integer(1 if sign == 0 else 0)
    sign = side_sign(node.args[0], u)
    if sign is None:
        return None
    if isinstance(node, sympy.Abs):
        return node.args[0] * sign
    if isinstance(node, sympy.sign):
        return sympy.Integer(sign)
    if sign == 0:
        return None  # Heaviside(0), DiracDelta(0): no value this contract gives
    if isinstance(node, sympy.Heaviside):
        return sympy.Integer(1 if sign > 0 else 0)
    return sympy.Integer(0)  # DiracDelta away from its point


def resolve_near(expr: sympy.Basic, u: sympy.Dummy) -> sympy.Expr | None:
    """``expr`` with every switching part that depends on u replaced by what it is for
    every small u > 0 (innermost first), or None when one of them cannot be decided (or
    SymPy already found no branch of a Piecewise to hold: nan)."""
    if expr.has(sympy.nan):
        return None
    if u not in expr.free_symbols or expr.is_Atom:
        return expr
    if isinstance(expr, sympy.Piecewise):
        # Read in order, as the Piecewise is; only the selected value is resolved (the
        # others may be undefined here). No condition holding: undefined near the point.
        for value, condition in expr.args:
            resolved = resolve_condition(condition, u)
            holds = None if resolved is None else condition_near(resolved, u)
            if holds is None:
                return None
            if holds:
                return resolve_near(value, u)
        return None
    args = []
    for arg in expr.args:
        resolved = resolve_near(arg, u)
        if resolved is None:
            return None
        args.append(resolved)
    rebuilt = expr.func(*args)
    if isinstance(rebuilt, SWITCHES) and u in rebuilt.free_symbols:
        return _resolve_switch(rebuilt, u)
    return rebuilt


def resolve_condition(condition: sympy.Basic, u: sympy.Dummy) -> Boolean | None:
    """A condition with the switching parts inside its comparisons resolved."""
    if isinstance(condition, sympy.Rel):
        sides = [resolve_near(side, u) for side in condition.args]
        if any(s is None for s in sides):
            return None
        return condition.func(*sides)
    if isinstance(condition, (sympy.And, sympy.Or, sympy.Not)):
        parts = [resolve_condition(c, u) for c in condition.args]
        if any(p is None for p in parts):
            return None
        return condition.func(*parts)
    return condition


def switch_expressions(expr: sympy.Basic, x: sympy.Symbol) -> Iterator[sympy.Expr]:
    """The expressions in ``x`` whose zeros are where a switching part of ``expr`` may
    switch: the arguments of Abs, sign, Heaviside, DiracDelta, the differences of the
    arguments of Max, Min, KroneckerDelta, the two sides of each Piecewise comparison."""
    found: list[sympy.Expr] = []
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, sympy.Piecewise):
            for _value, condition in node.args:
                found += [rel.lhs - rel.rhs for rel in _comparisons(condition)]
        elif isinstance(node, (sympy.Max, sympy.Min, sympy.KroneckerDelta)):
            found += [a - b for a, b in itertools.combinations(node.args, 2)]
        elif isinstance(node, SWITCHES):
            found.append(node.args[0])
    yield from dict.fromkeys(e for e in found if x in e.free_symbols)


def _comparisons(condition: sympy.Basic) -> Iterator[sympy.Rel]:
    if isinstance(condition, sympy.Rel):
        yield condition
    elif isinstance(condition, (sympy.And, sympy.Or, sympy.Not)):
        for part in condition.args:
            yield from _comparisons(part)


def has_switch(expr: sympy.Basic, x: sympy.Symbol) -> bool:
    """Whether a switching part of ``expr`` depends on ``x``."""
    return any(x in node.free_symbols for node in expr.atoms(*SWITCHES))


# -- definedness just to one side of a point -------------------------------------------------


def exact(requirement: Requirement) -> bool:
    """Whether the expression that needs ``requirement`` is undefined wherever it fails:
    a log, a tan, a power with a numeric exponent. A power with a symbolic exponent needs a
    positive base only where the exponent is not an integer, which is not known here."""
    origin = requirement.origin
    if isinstance(origin, (sympy.log, sympy.tan)):
        return True
    return isinstance(origin, sympy.Pow) and bool(origin.exp.is_number)


def _holds(sign: int, kind: str) -> bool:
    if kind == "positive":
        return sign > 0
    if kind == "nonnegative":
        return sign >= 0
    return sign != 0


@dataclass(frozen=True)
class Near:
    """Whether a requirement holds for every small u > 0: ``holds`` True or False, or None
    with ``condition``, what the other symbols must satisfy for it (exactly: the expression
    is c·uᵏ), or neither when that is not known."""

    holds: bool | None
    condition: Requirement | None = None


def requirement_near(requirement: Requirement, u: sympy.Dummy) -> Near:
    """Whether ``requirement`` (its expression written in u) holds for every small u > 0."""
    g, kind = requirement.expr, requirement.kind
    sign = side_sign(g, u)
    if sign is not None:
        return Near(_holds(sign, kind))
    terms = sympy.Add.make_args(sympy.expand(g))
    if len(terms) > MAX_TERMS:
        return Near(None)
    by_power: dict[sympy.Expr, sympy.Expr] = {}
    for term in terms:
        coefficient, power = term.as_coeff_exponent(u)
        if u in coefficient.free_symbols or u in power.free_symbols:
            return Near(None)
        by_power[power] = by_power.get(power, sympy.Integer(0)) + coefficient
    powers = [p for p, c in by_power.items() if sympy.expand(c) != 0]
    if len(powers) > 1:
        return _leading_term(by_power, powers, kind)
    if len(powers) != 1:
        return Near(None)
    # g = c·uᵏ with uᵏ > 0: g is of its kind near the point exactly when c is.
    coefficient = sympy.expand(by_power[powers[0]])
    return Near(None, Requirement(coefficient, kind, requirement.origin))


def _leading_term(
    by_power: dict[sympy.Expr, sympy.Expr], powers: list[sympy.Expr], kind: str
) -> Near:
    """g = Σ cₖ·uᵏ over numeric powers k: as u → 0+ the lowest power dominates, so g has
    the sign of its coefficient near the point once that sign is known for every value of
    the other symbols (t² + a·t ≥ 0 as t grows, whatever a is)."""
    if not all(p.is_number and p.is_extended_real for p in powers):
        return Near(None)
    lowest = min(powers, key=lambda p: sympy.Float(p))
    coefficient = sympy.expand(by_power[lowest])
    if coefficient.is_positive is True:
        return Near(_holds(1, kind))
    if coefficient.is_negative is True:
        return Near(_holds(-1, kind))
    return Near(None)


def not_real_parts(h: sympy.Expr) -> bool:
    """Whether SymPy wrote a part of ``h`` as a complex number (a log or an even root of a
    negative number taken apart: √(−u) is built as i·√u, (−u)^(1/3) as (−1)^(1/3)·u^(1/3))."""
    if h.has(sympy.I):
        return True
    return any(
        p.base.is_number and p.base.is_negative and p.exp.is_integer is False
        for p in h.atoms(sympy.Pow)
    )
