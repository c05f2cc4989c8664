"""One-variable inequalities in exponentials of a symbol only (issue 18, class 1: the far
tails of tanh and softplus), by the substitution E = exp(s/q): the value becomes a rational
function of E > 0, written through a positive y (E = 1 + y for s > 0, E = 1/(1 + y) for
s < 0, E = y for s real), brought over one denominator; numerator and denominator whose
expanded terms SymPy's assumptions show positive (or nonnegative) prove the sign at every
point of the domain. 1 − tanh(v) ≥ e^{−2v} for v > 0 is (E² − 1)/(E²·(E² + 1)) ≥ 0 with
E = e^v = 1 + y: (y² + 2y)/(…) with positive terms. exp is a bijection of the domain onto
the E-interval, so nothing is lost or added.
"""

from __future__ import annotations

import sympy

from ..model import Domain
from .symbolic import Proof

METHOD = "exponentials as powers of E = exp(s/q), a rational function of E with positive terms"
MAX_OPS = 200
MAX_DEGREE = 24
_HYPERBOLIC = (sympy.tanh, sympy.sinh, sympy.cosh, sympy.coth, sympy.sech, sympy.csch)


def prove_through_exp(
    value: sympy.Expr, strict: bool, symbol: sympy.Symbol, domain: Domain
) -> Proof | None:
    """A proof that ``value`` ≥ 0 (> 0 with ``strict``) on the symbol's declared domain, or
    None; the domain must be the whole line or a half-line from 0."""
    if domain.values is not None or domain.integer or domain.nonzero:
        return None
    if sympy.count_ops(value) > MAX_OPS or not value.has(sympy.exp, *_HYPERBOLIC):
        return None
    # s = 0 belongs to a closed end: y = 0 (E = 1) must be covered too
    closed = (domain.lo == 0 and not domain.lo_open) or (domain.hi == 0 and not domain.hi_open)
    y = sympy.Dummy("y", nonnegative=True) if closed else sympy.Dummy("y", positive=True)
    sign = "≥" if closed else ">"
    if domain.lo == 0 and domain.hi == sympy.oo:
        at, shown = 1 + y, f"E = 1 + y, y {sign} 0"
    elif domain.lo == -sympy.oo and domain.hi == 0:
        at, shown = 1 / (1 + y), f"E = 1/(1 + y), y {sign} 0"
    elif domain.lo == -sympy.oo and domain.hi == sympy.oo:
        y = sympy.Dummy("y", positive=True)
        at, shown = y, "E = y > 0"
    else:
        return None
    try:
        rational = _as_rational(value.rewrite(sympy.exp), symbol)
        if rational is None:
            return None
        form, q = rational
        numerator, denominator = sympy.fraction(
            sympy.cancel(sympy.together(form.xreplace({_E: at})))
        )
        top, bottom = sympy.expand(numerator), sympy.expand(denominator)
        if sympy.degree(top, y) > MAX_DEGREE or sympy.degree(bottom, y) > MAX_DEGREE:
            return None
    except (sympy.PolynomialError, NotImplementedError, ValueError, TypeError, RecursionError):
        return None
    if bottom.is_positive is not True and (-bottom).is_positive is True:
        top, bottom = -top, -bottom
    if bottom.is_positive is not True:
        return None
    holds = top.is_positive if strict else top.is_nonnegative
    if holds is not True:
        return None
    return METHOD, (f"E = exp({symbol}/{q})" if q != 1 else f"E = exp({symbol})", shown)


_E = sympy.Dummy("E", positive=True)


def _as_rational(value: sympy.Expr, symbol: sympy.Symbol) -> tuple[sympy.Expr, int] | None:
    """The value with each exp(k·s) (k rational) written as E**(k·q), q the common
    denominator of the k's; None when the symbol appears anywhere else."""
    rates: dict[sympy.Basic, sympy.Rational] = {}
    for e in value.atoms(sympy.exp):
        if symbol not in e.free_symbols:
            continue
        k = sympy.expand(e.args[0]) / symbol
        k = sympy.cancel(k) if not k.is_Rational else k
        if not k.is_Rational:
            return None
        rates[e] = k
    if not rates:
        return None
    q = (
        int(sympy.ilcm(*(int(k.q) for k in rates.values())))
        if len(rates) > 1
        else int(next(iter(rates.values())).q)
    )
    written = value.xreplace({e: _E ** int(k * q) for e, k in rates.items()})
    if symbol in written.free_symbols:
        return None
    return written, q
