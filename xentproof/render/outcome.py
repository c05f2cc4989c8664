"""How a relation counts for the gate, in words the CI formats share."""

from __future__ import annotations

from xentproof.result import RelationResult, Verdict


def kind(relation: RelationResult) -> str:
    """The rule id of a relation's outcome: proved, refuted, unproved, expected-refuted,
    accepted-numeric, or a failed expectation (an erratum that was not refuted)."""
    if relation.expect == "refuted":
        return "expected-refuted" if relation.expected_refuted else "erratum-not-refuted"
    if relation.accepted_numeric:
        return "accepted-numeric"
    return relation.verdict.value


def message(relation: RelationResult) -> str:
    """One paragraph: the relation, its verdict and what shows it."""
    head = f"{relation.lhs} {relation.relation} {relation.rhs}: {relation.verdict.value.upper()}"
    parts = [head]
    if relation.method:
        parts.append(f"method: {relation.method}")
    example = relation.counterexample
    if example is not None:
        point = ", ".join(f"{k} = {v}" for k, v in example.point.items()) or "(constants)"
        sides = "; ".join(f"{side} = {value}" for side, value in example.sides_shown())
        parts.append(f"counterexample: {point}; {sides}")
    if relation.verdict is Verdict.UNPROVED:
        if relation.evidence:
            parts.append(f"evidence: {relation.evidence}")
        if relation.reason:
            parts.append(f"reason: {relation.reason}")
        if budget_used(relation):
            parts.append(f"budget: {budget_used(relation)}")
    if relation.expect == "refuted" and not relation.expected_refuted:
        parts.append("expected REFUTED (an erratum), but it was not")
    parts.extend(f"warning: {w}" for w in relation.warnings)
    return "\n".join(parts)


def budget_used(relation: RelationResult) -> str:
    """What a relation that was not proved used of its time budget ("1.20 s of 5 s", and
    for a verdict from the cache, when it was decided); "" for a proved one, or where the
    budget is not known."""
    if relation.verdict is Verdict.PROVED or relation.budget is None:
        return ""
    used = f"used {relation.seconds:.2f} s of {relation.budget:g} s"
    return f"{used} when it was decided (cached)" if relation.cached else used
