"""Polynomial inequalities in several variables, decided by an exact sum-of-squares
certificate: ``value ≥ 0`` (``> 0``) is shown by writing ``value`` as ``Σ d_k·L_k²`` with
rational ``d_k > 0`` (plus a positive constant, for a strict one), found by an LDLᵀ
factorisation of a Gram matrix over the rationals and checked by expanding it back.

The value is read as a polynomial with rational coefficients in its generators: symbols,
and every other part SymPy's ``Poly`` takes as a generator (``log(t)``, ``tanh(x)``,
``1/t``, ``sqrt(t)``). Each generator stands for an arbitrary real number, which is sound:
a polynomial that is nonnegative for every real value of its generators is nonnegative at
every point where the value is defined, whatever ties the generators have. Exponentials of
rational multiples of one argument are written as powers of one positive generator
(``exp(x) = T²`` with ``T = exp(x/2)``), so that ``exp(x) + exp(u) − 2·exp((x + u)/2)``
is the square ``(T − U)²``. A generator known to be positive or nonnegative may also be
written as the square of a real one (``t = s²``), so that ``t³ ≥ 0`` for ``t > 0``.

No floating point: the Gram matrix has rational entries, the factorisation is exact, and
the certificate ``Σ d_k·L_k² (+ c) − value`` is expanded to 0 before it is trusted.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import sympy

from ..notation import math_text
from ..substitution import BINDING
from .symbolic import Proof

MAX_GENERATORS = 8
MAX_DEGREE = 6
MAX_BASIS = 16
Monomial = tuple[int, ...]

METHOD = "sum of squares (exact LDLᵀ of a Gram matrix)"


def prove_polynomial(value: sympy.Expr, strict: bool) -> Proof | None:
    """A proof that ``value ≥ 0`` (``> 0`` when ``strict``) wherever it is defined, or None."""
    if value.has(*BINDING, sympy.Piecewise) or not value.free_symbols:
        return None
    # exp(a + b) = exp(a)·exp(b) first, so that each exponential has one argument
    written, named = _exponentials_as_powers(sympy.expand(value))
    try:
        poly = sympy.Poly(sympy.expand(written))
    except (sympy.PolynomialError, sympy.GeneratorsNeeded, ValueError, TypeError):
        return None
    if not (poly.domain.is_ZZ or poly.domain.is_QQ) or len(poly.gens) > MAX_GENERATORS:
        return None
    if poly.total_degree() > MAX_DEGREE or poly.total_degree() < 1:
        return None
    for squared in (False, True):
        gens: Sequence[sympy.Expr] = poly.gens
        terms = dict(poly.terms())
        if squared:
            roots = [_root_of(g) for g in gens]
            if not any(r is not None for r in roots):
                continue
            terms = {
                tuple(e * (2 if r is not None else 1) for e, r in zip(m, roots, strict=True)): c
                for m, c in terms.items()
            }
            gens = [g if r is None else r for g, r in zip(gens, roots, strict=True)]
        found = _certificate(terms, gens, strict)
        if found is not None:
            return _proof(value, found, named, squared, poly.gens)
    return None


def _exponentials_as_powers(
    value: sympy.Expr,
) -> tuple[sympy.Expr, dict[sympy.Symbol, sympy.Expr]]:
    """Each ``exp(c·a)`` (c rational) as ``T_a**(c·d)``, ``T_a = exp(a/d)`` a positive
    symbol, ``d`` the least common denominator of the c met with the same ``a``."""
    by_argument: dict[sympy.Expr, list[tuple[sympy.Basic, sympy.Rational]]] = {}
    for atom in sorted(value.atoms(sympy.exp), key=sympy.default_sort_key):
        coeff, term = sympy.expand(atom.args[0]).as_coeff_Mul()
        if not coeff.is_Rational:
            coeff, term = sympy.Integer(1), atom.args[0]
        by_argument.setdefault(term, []).append((atom, sympy.Rational(coeff)))
    replacements: dict[sympy.Basic, sympy.Expr] = {}
    named: dict[sympy.Symbol, sympy.Expr] = {}
    for term, uses in by_argument.items():
        d = sympy.ilcm(*(c.q for _, c in uses)) if len(uses) > 1 else uses[0][1].q
        symbol = sympy.Symbol(f"exp({sympy.sstr(term / d)})", positive=True)
        named[symbol] = sympy.exp(term / d)
        for atom, c in uses:
            replacements[atom] = symbol ** int(c * d)
    return (value.xreplace(replacements) if replacements else value), named


def _root_of(generator: sympy.Expr) -> sympy.Symbol | None:
    """A real symbol whose square stands for ``generator``, when it is never negative."""
    if generator.is_nonnegative is True:
        return sympy.Symbol(f"√({sympy.sstr(generator)})", real=True)
    return None


def _basis(terms: dict[Monomial, sympy.Rational], n: int) -> list[Monomial] | None:
    """The monomials m of the Gram matrix: those whose square is a term with a positive
    coefficient, the constant 1 last (every term must then be a product of two of them)."""
    basis = [
        tuple(e // 2 for e in m)
        for m, c in terms.items()
        if c > 0 and all(e % 2 == 0 for e in m) and any(m)
    ]
    basis = sorted(set(basis), reverse=True)
    zero = (0,) * n
    if terms.get(zero, 0) > 0 or any(sum(m) % 2 for m in terms):
        basis.append(zero)
    return basis if 0 < len(basis) <= MAX_BASIS else None


def _gram(
    terms: dict[Monomial, sympy.Rational], basis: list[Monomial]
) -> list[list[sympy.Rational]] | None:
    """A symmetric rational matrix Q with ``mᵀ Q m`` = the polynomial: each term put on the
    diagonal when it is a square of the basis and positive, else split evenly over the
    pairs i ≠ j that give it (a negative cross term is what a square cancels)."""
    size = len(basis)
    q = [[sympy.Rational(0)] * size for _ in range(size)]
    for m, c in terms.items():
        pairs = [
            (i, j)
            for i, j in itertools.product(range(size), repeat=2)
            if tuple(a + b for a, b in zip(basis[i], basis[j], strict=True)) == m
        ]
        if not pairs:
            return None
        diagonal = [(i, j) for i, j in pairs if i == j]
        off = [(i, j) for i, j in pairs if i != j]
        chosen = diagonal if diagonal and (c > 0 or not off) else off
        for i, j in chosen:
            q[i][j] += sympy.Rational(c) / len(chosen)
    return q


def _ldl(q: list[list[sympy.Rational]]) -> list[tuple[sympy.Rational, list[sympy.Rational]]] | None:
    """Q = Σ d_k·l_k·l_kᵀ with every d_k > 0 (exact, pivots in order), or None when Q is not
    positive semidefinite (a negative pivot, or a zero pivot with its row not zero)."""
    a = [row[:] for row in q]
    size = len(a)
    factors: list[tuple[sympy.Rational, list[sympy.Rational]]] = []
    for k in range(size):
        pivot = a[k][k]
        if pivot < 0:
            return None
        if pivot == 0:
            if any(a[k][j] != 0 for j in range(k, size)):
                return None
            continue
        column = [a[i][k] / pivot if i >= k else sympy.Rational(0) for i in range(size)]
        factors.append((pivot, column))
        for i in range(k, size):
            for j in range(k, size):
                a[i][j] -= pivot * column[i] * column[j]
    return factors


def _certificate(
    terms: dict[Monomial, sympy.Rational], gens: Sequence[sympy.Expr], strict: bool
) -> list[tuple[sympy.Rational, sympy.Expr]] | None:
    """``[(d_k, L_k)]`` with Σ d_k·L_k² equal to the polynomial (checked by expanding), and,
    when ``strict``, a last term that is a positive constant."""
    basis = _basis(terms, len(gens))
    if basis is None:
        return None
    q = _gram(terms, basis)
    factors = None if q is None else _ldl(q)
    if factors is None:
        return None
    monomials = [sympy.Mul(*(g**e for g, e in zip(gens, m, strict=True))) for m in basis]
    squares = [
        (d, sympy.Add(*(c * m for c, m in zip(col, monomials, strict=True)))) for d, col in factors
    ]
    polynomial = sympy.Add(
        *(c * sympy.Mul(*(g**e for g, e in zip(gens, m, strict=True))) for m, c in terms.items())
    )
    if sympy.expand(sum((d * s**2 for d, s in squares), sympy.Integer(0)) - polynomial) != 0:
        return None  # never trusted unchecked
    if strict and not (squares and squares[-1][1].is_number and squares[-1][1] != 0):
        return None
    return squares


def _proof(
    value: sympy.Expr,
    squares: list[tuple[sympy.Rational, sympy.Expr]],
    named: dict[sympy.Symbol, sympy.Expr],
    squared: bool,
    gens: Sequence[sympy.Expr],
) -> Proof:
    shown = " + ".join(
        math_text(d * s**2)
        if s.is_number
        else f"{'' if d == 1 else math_text(d) + '·'}({math_text(s)})²"
        for d, s in squares
    )
    notes = [f"{math_text(value)} = {shown}"]
    if named:
        notes.append(f"{', '.join(s.name for s in named)} written as positive generators")
    if squared:
        notes.append("nonnegative generators written as squares of reals")
    others = [g for g in gens if not isinstance(g, sympy.Symbol)]
    if others:
        notes.append(f"{', '.join(math_text(g) for g in others)} taken as arbitrary reals")
    return METHOD, tuple(notes)
