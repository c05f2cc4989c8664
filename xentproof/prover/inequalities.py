"""The cascade's stage for inequalities that canonical forms do not settle, by methods that
decide their class exactly:

- termwise comparison of sums: Σ_i a_i − Σ_i b_i over the same range is Σ_i (a_i − b_i),
  ≥ 0 when every term is, for every index of the range (the index an integer from the
  lower bound on, the family members arbitrary members), proved by the whole cascade; the
  terms outside the sums must be ≥ 0 on their own;
- polynomials in several variables: an exact sum-of-squares certificate (``polynomial``),
  or a nonnegative combination of monomials times squares (``monomial_squares``), or
  weighted AM-GM on the monomials of one with a single negative term (``am_gm``);
- one variable on its declared interval: a chain of derivatives with an interval enclosure
  (``intervals``), then derivatives and convexity (``convexity``);
- several variables: one-variable parts bounded each, or two real variables shifted
  y = x − t with a Max/Min split on the sign of t (``separated``);
- several variables: the first-derivative test in one of them (``minimum``).

Each finite case of the finite-set symbols is proved on its own. Each method says why a
relation holds or returns None; none of them ever refutes.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy

from ..model import Domain
from ..notation import math_text
from ..result import Verdict
from ..substitution import put
from .am_gm import prove_by_am_gm
from .cases import Case
from .convexity import prove_on_domain
from .declared import DomainInfo, members_as_symbols
from .exp_substitution import prove_through_exp
from .intervals import prove_one_variable
from .minimum import prove_by_minimum
from .monomial_squares import prove_by_monomial_squares
from .one_variable_pieces import prove_by_pieces
from .outcome import Attempt, Prover
from .polynomial import prove_polynomial
from .separated import prove_separated, prove_shifted
from .symbolic import Proof

CasesProof = tuple[str, list[str]]
MAX_SUMS = 4


def oriented(relation: str, lhs: sympy.Expr, rhs: sympy.Expr) -> tuple[sympy.Expr, bool] | None:
    """The value that must be ≥ 0 (> 0 when strict) for ``lhs REL rhs``, and whether strict."""
    if relation in ("<", "<="):
        return rhs - lhs, relation == "<"
    if relation in (">", ">="):
        return lhs - rhs, relation == ">"
    return None


def prove_inequality(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    finite: list[Case],
    infos: Mapping[sympy.Basic, DomainInfo],
) -> CasesProof | None:
    """Every finite case by a sum-of-squares certificate or, in one variable, by its
    derivatives on the declared interval; the method and side conditions, or None."""
    methods: list[str] = []
    conditions: list[str] = []
    for case in finite:
        a, b = put(lhs, case.substitution), put(rhs, case.substitution)
        side = oriented(relation, a, b)
        if side is None:
            return None
        found = _one_case(side[0], side[1], infos)
        if found is None:
            return None
        methods.append(found[0])
        conditions.extend(found[1])
        if case.substitution:
            conditions.append("case " + ", ".join(case.labels))
    return ", ".join(dict.fromkeys(methods)), conditions


def _one_case(
    value: sympy.Expr, strict: bool, infos: Mapping[sympy.Basic, DomainInfo]
) -> Proof | None:
    if value.has(sympy.Sum, sympy.Product, sympy.Indexed):
        return None
    found = (
        prove_polynomial(value, strict)
        or prove_by_monomial_squares(value, strict, infos)
        or prove_by_am_gm(value, strict, infos)
    )
    if found is not None:
        return found
    if len(value.free_symbols) == 1:
        (symbol,) = value.free_symbols
        info = infos.get(symbol)
        if isinstance(symbol, sympy.Symbol) and info is not None:
            return (
                _one_variable(value, strict, symbol, info.domain)
                or prove_by_pieces(value, strict, symbol, info.domain)
                or prove_through_exp(value, strict, symbol, info.domain)
            )
    return (
        prove_separated(value, strict, infos)
        or prove_shifted(value, strict, infos)
        or prove_by_minimum(value, strict, infos)
    )


def _one_variable(
    value: sympy.Expr, strict: bool, symbol: sympy.Symbol, domain: Domain
) -> Proof | None:
    """The one-variable methods on the value; then, for a quotient N/D whose denominator
    SymPy's assumptions show positive (1 + h with h ≥ 0), on the numerator N: N/D and N
    have the same sign (1/(1 + h) − e^(−h) as 1 − (1 + h)·e^(−h), which rises from 0)."""
    found = prove_one_variable(value, strict, symbol, domain) or prove_on_domain(
        value, strict, symbol, domain
    )
    if found is not None:
        return found
    numerator, denominator = sympy.fraction(sympy.together(value))
    if denominator.is_number or denominator.is_positive is not True:
        return None
    cleared = prove_one_variable(numerator, strict, symbol, domain) or prove_on_domain(
        numerator, strict, symbol, domain
    )
    if cleared is None:
        return None
    note = f"multiplied by {math_text(denominator)} > 0: {math_text(numerator)}"
    return cleared[0], (note, *cleared[1])


def termwise_inequality(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    prove: Prover,
) -> Proof | None:
    """Σ (a_i − b_i) ≥ 0 over each range by its terms, and what lies outside the sums ≥ 0,
    each by the whole cascade (``prove``); None when a part is not proved."""
    side = oriented(relation, lhs, rhs)
    if side is None:
        return None
    value, strict = side
    try:
        by_range, rest = _sums_by_range(sympy.expand(value))
    except (NotImplementedError, ValueError, TypeError):
        return None
    if by_range is None or not by_range or len(by_range) > MAX_SUMS:
        return None
    conditions: list[str] = []
    for (index, lo, hi), summand in by_range.items():
        term, extended = _arbitrary_term(summand, index, lo, infos)
        inner = prove(">=", term, sympy.Integer(0), extended, Attempt())
        if inner.verdict is not Verdict.PROVED:
            return None
        conditions.append(
            f"each term {math_text(summand)} ≥ 0 for every {math_text(index)} from "
            f"{math_text(lo)} to {math_text(hi)}: {inner.method}"
        )
        conditions.extend(inner.conditions)
    if rest != 0 or strict:
        outside = prove(">" if strict else ">=", rest, sympy.Integer(0), infos, Attempt())
        if outside.verdict is not Verdict.PROVED:
            return None
        conditions.append(
            f"the rest {math_text(rest)} {'>' if strict else '≥'} 0: {outside.method}"
        )
        conditions.extend(outside.conditions)
    return "termwise comparison of sums", tuple(dict.fromkeys(conditions))


def _sums_by_range(
    value: sympy.Expr,
) -> tuple[dict[tuple[sympy.Basic, sympy.Expr, sympy.Expr], sympy.Expr] | None, sympy.Expr]:
    """The terms of ``value`` joined by the range of their sum (a coefficient free of the
    index goes inside), and the terms outside every sum; None when a term holds a sum
    some other way (a product of sums, a sum inside a function)."""
    by_range: dict[tuple[sympy.Basic, sympy.Expr, sympy.Expr], sympy.Expr] = {}
    rest = sympy.Integer(0)
    for term in sympy.Add.make_args(value):
        if not term.has(sympy.Sum):
            rest += term
            continue
        coefficient, sums = term.as_independent(sympy.Sum, as_Add=False)
        if not isinstance(sums, sympy.Sum):
            return None, rest
        # the outermost range; the inner sums are the term, compared on their own
        index, lo, hi = sums.limits[-1]
        inner = sums.function
        if len(sums.limits) > 1:
            inner = sympy.Sum(sums.function, *sums.limits[:-1])
        if coefficient.has(index, sympy.Sum, sympy.Product):
            return None, rest
        key = (index, lo, hi)
        by_range[key] = by_range.get(key, sympy.Integer(0)) + coefficient * inner
    return by_range, rest


def _arbitrary_term(
    summand: sympy.Expr,
    index: sympy.Basic,
    lo: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
) -> tuple[sympy.Expr, Mapping[sympy.Basic, DomainInfo]]:
    return at_arbitrary_indices(summand, {index: f"{getattr(index, 'name', index)}_"}, lo, infos)


def at_arbitrary_indices(
    summand: sympy.Expr,
    indices: Mapping[sympy.Basic, str],
    lo: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
) -> tuple[sympy.Expr, Mapping[sympy.Basic, DomainInfo]]:
    """The term at arbitrary indices of the range (each index to a symbol of the name
    given): an integer from ``lo`` on when ``lo`` is an integer number, any integer
    otherwise (more than the range: sound), each family member an arbitrary member of its
    family."""
    if lo.is_Integer:
        domain = Domain(text=f"integer ≥ {lo}", lo=lo, lo_open=False, integer=True)
        sign = {"positive": True} if lo >= 1 else {"nonnegative": True} if lo == 0 else {}
    else:
        domain = Domain(text="integer", integer=True)
        sign = {}
    symbols = {index: sympy.Symbol(name, integer=True, **sign) for index, name in indices.items()}
    term, extended = members_as_symbols(sympy.expand(summand.xreplace(symbols)), infos)
    extended = dict(extended)
    for symbol in symbols.values():
        extended[symbol] = DomainInfo(symbol, symbol.name, domain)
    return term, extended
