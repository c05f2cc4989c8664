"""The cascade's stage for a step between two equations (``A <=> B``, ``A => B``): a root
lost or gained at a few sampled values of the other symbols first, then a proof
(``equations.prove_equation``), then the rest of the sampled values before any verdict but
PROVED, as the cascade does for expressions."""

from __future__ import annotations

from collections.abc import Mapping

import sympy

from ..result import Verdict
from .declared import DomainInfo
from .equations import MAX_POINTS, prove_equation, refute_equation
from .establish import establish
from .outcome import Attempt, Outcome, Prover
from .sampling import rng_for

QUICK_POINTS = 3  # of MAX_POINTS value combinations, per symbol solved for


def equation_step(
    relation: str,
    first: sympy.Eq,
    second: sympy.Eq,
    infos: Mapping[sympy.Basic, DomainInfo],
    attempt: Attempt,
    prove: Prover,
) -> Outcome:
    """``A <=> B`` or ``A => B`` between two equations; ``prove`` is the whole cascade, which
    shows two expressions equal."""

    def refuted(points: int) -> Outcome | None:
        # The same seed each time: fewer points are a prefix of the same points.
        rng = rng_for(relation, sympy.srepr(first), sympy.srepr(second))
        attempt.stage = "equation: roots"
        found = refute_equation(relation, first, second, infos, rng, points)
        if found is None:
            return None
        return Outcome(
            Verdict.REFUTED,
            "a root of one equation is not a root of the other",
            counterexample=found,
        )

    # A few points first, all of them before any verdict but PROVED (as ``prove`` does).
    early = refuted(QUICK_POINTS)
    if early is not None:
        return early
    attempt.stage = "equation: proof"

    def zero(x: sympy.Expr, y: sympy.Expr) -> tuple[str, ...] | None:
        # Equal as expressions; where each equation is defined is the caller's argument.
        inner = prove("=", x, y, infos, Attempt(), check_defined=False)
        return inner.conditions if inner.verdict is Verdict.PROVED else None

    def holds(expr: sympy.Expr, kind: str) -> tuple[str, ...] | None:
        return establish(expr, kind, infos)

    proof = prove_equation(relation, first, second, zero, holds)
    if proof is None:
        late = refuted(MAX_POINTS)
        if late is not None:
            return late
        return Outcome(
            Verdict.UNPROVED,
            "",
            reason="no root was gained or lost at the sampled "
            "values, and neither a rearrangement nor a function applied to both "
            "sides explains the step",
        )
    return Outcome(Verdict.PROVED, proof[0], conditions=proof[1])
