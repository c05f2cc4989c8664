"""A step's cited rule, replayed for its relation: a built-in rule, or a lemma of this run
(a lemma of inequalities, or one cited with ``at``, applied monotonically: ``citing``),
with the obligations it leaves shown on the chain's domains; a citation that reaches the
next step only on the constrained set (Σ p[i] = 1) is closed by the declared constraints.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import sympy

from .citing import replay_citation
from .lemmas import Lemma
from .model import Step
from .notation import math_text
from .prepared import ChainContext, prepare
from .prover import DomainInfo
from .prover.constraint_use import use_constraints
from .prover.establish import KIND_TEXT, establish
from .rules import BUILTIN_RULES, Obligation, Replay, Rule

_BUILTIN: dict[str, Rule] = {r.name: r for r in BUILTIN_RULES}


def cited_rule(name: str, lemma: Lemma | None) -> Rule | None:
    """The rule a step cites: a built-in one, or the lemma of that name when it was proved
    (None: a lemma that was not proved, or a name no file of the run declares)."""
    if name in _BUILTIN:
        return _BUILTIN[name]
    return lemma.rule() if lemma is not None and lemma.name == name else None


def replay_cited(
    name: str,
    rule: Rule | None,
    prev: Step,
    nxt: Step,
    context: ChainContext,
    warnings: list[str],
    lemma: Lemma | None = None,
) -> tuple[str, tuple[str, ...]] | None:
    """Replay a cited rule: the method and side conditions if it landed, else None and a
    warning that says why not. A lemma of inequalities, or one cited with ``at``, is
    applied monotonically (``citing``)."""
    relation = nxt.rel or "="
    if rule is None:  # the reader rejects unknown names; a lemma whose chain failed
        warnings.append(f"rule {name} is a lemma that was not proved; not replayed")
        return None
    cites = lemma is not None and lemma.name == name
    if nxt.at and not cites:
        warnings.append(f"rule {name} is no lemma: at = {{…}} applies to lemmas only")
        return None
    if lemma is not None and cites and (nxt.at or lemma.relation != "="):
        at = dict(nxt.at)
        replay = replay_citation(lemma, prev.expr, nxt.expr, relation, at, context.rules)
        how = "cited" + (
            ", at " + ", ".join(f"{k} = {math_text(v)}" for k, v in nxt.at) if at else ""
        )
        closed = _closed_by_constraints(replay, nxt.expr, context.infos)
        if closed is not None:
            replay, how = closed, how + ", closed by the declared constraints"
        return _established(name, replay, how, context, warnings)
    if relation != "=":
        warnings.append(f"rule {name} is an equality rule; the relation here is {relation}")
        return None
    replay = rule.replay(prev.expr, nxt.expr, context.rules)
    return _established(name, replay, "replayed", context, warnings)


def _established(
    name: str,
    replay: Replay,
    how: str,
    context: ChainContext,
    warnings: list[str],
) -> tuple[str, tuple[str, ...]] | None:
    """A replay that landed, with its obligations shown on the domains: the method and
    side conditions; else None and a warning that says why not."""
    if not replay.landed:
        warnings.append(f"rule {name} did not replay: {replay.problem}")
        return None
    conditions: list[str] = list(replay.shown)
    for obligation in replay.obligations:
        target = prepare(obligation.expr, context.rules.definitions)
        facts = establish(target, obligation.kind, context.infos)
        shown = f"{math_text(obligation.expr)} {KIND_TEXT[obligation.kind]}"
        if facts is None:
            warnings.append(
                f"rule {name} needs {shown}, which could not be shown on the "
                "declared domains; not replayed"
            )
            return None
        facts = tuple(f for f in facts if f != shown)
        conditions.append(f"{shown} from {', '.join(facts)}" if facts else shown)
    return f"{name} ({how})", tuple(dict.fromkeys(conditions))


def _closed_by_constraints(
    replay: Replay, nxt: sympy.Basic, infos: Mapping[sympy.Basic, DomainInfo]
) -> Replay | None:
    """A citation that gave what equals the next step only on the constrained set (Σ p[i] =
    1 for a simplex): landed, with the constraints it used among its side conditions."""
    reached = replay.reached
    if replay.landed or not isinstance(reached, sympy.Expr) or not isinstance(nxt, sympy.Expr):
        return None
    try:
        used = use_constraints(reached, nxt, infos)
        if used is None or sympy.expand(used[0] - used[1]) != 0:
            return None
    except (TypeError, ValueError, AttributeError, RecursionError):
        return None
    return replace(replay, landed=True, problem="", shown=(*replay.shown, *used[2]))


def replay_several(
    cites: tuple[tuple[str, tuple[tuple[str, sympy.Expr], ...]], ...],
    lemmas: Mapping[str, Lemma],
    prev: Step,
    nxt: Step,
    context: ChainContext,
    warnings: list[str],
) -> tuple[str, tuple[str, ...]] | None:
    """Several lemmas cited in one step (``by = ["a", { rule = "b", at = {…} }]``), applied
    in turn: each to what the one before gave, the last reaching the next step. Each
    application holds the step's relation (every replaced instance where the whole moves
    the right way), so the chain of them does; every use is named, with its obligations
    shown on the domains."""
    relation = nxt.rel or "="
    current = prev.expr
    obligations: list[Obligation] = []
    shown: list[str] = []
    names = " + ".join(name for name, _ in cites)
    for position, (name, at) in enumerate(cites):
        lemma = lemmas.get(name)
        if lemma is None:
            warnings.append(
                f"rule {name} is not a proved lemma of this run (by = [ … ] cites lemmas); "
                "not replayed"
            )
            return None
        replay = replay_citation(lemma, current, nxt.expr, relation, dict(at), context.rules)
        last = position == len(cites) - 1
        if replay.landed and not last:
            warnings.append(
                f"rule {names} did not replay: lemma {name} reaches the next step before "
                "the lemmas after it are applied"
            )
            return None
        if not replay.landed and last:
            closed = _closed_by_constraints(replay, nxt.expr, context.infos)
            if closed is not None:
                replay = closed
                shown.append("closed by the declared constraints")
        if not replay.landed and (last or not isinstance(replay.reached, sympy.Expr)):
            warnings.append(f"rule {names} did not replay: {replay.problem}")
            return None
        obligations.extend(replay.obligations)
        shown.extend(replay.shown)
        if not last:
            assert isinstance(replay.reached, sympy.Expr)
            current = replay.reached
    combined = Replay(True, tuple(dict.fromkeys(obligations)), shown=tuple(dict.fromkeys(shown)))
    return _established(names, combined, "each cited in turn", context, warnings)
