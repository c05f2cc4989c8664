"""Real roots of a formula in one unknown (the other unknowns already at values): exactly
where SymPy can (a polynomial, its polynomial factors, radicals squared away, ``solveset``
briefly on what is left), else numerically (a sign change between sampled values, bisected,
then an exact guess at the root). Every root found here is a candidate: whether it solves
an equation as written is decided exactly by ``solution_sets.holds_at``.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

import mpmath
import sympy
from sympy.solvers.solvers import unrad

from ..domains import contains
from ..model import Domain
from ..substitution import put
from ..timing import Deadline, bounded
from .critical import MAX_DEGREE, bisect
from .numeric import FAST_DPS, evaluate

SOLVE_SECONDS = 0.3  # for SymPy's general solveset on one formula that is not polynomial
MAX_NUMERIC_ROOTS = 4


def polynomial_in(
    expr: sympy.Expr, variable: sympy.Symbol, any_degree: bool = False
) -> sympy.Poly | None:
    """``expr`` as a polynomial in ``variable`` with rational coefficients (its real roots
    are then exact and quick: ``Poly.real_roots``), or None."""
    if not expr.is_polynomial(variable) or expr.free_symbols - {variable}:
        return None
    try:
        polynomial = sympy.Poly(expr, variable)
    except (sympy.polys.polyerrors.PolynomialError, NotImplementedError, ValueError):
        return None
    if polynomial.get_domain() not in (sympy.ZZ, sympy.QQ):
        return None
    if polynomial.degree() > MAX_DEGREE and not any_degree:
        return None
    return polynomial


def real_roots(polynomial: sympy.Poly) -> list[sympy.Expr]:
    """Every real root once, the rational ones first (they are shown more plainly)."""
    if polynomial.degree() <= 0:
        return []
    roots = list(dict.fromkeys(polynomial.real_roots()))
    return sorted(roots, key=lambda r: not r.is_Rational)


def at_algebraic_root(equation: sympy.Eq, point: Mapping[sympy.Basic, sympy.Expr]) -> bool | None:
    """Whether a polynomial equation holds where one symbol is a root ``CRootOf(P, k)`` of
    an irreducible P (as ``Poly.real_roots`` gives them): exactly when P divides it. Decided
    by the greatest common divisor, so a P that is not irreducible gives no wrong answer."""
    algebraic = [(s, v) for s, v in point.items() if isinstance(v, sympy.CRootOf)]
    if len(algebraic) != 1 or not isinstance(algebraic[0][0], sympy.Symbol):
        return None
    variable, root = algebraic[0]
    rest = {k: v for k, v in point.items() if k != variable}
    lhs, rhs = put(equation.lhs, rest), put(equation.rhs, rest)
    if not (lhs.is_polynomial(variable) and rhs.is_polynomial(variable)):
        return None
    polynomial = polynomial_in(sympy.expand(lhs - rhs), variable, any_degree=True)
    if polynomial is None:
        return None
    if polynomial.is_zero:
        return True
    minimal = sympy.Poly(root.poly.as_expr(variable), variable)
    common = sympy.gcd(polynomial, minimal)
    if common.degree() == minimal.degree():
        return True
    if common.degree() == 0:
        return False
    return None


def radical_free(expr: sympy.Expr, variable: sympy.Symbol) -> sympy.Poly | None:
    """A polynomial whose roots include every real root of ``expr`` (SymPy's ``unrad``
    squares radicals away), or None."""
    if not expr.has(sympy.Pow) or expr.free_symbols - {variable}:
        return None
    try:
        freed = unrad(expr, variable)
    except (NotImplementedError, ValueError, TypeError, sympy.polys.polyerrors.PolynomialError):
        return None
    if freed is None or freed[1]:
        return None
    return polynomial_in(sympy.expand(freed[0]), variable)


def inside(domain: Domain, value: sympy.Expr) -> bool | None:
    """Whether an exact number lies in the domain; None where that cannot be decided."""
    if value.is_real is False:
        return False
    if value.is_real is not True:
        return None
    try:
        return contains(domain, value)
    except TypeError:  # a comparison SymPy cannot decide
        return None


def exact_roots(
    difference: sympy.Expr, variable: sympy.Symbol, domain: Domain, deadline: Deadline
) -> tuple[list[sympy.Expr], bool]:
    """Exact real numbers among which lies every root of ``difference`` (a formula in
    ``variable`` alone) in the domain, and whether that is certain (False: some part of
    it could not be solved, and the roots found are only some of them). Numbers that are
    certainly outside the domain are left out."""
    if difference.free_symbols - {variable}:
        return [], False
    roots, complete = _candidates(difference, variable, domain, deadline)
    kept = [r for r in dict.fromkeys(roots) if inside(domain, r) is not False]
    return kept, complete


def _candidates(
    difference: sympy.Expr, variable: sympy.Symbol, domain: Domain, deadline: Deadline
) -> tuple[list[sympy.Expr], bool]:
    if difference.is_number:
        return [], difference != 0 and difference.is_finite is True
    whole = polynomial_in(sympy.expand(difference), variable)
    if whole is not None:
        return real_roots(whole), True
    # Polynomial factors of the difference (x·(eˣ − x − 8): its root x = 0), then the
    # radicals of what is left squared away, or SymPy's solveset on it, briefly.
    found: list[sympy.Expr] = []
    rest: list[sympy.Expr] = []
    numerator, _ = sympy.fraction(sympy.together(difference))
    for factor in sympy.Mul.make_args(sympy.factor_terms(numerator)):
        base = factor.base if factor.is_Pow and factor.exp.is_positive else factor
        if variable not in base.free_symbols:
            continue
        polynomial = polynomial_in(sympy.expand(base), variable)
        if polynomial is not None:
            found += real_roots(polynomial)
        else:
            rest.append(base)
    complete = True
    for factor in rest:
        freed = radical_free(factor, variable)
        if freed is not None:
            found += real_roots(freed)
            continue
        solved = _solveset(factor, variable, domain, deadline)
        if solved is None:
            complete = False
        else:
            found += solved
    return found, complete


def _solveset(
    factor: sympy.Expr, variable: sympy.Symbol, domain: Domain, deadline: Deadline
) -> list[sympy.Expr] | None:
    """The real roots of ``factor`` in the domain by SymPy's solveset, if it gives them
    as a short finite set within the time left; else None."""
    if deadline.passed:
        return None
    solved: sympy.Set | None = None
    if domain.values is not None:
        interval: sympy.Set = sympy.FiniteSet(*domain.values)
    else:
        interval = sympy.Interval(domain.lo, domain.hi, domain.lo_open, domain.hi_open)
    with bounded(min(SOLVE_SECONDS, deadline.left)):
        try:
            solved = sympy.solveset(factor, variable, domain=interval)
        except Exception:  # solveset gives up in many ways; no roots from it then
            return None
    if solved is sympy.S.EmptySet:
        return []
    if not isinstance(solved, sympy.FiniteSet) or len(solved) > 8:
        return None
    return [r for r in solved if r.is_real is not False]


def numeric_roots(
    difference: sympy.Expr,
    variable: sympy.Symbol,
    grid: Sequence[sympy.Expr],
    domain: Domain,
    deadline: Deadline,
) -> list[sympy.Expr]:
    """Exact guesses at the real roots of ``difference`` (in ``variable`` alone) where its
    sign changes between neighbouring values of ``grid``: the root bisected numerically,
    then the simplest exact number at it. Candidates only: each is checked exactly."""
    values = []
    near = [sympy.Rational(k, 4) for k in range(-40, 41)]  # small roots first, not 10**5·π
    ordered = sorted({*grid, *(v for v in near if inside(domain, v))}, key=lambda v: float(v))
    for value in ordered:
        y = evaluate(difference, {variable: value}, FAST_DPS)
        values.append(y if isinstance(y, mpmath.mpf) else None)
    roots: list[sympy.Expr] = []
    pairs = sorted(
        itertools.pairwise(zip(ordered, values, strict=True)),
        key=lambda pair: min(abs(pair[0][0]), abs(pair[1][0])),  # the smallest roots first
    )
    for (lo, y_lo), (hi, y_hi) in pairs:
        if deadline.passed or len(roots) >= MAX_NUMERIC_ROOTS:
            break
        if y_lo is None or y_hi is None or y_lo == 0 or y_hi == 0 or (y_lo > 0) == (y_hi > 0):
            continue
        root = bisect(difference, variable, lo, hi, y_lo > 0, steps=100)
        if root is not None:
            roots += [g for g in _guesses(root) if inside(domain, g) is True]
    return roots


GUESS_CONSTANTS = (sympy.pi, sympy.E, sympy.sqrt(2), sympy.sqrt(3), sympy.log(2))


def _guesses(root: mpmath.mpf) -> list[sympy.Expr]:
    """Exact numbers at a numeric root: a simple rational, or one times a constant that
    roots of the usual functions have (π for the trigonometric ones). Guesses only: each
    is checked exactly where it is used."""
    value = sympy.Float(root, FAST_DPS)
    tolerance = 10.0 ** (-15) * max(1.0, abs(float(root)))
    for constant in (sympy.Integer(1), *GUESS_CONSTANTS):
        ratio = sympy.nsimplify(
            value / constant.evalf(FAST_DPS), rational=True, tolerance=tolerance
        )
        if ratio.is_Rational and ratio.q < 1000 and abs(ratio.p) < 10**9:
            return [ratio * constant]
    return []
