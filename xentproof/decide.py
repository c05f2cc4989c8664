"""One relation between adjacent steps → its ``Decision``.

For each relation the decider replays the cited rule (if any), carries out limits and
derivatives, checks that both sides are defined as written, and runs the proving cascade,
all under the relation's time budget, which turns a runaway computation into UNPROVED.
It never prints and never raises for a failed step: failures are decisions.

What decides a verdict is also what keys it in the proof cache (``Decider.key``): the
steps, the domains, the definitions, the chain's fixed values, the budget and the cited
rule as it stands in this run (a lemma's statement, or that it was not proved).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import sympy

from .cache import key_of
from .cited import cited_rule, replay_cited, replay_several
from .definedness import Requirement
from .lemmas import Lemma, make_lemma
from .model import EQUATION_RELATIONS, Chain, Derivation, Step, is_inequality, is_statement
from .notation import math_text
from .prepared import (
    ChainContext,
    assumed_for,
    declared_domains,
    domain_infos,
    prepare_step,
)
from .prover import Attempt, DomainInfo, Outcome, prove
from .prover.cascade import refute_only
from .prover.completion import completed
from .prover.constrained import feasible
from .prover.constraint_table import constraints_in_force
from .prover.differentiate import Obligations
from .prover.equation_step import equation_step
from .prover.establish import establish
from .prover.far_out import objection as numeric_objection
from .prover.limit_steps import LimitReport, evaluate_limits
from .prover.no_limit import refute_absent
from .prover.obligations import shown_on_domains
from .prover.statement_step import statement_step
from .prover.written import Written, check_written
from .prover.written import describe as describe_guard
from .result import Decision, Verdict
from .rules import RuleContext
from .settings import DEFAULT_TIMEOUT, Budget
from .timing import ProofTimeout, time_limit


def _undefined_anyway(
    sides: tuple[sympy.Basic, sympy.Basic],
    guards: tuple[list[Requirement], list[Requirement]],
    infos: Mapping[sympy.Basic, DomainInfo],
) -> Outcome | None:
    """A limit whose value was not found may still be shown not to exist at some values of
    the other symbols (its body undefined beside the point: log(1 + a·x)/(a·x) at a = 0):
    a point of the domains with such values, where the other side is defined, refutes the
    step. Only the other side is evaluated there, so it must hold no limit or derivative."""
    lhs, rhs = sides
    if is_statement(lhs) or is_statement(rhs):
        return None
    calculus = (sympy.Limit, sympy.Derivative)
    # the side whose limit has no value stands as 0: only its guards speak for it
    none: list[Requirement] = []
    Pair = tuple[list[Requirement], list[Requirement]]
    tries: tuple[tuple[tuple[sympy.Basic, sympy.Basic], Pair], ...] = (
        ((sympy.Integer(0), rhs), (guards[0], none)),
        ((lhs, sympy.Integer(0)), (none, guards[1])),
    )
    for (left, right), side_guards in tries:
        if not any(side_guards) or left.has(*calculus) or right.has(*calculus):
            continue
        written = check_written(left, right, side_guards, infos)
        if written.verdict is Verdict.REFUTED:
            return Outcome(
                Verdict.REFUTED,
                "undefined as written",
                counterexample=written.counterexample,
                reason=written.reason,
            )
    return None


def _named(
    outcome: Outcome,
    written: set[sympy.Basic],
    guards: list[Requirement],
    infos: Mapping[sympy.Basic, DomainInfo],
) -> Outcome:
    """A counterexample that names a value for every symbol of the written steps (a limit
    carried out may have left none of them): else UNPROVED, with the reason."""
    assert outcome.counterexample is not None
    named = completed(outcome.counterexample, written, infos, guards)
    if named is not None:
        return replace(outcome, counterexample=named)
    return Outcome(
        Verdict.UNPROVED,
        "",
        evidence=outcome.evidence,
        reason="the two sides differ once the limits are carried out, but no values of "
        "the symbols they absorbed could be named where the limits exist",
    )


class Decider:
    """Decides relations; keeps what the relations of a chain share (each chain's context,
    each step's prepared form: a step is the right side of one relation and the left side
    of the next)."""

    def __init__(self, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.timeout = timeout
        self.budget = Budget(timeout)  # a step's own timeout may only lower it
        self._contexts: dict[tuple[str, str], ChainContext] = {}
        # by the chain's definitions (kept alive in _contexts) and the expression
        self._prepared: dict[tuple[int, sympy.Basic], tuple[sympy.Basic, Obligations]] = {}
        self._chain_keys: dict[tuple[str, str], tuple[str, ...]] = {}  # see _chain_key
        self._sreprs: dict[int, tuple[sympy.Basic, str]] = {}  # see _srepr

    def context(self, derivation: Derivation, chain: Chain) -> ChainContext:
        """A chain's domains and rule context, made once per chain."""
        key = (derivation.path, chain.name)
        if key not in self._contexts:
            infos = domain_infos(derivation, chain)
            finite = {s: i.domain.values for s, i in infos.items() if i.domain.values is not None}
            domains = {s: i.domain for s, i in infos.items()}
            rules = RuleContext(derivation.definitions(), chain.where, finite, domains)
            self._contexts[key] = ChainContext(infos, rules, declared_domains(derivation))
        return self._contexts[key]

    def lemma(self, derivation: Derivation, chain: Chain) -> Lemma:
        """The lemma a proved lemma chain states, with its side conditions: the chain's
        domains (its ``where`` fixes included) of everything its first and last steps use."""
        return make_lemma(derivation, chain, self.context(derivation, chain).rules.domains)

    def key(
        self,
        derivation: Derivation,
        chain: Chain,
        index: int,
        lemma: Lemma | None,
        others: tuple[Lemma, ...] = (),
    ) -> str:
        """The proof cache's key of relation ``index``: everything that decides it, hashed."""
        prev, nxt = chain.steps[index - 1], chain.steps[index]
        parts = [
            str(nxt.rel),
            self._srepr(prev.expr),
            self._srepr(nxt.expr),
            # what the steps as written need (x*(x + 1)/x is built as x + 1)
            *(f"guard L {g.key}" for g in prev.guards),
            *(f"guard R {g.key}" for g in nxt.guards),
            f"timeout {self.budget.seconds(nxt.timeout)!r}",
            *self._chain_key(derivation, chain),
        ]
        for other in others:  # the lemmas cited after the first (by = [ … ])
            parts += [
                f"also lemma {other.name} {other.relation}",
                sympy.srepr(other.lhs),
                sympy.srepr(other.rhs),
                *sorted(f"{sympy.srepr(s)}: {d.text}" for s, d in other.domains.items()),
                *sorted(sympy.srepr(lam) for lam in other.derivation.definitions().values()),
            ]
        for name, given in nxt.cites:
            parts += [f"cites {name}", *(f"at {k} = {sympy.srepr(v)}" for k, v in given)]
        if nxt.by is not None:
            known = cited_rule(nxt.by, lemma) is not None
            parts.append(f"rule {nxt.by} {'known' if known else 'not proved'}")
            parts += [f"at {k} = {sympy.srepr(v)}" for k, v in nxt.at]
            if lemma is not None and lemma.name == nxt.by:
                parts += [
                    "lemma with side conditions",  # what a lemma needs was once less
                    f"lemma relation {lemma.relation}",
                    sympy.srepr(lemma.lhs),
                    sympy.srepr(lemma.rhs),
                    *sorted(f"{sympy.srepr(s)}: {d.text}" for s, d in lemma.domains.items()),
                    *sorted(sympy.srepr(lam) for lam in lemma.derivation.definitions().values()),
                ]
        return key_of(parts)

    def _chain_key(self, derivation: Derivation, chain: Chain) -> tuple[str, ...]:
        """What every relation's key of a chain holds alike (its domains, definitions,
        fixes, declarations and constraints), written once per chain rather than once per
        relation: a warm run with one file edited looks every relation of it up."""
        name = (derivation.path, chain.name)
        if name not in self._chain_keys:
            context = self.context(derivation, chain)
            self._chain_keys[name] = (
                *sorted(
                    f"{i.name}: {i.domain.text} {sympy.srepr(i.symbol)}"
                    for i in context.infos.values()
                ),
                *sorted(
                    f"{sympy.srepr(f)} := {sympy.srepr(lam)}"
                    for f, lam in context.rules.definitions.items()
                ),
                *sorted(
                    f"{sympy.srepr(s)} = {sympy.srepr(v)}" for s, v in context.rules.where.items()
                ),
                *sorted(
                    f"declared {sympy.srepr(s)}: {d.text}" for s, d in context.declared.items()
                ),
                *(
                    f"constraint {c.name}: {sympy.srepr(c.relation)}"
                    for c in derivation.constraints
                ),
            )
        return self._chain_keys[name]

    def _srepr(self, expr: sympy.Basic) -> str:
        """``srepr`` of a step's expression, once per step (each step is the right side of
        one relation and the left side of the next); by identity, the step keeps it alive."""
        known = self._sreprs.get(id(expr))
        if known is None or known[0] is not expr:
            known = (expr, sympy.srepr(expr))
            self._sreprs[id(expr)] = known
        return known[1]

    def decide(
        self,
        derivation: Derivation,
        chain: Chain,
        index: int,
        lemma: Lemma | None = None,
        timings: dict[str, float] | None = None,
        *,
        others: tuple[Lemma, ...] = (),
    ) -> Decision:
        """The decision on relation ``index`` (from 1) of a chain, between steps ``index - 1``
        and ``index``. ``lemma`` is the proved lemma the step cites, if it cites one; with
        ``timings``, the seconds of each stage are added to it.

        The file's ``[constraints]`` are in force throughout; when no sampled point of the
        domains satisfies them the relation is UNPROVED (a proof would be vacuous)."""
        with constraints_in_force(derivation.constraints):
            if not feasible(self.context(derivation, chain).infos, derivation.path):
                return Decision(
                    verdict=Verdict.UNPROVED,
                    method="",
                    conditions=constraint_conditions(derivation, chain, index),
                    reason="no sampled point of the domains satisfies the declared "
                    "constraints: nothing is proved under constraints that may hold nowhere",
                )
            decision = self._decide(derivation, chain, index, lemma, timings, others)
        shown = constraint_conditions(derivation, chain, index)
        return replace(decision, conditions=(*shown, *decision.conditions)) if shown else decision

    def _decide(
        self,
        derivation: Derivation,
        chain: Chain,
        index: int,
        lemma: Lemma | None,
        timings: dict[str, float] | None,
        others: tuple[Lemma, ...] = (),
    ) -> Decision:
        context = self.context(derivation, chain)
        prev, nxt = chain.steps[index - 1], chain.steps[index]
        budget = self.budget.seconds(nxt.timeout)
        attempt = Attempt(stage="rule replay" if nxt.by is not None else "preparing")
        warnings: list[str] = []
        replayed: tuple[str, tuple[str, ...]] | None = None
        try:
            with time_limit(budget):
                if nxt.cites:  # several lemmas, applied in turn
                    found = {x.name: x for x in (lemma, *others) if x is not None}
                    replayed = replay_several(nxt.cites, found, prev, nxt, context, warnings)
                elif nxt.by is not None:
                    rule = cited_rule(nxt.by, lemma)
                    replayed = replay_cited(nxt.by, rule, prev, nxt, context, warnings, lemma)
                attempt.stage = "preparing"
                outcome = self._prove(prev, nxt, context, attempt, replayed)
        except ProofTimeout:
            outcome = Outcome(
                Verdict.UNPROVED,
                "",
                evidence=attempt.evidence.describe(),
                reason=f"time-out after {budget:g} s (during {attempt.stage})",
            )
        except Exception as error:
            outcome = Outcome(
                Verdict.UNPROVED,
                "",
                evidence=attempt.evidence.describe(),
                reason=f"SymPy failed during {attempt.stage}: {type(error).__name__}: "
                f"{str(error)[:200]}",
            )
        if timings is not None:
            attempt.lap()
            for stage, seconds in attempt.timings.items():
                timings[stage] = timings.get(stage, 0.0) + seconds
        objection = ""
        if nxt.accept == "numeric" and outcome.verdict is Verdict.UNPROVED:
            # outside the relation's budget: a time-out here is an objection, not a pass
            objection = numeric_objection(nxt.rel or "=", prev.expr, nxt.expr, context.infos)
        if outcome.verdict is Verdict.REFUTED and replayed is not None:
            warnings.append(
                f"rule {nxt.by} replayed, yet a counterexample exists: "
                "the rule's conditions do not hold here"
            )
        return Decision(
            verdict=outcome.verdict,
            method=outcome.method,
            conditions=(*assumed_for(derivation, chain), *outcome.conditions),
            counterexample=outcome.counterexample,
            evidence=outcome.evidence,
            reason=outcome.reason,
            warnings=tuple(warnings),
            agreeing=attempt.evidence.agreeing,
            undefined_points=attempt.evidence.undefined_points,
            numeric_objection=objection,
        )

    def _prove(
        self,
        prev: Step,
        nxt: Step,
        context: ChainContext,
        attempt: Attempt,
        replayed: tuple[str, tuple[str, ...]] | None,
    ) -> Outcome:
        """Derivatives and limits carried out, what they need and the written form checked,
        then the cascade."""
        relation = nxt.rel or "="
        (lhs, dl, left), (rhs, dr, right) = (
            self._carried_out(s.expr, context) for s in (prev, nxt)
        )
        problems = [*dl.problems, *dr.problems, *left.problems, *right.problems]
        if problems:
            refuted = _undefined_anyway((lhs, rhs), (left.guards, right.guards), context.infos)
            if refuted is None and not (dl.problems or dr.problems):
                refuted = refute_absent(left.absent, right.absent, lhs, rhs) or refute_absent(
                    right.absent, left.absent, rhs, lhs
                )
            if refuted is not None:
                return refuted
            return Outcome(Verdict.UNPROVED, "", reason="; ".join(dict.fromkeys(problems)))
        # what a proof must show; what is certain is a guard of its side (refutable)
        needed = [*(o.requirement for o in (*dl.needed, *dr.needed)), *left.needed, *right.needed]
        why = {o.requirement: o.why for o in (*dl.needed, *dr.needed, *dl.certain, *dr.certain)}
        certain_left = [*(o.requirement for o in dl.certain), *left.guards]
        certain_right = [*(o.requirement for o in dr.certain), *right.guards]
        written = Written()
        guards = (self._guards(prev, context), self._guards(nxt, context))
        # between statements: equations, or (joined by <=> or =>) inequalities
        between = relation in EQUATION_RELATIONS and (is_inequality(lhs) or is_inequality(rhs))
        equations = isinstance(lhs, sympy.Eq) or isinstance(rhs, sympy.Eq) or between
        if equations:
            # no written-form check between equations (each equation's solution set is
            # where its written form is defined): what the derivatives and limits need
            # must be shown, like what they would need anyway
            needed += [*certain_left, *certain_right]
        else:
            attempt.stage = "definedness as written"
            guards = ([*guards[0], *certain_left], [*guards[1], *certain_right])
            written = check_written(lhs, rhs, guards, context.infos)
        if written.verdict is Verdict.REFUTED:
            return Outcome(
                written.verdict,
                "undefined as written",
                counterexample=written.counterexample,
                reason=written.reason,
            )
        attempt.stage = "where derivatives and limits exist"
        shown = _shown_needs(needed, why, context.infos)
        if isinstance(shown, str):
            # no proof; a counterexample still stands at a point where each need holds
            found = None
            if not equations:
                found = refute_only(relation, lhs, rhs, context.infos, attempt, needed)
            if found is not None:
                written_symbols = prev.expr.free_symbols | nxt.expr.free_symbols
                return _named(found, written_symbols, [*guards[0], *guards[1]], context.infos)
            return Outcome(Verdict.UNPROVED, "", evidence=attempt.evidence.describe(), reason=shown)
        if between:
            outcome = statement_step(relation, lhs, rhs, context.infos, attempt, prove, guards)
        elif equations:
            outcome = equation_step(relation, lhs, rhs, context.infos, attempt, prove, guards)
        else:
            outcome = prove(relation, lhs, rhs, context.infos, attempt, replayed, written=True)
        if outcome.counterexample is not None:
            written_symbols = prev.expr.free_symbols | nxt.expr.free_symbols
            outcome = _named(outcome, written_symbols, [*guards[0], *guards[1]], context.infos)
        if outcome.verdict is Verdict.PROVED and written.verdict is Verdict.UNPROVED:
            # A side as written may be undefined where it could not be shown defined: no
            # proof, but the cascade's counterexample (if any) still stands.
            return Outcome(Verdict.UNPROVED, "", evidence=outcome.evidence, reason=written.reason)
        if outcome.verdict is Verdict.PROVED:
            conditions = (*left.notes, *right.notes, *shown, *outcome.conditions)
            conditions += written.conditions
            outcome = replace(outcome, conditions=tuple(dict.fromkeys(conditions)))
        elif outcome.verdict is Verdict.UNPROVED and written.verdict is Verdict.UNPROVED:
            outcome = replace(outcome, reason=written.reason)
        return outcome

    def _carried_out(
        self, expr: sympy.Basic, context: ChainContext
    ) -> tuple[sympy.Basic, Obligations, LimitReport]:
        """A step with its derivatives and limits carried out, and what they need."""
        prepared, obligations = self._prepare(expr, context)
        limits = LimitReport()
        evaluated = evaluate_limits(prepared, context.infos, context.declared, limits)
        return evaluated, obligations, limits

    def _prepare(self, expr: sympy.Basic, context: ChainContext) -> tuple[sympy.Basic, Obligations]:
        definitions = context.rules.definitions
        key = (id(definitions), expr)
        if key not in self._prepared:
            found = Obligations()
            self._prepared[key] = (prepare_step(expr, definitions, context.declared, found), found)
        return self._prepared[key]

    def _guards(self, step: Step, context: ChainContext) -> list[Requirement]:
        """The step's guards with its definitions unfolded, as its sides are."""
        return [g.mapped(lambda e: self._prepare(e, context)[0]) for g in step.guards]


def constraint_conditions(derivation: Derivation, chain: Chain, index: int) -> tuple[str, ...]:
    """The ``[constraints]`` that bear on relation ``index``: those that share a symbol or a
    family with its two steps, each shown as a side condition ("constraint ordered: a < b")."""
    steps = chain.steps[index - 1 : index + 1]
    used: set[sympy.Basic] = set()
    for step in steps:
        used |= step.expr.free_symbols | {m.base for m in step.expr.atoms(sympy.Indexed)}
    shown: list[str] = []
    for constraint in derivation.constraints:
        relation = constraint.relation
        mentions = relation.free_symbols | {m.base for m in relation.atoms(sympy.Indexed)}
        if mentions & used:
            shown.append(f"constraint {constraint.name}: {constraint.text}")
    return tuple(shown)


def _shown_needs(
    needed: list[Requirement],
    why: Mapping[Requirement, str],
    infos: Mapping[sympy.Basic, DomainInfo],
) -> list[str] | str:
    """What the derivatives and limits of a relation need, shown on the domains (the side
    conditions to state), or why the relation cannot be proved."""
    shown: list[str] = []
    for need in dict.fromkeys(needed):
        facts = establish(need.expr, need.kind, infos)
        if facts is None and not need.plain:  # under a sum's range (or a condition)
            quantified = shown_on_domains(need, infos)
            facts = None if quantified is None else quantified.facts
        fact = describe_guard(need)
        if facts is None:
            because = f" ({why[need]})" if need in why else ""
            return (
                f"{math_text(need.origin)} needs {fact}{because}, which could not be shown on "
                "the declared domains"
            )
        shown.append(fact)
    return [f"derivatives and limits exist: {', '.join(dict.fromkeys(shown))}"] if shown else []
