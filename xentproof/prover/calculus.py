"""Methods for what canonical forms cannot show, tried only after they failed:

- the exponential of a real difference (``symbolic.exp_of_difference``), for inequalities:
  D ≥ 0 (> 0) exactly when exp(D) − 1 ≥ 0 (> 0);
- squares: a positive symbol under a square (cube, …) root written as u², u > 0, so that
  (p + q)/2 − √(p·q) factors as (u − v)²/2;
- calculus in one variable: f ≥ 0 on an open interval when f is smooth there, the real
  zeros of f′ are found exactly, f is monotone between them (the sign of f′ is shown the
  same way, one derivative deeper) and the value or limit at the lower end of each piece
  is ≥ 0.

Each is exact: the facts used are SymPy's assumptions, exact values and limits, never
sample points. A method that cannot settle its case says so by returning None.
"""

from __future__ import annotations

import itertools

import sympy

from ..memo import Memo
from ..notation import math_text
from ..substitution import BINDING
from ..timing import Allowance
from .limits import limit_value
from .symbolic import Proof, exp_of_difference, prove_sign

SMOOTH_HEADS = (
    sympy.Add,
    sympy.Mul,
    sympy.Pow,
    sympy.exp,
    sympy.log,
    sympy.sin,
    sympy.cos,
    sympy.atan,
    sympy.sinh,
    sympy.cosh,
    sympy.tanh,
    sympy.erf,  # entire; its enclosures are in intervals._MONOTONE
)
MAX_CRITICAL = 6
DEPTH = 2
# For one calculus argument, checked between its steps: a number of them (the sign of f or
# of f′ on an interval; the same on any machine) and, as a backstop, this share of what is
# left of the enclosing wall-clock limit (in the cascade, its stage's share of the
# relation's budget; none without a limit).
CALCULUS_STEPS = 20
CALCULUS_SHARE = 1.0


def prove_by_calculus(relation: str, lhs: sympy.Expr, rhs: sympy.Expr) -> Proof | None:
    """A proof of ``lhs REL rhs`` for every value of the symbols' assumptions, or None."""
    if lhs.has(*BINDING) or rhs.has(*BINDING):
        return None  # substituting a symbol would also rename a bound variable
    if relation == "=":
        return exp_of_difference(lhs - rhs, None)
    if relation in ("<", "<="):
        value, strict = rhs - lhs, relation == "<"
    else:
        value, strict = lhs - rhs, relation == ">"
    for method in (exp_of_difference, _squares, _calculus):
        found = method(value, strict)
        if found is not None:
            return found
    return None


def _squares(value: sympy.Expr, strict: bool | None) -> Proof | None:
    """Positive symbols under roots written as powers of new positive symbols."""
    replacements: dict[sympy.Basic, sympy.Expr] = {}
    # in a fixed order: a set's order follows str hashes, which vary between processes
    for power in sorted(value.atoms(sympy.Pow), key=sympy.default_sort_key):
        base, exponent = power.as_base_exp()
        if not (isinstance(base, sympy.Symbol) and base.is_positive and exponent.is_Rational):
            continue
        q = int(sympy.Rational(exponent).q)
        if q == 1 or q > 4:
            continue
        if base in replacements:
            q = int(sympy.ilcm(q, replacements[base].as_base_exp()[1]))
        replacements[base] = sympy.Dummy(f"w_{base}", positive=True) ** q
    if not replacements:
        return None
    rewritten = value.xreplace(replacements)
    method = prove_sign(rewritten, strict=bool(strict), thorough=False)
    if method is None:
        return None
    said = ", ".join(
        f"{math_text(s)} = {math_text(r)} with {math_text(r.as_base_exp()[0])} > 0"
        for s, r in replacements.items()
    )
    return "squares (roots of positive symbols as powers)", (f"{said}: {method}",)


def _calculus(value: sympy.Expr, strict: bool | None) -> Proof | None:
    if strict is None or len(value.free_symbols) != 1:
        return None
    (x,) = value.free_symbols
    if not isinstance(x, sympy.Symbol) or x.is_real is not True:
        return None
    if x.is_positive or x.is_nonnegative:
        lo, hi = sympy.Integer(0), sympy.oo
    elif x.is_negative or x.is_nonpositive:
        lo, hi = -sympy.oo, sympy.Integer(0)
    else:
        lo, hi = -sympy.oo, sympy.oo
    notes: list[str] = []
    if (x.is_nonnegative and not x.is_positive) or (x.is_nonpositive and not x.is_negative):
        at_zero = value.xreplace({x: sympy.Integer(0)})
        if not constant_holds(at_zero, strict):
            return None
        notes.append(f"at {math_text(x)} = 0 the value is {math_text(at_zero)}")
    t = sympy.Dummy("x", real=True)
    f = value.xreplace({x: t})
    allowance = Allowance.share(CALCULUS_STEPS, CALCULUS_SHARE)
    try:
        if not _sign_holds_on(f, t, lo, hi, strict, DEPTH, allowance, notes):
            return None
    except (NotImplementedError, ValueError, TypeError, AttributeError, RecursionError):
        return None
    except sympy.PolynomialError:
        return None
    interval = f"({math_text(lo)}, {math_text(hi)})".replace("oo", "∞")
    head = (
        f"f = {math_text(value)} {'>' if strict else '≥'} 0 for {math_text(x)} in "
        f"{interval}: f is smooth there, monotone between the real zeros of f′ "
        "(found exactly), its values there and its limits at the ends decide"
    )
    return "calculus in one variable", (head, *dict.fromkeys(notes))


def through_positive(
    expr: sympy.Expr, x: sympy.Symbol, lo: sympy.Expr, hi: sympy.Expr
) -> sympy.Expr:
    """``expr`` with x running over the open interval (lo, hi) through a positive symbol."""
    u = sympy.Dummy("u", positive=True)
    if lo.is_infinite and hi.is_infinite:
        return expr
    if hi.is_infinite:
        return expr.xreplace({x: lo + u})
    if lo.is_infinite:
        return expr.xreplace({x: hi - u})
    return expr.xreplace({x: lo + (hi - lo) / (1 + u)})


def smooth(expr: sympy.Expr) -> bool:
    return all(
        isinstance(node, SMOOTH_HEADS) or node.is_Atom for node in sympy.preorder_traversal(expr)
    )


def constant_holds(value: sympy.Expr, strict: bool) -> bool:
    if value is sympy.oo:
        return True
    if value.free_symbols or not (value.is_extended_real or value.is_infinite):
        return False
    if value == 0 or (not clearly_nonzero(value) and sympy.simplify(value) == 0):
        return not strict
    return bool(value.is_positive if strict else value.is_nonnegative)


# A number whose value at 30 digits is further than this from 0 is not 0.
_ZERO_BAND = sympy.Float("1e-20", 30)


def clearly_nonzero(number: sympy.Expr) -> bool:
    """Whether a number without symbols is plainly not 0: its value at 30 digits is
    further from 0 than 10⁻²⁰. Only a shortcut past ``simplify(number) == 0`` (most of a
    convexity search's time went there, on numbers such as 7·sinh(7) + sin(1)); it shows
    nothing itself, and False whenever that is not plain."""
    try:
        value = number.evalf(30)
    except (ArithmeticError, ValueError, TypeError, RecursionError):
        return False
    return bool(value.is_Float and abs(value) > _ZERO_BAND)


def end_limit(f: sympy.Expr, x: sympy.Symbol, end: sympy.Expr, inside: str) -> sympy.Expr | None:
    value, _how = limit_value(sympy.Limit(f, x, end, inside))
    if not isinstance(value, sympy.Expr):  # the text of SymPy's error
        return None
    if value.has(sympy.AccumBounds, sympy.nan, sympy.zoo, sympy.Limit) or value.free_symbols:
        return None
    return value


# The zeros of f′ on an interval, by f′ up to its sign: the argument asks whether f′ > 0 and
# then whether −f′ > 0 on the same piece, each one derivative deeper, and the zeros of
# f″ and −f″ are one set (SymPy's solveset took most of the time, on a ConditionSet).
_ZEROS: Memo[tuple[sympy.Expr, sympy.Symbol, sympy.Expr, sympy.Expr], sympy.Set] = Memo()


def _zeros(g: sympy.Expr, x: sympy.Symbol, lo: sympy.Expr, hi: sympy.Expr) -> sympy.Set:
    negated = -g
    if sympy.default_sort_key(negated) < sympy.default_sort_key(g):
        g = negated
    return _ZEROS.get((g, x, lo, hi), lambda: sympy.solveset(g, x, sympy.Interval.open(lo, hi)))


def _sign_holds_on(
    f: sympy.Expr,
    x: sympy.Symbol,
    lo: sympy.Expr,
    hi: sympy.Expr,
    strict: bool,
    depth: int,
    allowance: Allowance,
    notes: list[str],
) -> bool:
    """f > 0 (strict) or f ≥ 0 for every x in the open interval (lo, hi)."""
    if allowance.spent():
        return False
    here = through_positive(f, x, lo, hi)
    if prove_sign(here, strict=strict, thorough=False) is not None:
        return True
    if depth == 0 or not smooth(f):
        return False
    g = sympy.diff(f, x)
    # Smooth on the interval: built from analytic functions and, with its derivative,
    # finite and real at every point of it (SymPy's is_real says both).
    if here.is_real is not True or through_positive(g, x, lo, hi).is_real is not True:
        return False
    zeros = _zeros(g, x, lo, hi)
    if zeros is sympy.S.EmptySet:
        critical: list[sympy.Expr] = []
    elif isinstance(zeros, sympy.FiniteSet) and len(zeros) <= MAX_CRITICAL:
        critical = list(zeros)
    else:
        return False
    if any(c.free_symbols or not c.is_real for c in critical):
        return False
    critical.sort(key=lambda c: float(c))
    if any((b - a).is_positive is not True for a, b in itertools.pairwise(critical)):
        return False
    values = []
    for c in critical:
        value = f.xreplace({x: c})
        if not constant_holds(value, strict):
            return False
        values.append(value)
        notes.append(f"f′ = 0 at {math_text(c)}, where f = {math_text(value)}")
    ends = [lo, *critical, hi]
    for k in range(len(ends) - 1):
        a, b = ends[k], ends[k + 1]
        # The sign of f′ on the piece, shown the same way one derivative deeper (a sign
        # the assumptions show at once is looked for first, on both sides: f′ cannot be
        # both > 0 and < 0 there, so that only saves the deeper attempts).
        rising = _sign_holds_on(g, x, a, b, True, 0, allowance, [])
        falling = not rising and _sign_holds_on(-g, x, a, b, True, 0, allowance, [])
        if depth > 1 and not (rising or falling):
            rising = _sign_holds_on(g, x, a, b, True, depth - 1, allowance, [])
            falling = not rising and _sign_holds_on(-g, x, a, b, True, depth - 1, allowance, [])
        steep = rising or falling
        if not steep:
            rising = _sign_holds_on(g, x, a, b, False, depth - 1, allowance, [])
            falling = not rising and _sign_holds_on(-g, x, a, b, False, depth - 1, allowance, [])
            if not (rising or falling):
                return False
        low_end, inside = (a, "+") if rising else (b, "-")
        if low_end in critical:
            at_end: sympy.Expr | None = values[critical.index(low_end)]
        else:
            at_end = end_limit(f, x, low_end, inside)
            if at_end is None:
                return False
            side = "from above" if inside == "+" else "from below"
            notes.append(f"limit of f at {math_text(low_end)} {side} is {math_text(at_end)}")
        assert at_end is not None
        if not (constant_holds(at_end, strict) or (steep and constant_holds(at_end, False))):
            return False
        if allowance.deadline.passed:
            return False
    return True
