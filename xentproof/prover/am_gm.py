"""Polynomial inequalities with one negative term, by the weighted AM-GM inequality on its
monomials (the proof of Motzkin's x⁴y² + x²y⁴ + 1 ≥ 3x²y², which no sum of squares
gives): for P = Σ_i a_i·x^(α_i) − c·x^β with every a_i > 0, every x^(α_i) ≥ 0 on the
declared domains, and weights λ_i ≥ 0 with Σ λ_i = 1 and Σ λ_i·α_i = β,

    Σ_i a_i·x^(α_i) ≥ Σ_(λ_i > 0) λ_i·(a_i·x^(α_i)/λ_i) ≥ Π_(λ_i > 0) (a_i/λ_i)^(λ_i)·|x^β|,

so P ≥ 0 when c ≤ Π (a_i/λ_i)^(λ_i) (c ≤ 0 needs nothing). The weights are found by the
exact simplex of ``monomial_squares`` and the comparison is exact: c^L ≤ Π (a_i/λ_i)^(λ_i·L)
with L the common denominator of the weights, in rational numbers. No floating point; it
never refutes, and a strict relation is left to the other methods.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from math import lcm

import sympy

from ..notation import math_text
from .declared import DomainInfo
from .monomial_squares import MAX_DEGREE, _feasible, _nonnegative, polynomial_variables
from .symbolic import Proof

METHOD = "weighted AM-GM on the monomials (exact weights)"
MAX_EXPONENT = 24  # of the common denominator of the weights


def prove_by_am_gm(
    value: sympy.Expr, strict: bool, infos: Mapping[sympy.Basic, DomainInfo]
) -> Proof | None:
    """A proof that ``value ≥ 0`` on the declared domains, or None."""
    variables = polynomial_variables(value, strict, infos)
    if variables is None:
        return None
    symbols, signs = variables
    try:
        poly = sympy.Poly(sympy.expand(value), *symbols)
    except (sympy.PolynomialError, ValueError, TypeError):
        return None
    if not (poly.domain.is_ZZ or poly.domain.is_QQ) or poly.total_degree() > MAX_DEGREE:
        return None
    terms = {m: Fraction(int(c.p), int(c.q)) for m, c in poly.terms()}
    negative = [m for m, c in terms.items() if c < 0]
    positive = [m for m, c in terms.items() if c > 0]
    if len(negative) != 1 or len(positive) < 2:
        return None
    if not all(_nonnegative(m, signs) for m in positive):
        return None
    (beta,) = negative
    rows = [[Fraction(m[k]) for m in positive] for k in range(len(symbols))]
    rows.append([Fraction(1)] * len(positive))
    weights = _feasible(rows, [Fraction(e) for e in beta] + [Fraction(1)])
    if weights is None:
        return None
    c = -terms[beta]
    used = [(terms[m], w, m) for m, w in zip(positive, weights, strict=True) if w > 0]
    common = lcm(*(w.denominator for _, w, _ in used))
    if common > MAX_EXPONENT:
        return None
    bound = Fraction(1)
    for a, w, _ in used:
        bound *= (a / w) ** int(w * common)
    if c**common > bound:
        return None

    def mono(m: tuple[int, ...]) -> sympy.Expr:
        return sympy.Mul(*(s**e for s, e in zip(symbols, m, strict=True)))

    shown = ", ".join(
        f"{math_text(mono(m))} with weight {math_text(sympy.Rational(w.numerator, w.denominator))}"
        for _, w, m in used
    )
    return METHOD, (
        f"{math_text(poly.as_expr())}: AM-GM on {shown}, whose weighted mean of exponents is "
        f"that of {math_text(mono(beta))}; {math_text(sympy.Rational(c.numerator, c.denominator))}"
        f"^{common} ≤ Π (a/λ)^(λ·{common})",
    )
