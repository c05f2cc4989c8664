"""Inequalities in two or more real variables brought down to one variable.

- **Separated parts**: f = g₁(x₁) + … + gₘ(xₘ) + c, each part in one variable. Each gₖ has
  an exact lower bound mₖ, its value at its one critical point (f′ = 0, solved exactly),
  shown by a one-variable method (gₖ − mₖ ≥ 0 on xₖ's domain: ``intervals``, then
  ``convexity``); then f ≥ m₁ + … + mₘ + c ≥ 0 is a fact about a constant. This is how
  e^x + e^y ≥ 2 + x + y follows from e^t ≥ 1 + t twice.
- **A shift of two unbounded variables**: with x, y real, y = x − t is a change of variables
  (t real), and log-sum-exp bounds lose x: log(e^x + e^{x−t}) − x = log(1 + e^{−t}) once
  each log of a sum of positive terms is factored (its factors shown positive by SymPy's
  assumptions). Max(x, y) and Min(x, y) are split by the sign of t (t ≥ 0: Max = x, Min = y;
  t < 0: Max = y, Min = x), each case proved on its half-line. What is left must be in t
  alone; it is shown by SymPy's assumptions on t, then by the one-variable methods.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import sympy

from ..model import Domain
from ..notation import math_text
from .calculus import constant_holds
from .convexity import prove_on_domain
from .declared import DomainInfo
from .intervals import prove_one_variable
from .symbolic import Proof

MAX_PARTS = 4
MAX_CRITICAL = 3
MAX_OPS = 200


def _one_variable(
    value: sympy.Expr, strict: bool, symbol: sympy.Symbol, domain: Domain
) -> Proof | None:
    return prove_one_variable(value, strict, symbol, domain) or prove_on_domain(
        value, strict, symbol, domain
    )


def prove_separated(
    value: sympy.Expr, strict: bool, infos: Mapping[sympy.Basic, DomainInfo]
) -> Proof | None:
    """value ≥ 0 (> 0) from lower bounds of its one-variable parts, or None."""
    if sympy.count_ops(value) > MAX_OPS:
        return None
    parts: dict[sympy.Basic, sympy.Expr] = {}
    constant = sympy.Integer(0)
    for term in sympy.Add.make_args(value):
        free = term.free_symbols
        if not free:
            constant += term
        elif len(free) == 1:
            (symbol,) = free
            parts[symbol] = parts.get(symbol, sympy.Integer(0)) + term
        else:
            return None
    if not 2 <= len(parts) <= MAX_PARTS:
        return None
    notes: list[str] = []
    total = constant
    for symbol, part in parts.items():
        info = infos.get(symbol)
        if info is None or not isinstance(symbol, sympy.Symbol) or info.domain.values is not None:
            return None
        low = _lowest(part, symbol, info.domain)
        if low is None:
            return None
        proof = _one_variable(part - low, False, symbol, info.domain)
        if proof is None:
            return None
        total += low
        notes.append(f"{math_text(part)} ≥ {math_text(low)}: {proof[0]}")
        notes.extend(proof[1])
    if not constant_holds(sympy.nsimplify(total) if total.is_Float else total, strict):
        return None
    notes.append(f"the lower bounds and the constant add up to {math_text(sympy.simplify(total))}")
    return "a lower bound of each one-variable part", tuple(dict.fromkeys(notes))


def _lowest(part: sympy.Expr, symbol: sympy.Symbol, domain: Domain) -> sympy.Expr | None:
    """The least value of ``part`` at its critical points inside the domain (exactly), the
    candidate lower bound; None when they are not a few explicit numbers."""
    try:
        interval = sympy.Interval(domain.lo, domain.hi, domain.lo_open, domain.hi_open)
        found = sympy.solveset(sympy.diff(part, symbol), symbol, interval)
    except (NotImplementedError, ValueError, TypeError):
        return None
    if not isinstance(found, sympy.FiniteSet) or not 1 <= len(found) <= MAX_CRITICAL:
        return None
    values = [sympy.simplify(part.xreplace({symbol: c})) for c in found]
    if any(v.free_symbols or not v.is_real for v in values):
        return None
    return min(values, key=lambda v: sympy.Float(v.evalf(30)))


def prove_shifted(
    value: sympy.Expr, strict: bool, infos: Mapping[sympy.Basic, DomainInfo]
) -> Proof | None:
    """value ≥ 0 (> 0) for two real variables x, y through y = x − t, by the sign of t
    where a Max or Min of x and y is there; None unless every case is proved."""
    symbols = sorted(value.free_symbols, key=str)
    if len(symbols) != 2 or sympy.count_ops(value) > MAX_OPS:
        return None
    x, y = symbols
    for s in (x, y):
        info = infos.get(s)
        if info is None or not isinstance(s, sympy.Symbol) or not whole_line(info.domain):
            return None
    branches = [n for n in value.atoms(sympy.Max, sympy.Min)]
    if any(set(n.args) != {x, y} for n in branches):
        return None
    t = sympy.Dummy("t", real=True)
    if branches:
        cases: list[tuple[str, Domain, Callable[[sympy.Basic], sympy.Expr]]] = [
            (
                f"{math_text(y)} ≤ {math_text(x)}",
                Domain(text="t ≥ 0", lo=sympy.Integer(0), lo_open=False),
                lambda n: x if isinstance(n, sympy.Max) else y,
            ),
            (
                f"{math_text(y)} > {math_text(x)}",
                Domain(text="t < 0", hi=sympy.Integer(0), hi_open=True),
                lambda n: y if isinstance(n, sympy.Max) else x,
            ),
        ]
    else:
        cases = [("", Domain(text="real"), lambda n: n)]
    notes: list[str] = [f"{math_text(y)} = {math_text(x)} − t"]
    for label, domain, pick in cases:
        chosen = value.xreplace({n: pick(n) for n in branches})
        reduced = normalised(chosen.xreplace({y: x - t}))
        if reduced is None or reduced.free_symbols - {t}:
            return None
        proof = _in_t(reduced, strict, t, domain)
        if proof is None:
            return None
        where = f"case {label}: " if label else ""
        notes.append(
            f"{where}{math_text(reduced)} {'>' if strict else '≥'} 0 for {domain.text}: {proof[0]}"
        )
        notes.extend(proof[1])
    method = "a shift y = x − t" + (", split on the sign of t" if branches else "")
    return method, tuple(dict.fromkeys(notes))


def whole_line(domain: Domain) -> bool:
    return (
        domain.values is None
        and not domain.integer
        and not domain.nonzero
        and domain.lo == -sympy.oo
        and domain.hi == sympy.oo
        and domain.bound is None
    )


def normalised(expr: sympy.Expr) -> sympy.Expr | None:
    """exp of sums split into products, each log's argument with its common factor taken
    out, logs of products of positive factors expanded (SymPy's assumptions decide the
    factors are positive), then expanded."""
    try:
        split = sympy.expand(expr, power_exp=True, mul=False, multinomial=False, log=False)
        factored = split.replace(
            lambda e: isinstance(e, sympy.log),
            lambda e: sympy.log(sympy.factor_terms(e.args[0])),
        )
        return sympy.expand(sympy.expand_log(factored))
    except (NotImplementedError, ValueError, TypeError, RecursionError):
        return None


def _in_t(value: sympy.Expr, strict: bool, t: sympy.Dummy, domain: Domain) -> Proof | None:
    """value(t) ≥ 0 (> 0) on the case's half-line (or line): SymPy's assumptions on a
    symbol of that sign, then the one-variable methods."""
    if domain.lo == 0:
        signed = sympy.Dummy("t", nonnegative=True)
    elif domain.hi == 0:
        signed = sympy.Dummy("t", negative=True)
    else:
        signed = None
    if signed is not None:
        at = value.xreplace({t: signed})
        answer = at.is_positive if strict else at.is_nonnegative
        if answer:
            return "SymPy's assumptions on the sign of t", ()
    symbol = sympy.Symbol("t", real=True)
    return _one_variable(value.xreplace({t: symbol}), strict, symbol, domain)
