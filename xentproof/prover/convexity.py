"""Inequalities in one variable on its declared interval, by the sign of derivatives:

- from an end: f ≥ 0 on (a, b) when f's limit at a is ≥ 0 and f′ ≥ 0 on (a, b) (f rises
  from a), or f's limit at b is ≥ 0 and f′ ≤ 0 (f falls to b); f′ is shown the same way,
  one derivative deeper, which is how exp(t) ≥ 1 + t + t²/2 on t > 0 is proved (f, f′, f″
  start at 0, f‴ = exp(t) > 0);
- convexity: f ≥ 0 on (a, b) when f″ ≥ 0 there (f lies above each tangent) and f′(c) = 0
  at a point c of (a, b) where f(c) ≥ 0: f ≥ f(c) + f′(c)·(x − c) = f(c). The point c is
  looked for among a few exact numbers (0, ±1, ±2, 1/2, the middle of the interval), with
  f′(c) = 0 shown exactly.

f must be built from analytic functions and real, with f′, on the whole open interval (so
differentiable there); the closed ends of the interval are checked by f's exact value. Each
fact is shown by SymPy's assumptions on the interval written through a positive symbol
(``symbolic.prove_sign``), by exact values and by limits; never by sample points.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy

from ..model import Domain
from ..notation import math_text
from ..substitution import BINDING
from ..timing import Allowance
from .calculus import clearly_nonzero, constant_holds, end_limit, smooth, through_positive
from .probes import negative_somewhere
from .symbolic import Proof, prove_sign

DEPTH = 3
# The search's size, counted in the facts it looks at (the sign of f or of a derivative on
# an interval): the same on any machine, so its verdicts do not depend on the load.
STEPS = 20
# Besides, as a backstop checked between steps, this share of what is left of the
# enclosing wall-clock limit: in the cascade, the share of the relation's budget its stage
# has (the last method of that stage for one variable, it may use all of it, and ends by
# itself rather than by the alarm). No limit (a test, a library call), no wall clock.
SHARE = 1.0
METHOD = "derivatives in one variable (monotone from an end, or convex about f′ = 0)"


@dataclass
class _Search:
    x: sympy.Symbol
    allowance: Allowance
    notes: list[str] = field(default_factory=list)


def prove_on_domain(
    value: sympy.Expr, strict: bool, symbol: sympy.Symbol, domain: Domain
) -> Proof | None:
    """A proof that ``value`` (a function of ``symbol`` alone) is ≥ 0 (> 0 when
    ``strict``) on ``symbol``'s declared interval, or None."""
    if domain.values is not None or value.free_symbols != {symbol}:
        return None
    if value.has(*BINDING) or not smooth(value):
        return None
    x = sympy.Dummy(symbol.name, real=True)  # printed as the symbol in the notes
    f = value.xreplace({symbol: x})
    lo, hi = domain.lo, domain.hi
    pieces = [(lo, hi)]
    if domain.nonzero and bool(lo < 0) and bool(hi > 0):
        pieces = [(lo, sympy.Integer(0)), (sympy.Integer(0), hi)]
    search = _Search(x, Allowance.share(STEPS, SHARE))
    try:
        for a, b in pieces:
            if not _holds_on(f, a, b, strict, DEPTH, search):
                return None
        for end, closed in ((lo, not domain.lo_open), (hi, not domain.hi_open)):
            if closed and end.is_finite:
                at_end = f.xreplace({x: end})
                if not constant_holds(at_end, strict):
                    return None
                search.notes.append(
                    f"at {math_text(symbol)} = {math_text(end)}: {math_text(at_end)}"
                )
    except (NotImplementedError, ValueError, TypeError, AttributeError, RecursionError):
        return None
    except sympy.PolynomialError:
        return None
    interval = f"({math_text(lo)}, {math_text(hi)})".replace("oo", "∞")
    head = (
        f"f = {math_text(value)} {'>' if strict else '≥'} 0 for {math_text(symbol)} in {interval}"
    )
    return METHOD, (head, *dict.fromkeys(search.notes))


def _candidates(lo: sympy.Expr, hi: sympy.Expr) -> list[sympy.Expr]:
    points = [sympy.Integer(v) for v in (0, 1, -1, 2, -2)] + [sympy.Rational(1, 2)]
    if lo.is_finite and hi.is_finite:
        points.insert(0, (lo + hi) / 2)
    return [c for c in dict.fromkeys(points) if bool(c > lo) and bool(c < hi)]


def _maybe_zero(number: sympy.Expr) -> bool:
    """Whether ``simplify`` shows a number 0, unless it is plainly not (``clearly_nonzero``)."""
    return not clearly_nonzero(number) and bool(sympy.simplify(number) == 0)


def _holds_on(
    f: sympy.Expr, lo: sympy.Expr, hi: sympy.Expr, strict: bool, depth: int, search: _Search
) -> bool:
    """f > 0 (strict) or f ≥ 0 at every point of the open interval (lo, hi)."""
    x = search.x
    if search.allowance.spent():
        return False
    if negative_somewhere(f, x, lo, hi):
        return False  # f ≥ 0 is false there: no derivative nor limit can show it
    here = through_positive(f, x, lo, hi)
    if prove_sign(here, strict=strict, thorough=False) is not None:
        return True
    if depth == 0:
        return False
    g = sympy.diff(f, x)
    if here.is_real is not True or through_positive(g, x, lo, hi).is_real is not True:
        return False  # not shown differentiable on the interval
    for end, inside, slope, side in ((lo, "+", g, "rises from"), (hi, "-", -g, "falls to")):
        if negative_somewhere(slope, x, lo, hi):
            continue  # f neither rises nor falls throughout: its limit there is not needed
        at_end = end_limit(f, x, end, inside)
        if at_end is None or not constant_holds(at_end, False):
            continue
        steep = strict and not constant_holds(at_end, True)
        if _holds_on(slope, lo, hi, steep, depth - 1, search):
            search.notes.append(
                f"f = {math_text(f)} {side} {math_text(at_end)} at {math_text(end)}"
            )
            return True
    return _convex(f, g, lo, hi, strict, depth, search)


def _convex(
    f: sympy.Expr,
    g: sympy.Expr,
    lo: sympy.Expr,
    hi: sympy.Expr,
    strict: bool,
    depth: int,
    search: _Search,
) -> bool:
    """f″ ≥ 0 on (lo, hi) and f′(c) = 0, f(c) ≥ 0 at a point c inside: f ≥ f(c)."""
    x = search.x
    for c in _candidates(lo, hi):
        slope = g.xreplace({x: c})
        if not (slope == 0 or (slope.is_number and _maybe_zero(slope))):
            continue
        value = f.xreplace({x: c})
        if not constant_holds(value, strict):
            continue
        if _holds_on(sympy.diff(g, x), lo, hi, False, depth - 1, search):
            search.notes.append(
                f"f″ ≥ 0: f lies above its tangent at {math_text(c)}, where f′ = 0 and "
                f"f = {math_text(value)}"
            )
            return True
    return False
