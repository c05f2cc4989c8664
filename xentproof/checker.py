"""The checker: every relation between adjacent steps gets exactly one verdict.

It never prints and never raises for a failed step: failures are results. For each
relation it replays the cited rule (if any), runs the proving cascade, and keeps the
evidence; a per-relation time budget turns a runaway computation into UNPROVED.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, overload

import sympy

from .cache import ProofCache, key_of
from .definedness import Requirement
from .domains import parse_domain
from .loader import index_symbols
from .model import Chain, Derivation, Domain, Step
from .notation import math_text
from .prover import Attempt, DomainInfo, Outcome, prove
from .prover.establish import KIND_TEXT, establish
from .prover.limits import LimitReport, evaluate_limits
from .prover.written import Written, check_written
from .result import (
    ChainResult,
    Decision,
    DerivationResult,
    Progress,
    RelationResult,
    Verdict,
    chain_relation,
)
from .rules import Lemma, RuleBook, RuleContext, unfold
from .settings import DEFAULT_TIMEOUT
from .timing import ProofTimeout, time_limit

# An index written outside any sum (y[i] alone) ranges over the positive integers.
INDEX_DOMAIN = parse_domain("positive integer")


@dataclass(frozen=True)
class CheckOptions:
    timeout: float = DEFAULT_TIMEOUT
    cache: ProofCache | None = None


def domain_infos(derivation: Derivation, chain: Chain) -> dict[sympy.Basic, DomainInfo]:
    """Each declared scalar symbol with its domain; a chain's ``where`` fixes some to a value."""
    infos: dict[sympy.Basic, DomainInfo] = {}
    for index in index_symbols(derivation.symbols.values()):
        infos[index] = DomainInfo(index, index.name, INDEX_DOMAIN)
    for decl in derivation.symbols.values():
        if decl.is_family:
            # keyed by the IndexedBase, which is never a free symbol of an expression
            infos[decl.symbol] = DomainInfo(decl.symbol, decl.name, decl.domain, len(decl.indices))
            continue
        domain = decl.domain
        if decl.symbol in chain.where:
            value = chain.where[decl.symbol]
            domain = Domain(text="{" + str(value) + "}", values=(value,))
        infos[decl.symbol] = DomainInfo(decl.symbol, decl.name, domain)
    return infos


def prepare(
    expr: sympy.Basic, definitions: Mapping[sympy.FunctionClass, sympy.Lambda]
) -> sympy.Basic:
    """Unfold the definitions and carry out derivatives: the form the prover works on."""
    if isinstance(expr, sympy.Eq):  # keep an equation an equation (it might evaluate)
        return sympy.Eq(
            prepare(expr.lhs, definitions), prepare(expr.rhs, definitions), evaluate=False
        )
    expr = unfold(expr, definitions)
    return expr.replace(lambda e: isinstance(e, sympy.Derivative), lambda e: e.doit())


class Checker:
    def __init__(
        self,
        book: RuleBook,
        options: CheckOptions | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.book = book
        self.options = options or CheckOptions()
        self.progress = progress
        self._done: dict[tuple[str, str], ChainResult] = {}
        # Relations decided elsewhere (worker processes), by (file, chain, index).
        self.decided: dict[tuple[str, str, int], RelationResult] = {}
        self._counted = 0
        self._total = 0
        # Each step's prepared form, by its chain's definitions (kept alive in _contexts)
        # and expression: a step is the right side of one relation and the left of the next.
        self._prepared: dict[tuple[int, sympy.Basic], sympy.Basic] = {}
        # Seconds per stage of each relation decided here, when a caller asks (a dict).
        self.stage_times: dict[tuple[str, str, int], dict[str, float]] | None = None
        self._contexts: dict[
            tuple[str, str], tuple[dict[sympy.Basic, DomainInfo], RuleContext, set[sympy.Symbol]]
        ] = {}

    def prove_lemmas(self, derivations: Sequence[Derivation]) -> None:
        """Check the lemma chains; each one proved becomes a rule in the book."""
        for derivation in derivations:
            for chain in derivation.chains:
                if chain.lemma is not None:
                    self._chain(derivation, chain)

    def prove_lemma(self, derivation: Derivation, chain: Chain) -> None:
        """Check one lemma chain (as ``prove_lemmas`` does, for a caller that keeps the order)."""
        self._chain(derivation, chain)

    def check(self, derivations: Sequence[Derivation]) -> list[DerivationResult]:
        # Lemmas first, so that every citation of a lemma knows whether it was proved.
        self._total = sum(len(c.steps) - 1 for d in derivations for c in d.chains)
        self.prove_lemmas(derivations)
        return [
            DerivationResult(d.path, d.title, tuple(self._chain(d, c) for c in d.chains), d.source)
            for d in derivations
        ]

    def _chain(self, derivation: Derivation, chain: Chain) -> ChainResult:
        key = (derivation.path, chain.name)
        if key in self._done:
            return self._done[key]
        if self.progress is not None:
            self.progress(self._counted, self._total, f"{derivation.path}: {chain.name}")
        self._counted += len(chain.steps) - 1
        relations = tuple(
            self.decided.get((derivation.path, chain.name, k))
            or self.relation(derivation, chain, k)
            for k in range(1, len(chain.steps))
        )
        result = ChainResult(
            chain.name,
            chain.line,
            relations,
            chain.claims,
            chain.steps[0].display,
            chain.lemma,
            _concludes(relations),
            chain.steps[-1].display,
        )
        if chain.lemma is not None and result.passed:
            infos = self._context(derivation, chain)[0]
            domains = {
                s: infos[s].domain
                for s in sorted(
                    chain.steps[0].expr.free_symbols | chain.steps[-1].expr.free_symbols, key=str
                )
                if s in infos
            }
            self.book.add_lemma(Lemma(chain.lemma, derivation, chain, domains))
        self._done[key] = result
        return result

    def cached(self, derivation: Derivation, chain: Chain, index: int) -> RelationResult | None:
        """The verdict on a relation if the proof cache has it, without deciding anything."""
        if self.options.cache is None:
            return None
        result = self.relation(derivation, chain, index, only_cached=True)
        return result if result is not None and result.cached else None

    def _context(
        self, derivation: Derivation, chain: Chain
    ) -> tuple[dict[sympy.Basic, DomainInfo], RuleContext, set[sympy.Symbol]]:
        """A chain's domains, rule context and index symbols, made once per chain."""
        key = (derivation.path, chain.name)
        if key not in self._contexts:
            infos = domain_infos(derivation, chain)
            finite = {s: i.domain.values for s, i in infos.items() if i.domain.values is not None}
            ctx = RuleContext(derivation.definitions(), chain.where, finite)
            indices = set(index_symbols(derivation.symbols.values()))
            self._contexts[key] = (infos, ctx, indices)
        return self._contexts[key]

    @overload
    def relation(self, derivation: Derivation, chain: Chain, index: int) -> RelationResult: ...

    @overload
    def relation(
        self, derivation: Derivation, chain: Chain, index: int, *, only_cached: bool
    ) -> RelationResult | None: ...

    def relation(
        self, derivation: Derivation, chain: Chain, index: int, *, only_cached: bool = False
    ) -> RelationResult | None:
        """The verdict on relation ``index`` (from 1) of a chain: steps index and index + 1.

        With ``only_cached``, None unless the proof cache has it.
        """
        infos, ctx, indices = self._context(derivation, chain)
        prev, nxt = chain.steps[index - 1], chain.steps[index]
        timings: dict[str, float] | None = None
        if self.stage_times is not None:
            timings = self.stage_times.setdefault((derivation.path, chain.name, index), {})
        return self._relation(
            prev,
            nxt,
            index,
            infos,
            ctx,
            _dangling(prev, indices) if index == 1 else [],
            _dangling(nxt, indices),
            only_cached=only_cached,
            timings=timings,
        )

    def _relation(
        self,
        prev: Step,
        nxt: Step,
        index: int,
        infos: Mapping[sympy.Basic, DomainInfo],
        ctx: RuleContext,
        *findings: list[str],
        only_cached: bool = False,
        timings: dict[str, float] | None = None,
    ) -> RelationResult | None:
        relation = nxt.rel or "="
        started = time.perf_counter()
        found = [w for group in findings for w in group]
        cache = self.options.cache
        key = self._cache_key(prev, nxt, infos, ctx) if cache is not None else ""
        decided = cache.get(key) if cache is not None else None
        cached = decided is not None
        if decided is None and only_cached:
            return None
        if decided is None:
            decided = self._decide(prev, nxt, relation, infos, ctx, timings)
            if cache is not None and not decided.timed_out:
                cache.put(key, decided)
        return RelationResult(
            index=index,
            seconds=round(time.perf_counter() - started, 4),
            cached=cached,
            **as_written(prev, nxt),
            verdict=decided.verdict,
            method=decided.method,
            conditions=decided.conditions,
            counterexample=decided.counterexample,
            evidence=decided.evidence,
            reason=decided.reason,
            warnings=(*found, *decided.warnings),
            agreeing=decided.agreeing,
        )

    def _guards(self, step: Step, ctx: RuleContext) -> list[Requirement]:
        """The step's guards with its definitions unfolded, as its sides are."""
        return [Requirement(self._prepare(g.expr, ctx), g.kind, g.origin) for g in step.guards]

    def _cache_key(
        self, prev: Step, nxt: Step, infos: Mapping[sympy.Basic, DomainInfo], ctx: RuleContext
    ) -> str:
        """Everything that decides the verdict of this relation, hashed."""
        parts = [
            str(nxt.rel),
            sympy.srepr(prev.expr),
            sympy.srepr(nxt.expr),
            # what the steps as written need (x*(x + 1)/x is built as x + 1)
            *(f"guard L {sympy.srepr(g.expr)} {g.kind}" for g in prev.guards),
            *(f"guard R {sympy.srepr(g.expr)} {g.kind}" for g in nxt.guards),
            f"timeout {nxt.timeout or self.options.timeout!r}",
            *sorted(f"{i.name}: {i.domain.text} {sympy.srepr(i.symbol)}" for i in infos.values()),
            *sorted(
                f"{sympy.srepr(f)} := {sympy.srepr(lam)}" for f, lam in ctx.definitions.items()
            ),
            *sorted(f"{sympy.srepr(s)} = {sympy.srepr(v)}" for s, v in ctx.where.items()),
        ]
        if nxt.by is not None:
            lemma = self.book.lemmas.get(nxt.by)
            rule = self.book.get(nxt.by)
            parts.append(f"rule {nxt.by} {'known' if rule else 'not proved'}")
            if lemma is not None:
                parts += [
                    sympy.srepr(lemma.lhs),
                    sympy.srepr(lemma.rhs),
                    *sorted(f"{s}: {d.text}" for s, d in lemma.domains.items()),
                    *sorted(sympy.srepr(lam) for lam in lemma.derivation.definitions().values()),
                ]
        return key_of(parts)

    def _decide(
        self,
        prev: Step,
        nxt: Step,
        relation: str,
        infos: Mapping[sympy.Basic, DomainInfo],
        ctx: RuleContext,
        timings: dict[str, float] | None = None,
    ) -> Decision:
        """The decision on one relation: cited rule, cascade, time budget; with
        ``timings``, the seconds of each stage are added to it."""
        budget = nxt.timeout or self.options.timeout
        attempt = Attempt(stage="rule replay" if nxt.by is not None else "preparing")
        warnings: list[str] = []
        outcome = None
        replay_method: str | None = None
        replay_conditions: tuple[str, ...] = ()
        try:
            with time_limit(budget):
                if nxt.by is not None:
                    replay_method, replay_conditions = self._replay(
                        nxt.by, prev.expr, nxt.expr, relation, infos, ctx, warnings
                    )
                attempt.stage = "preparing"
                limits = LimitReport()
                lhs = evaluate_limits(self._prepare(prev.expr, ctx), infos, limits)
                rhs = evaluate_limits(self._prepare(nxt.expr, ctx), infos, limits)
                replayed = None if replay_method is None else (replay_method, replay_conditions)
                written = Written()
                if not (isinstance(lhs, sympy.Eq) or isinstance(rhs, sympy.Eq)):
                    attempt.stage = "definedness as written"
                    written = check_written(
                        lhs, rhs, (self._guards(prev, ctx), self._guards(nxt, ctx)), infos
                    )
                if limits.problems:
                    outcome = Outcome(Verdict.UNPROVED, "", reason="; ".join(limits.problems))
                elif written.verdict is not None:
                    outcome = Outcome(
                        written.verdict,
                        "" if written.counterexample is None else "undefined as written",
                        counterexample=written.counterexample,
                        reason=written.reason,
                    )
                else:
                    outcome = prove(relation, lhs, rhs, infos, attempt, replayed)
                    if outcome.verdict is Verdict.PROVED:
                        outcome = replace(
                            outcome,
                            conditions=(*limits.notes, *outcome.conditions, *written.conditions),
                        )
        except ProofTimeout:
            outcome = None
        except Exception as error:
            outcome = Outcome(
                Verdict.UNPROVED,
                "",
                evidence=attempt.evidence.describe(),
                reason=f"SymPy failed during {attempt.stage}: {type(error).__name__}: "
                f"{str(error)[:200]}",
            )
        if outcome is None:
            outcome = Outcome(
                Verdict.UNPROVED,
                "",
                evidence=attempt.evidence.describe(),
                reason=f"time-out after {budget:g} s (during {attempt.stage})",
            )
        if timings is not None:
            attempt.lap()
            for stage, seconds in attempt.timings.items():
                timings[stage] = timings.get(stage, 0.0) + seconds
        if outcome.verdict is Verdict.REFUTED and replay_method is not None:
            warnings.append(
                f"rule {nxt.by} replayed, yet a counterexample exists: "
                "the rule's conditions do not hold here"
            )
        return Decision(
            verdict=outcome.verdict,
            method=outcome.method,
            conditions=outcome.conditions,
            counterexample=outcome.counterexample,
            evidence=outcome.evidence,
            reason=outcome.reason,
            warnings=tuple(warnings),
            agreeing=attempt.evidence.agreeing,
        )

    def _prepare(self, expr: sympy.Basic, ctx: RuleContext) -> sympy.Basic:
        key = (id(ctx.definitions), expr)
        if key not in self._prepared:
            self._prepared[key] = prepare(expr, ctx.definitions)
        return self._prepared[key]

    def _replay(
        self,
        name: str,
        prev: sympy.Expr,
        nxt: sympy.Expr,
        relation: str,
        infos: Mapping[sympy.Basic, DomainInfo],
        ctx: RuleContext,
        warnings: list[str],
    ) -> tuple[str | None, tuple[str, ...]]:
        """Replay a cited rule; the method and side conditions if it landed, else a warning."""
        rule = self.book.get(name)
        if rule is None:  # the loader rejects unknown names; a lemma whose chain failed
            warnings.append(f"rule {name} is a lemma that was not proved; not replayed")
            return None, ()
        if relation != "=":
            warnings.append(f"rule {name} is an equality rule; the relation here is {relation}")
            return None, ()
        replay = rule.replay(prev, nxt, ctx)
        if not replay.landed:
            warnings.append(f"rule {name} did not replay: {replay.problem}")
            return None, ()
        conditions: list[str] = []
        for obligation in replay.obligations:
            target = prepare(obligation.expr, ctx.definitions)
            facts = establish(target, obligation.kind, infos)
            shown = f"{math_text(obligation.expr)} {KIND_TEXT[obligation.kind]}"
            if facts is None:
                warnings.append(
                    f"rule {name} needs {shown}, which could not be shown on the "
                    "declared domains; not replayed"
                )
                return None, ()
            facts = tuple(f for f in facts if f != shown)
            conditions.append(f"{shown} from {', '.join(facts)}" if facts else shown)
        return f"{name} (replayed)", tuple(dict.fromkeys(conditions))


def as_written(prev: Step, nxt: Step) -> dict[str, Any]:
    """The fields of a relation's result that say where and how it is written."""
    return {
        "line": nxt.line,
        "relation": nxt.rel or "=",
        "lhs": prev.text,
        "rhs": nxt.text,
        "lhs_display": prev.display,
        "rhs_display": nxt.display,
        "rule": nxt.by,
        "note": nxt.note,
        "expect": nxt.expect,
        "accept": nxt.accept,
        "rhs_latex": nxt.latex,
    }


def _dangling(step: Step, indices: set[sympy.Symbol]) -> list[str]:
    """An index used outside every sum or product that could bind it (y[i] after Σ ends)."""
    loose = sorted((s for s in step.expr.free_symbols if s in indices), key=str)
    return [
        f"line {step.line}: index {s} is used outside any Sum/Product that binds it; "
        "the step must then hold for every value of it"
        for s in loose
    ]


def _concludes(relations: tuple[RelationResult, ...]) -> str | None:
    """The relation between a chain's first and last step when every relation was proved."""
    if not relations or not all(r.verdict is Verdict.PROVED for r in relations):
        return None
    return chain_relation(tuple(r.relation for r in relations))
