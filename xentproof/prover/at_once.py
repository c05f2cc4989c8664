"""The proof at once: an equality that ``expand`` (or ``cancel``) brings to 0 in every case
of the finite-set symbols, or sums equal by linearity alone, PROVED before any point is
sampled. Most steps of a real derivation are of this kind."""

from __future__ import annotations

from collections.abc import Mapping

import sympy

from ..result import Verdict
from ..substitution import put
from .cases import TooManyCases, finite_cases
from .declared import DomainInfo, domain_notes
from .establish import defined_on_domains
from .flat_sums import flat_sums_equal, products_of_sums
from .outcome import Attempt, Outcome, Prover, dedupe
from .sum_forms import sums_in_normal_form
from .sums import termwise
from .symbolic import METHOD_CONDITIONS, prove_zero, short_concrete_sums

# What the at-once proof leaves to the full cascade: case splits at break points, and
# powers whose expansion could be large (expanding is cheap only for small exponents).
_SPLIT_AT_BREAKS = (
    sympy.Piecewise,
    sympy.Abs,
    sympy.Max,
    sympy.Min,
    sympy.sign,
    sympy.Heaviside,
)
MAX_EXPANDED_POWER = 8
MAX_CASES_AT_ONCE = 8  # of the finite-set symbols


def proved_at_once(
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    attempt: Attempt,
    check_defined: bool,
    prove: Prover,
) -> Outcome | None:
    """An equality that ``expand`` (or ``cancel``, for a quotient) brings to 0 outright in
    every case of the finite-set symbols, or sums equal by linearity alone, with both sides
    defined on the domains: PROVED before any point is sampled.

    Most steps of a real derivation are of this kind, and sampling them first was most of
    their cost. The proof is the one the cascade would find first (same method, same side
    conditions); anything else goes the usual way, sample points first. ``prove`` is the
    cascade, which linearity alone never needs.
    """
    if not (isinstance(lhs, sympy.Expr) and isinstance(rhs, sympy.Expr)):
        return None
    difference = lhs - rhs
    concrete = short_concrete_sums(difference)  # carried out, their cases are decided
    for side in (lhs, rhs):
        if side.has(*_SPLIT_AT_BREAKS) and not concrete:
            return None
        for power in side.atoms(sympy.Pow):
            base, exponent = power.args
            large = exponent.is_Integer and abs(exponent) > MAX_EXPANDED_POWER
            if isinstance(base, sympy.Add) and large:
                return None
    if not concrete and (lhs.has(sympy.Sum, sympy.Product) or rhs.has(sympy.Sum, sympy.Product)):
        by_terms = termwise("=", lhs, rhs, infos, prove, at_once=True)
        if by_terms is not None:
            method, used_conditions = by_terms.method, by_terms.conditions
        elif products_of_sums(lhs, rhs) and (flat := flat_sums_equal(lhs, rhs)) is not None:
            method, used_conditions = flat  # before expand, which takes long on these
        else:  # e.g. log Π p^x = Σ x log p, which expand does when p is declared positive
            found = prove_zero(difference, thorough=False, at_once=True)
            normal = sums_in_normal_form(lhs, rhs, infos) if found is None else None
            flat = flat_sums_equal(lhs, rhs) if found is None and normal is None else None
            if found is not None:
                method, used_conditions = found, tuple(_conditions_of([found]))
            elif normal is not None:
                method, used_conditions = normal
            elif flat is not None:
                method, used_conditions = flat
            else:
                return None
        defined = defined_on_domains(lhs, rhs, infos, check_defined)
        if isinstance(defined, str):
            return None
        return Outcome(Verdict.PROVED, method, conditions=dedupe([*defined, *used_conditions]))
    try:
        finite = finite_cases([lhs, rhs], infos)
    except TooManyCases:
        return None
    if len(finite) > MAX_CASES_AT_ONCE:
        return None
    methods: list[str] = []
    for case in finite:
        one = prove_zero(
            put(lhs, case.substitution) - put(rhs, case.substitution), thorough=False, at_once=True
        )
        if one is None:
            return None
        methods.append(one)
    attempt.stage = "definedness"
    defined = defined_on_domains(lhs, rhs, infos, check_defined)
    if isinstance(defined, str):
        return None  # the cascade says why, after looking for a counterexample
    case_note, domain_facts = domain_notes(lhs.free_symbols | rhs.free_symbols, infos)
    return Outcome(
        Verdict.PROVED,
        ", ".join(dict.fromkeys(methods)),
        conditions=dedupe(case_note + defined + _conditions_of(methods) + domain_facts),
    )


def _conditions_of(methods: list[str]) -> list[str]:
    """What the methods rely on beyond the symbols' assumptions (``METHOD_CONDITIONS``)."""
    return [METHOD_CONDITIONS[m] for m in methods if m in METHOD_CONDITIONS]
