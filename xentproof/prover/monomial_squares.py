"""Polynomial inequalities in several variables (after clearing a positive denominator), by
an exact certificate of nonnegative terms: ``P ≥ 0`` is shown by writing P as

    Σ c_k·m_k·(u_k ± v_k)²  +  Σ d_j·n_j,        c_k, d_j ≥ 0 rational,

where m_k, n_j are monomials that are ≥ 0 on the declared domains (a variable declared
real only to an even power; a positive or nonnegative one to any power) and u_k, v_k are
monomials (1 included). This is the cone in which the textbook proofs of AM-GM for three
cubes (a³ + b³ + c³ − 3abc = ½·Σ a·(b − c)² + …), Nesbitt's inequality after clearing
denominators (Σ (a + b)·(a − b)²) and x⁴ + y⁴ + z⁴ ≥ xyz(x + y + z) (½·Σ (x² − y²)² +
½·Σ x²·(y − z)²) live, and where an LDLᵀ of one fixed Gram matrix (``polynomial``) may miss.

The coefficients are found by an exact phase-one simplex over the rationals (Bland's rule,
``fractions.Fraction``: no floating point anywhere), and the identity Σ … − P = 0 is
expanded by SymPy before it is trusted. A value ``N/D`` is cleared of its denominator when
D is shown > 0 on the domains by its own form (a polynomial with positive coefficients in
positive variables, or a positive constant term in nonnegative ones). The method never
refutes, and a strict relation is left to the other methods.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from fractions import Fraction

import sympy

from ..notation import math_text
from .declared import DomainInfo
from .symbolic import Proof

Monomial = tuple[int, ...]
MAX_VARIABLES = 4
MAX_DEGREE = 6
MAX_COLUMNS = 400
MAX_ROWS = 80
MAX_PIVOTS = 300
METHOD = "nonnegative combination of monomials times squares (exact simplex)"


def prove_by_monomial_squares(
    value: sympy.Expr, strict: bool, infos: Mapping[sympy.Basic, DomainInfo]
) -> Proof | None:
    """A proof that ``value ≥ 0`` on the declared domains, or None."""
    variables = polynomial_variables(value, strict, infos)
    if variables is None:
        return None
    symbols, signs = variables
    try:
        value, symbols, roots = _roots_taken(value, symbols, signs)
        numerator, denominator = sympy.fraction(sympy.together(value))
        cleared = _cleared(numerator, denominator, symbols, signs)
        if cleared is None:
            return None
        poly = sympy.Poly(sympy.expand(cleared[0]), *symbols)
    except (sympy.PolynomialError, ValueError, TypeError):
        return None
    if not poly.domain.is_QQ and not poly.domain.is_ZZ:
        return None
    if poly.is_zero or poly.total_degree() > MAX_DEGREE:
        return None
    terms = {m: Fraction(int(c.p), int(c.q)) for m, c in poly.terms()}
    found = _certificate(terms, signs, poly.total_degree())
    if found is None:
        return None
    shown = _checked(found, symbols, poly.as_expr())
    if shown is None:
        return None
    notes = [*roots, f"{math_text(poly.as_expr())} = {shown}"]
    if cleared[1] != 1:
        notes.insert(0, f"multiplied by the denominator {math_text(cleared[1])} > 0")
    return METHOD, tuple(notes)


def _roots_taken(
    value: sympy.Expr, symbols: list[sympy.Symbol], signs: Sequence[str]
) -> tuple[sympy.Expr, list[sympy.Symbol], list[str]]:
    """Each variable v ≥ 0 raised to rational powers with denominators of least common
    multiple L > 1 written as w^L, w ≥ 0 (v ↦ v^(1/L) maps [0, ∞) and (0, ∞) onto
    themselves, so the value is ≥ 0 for every v when it is for every w): (abc)^(1/3) of
    positive a, b, c as stu. The value, its variables, and the substitutions made."""
    # each nonnegative variable with its sign as SymPy's assumption, so that (abc)^(1/3) is
    # a^(1/3)·b^(1/3)·c^(1/3)
    signed = {
        v: sympy.Symbol(v.name, **_assumed(sign))
        for v, sign in zip(symbols, signs, strict=True)
        if sign != "real" and not (v.is_nonnegative and (sign != "positive" or v.is_positive))
    }
    if signed:
        value = value.xreplace(signed)
        symbols = [signed.get(v, v) for v in symbols]
    value = sympy.expand_power_base(value)
    replaced: dict[sympy.Basic, sympy.Expr] = {}
    renamed = list(symbols)
    notes: list[str] = []
    for n, (v, sign) in enumerate(zip(symbols, signs, strict=True)):
        if sign == "real":
            continue
        powers = [p.exp for p in value.atoms(sympy.Pow) if p.base == v]
        if not powers or not all(e.is_Rational for e in powers):
            continue
        common = sympy.ilcm(1, 1, *(sympy.Rational(e).q for e in powers))
        if common == 1:
            continue
        root = sympy.Symbol(f"{v.name}_root", **_assumed(sign))
        replaced[v] = root**common
        renamed[n] = root
        order = ">" if sign == "positive" else "≥"
        notes.append(f"{math_text(v)} = {math_text(root**common)}, {math_text(root)} {order} 0")
    if not replaced:
        return value, symbols, []  # the variables renamed keep their names
    return sympy.expand_power_base(value.xreplace(replaced)), renamed, notes


def _assumed(sign: str) -> dict[str, bool]:
    """SymPy's assumption for a variable of that sign (never ``positive=False``, which
    would say the variable is 0)."""
    return {"positive": True} if sign == "positive" else {"nonnegative": True}


def polynomial_variables(
    value: sympy.Expr, strict: bool, infos: Mapping[sympy.Basic, DomainInfo]
) -> tuple[list[sympy.Symbol], list[str]] | None:
    """The declared symbols of a nonstrict inequality ``value ≥ 0`` in a few plain
    variables (no sum, product or family member), in name order, with what each power of
    each may be (``_sign_of``); None where the certificates here do not apply."""
    if strict or not value.free_symbols or value.has(sympy.Sum, sympy.Product, sympy.Indexed):
        return None
    symbols = sorted(value.free_symbols, key=str)
    if len(symbols) > MAX_VARIABLES or not all(
        isinstance(s, sympy.Symbol) and s in infos for s in symbols
    ):
        return None
    return symbols, [_sign_of(infos[s]) for s in symbols]


def _sign_of(info: DomainInfo) -> str:
    """'positive', 'nonnegative' or 'real': what each power of the variable may be."""
    domain = info.domain
    if domain.values is not None:
        if all(v.is_positive for v in domain.values):
            return "positive"
        return "nonnegative" if all(v.is_nonnegative for v in domain.values) else "real"
    lo = domain.lo
    if lo.is_finite and (lo > 0 or (lo == 0 and (domain.lo_open or domain.nonzero))):
        return "positive"
    if lo.is_finite and lo >= 0:
        return "nonnegative"
    return "real"


def _cleared(
    numerator: sympy.Expr, denominator: sympy.Expr, symbols: Sequence[sympy.Symbol],
    signs: Sequence[str],
) -> tuple[sympy.Expr, sympy.Expr] | None:  # fmt: skip
    """The numerator, times −1 when the denominator is negative, and the denominator; None
    when the denominator's sign is not shown by its form."""
    if denominator == 1:
        return numerator, denominator
    d = sympy.Poly(sympy.expand(denominator), *symbols)
    if not (d.domain.is_ZZ or d.domain.is_QQ):
        return None
    coefficients = d.coeffs()
    for sign in (1, -1):
        if all(sign * c > 0 for c in coefficients) and _positive(d, signs, sign):
            return sign * numerator, sign * denominator
    return None


def _positive(d: sympy.Poly, signs: Sequence[str], sign: int) -> bool:
    """A polynomial whose coefficients all have the sign ``sign`` is nonzero: every
    variable positive, or a constant term (the rest then ≥ 0 in nonnegative variables)."""
    if any(s == "real" for s, used in zip(signs, d.degree_list(), strict=True) if used):
        return False
    constant = d.as_dict().get((0,) * len(signs), 0)
    if constant != 0:
        return True
    return all(s == "positive" for s, used in zip(signs, d.degree_list(), strict=True) if used)


def _monomials(n: int, degree: int) -> list[Monomial]:
    return [
        m for total in range(degree + 1) for m in itertools.product(range(total + 1), repeat=n)
        if sum(m) == total
    ]  # fmt: skip


def _nonnegative(m: Monomial, signs: Sequence[str]) -> bool:
    return all(e % 2 == 0 or s != "real" for e, s in zip(m, signs, strict=True))


def _add(*ms: Monomial) -> Monomial:
    return tuple(sum(es) for es in zip(*ms, strict=True))


Column = tuple[str, Monomial, Monomial, Monomial, int]  # (kind, m, u, v, sign of ± v)


def _columns(terms: Mapping[Monomial, Fraction], signs: Sequence[str], degree: int) -> list[Column]:
    """The candidate terms, each inside the box of the exponents P uses (a term of P's
    certificate cannot reach past it: the squares' leading monomials do not cancel)."""
    n = len(signs)
    top = [max(m[i] for m in terms) for i in range(n)]
    low = [min(m[i] for m in terms) for i in range(n)]
    homogeneous = len({sum(m) for m in terms}) == 1

    def inside(m: Monomial) -> bool:
        return all(low[i] <= m[i] <= top[i] for i in range(n))

    columns: list[Column] = []
    zero = (0,) * n
    every = _monomials(n, degree)
    for m in every:
        if inside(m) and _nonnegative(m, signs) and (not homogeneous or sum(m) == degree):
            columns.append(("monomial", m, zero, zero, 0))
    half = _monomials(n, degree // 2)
    for u, v in itertools.combinations(half, 2):
        if any(a and b for a, b in zip(u, v, strict=True)):
            continue  # a common factor belongs to the multiplier
        for m in every:
            if not _nonnegative(m, signs):
                continue
            ends = (_add(m, u, u), _add(m, v, v))
            if sum(ends[0]) > degree or sum(ends[1]) > degree or not all(map(inside, ends)):
                continue
            if homogeneous and not sum(ends[0]) == sum(ends[1]) == degree:
                continue
            for sign in (-1, 1):
                columns.append(("square", m, u, v, sign))
                if len(columns) > MAX_COLUMNS:
                    return []
    return columns


def _expanded(column: Column) -> dict[Monomial, Fraction]:
    kind, m, u, v, sign = column
    if kind == "monomial":
        return {m: Fraction(1)}
    out: dict[Monomial, Fraction] = {}
    for mono, c in ((_add(m, u, u), 1), (_add(m, v, v), 1), (_add(m, u, v), 2 * sign)):
        out[mono] = out.get(mono, Fraction(0)) + c
    return out


def _certificate(
    terms: Mapping[Monomial, Fraction], signs: Sequence[str], degree: int
) -> list[tuple[Fraction, Column]] | None:
    columns = _columns(terms, signs, degree)
    if not columns:
        return None
    expansions = [_expanded(c) for c in columns]
    rows = sorted(set(terms) | {m for e in expansions for m in e})
    if len(rows) > MAX_ROWS:
        return None
    matrix = [[e.get(r, Fraction(0)) for e in expansions] for r in rows]
    target = [terms.get(r, Fraction(0)) for r in rows]
    solution = _feasible(matrix, target)
    if solution is None:
        return None
    return [(c, column) for c, column in zip(solution, columns, strict=True) if c != 0]


def _feasible(a: list[list[Fraction]], b: list[Fraction]) -> list[Fraction] | None:
    """x ≥ 0 with a·x = b, by phase one of the simplex method (Bland's rule), or None
    (also when MAX_PIVOTS run out: nothing is proved then)."""
    rows, cols = len(a), len(a[0])
    tableau = []
    for i in range(rows):
        flip = -1 if b[i] < 0 else 1
        artificial = [Fraction(1 if j == i else 0) for j in range(rows)]
        tableau.append([flip * x for x in a[i]] + artificial + [flip * b[i]])
    basis = [cols + i for i in range(rows)]
    # the objective: the sum of the artificial variables, written in the nonbasic ones
    cost = [-sum((tableau[i][j] for i in range(rows)), Fraction(0)) for j in range(cols + rows + 1)]
    for i in range(rows):
        cost[cols + i] = Fraction(0)
    for _ in range(MAX_PIVOTS):
        entering = next((j for j in range(cols + rows) if cost[j] < 0), None)
        if entering is None:
            break
        ratios = [
            (tableau[i][-1] / tableau[i][entering], basis[i], i)
            for i in range(rows)
            if tableau[i][entering] > 0
        ]
        if not ratios:
            return None
        _, _, leaving = min(ratios)
        pivot = tableau[leaving][entering]
        tableau[leaving] = [x / pivot for x in tableau[leaving]]
        for i in range(rows):
            factor = tableau[i][entering]
            if i != leaving and factor != 0:
                row = tableau[leaving]
                tableau[i] = [x - factor * y for x, y in zip(tableau[i], row, strict=True)]
        factor = cost[entering]
        cost = [x - factor * y for x, y in zip(cost, tableau[leaving], strict=True)]
        basis[leaving] = entering
    else:
        return None
    if cost[-1] != 0:
        return None  # the artificial variables cannot all be 0: no certificate here
    x = [Fraction(0)] * cols
    for i, j in enumerate(basis):
        if j < cols:
            x[j] = tableau[i][-1]
        elif tableau[i][-1] != 0:
            return None
    return x


def _checked(
    found: list[tuple[Fraction, Column]], symbols: Sequence[sympy.Symbol], poly: sympy.Expr
) -> str | None:
    """The certificate as text, once Σ … − P expands to 0 (never trusted unchecked)."""

    def mono(m: Monomial) -> sympy.Expr:
        return sympy.Mul(*(s**e for s, e in zip(symbols, m, strict=True)))

    parts: list[sympy.Expr] = []
    shown: list[str] = []
    for c, (kind, m, u, v, sign) in found:
        if c < 0:
            return None
        weight = sympy.Rational(c.numerator, c.denominator)
        if kind == "monomial":
            parts.append(weight * mono(m))
            shown.append(math_text(weight * mono(m)))
            continue
        square = (mono(u) + sign * mono(v)) ** 2
        parts.append(weight * mono(m) * square)
        factor = weight * mono(m)
        base = math_text(mono(u) + sign * mono(v))
        shown.append(f"{'' if factor == 1 else math_text(factor) + '·'}({base})²")
    if sympy.expand(sympy.Add(*parts) - poly) != 0:
        return None
    return " + ".join(shown)
