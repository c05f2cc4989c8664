"""The symbolic stages of the cascade, case by case: every case of the finite-set symbols,
and in each the pieces of its intervals (cut at the break points of Abs/Max/Min/Piecewise,
and written through positive symbols when ``reparametrise``), proved by canonical forms
(``by_canonical_forms``) or, once those failed, by calculus and sign splits
(``by_calculus_or_split``). Each gives the method and the side conditions of a proof of
every case, or None.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy

from ..substitution import put
from .calculus_or_split import calculus_or_split
from .cases import Case, TooManyCases, interval_cases
from .declared import DomainInfo
from .symbolic import METHOD_CONDITIONS, prove_sign, prove_zero

CasesProof = tuple[str, list[str]]  # of every case: the methods used, joined; side conditions


class CaseSplits:
    """Each case of the finite-set symbols with the sides substituted, and the interval
    cases of those sides, made once for all stages (cutting at break points solves
    equations; only ``thorough`` differs between the last two stages)."""

    def __init__(
        self,
        lhs: sympy.Expr,
        rhs: sympy.Expr,
        finite: list[Case],
        infos: Mapping[sympy.Basic, DomainInfo],
    ) -> None:
        self.lhs, self.rhs, self.finite, self.infos = lhs, rhs, finite, infos
        self._prepared: dict[tuple[int, bool], tuple[sympy.Expr, sympy.Expr, list[Case]]] = {}

    def __len__(self) -> int:
        return len(self.finite)

    def get(self, k: int, reparametrise: bool) -> tuple[sympy.Expr, sympy.Expr, list[Case]]:
        """The sides in finite case ``k``, and their interval cases (``TooManyCases``)."""
        if (k, reparametrise) not in self._prepared:
            a = put(self.lhs, self.finite[k].substitution)
            b = put(self.rhs, self.finite[k].substitution)
            self._prepared[k, reparametrise] = (
                a,
                b,
                interval_cases([a, b], self.infos, reparametrise=reparametrise),
            )
        return self._prepared[k, reparametrise]

    def same_when_reparametrised(self) -> bool:
        """Whether writing intervals through positive symbols changes no case at all."""
        try:
            return all(self.get(k, True)[2] == self.get(k, False)[2] for k in range(len(self)))
        except TooManyCases:
            return False


def canonical_proof(relation: str, lhs: sympy.Expr, rhs: sympy.Expr, thorough: bool) -> str | None:
    """The name of the canonical form that shows ``lhs REL rhs`` for one case, or None."""
    if relation == "=":
        return prove_zero(lhs - rhs, thorough=thorough)
    if relation in ("<", "<="):
        return prove_sign(rhs - lhs, strict=relation == "<", thorough=thorough)
    return prove_sign(lhs - rhs, strict=relation == ">", thorough=thorough)


def _cases_note(cases: list[Case]) -> list[str]:
    """The interval cases of a proof in words, when there are several."""
    if len(cases) <= 1:
        return []
    return ["cases " + "; ".join(" and ".join(c.labels) for c in cases if c.labels)]


def _every_case(
    relation: str, lhs: sympy.Expr, rhs: sympy.Expr, cases: list[Case], thorough: bool
) -> tuple[list[str], list[str]] | None:
    """Prove every case; the methods used and the side conditions, or None."""
    methods: list[str] = []
    conditions: list[str] = []
    for case in cases:
        a = put(lhs, case.substitution) if case.substitution else lhs
        b = put(rhs, case.substitution) if case.substitution else rhs
        method = canonical_proof(relation, a, b, thorough)
        if method is None:
            return None
        methods.append(method)
        conditions.extend(case.conditions)
        if method in METHOD_CONDITIONS:
            conditions.append(METHOD_CONDITIONS[method])
    return methods, conditions


def by_canonical_forms(
    relation: str, splits: CaseSplits, reparametrise: bool, thorough: bool
) -> CasesProof | None:
    """Every case by a canonical form (``simplify`` among them when ``thorough``); raises
    ``TooManyCases`` when the intervals are cut into too many pieces."""
    methods: list[str] = []
    conditions: list[str] = []
    for k in range(len(splits)):
        a, b, cases = splits.get(k, reparametrise)
        done = _every_case(relation, a, b, cases, thorough)
        if done is None:
            return None
        methods.extend(done[0])
        conditions.extend(done[1])
        conditions.extend(_cases_note(cases))
    return ", ".join(dict.fromkeys(methods)) or "identical", conditions


def by_calculus_or_split(relation: str, splits: CaseSplits) -> CasesProof | None:
    """Every case (finite values, interval pieces) by a cheap canonical form or, where none
    shows it, by calculus or a sign split (``calculus_or_split``)."""
    methods: list[str] = []
    conditions: list[str] = []

    def cheap(rel: str, a: sympy.Expr, b: sympy.Expr) -> str | None:
        method = canonical_proof(rel, a, b, thorough=False)
        if method in METHOD_CONDITIONS:  # (only kept if every case is proved)
            conditions.append(METHOD_CONDITIONS[method])
        return method

    for k in range(len(splits)):
        lhs, rhs, cases = splits.get(k, True)
        for case in cases:
            a = put(lhs, case.substitution) if case.substitution else lhs
            b = put(rhs, case.substitution) if case.substitution else rhs
            method = cheap(relation, a, b)
            if method is None:
                found = calculus_or_split(relation, a, b, cheap, _meaning(case.substitution))
                if found is None:
                    return None
                method = found[0]
                conditions.extend(found[1])
            methods.append(method)
            conditions.extend(case.conditions)
        conditions.extend(_cases_note(cases))
    return ", ".join(dict.fromkeys(methods)), conditions


def _meaning(substitution: Mapping[sympy.Basic, sympy.Expr]) -> dict[sympy.Basic, sympy.Expr]:
    """The new symbol of each reparametrised interval (x = −u) in the declared one (u = −x)."""
    meaning: dict[sympy.Basic, sympy.Expr] = {}
    for symbol, value in substitution.items():
        (u, *more) = value.free_symbols or {symbol}
        if more or u == symbol:
            continue
        # x = lo + u, hi − u, −u, lo + (hi − lo)/(1 + u): a ratio of linear functions of u,
        # so x − value has a numerator linear in u (``solve`` would run ``simplify``).
        numerator = sympy.fraction(sympy.together(value - symbol))[0]
        try:
            line = sympy.Poly(numerator, u)
        except sympy.PolynomialError:
            continue
        if line.degree() == 1:
            slope, offset = line.all_coeffs()
            meaning[u] = sympy.cancel(-offset / slope)
    return meaning
