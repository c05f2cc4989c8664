"""The proving cascade for one relation ``lhs REL rhs`` under declared domains.

Cheap and certain first (DESIGN.md, "Proving"):
1. refute: sample points inside the domains, confirm any disagreement at high precision;
2. cases: enumerate finite-set symbols, cut at the break points of Abs/Max/Min/Piecewise;
3. symbolic: canonical forms on each case, first with the declared assumptions alone,
   then with every interval rewritten through a positive symbol, ``simplify`` last.
Anything left is UNPROVED with the evidence gathered.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

import sympy

from ..result import Verdict
from ..substitution import put
from .cases import Case, TooManyCases, finite_cases, interval_cases
from .declared import DomainInfo, describe_domains
from .equation_step import equation_step
from .establish import defined_on_domains
from .further import prove_further
from .outcome import Attempt, Outcome, dedupe
from .refute import Search
from .sampling import rng_for
from .sums import induction, termwise
from .symbolic import METHOD_CONDITIONS, prove_sign, prove_zero, short_concrete_sums

# Points tried before any symbolic method: most false steps fail at one of the first few.
# The rest are tried before anything expensive (``simplify``) and before any verdict other
# than PROVED, so every relation that is not proved gets the full search, as before.
QUICK_POINTS = 12


def _search(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    attempt: Attempt,
) -> Search:
    rng = rng_for(relation, sympy.srepr(lhs), sympy.srepr(rhs))
    return Search(relation, lhs, rhs, infos, rng, attempt.evidence)


def _prove_case(relation: str, lhs: sympy.Expr, rhs: sympy.Expr, thorough: bool) -> str | None:
    if relation == "=":
        return prove_zero(lhs - rhs, thorough=thorough)
    if relation in ("<", "<="):
        return prove_sign(rhs - lhs, strict=relation == "<", thorough=thorough)
    return prove_sign(lhs - rhs, strict=relation == ">", thorough=thorough)


def _prove_all(
    relation: str, lhs: sympy.Expr, rhs: sympy.Expr, cases: list[Case], thorough: bool
) -> tuple[list[str], list[str]] | None:
    """Prove every case; the methods used and the side conditions, or None."""
    methods: list[str] = []
    conditions: list[str] = []
    for case in cases:
        a = put(lhs, case.substitution) if case.substitution else lhs
        b = put(rhs, case.substitution) if case.substitution else rhs
        method = _prove_case(relation, a, b, thorough)
        if method is None:
            return None
        methods.append(method)
        conditions.extend(case.conditions)
        if method in METHOD_CONDITIONS:
            conditions.append(METHOD_CONDITIONS[method])
    return methods, conditions


def prove(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    attempt: Attempt,
    replayed: tuple[str, tuple[str, ...]] | None = None,
    check_defined: bool = True,
) -> Outcome:
    """Run the cascade; ``lhs`` and ``rhs`` have their definitions already unfolded.

    ``replayed`` is the method and side conditions of a cited rule that landed: it stands
    as the proof once no counterexample exists and both sides are defined on the domain.
    """
    if isinstance(lhs, sympy.Eq) or isinstance(rhs, sympy.Eq):
        return equation_step(relation, lhs, rhs, infos, attempt, prove)
    constant = not lhs.free_symbols and lhs.is_extended_real is not False
    if relation in ("=", "<=", ">=") and lhs == rhs and constant:
        # The same constant on both sides (after definitions and limits are carried out),
        # possibly infinite, where the difference would be nan.
        how, why = replayed or ("identical", ())
        return Outcome(Verdict.PROVED, how, conditions=why)
    if relation == "=" and replayed is None:
        attempt.stage = "symbolic (at once)"
        at_once = _proved_at_once(lhs, rhs, infos, attempt, check_defined)
        if at_once is not None:
            return at_once
    attempt.stage = "refutation"
    search = _search(relation, lhs, rhs, infos, attempt)

    def refuted(limit: int | None = None) -> Outcome | None:
        """The sample points up to ``limit`` (all): a REFUTED outcome if one of them fails."""
        stage, attempt.stage = attempt.stage, "refutation"
        found = search.run(limit)
        attempt.stage = stage
        if found is None:
            return None
        return Outcome(
            Verdict.REFUTED,
            "counterexample confirmed at high precision",
            counterexample=found,
            evidence=attempt.evidence.describe(),
        )

    early = refuted(QUICK_POINTS)
    if early is not None:
        return early
    outcome = _prove_unrefuted(relation, lhs, rhs, infos, attempt, replayed, check_defined, refuted)
    if outcome.verdict is Verdict.PROVED:
        return outcome
    # Nothing but a proof ends the search early: every sample point is tried first.
    late = refuted()
    if late is not None:
        return late
    if outcome.evidence:  # the evidence of every sample point, not only the first ones
        return replace(outcome, evidence=attempt.evidence.describe())
    return outcome


def _prove_unrefuted(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    attempt: Attempt,
    replayed: tuple[str, tuple[str, ...]] | None,
    check_defined: bool,
    refuted: Callable[[], Outcome | None],
) -> Outcome:
    """The cascade after the first sample points agreed; ``refuted`` tries the rest of
    them, which it does before the expensive stage."""
    used = lhs.free_symbols | rhs.free_symbols
    attempt.stage = "definedness"
    defined = defined_on_domains(lhs, rhs, infos, check_defined)
    if isinstance(defined, str):
        return Outcome(Verdict.UNPROVED, "", evidence=attempt.evidence.describe(), reason=defined)
    if replayed is not None:
        return Outcome(
            Verdict.PROVED,
            replayed[0],
            conditions=dedupe([*replayed[1], *defined]),
            evidence=attempt.evidence.describe(),
        )
    if lhs.has(sympy.Sum, sympy.Product) or rhs.has(sympy.Sum, sympy.Product):
        attempt.stage = "sums: termwise"
        by_terms = termwise(relation, lhs, rhs, infos, prove)
        if by_terms is None and relation == "=":
            attempt.stage = "induction"
            by_terms = induction(lhs, rhs, infos, prove)
        if by_terms is not None:
            return Outcome(
                Verdict.PROVED,
                by_terms.method,
                conditions=dedupe([*defined, *by_terms.conditions]),
                evidence=attempt.evidence.describe(),
            )
    try:
        finite = finite_cases([lhs, rhs], infos)
    except TooManyCases as error:
        return Outcome(
            Verdict.UNPROVED, "", evidence=attempt.evidence.describe(), reason=str(error)
        )
    case_note, domain_facts = _domain_notes(used, infos)
    # Each finite case's substituted sides and interval cases, made once for all stages
    # (splitting solves equations; only ``thorough`` differs between the last two stages).
    prepared: dict[tuple[int, bool], tuple[sympy.Expr, sympy.Expr, list[Case]]] = {}

    def case_split(k: int, reparametrise: bool) -> tuple[sympy.Expr, sympy.Expr, list[Case]]:
        if (k, reparametrise) not in prepared:
            a = put(lhs, finite[k].substitution)
            b = put(rhs, finite[k].substitution)
            prepared[k, reparametrise] = (
                a,
                b,
                interval_cases([a, b], infos, reparametrise=reparametrise),
            )
        return prepared[k, reparametrise]

    # The canonical forms, cheap ones first; then calculus and sign splits (which need no
    # ``simplify``, and settle Max/Min/Abs that canonical forms cannot); then, once every
    # sample point agreed, the canonical forms with ``simplify``.
    for stage, reparametrise, thorough in (
        ("assumptions", False, False),
        ("intervals", True, False),
        ("further", True, False),
        ("intervals", True, True),
    ):
        if stage == "further":
            attempt.stage = "further: calculus, sign splits"
            further = _prove_further(relation, len(finite), case_split)
            if further is not None:
                return Outcome(
                    Verdict.PROVED,
                    further[0],
                    conditions=dedupe(case_note + defined + further[1] + domain_facts),
                    evidence=attempt.evidence.describe(),
                )
            continue
        if thorough:
            late = refuted()
            if late is not None:
                return late
        elif reparametrise and _same_cases(case_split, len(finite)):
            continue  # no interval to write through a positive symbol: the same as before
        attempt.stage = f"symbolic ({stage}{', simplify' if thorough else ''})"
        methods: list[str] = []
        conditions: list[str] = []
        try:
            for k in range(len(finite)):
                a, b, cases = case_split(k, reparametrise)
                done = _prove_all(relation, a, b, cases, thorough)
                if done is None:
                    break
                methods.extend(done[0])
                conditions.extend(done[1])
                if len(cases) > 1:
                    conditions.append(
                        "cases " + "; ".join(" and ".join(c.labels) for c in cases if c.labels)
                    )
            else:
                return Outcome(
                    Verdict.PROVED,
                    ", ".join(dict.fromkeys(methods)) or "identical",
                    conditions=dedupe(case_note + defined + conditions + domain_facts),
                    evidence=attempt.evidence.describe(),
                )
        except TooManyCases as error:
            return Outcome(
                Verdict.UNPROVED, "", evidence=attempt.evidence.describe(), reason=str(error)
            )
    return Outcome(
        Verdict.UNPROVED,
        "",
        evidence=attempt.evidence.describe(),
        reason="methods exhausted: no canonical form showed it",
    )


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
MAX_CASES_AT_ONCE = 8


def _proved_at_once(
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    attempt: Attempt,
    check_defined: bool,
) -> Outcome | None:
    """An equality that ``expand`` (or ``cancel``, for a quotient) brings to 0 outright in
    every case of the finite-set symbols, or sums equal by linearity alone, with both sides
    defined on the domains: PROVED before any point is sampled.

    Most steps of a real derivation are of this kind, and sampling them first was most of
    their cost. The proof is the one the cascade would find first (same method, same side
    conditions); anything else goes the usual way, sample points first.
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
        else:  # e.g. log Π p^x = Σ x log p, which expand does when p is declared positive
            found = prove_zero(difference, thorough=False, at_once=True)
            if found is None:
                return None
            method, used_conditions = found, ()
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
    case_note, domain_facts = _domain_notes(lhs.free_symbols | rhs.free_symbols, infos)
    return Outcome(
        Verdict.PROVED,
        ", ".join(dict.fromkeys(methods)),
        conditions=dedupe(case_note + defined + domain_facts),
    )


def _domain_notes(
    used: set[sympy.Basic], infos: Mapping[sympy.Basic, DomainInfo]
) -> tuple[list[str], list[str]]:
    """The side conditions a proof over the cases states: the finite-set symbols it
    enumerated ("cases y ∈ {0, 1}"), and the domains of the others."""
    enumerated = [s for s in used if s in infos and infos[s].domain.is_finite]
    others = [s for s in used if s in infos and not infos[s].domain.is_finite]
    case_note = [f"cases {', '.join(describe_domains(enumerated, infos))}"] if enumerated else []
    return case_note, describe_domains(others, infos)


def _same_cases(
    case_split: Callable[[int, bool], tuple[sympy.Expr, sympy.Expr, list[Case]]], count: int
) -> bool:
    """Whether writing intervals through positive symbols changes no case at all."""
    try:
        return all(case_split(k, True)[2] == case_split(k, False)[2] for k in range(count))
    except TooManyCases:
        return False


def _prove_further(
    relation: str,
    count: int,
    case_split: Callable[[int, bool], tuple[sympy.Expr, sympy.Expr, list[Case]]],
) -> tuple[str, list[str]] | None:
    """Every case (finite values, interval pieces) by ``further``; methods, conditions."""
    methods: list[str] = []
    conditions: list[str] = []

    def basic(rel: str, a: sympy.Expr, b: sympy.Expr) -> str | None:
        method = _prove_case(rel, a, b, thorough=False)
        if method in METHOD_CONDITIONS:  # (only kept if every case is proved)
            conditions.append(METHOD_CONDITIONS[method])
        return method

    for k in range(count):
        lhs, rhs, cases = case_split(k, True)
        for case in cases:
            a = put(lhs, case.substitution) if case.substitution else lhs
            b = put(rhs, case.substitution) if case.substitution else rhs
            method = basic(relation, a, b)
            if method is None:
                found = prove_further(relation, a, b, basic, _meaning(case.substitution))
                if found is None:
                    return None
                method = found[0]
                conditions.extend(found[1])
            methods.append(method)
            conditions.extend(case.conditions)
        if len(cases) > 1:
            conditions.append(
                "cases " + "; ".join(" and ".join(c.labels) for c in cases if c.labels)
            )
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
