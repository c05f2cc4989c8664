"""What the body of a limit needs, shown near the limit's point.

The body of ``Limit(f, x, a)`` needs to be defined on a punctured neighbourhood of ``a``
(on the side asked for), not at ``a`` and not everywhere: ``x/x`` is fine as ``x → 0``,
``(a*x)/(a*x)`` is not when ``a = 0``. Sufficient arguments only, each exact:

- on a whole side: the requirement with ``x = a + h`` (``a − h``; ``h``, ``−h`` at ±∞) for
  every ``h > 0``;
- continuity: a body continuous in ``x`` (sums, products, nonnegative integer powers,
  exp, sin, cos, …) that is positive (nonzero) at ``a`` stays so near ``a``;
- a factor that is a polynomial in ``x`` with a coefficient that is not zero has finitely
  many roots, so it is nonzero near any point; an analytic factor with a derivative that
  is not zero at the point has isolated zeros (``cos(x)`` near ``π/2``);
- a condition (``when``) that fails near ``a`` asks for nothing there.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy

from ..definedness import Near
from ..substitution import put
from .declared import DomainInfo
from .establish import establish

Facts = tuple[str, ...]

# Functions continuous at every real point.
_CONTINUOUS = (
    sympy.exp,
    sympy.sin,
    sympy.cos,
    sympy.sinh,
    sympy.cosh,
    sympy.tanh,
    sympy.atan,
    sympy.Abs,
    sympy.Max,
    sympy.Min,
)
# Functions analytic at every real point.
_ANALYTIC = (sympy.exp, sympy.sin, sympy.cos, sympy.sinh, sympy.cosh, sympy.tanh, sympy.atan)
MAX_ORDER = 4  # derivatives tried at a point where an analytic factor vanishes
_STRICT = {"positive": "positive", "nonnegative": "positive", "nonzero": "nonzero"}


def negation_of(holds: sympy.Basic) -> tuple[sympy.Expr, str] | None:
    """What shows that a comparison fails: ``a < b`` fails where ``a − b ≥ 0``."""
    if isinstance(holds, sympy.StrictLessThan | sympy.StrictGreaterThan):
        return holds.lts - holds.gts, "nonnegative"
    if isinstance(holds, sympy.LessThan | sympy.GreaterThan):
        return holds.lts - holds.gts, "positive"
    if isinstance(holds, sympy.Eq):
        return holds.lhs - holds.rhs, "nonzero"
    return None


def shown_near(
    expr: sympy.Basic,
    kind: str,
    when: sympy.Basic,
    near: Near,
    infos: Mapping[sympy.Basic, DomainInfo],
) -> tuple[bool, Facts] | None:
    """Facts showing ``expr`` is of ``kind`` near the point wherever ``when`` holds there,
    and whether that is because ``when`` fails there (first); None if not shown."""
    if when is not sympy.true:
        found = _fails_near(when, near, infos)
        if found is not None:
            return True, found
    if kind == "nonzero":
        found = _nonzero_near(expr, near, infos)
        if found is not None:
            return False, found
    if kind in _STRICT:
        found = _sign_near(expr, kind, near, infos)
        if found is not None:
            return False, found
    return None


def _fails_near(
    when: sympy.Basic, near: Near, infos: Mapping[sympy.Basic, DomainInfo]
) -> Facts | None:
    parts = when.args if isinstance(when, sympy.And) else (when,)
    for part in parts:
        negation = negation_of(part)
        if negation is None:
            continue
        expr, kind = negation
        found = (_nonzero_near(expr, near, infos) if kind == "nonzero" else None) or _sign_near(
            expr, kind, near, infos
        )
        if found is not None:
            return found
    return None


def _sides(near: Near) -> list[sympy.Expr]:
    """What the variable is written as on each side asked for, through ``h > 0`` (beyond 1
    at ±∞, a neighbourhood of ∞ as good as any)."""
    h = sympy.Dummy("h", positive=True)
    if near.point is sympy.oo:
        return [1 + h]
    if near.point is sympy.S.NegativeInfinity:
        return [-1 - h]
    return {"+": [near.point + h], "-": [near.point - h]}.get(
        near.direction, [near.point + h, near.point - h]
    )


def _sign_near(
    expr: sympy.Basic, kind: str, near: Near, infos: Mapping[sympy.Basic, DomainInfo]
) -> Facts | None:
    x = near.var
    if near.point.is_finite and _continuous(expr, x):
        found = establish(expr.subs(x, near.point), _STRICT[kind], infos)
        if found is not None:
            return (*found, f"continuous at {x} = {near.point}")
    if near.point.is_infinite:
        found = _at_infinity(expr, kind, near, infos)
        if found is not None:
            return found
    facts: list[str] = []
    for value in _sides(near):
        found = establish(put(expr, {x: value}), kind, infos)
        if found is None:
            return None
        facts += found
    return tuple(facts)


def _at_infinity(
    expr: sympy.Basic, kind: str, near: Near, infos: Mapping[sympy.Basic, DomainInfo]
) -> Facts | None:
    """Of ``kind`` for large ``|x|``: a rational function by the sign of its leading
    coefficients, anything continuous in ``u = ±1/x`` by its value at ``u = 0``."""
    x, strict = near.var, _STRICT[kind]
    flip = 1 if near.point is sympy.oo else -1
    top, bottom = sympy.fraction(sympy.together(expr))
    if top.is_polynomial(x) and bottom.is_polynomial(x):
        p, q = sympy.Poly(top, x), sympy.Poly(bottom, x)
        lead = p.LC() * q.LC() * flip ** (p.degree() + q.degree())
        found = establish(lead, strict, infos)
        if found is not None:
            return found
    u = sympy.Dummy("u", positive=True)
    flipped = put(expr, {x: flip / u})
    if _continuous(flipped, u):
        return establish(flipped.subs(u, 0), strict, infos)
    return None


def _nonzero_near(
    expr: sympy.Basic, near: Near, infos: Mapping[sympy.Basic, DomainInfo]
) -> Facts | None:
    """Each factor nonzero near the point: one without ``x`` everywhere, a polynomial in
    ``x`` by a coefficient that is not zero, any other by continuity."""
    x = near.var
    facts: list[str] = []
    for factor in sympy.Mul.make_args(expr):
        base = factor
        if factor.is_Pow and factor.exp.is_integer:
            if factor.exp.is_negative:
                continue  # 1/f is never 0 (f ≠ 0 is a requirement of its own)
            base = factor.base
        if x not in base.free_symbols:
            found = establish(base, "nonzero", infos)
        elif base.is_polynomial(x):
            found = _some_coefficient_nonzero(sympy.Poly(base, x).all_coeffs(), infos)
        elif near.point.is_finite and _continuous(base, x, analytic=True):
            found = _some_derivative_nonzero(base, x, near.point, infos)
        else:
            found = _sign_near(base, "positive", near, infos) or _sign_near(
                -base, "positive", near, infos
            )
        if found is None:
            return None
        facts += found
    return tuple(facts)


def _some_coefficient_nonzero(
    coefficients: list[sympy.Expr], infos: Mapping[sympy.Basic, DomainInfo]
) -> Facts | None:
    if any(c.is_number and c.is_zero is False for c in coefficients):
        return ()
    for c in coefficients:
        if not c.is_number:
            found = establish(c, "nonzero", infos)
            if found is not None:
                return found
    return None


def _some_derivative_nonzero(
    expr: sympy.Expr, x: sympy.Symbol, point: sympy.Expr, infos: Mapping[sympy.Basic, DomainInfo]
) -> Facts | None:
    """An analytic function with a derivative (of order 0 to MAX_ORDER) that is not zero at
    the point is not identically zero there, so its zeros near the point are isolated."""
    for order in range(MAX_ORDER + 1):
        value = sympy.diff(expr, x, order).subs(x, point) if order else expr.subs(x, point)
        if value.is_number and value.is_zero is False:
            return ()
        if not value.is_number:
            found = establish(value, "nonzero", infos)
            if found is not None:
                return found
    return None


def _continuous(expr: sympy.Basic, x: sympy.Symbol, *, analytic: bool = False) -> bool:
    """Whether ``expr`` is continuous (with ``analytic``: analytic) in ``x`` at every real
    point, being built from parts that are."""
    if x not in expr.free_symbols or expr.is_Symbol:
        return True
    kinds = _ANALYTIC if analytic else _CONTINUOUS
    if expr.is_Add or expr.is_Mul or isinstance(expr, kinds):
        return all(_continuous(a, x, analytic=analytic) for a in expr.args)
    if expr.is_Pow:
        base, exponent = expr.args
        if exponent.is_Integer and exponent >= 0:
            return _continuous(base, x, analytic=analytic)
        return (
            x not in base.free_symbols
            and base.is_positive is True
            and _continuous(exponent, x, analytic=analytic)
        )
    return False
