"""The proving cascade for one relation ``lhs REL rhs`` under declared domains: the order
of the stages, cheap and certain first. Each stage lives in a module of its own.

1. A step between two equations has a cascade of its own (``equation_step``).
2. The same constant on both sides is PROVED; an equality that ``expand`` brings to 0 in
   every finite case, or sums equal by linearity alone, is PROVED before any point is
   confirmed (``at_once``), unless the sides already differ numerically at the first two
   sample points.
3. Refutation: the first sample points (``refute``); a confirmed failure is REFUTED.
4. Both sides defined on the domains (``establish``); a cited rule that landed stands as
   the proof.
5. Sums over a symbolic range: termwise, then induction (``sums``); an inequality of sums
   term by term (``inequalities``), or with its weighted logs bounded by tangent lines
   (``tangent_bounds``: Gibbs, KL ≥ 0, entropy ≤ log K); an inequality over the integers
   by induction (``integer_induction``). An inequality with a Max/Min of n real variables,
   case by case on the largest (``largest``); one that loses a variable once each log's
   common factor is out (``common_factor``); a Lipschitz bound |f(a) − f(b)| ≤ L·|a − b| by
   the mean value theorem (``lipschitz``).
6. The symbolic stages, case by case (``by_cases``): canonical forms under the declared
   assumptions, then with intervals written through positive symbols, then calculus and
   sign splits, then for an inequality sums of squares and derivatives in one variable
   (``inequalities``), then, once every sample point agreed, canonical forms with
   ``simplify``.
7. Nothing but a proof ends the search early: every sample point is tried before any
   other verdict. Anything left is UNPROVED with the evidence gathered.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

import sympy

from ..definedness import Requirement
from ..result import Counterexample, Verdict
from ..substitution import BINDING, put
from ..timing import bounded, wall_time_left
from .at_once import proved_at_once
from .binomials import distrusted_because, untrusted_binomial
from .by_cases import CaseSplits, CasesProof, by_calculus_or_split, by_canonical_forms
from .cases import TooManyCases, finite_cases
from .constraint_use import use_constraints
from .declared import DomainInfo, domain_notes
from .equation_step import equation_step
from .establish import defined_on_domains
from .exp_sides import equal_through_exp
from .inequalities import prove_inequality
from .infinite_values import equal_by_intervals, ordered_with_infinity
from .method_tables import by_shape_methods, by_sum_methods
from .outcome import Attempt, Outcome, dedupe
from .ranges import contract_ranges
from .refute import Search
from .sampling import rng_for, seed_text

# Points tried before any symbolic method: most false steps fail at one of the first few.
# The rest are tried before anything expensive (``simplify``) and before any verdict other
# than PROVED, so every relation that is not proved gets the full search, as before.
QUICK_POINTS = 12
# Points looked at numerically (nothing confirmed) before the proof at once: a step whose
# sides differ there is false, and the at-once proof of a long one (cancel over 24 terms)
# could take the whole budget before the first point is tried.
PROBE_POINTS = 2
# For a written inequality whose sample points are cheap (no sum, product or family
# member: nothing is drawn per point, nothing written out), every sample point is tried
# before the symbolic stages: a false inequality fails far out or near an edge
# (tanh(u/3) < 1 - 10^-30 past u = 105), at a point the first few do not reach, and the
# stages before the late search (calculus, sign splits, derivatives) can take seconds.
# The points after the sample points (close agreements, where the sides meet) still come
# only after the stages.
ALL_SAMPLE_POINTS = 1_000_000


def _points_first(relation: str, lhs: sympy.Expr, rhs: sympy.Expr) -> bool:
    """Whether every sample point is tried before the symbolic stages: an inequality whose
    points cost no more than the two evaluations of each (an equality is decided by its
    canonical forms, and fails at the first points where it fails at all)."""
    if relation == "=":
        return False
    return not any(e.has(sympy.Sum, sympy.Product, sympy.Indexed, *BINDING) for e in (lhs, rhs))


def _search(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    attempt: Attempt,
    needs: Sequence[Requirement] = (),
) -> Search:
    rng = rng_for(relation, seed_text(lhs), seed_text(rhs))
    return Search(relation, lhs, rhs, infos, rng, attempt.evidence, needs)


def refute_only(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    attempt: Attempt,
    needs: Sequence[Requirement],
) -> Outcome | None:
    """The search alone, for a relation no proof may be given (what its derivatives need
    could not be shown on the domains): a counterexample at a point where every one of
    ``needs`` holds exactly, where the sides are what the written step means."""
    lhs, rhs = contract_ranges(lhs), contract_ranges(rhs)
    attempt.stage = "refutation"
    found = _search(relation, lhs, rhs, infos, attempt, needs).run()
    return None if found is None else _refuted_at(found, attempt)


def _refuted_at(found: Counterexample, attempt: Attempt) -> Outcome:
    return Outcome(
        Verdict.REFUTED,
        "counterexample confirmed at high precision",
        counterexample=found,
        evidence=attempt.evidence.describe(),
    )


def prove(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    attempt: Attempt,
    replayed: tuple[str, tuple[str, ...]] | None = None,
    check_defined: bool = True,
    *,
    written: bool = False,
) -> Outcome:
    """Run the cascade; ``lhs`` and ``rhs`` have their definitions already unfolded.

    ``replayed`` is the method and side conditions of a cited rule that landed: it stands
    as the proof once no counterexample exists and both sides are defined on the domain.
    ``written``: the relation is a step as written (not one a stage asks on the way, most
    of which hold): a scalar inequality then meets every sample point before the symbolic
    stages (``_points_first``).
    """
    # Every range as the contract reads it, in a form SymPy's conventions agree with.
    lhs, rhs = contract_ranges(lhs), contract_ranges(rhs)
    if isinstance(lhs, sympy.Eq) or isinstance(rhs, sympy.Eq):
        return equation_step(relation, lhs, rhs, infos, attempt, prove)
    constant = not lhs.free_symbols and lhs.is_extended_real is not False
    if relation in ("=", "<=", ">=") and lhs == rhs and constant:
        # The same constant on both sides (after definitions and limits are carried out),
        # possibly infinite, where the difference would be nan.
        how, why = replayed or ("identical", ())
        return Outcome(Verdict.PROVED, how, conditions=why)
    if ordered_with_infinity(relation, lhs, rhs):
        return Outcome(Verdict.PROVED, "ordered with ±∞")
    if equal_by_intervals(relation, lhs, rhs):
        return Outcome(Verdict.PROVED, "the same value on each interval of the cases")
    search = _search(relation, lhs, rhs, infos, attempt)
    distrusted = untrusted_binomial(lhs, rhs)
    if distrusted is not None:
        return _unproved_binomial(distrusted, search, attempt)
    if relation == "=" and replayed is None and not search.disagrees(PROBE_POINTS):
        attempt.stage = "symbolic (at once)"
        at_once = proved_at_once(lhs, rhs, infos, attempt, check_defined, prove)
        if at_once is not None:
            return at_once
    attempt.stage = "refutation"

    def refuted(limit: int | None = None) -> Outcome | None:
        """The sample points up to ``limit`` (all): a REFUTED outcome if one of them fails."""
        stage, attempt.stage = attempt.stage, "refutation"
        found = search.run(limit)
        attempt.stage = stage
        return None if found is None else _refuted_at(found, attempt)

    early = refuted(
        ALL_SAMPLE_POINTS if written and _points_first(relation, lhs, rhs) else QUICK_POINTS
    )
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


def _unproved_binomial(node: sympy.Basic, search: Search, attempt: Attempt) -> Outcome:
    """Every sample point tried, and no proof: SymPy's rewriting of ``node`` may be wrong
    (``binomials``)."""
    attempt.stage = "refutation"
    found = search.run()
    if found is not None:
        return _refuted_at(found, attempt)
    reason = distrusted_because(node)
    return Outcome(Verdict.UNPROVED, "", evidence=attempt.evidence.describe(), reason=reason)


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
    """The cascade after the first sample points agreed: both sides defined, then a cited
    rule that landed, the sums, and the symbolic stages case by case; ``refuted`` tries the
    rest of the sample points, which it does before the expensive stage."""
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
    attempt.stage = "constraints"
    try:
        used = use_constraints(lhs, rhs, infos)
    except (TypeError, ValueError, AttributeError, RecursionError):  # SymPy on a form it
        used = None  # cannot rewrite: the other stages go on
    if used is not None:  # the sides as the constraints rewrite them, proved on their own
        left, right, used_conditions, narrowed = used
        inner = (
            Outcome(Verdict.PROVED, "identical")
            if left == right and relation in ("=", "<=", ">=")
            else prove(relation, left, right, narrowed, Attempt(stage="constraints"), None, False)
        )
        if inner.verdict is Verdict.PROVED:
            conditions = dedupe([*defined, *used_conditions, *inner.conditions])
            evidence = attempt.evidence.describe()
            method = f"{inner.method}, with the declared constraints"
            return Outcome(Verdict.PROVED, method, conditions=conditions, evidence=evidence)
    if lhs.has(sympy.Sum, sympy.Product) or rhs.has(sympy.Sum, sympy.Product):
        by_terms = by_sum_methods(relation, lhs, rhs, infos, attempt, prove)
        if by_terms is not None:
            return Outcome(
                Verdict.PROVED,
                by_terms.method,
                conditions=dedupe([*defined, *by_terms.conditions]),
                evidence=attempt.evidence.describe(),
            )
    by_shape = by_shape_methods(relation, lhs, rhs, infos, attempt, prove)
    if by_shape is not None:
        return Outcome(Verdict.PROVED, by_shape[0], conditions=dedupe([*defined, *by_shape[1]]))
    try:
        finite = finite_cases([lhs, rhs], infos)
    except TooManyCases as error:
        return Outcome(
            Verdict.UNPROVED, "", evidence=attempt.evidence.describe(), reason=str(error)
        )
    case_note, domain_facts = domain_notes(lhs.free_symbols | rhs.free_symbols, infos)
    splits = CaseSplits(lhs, rhs, finite, infos)
    notes = (case_note, defined, domain_facts)
    return _symbolic_stages(relation, splits, attempt, refuted, notes, check_defined)


# The canonical forms, cheap ones first; then calculus and sign splits (which need no
# ``simplify``, and settle Max/Min/Abs that canonical forms cannot); then, once every
# sample point agreed, the canonical forms with ``simplify``; before that, for an
# inequality, the methods that decide a class of them (sums of squares, derivatives in one
# variable: ``inequalities``). Each stage: its name, whether
# intervals are written through positive symbols, whether ``simplify`` is tried.
SYMBOLIC_STAGES = (
    ("assumptions", False, False),
    ("intervals", True, False),
    ("further", True, False),
    ("inequalities", False, False),
    ("intervals", True, True),
)
# A stage before the last may take at most this share of what is left of the relation's
# budget when it starts. One stuck call (a solveset, a simplify on a transcendental mix)
# is then cut short and the rest goes to the later stages and to the last sample points,
# which a time-out in that stage would never reach; the last stage has all that is left.
STAGE_SHARE = 0.5


def _symbolic_stages(
    relation: str,
    splits: CaseSplits,
    attempt: Attempt,
    refuted: Callable[[], Outcome | None],
    notes: tuple[list[str], list[str], list[str]],
    defined_shown: bool = False,
) -> Outcome:
    """The symbolic stages in their order, on every case; ``notes`` are the side conditions
    any proof states (the cases enumerated, both sides defined, the other domains)."""
    case_note, defined, domain_facts = notes
    cut: list[str] = []  # the stages cut short, with the seconds they had
    for stage, reparametrise, thorough in SYMBOLIC_STAGES:
        if not _applies(stage, relation, splits, cut):
            continue
        if thorough:
            late = refuted()
            if late is not None:
                return late
            # before simplify: an equality of logs through exp of both sides, which needs
            # both sides shown defined (every log of a positive number)
            through_exp = (
                equal_through_exp(splits.lhs, splits.rhs)
                if relation == "=" and defined_shown
                else None
            )
            if through_exp is not None:
                return Outcome(
                    Verdict.PROVED,
                    through_exp,
                    conditions=dedupe(case_note + defined + domain_facts),
                    evidence=attempt.evidence.describe(),
                )
        elif stage == "intervals" and splits.same_when_reparametrised():
            continue  # no interval to write through a positive symbol: the same as before
        try:
            found = _stage(relation, splits, attempt, (stage, reparametrise, thorough), cut)
        except TooManyCases as error:
            if stage in ("further", "inequalities"):
                raise  # as before: only the canonical forms' is a reason of its own
            return Outcome(
                Verdict.UNPROVED, "", evidence=attempt.evidence.describe(), reason=str(error)
            )
        if found is not None:
            method, conditions = found
            return Outcome(
                Verdict.PROVED,
                method,
                conditions=dedupe(case_note + defined + conditions + domain_facts),
                evidence=attempt.evidence.describe(),
            )
    reason = "methods exhausted: no canonical form showed it"
    if cut:
        reason += f"; cut short to leave time for the later stages: {', '.join(cut)}"
    return Outcome(Verdict.UNPROVED, "", evidence=attempt.evidence.describe(), reason=reason)


def _applies(stage: str, relation: str, splits: CaseSplits, cut: list[str]) -> bool:
    """Whether a stage can do anything for the shape of the relation; one that cannot is
    not run (a relation none is left for ends UNPROVED at once, "methods exhausted"):
    - the inequality methods take no equation, and no difference of the sides with a sum,
      product or indexed term in it (SOS and derivatives need the value written out; in
      no finite case: each is proved on its own, and all must be);
    - calculus and sign splits take nothing with a bound variable (a sum, a limit, an
      integral: ``calculus_or_split``); what else the stage does is the cheap canonical
      forms of the "intervals" stage again, found in the memo, unless a stage was cut.
    """
    if stage == "inequalities":
        return relation != "=" and all(
            not (put(splits.lhs, c.substitution) - put(splits.rhs, c.substitution)).has(
                sympy.Sum, sympy.Product, sympy.Indexed
            )
            for c in splits.finite
        )
    if stage == "further":
        return bool(cut) or not (splits.lhs.has(*BINDING) or splits.rhs.has(*BINDING))
    return True


def _stage(
    relation: str,
    splits: CaseSplits,
    attempt: Attempt,
    stage: tuple[str, bool, bool],
    cut: list[str],
) -> CasesProof | None:
    """One symbolic stage; a stage before the last under its share of the budget (a stage
    cut short proves nothing, and is added to ``cut``)."""
    name, reparametrise, thorough = stage
    if name == "further":
        attempt.stage = "further: calculus, sign splits"
    elif name == "inequalities":
        attempt.stage = "inequalities: sums of squares, derivatives"
    else:
        attempt.stage = f"symbolic ({name}{', simplify' if thorough else ''})"

    def run() -> CasesProof | None:
        if name == "further":
            return by_calculus_or_split(relation, splits)
        if name == "inequalities":
            return prove_inequality(relation, splits.lhs, splits.rhs, splits.finite, splits.infos)
        return by_canonical_forms(relation, splits, reparametrise, thorough)

    left = wall_time_left()
    if thorough or left is None:  # the last stage, or no budget to share
        return run()
    found: CasesProof | None = None
    share = left * STAGE_SHARE
    with bounded(share) as deadline:
        found = run()
    if found is None and deadline.passed:
        cut.append(f"{attempt.stage} (after {share:.1f} s)")
    return found
