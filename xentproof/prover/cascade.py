"""The proving cascade for one relation ``lhs REL rhs`` under declared domains.

Cheap and certain first (DESIGN.md, "Proving"):
1. refute: sample points inside the domains, confirm any disagreement at high precision;
2. cases: enumerate finite-set symbols, cut at the break points of Abs/Max/Min/Piecewise;
3. symbolic: canonical forms on each case, first with the declared assumptions alone,
   then with every interval rewritten through a positive symbol, ``simplify`` last.
Anything left is UNPROVED with the evidence gathered.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import sympy

from ..notation import math_text
from ..result import Counterexample, Verdict
from .cases import Case, DomainInfo, TooManyCases, describe_domains, finite_cases, interval_cases
from .definedness import requirements
from .refute import Evidence, find_counterexample, rng_for
from .symbolic import prove_sign, prove_zero


@dataclass
class Outcome:
    """The verdict of the cascade with everything the report needs to explain it."""

    verdict: Verdict
    method: str
    conditions: tuple[str, ...] = ()
    counterexample: Counterexample | None = None
    evidence: str = ""
    reason: str = ""


@dataclass
class Attempt:
    """Mutable progress of one relation, so a time-out can still report what was seen."""

    evidence: Evidence = field(default_factory=Evidence)
    stage: str = "refutation"


def _dedupe(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


def refute(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    attempt: Attempt,
) -> Counterexample | None:
    rng = rng_for(relation, sympy.srepr(lhs), sympy.srepr(rhs))
    return find_counterexample(relation, lhs, rhs, infos, rng, attempt.evidence)


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
        a = lhs.xreplace(case.substitution) if case.substitution else lhs
        b = rhs.xreplace(case.substitution) if case.substitution else rhs
        method = _prove_case(relation, a, b, thorough)
        if method is None:
            return None
        methods.append(method)
        conditions.extend(case.conditions)
    return methods, conditions


def prove(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    attempt: Attempt,
    replayed: tuple[str, tuple[str, ...]] | None = None,
) -> Outcome:
    """Run the cascade; ``lhs`` and ``rhs`` have their definitions already unfolded.

    ``replayed`` is the method and side conditions of a cited rule that landed: it stands
    as the proof once no counterexample exists and both sides are defined on the domain.
    """
    constant = not lhs.free_symbols and lhs.is_extended_real is not False
    if relation in ("=", "<=", ">=") and lhs == rhs and constant:
        # The same constant on both sides (after definitions and limits are carried out),
        # possibly infinite, where the difference would be nan.
        how, why = replayed or ("identical", ())
        return Outcome(Verdict.PROVED, how, conditions=why)
    counterexample = refute(relation, lhs, rhs, infos, attempt)
    if counterexample is not None:
        return Outcome(
            Verdict.REFUTED,
            "counterexample confirmed at high precision",
            counterexample=counterexample,
            evidence=attempt.evidence.describe(),
        )
    used = lhs.free_symbols | rhs.free_symbols
    attempt.stage = "definedness"
    defined: list[str] = []
    needed = requirements(lhs) + requirements(rhs)
    positive = {r.expr for r in needed if r.kind == "positive"}
    # x > 0 already says x ≠ 0 and x ≥ 0: state (and prove) only the strongest.
    needed = [r for r in needed if r.kind == "positive" or r.expr not in positive]
    for requirement in needed:
        facts = establish(requirement.expr, requirement.kind, infos)
        shown = f"{math_text(requirement.expr)} {KIND_TEXT[requirement.kind]}"
        if facts is None:
            return Outcome(
                Verdict.UNPROVED,
                "",
                evidence=attempt.evidence.describe(),
                reason=f"{math_text(requirement.origin)} needs {shown}, which could not be "
                "shown on the declared domains (declare a narrower domain?)",
            )
        defined.append(shown)
    if defined:
        defined = [f"defined: {', '.join(dict.fromkeys(defined))}"]
    if replayed is not None:
        return Outcome(
            Verdict.PROVED,
            replayed[0],
            conditions=_dedupe([*replayed[1], *defined]),
            evidence=attempt.evidence.describe(),
        )
    try:
        finite = finite_cases([lhs, rhs], infos)
    except TooManyCases as error:
        return Outcome(
            Verdict.UNPROVED, "", evidence=attempt.evidence.describe(), reason=str(error)
        )
    case_note: list[str] = []
    enumerated = [s for s in sorted(used, key=str) if s in infos and infos[s].domain.is_finite]
    if enumerated:
        case_note = [f"cases {', '.join(describe_domains(enumerated, infos))}"]
    for stage, reparametrise, thorough in (
        ("assumptions", False, False),
        ("intervals", True, False),
        ("intervals", True, True),
    ):
        attempt.stage = f"symbolic ({stage}{', simplify' if thorough else ''})"
        methods: list[str] = []
        conditions: list[str] = []
        try:
            for fcase in finite:
                a = lhs.xreplace(fcase.substitution)
                b = rhs.xreplace(fcase.substitution)
                cases = interval_cases([a, b], infos, reparametrise=reparametrise)
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
                domain_facts = describe_domains(
                    [s for s in used if s in infos and not infos[s].domain.is_finite], infos
                )
                return Outcome(
                    Verdict.PROVED,
                    ", ".join(dict.fromkeys(methods)) or "identical",
                    conditions=_dedupe(case_note + defined + conditions + domain_facts),
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


KIND_TEXT = {"positive": "> 0", "nonnegative": "≥ 0", "nonzero": "≠ 0", "real": "real"}


def establish(
    expr: sympy.Expr, kind: str, infos: Mapping[sympy.Basic, DomainInfo]
) -> tuple[str, ...] | None:
    """Show that ``expr`` is positive / nonnegative / nonzero / real on the whole domain.

    Returns the domain facts it used, or None when it could not show it.
    """
    used = [s for s in sorted(expr.free_symbols, key=str) if s in infos]
    facts = tuple(describe_domains(used, infos))
    if _holds(expr, kind):
        return facts
    try:
        finite = finite_cases([expr], infos)
        for thorough in (False, True):
            if all(
                _everywhere(expr.xreplace(f.substitution), kind, infos, thorough) for f in finite
            ):
                return facts
    except TooManyCases:
        return None
    return None


def _holds(expr: sympy.Expr, kind: str) -> bool:
    if kind == "real":
        return expr.is_real is True
    if kind == "positive":
        return expr.is_positive is True
    if kind == "nonnegative":
        return expr.is_nonnegative is True
    return expr.is_nonzero is True or expr.is_positive is True or expr.is_negative is True


def _everywhere(
    expr: sympy.Expr, kind: str, infos: Mapping[sympy.Basic, DomainInfo], thorough: bool
) -> bool:
    for reparametrise in (False, True):
        cases = interval_cases([expr], infos, reparametrise=reparametrise)
        if all(_case_holds(expr.xreplace(c.substitution), kind, thorough) for c in cases):
            return True
    return False


def _case_holds(expr: sympy.Expr, kind: str, thorough: bool) -> bool:
    if _holds(expr, kind):
        return True
    if kind == "real":
        return False
    if kind == "nonzero":
        return bool(
            prove_sign(expr, strict=True, thorough=thorough)
            or prove_sign(-expr, strict=True, thorough=thorough)
        )
    return prove_sign(expr, strict=kind == "positive", thorough=thorough) is not None
