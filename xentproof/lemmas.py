"""Lemmas: chains proved in derivation files that a step may cite by name, and the book of
every rule a run may cite (the built-in ones and the lemmas proved so far).

A lemma states that its chain's first step equals its last (or, for a chain of
inequalities, is below or above it: ``citing`` applies those) **under the chain's
assumptions** (docs/semantics.md §11): the domains of every symbol the two steps depend on,
written or through the declared functions they apply, and the chain's ``where`` fixes.
Those are its side conditions. Citing it replaces each instance of the first step in the
previous step by the last, after matching the lemma's written symbols to what the citing
step puts in their place, and holds only where every side condition is shown:

- a matched value must lie in its symbol's domain: decided here for a finite set, else
  obligations that the decider establishes on the citing chain's domains;
- a symbol the lemma depends on but that is not matched (used through a declared function,
  fixed by ``where``, or on the right side only) stands for itself: the citing chain must
  declare it, over a domain inside the lemma's (a ``where`` fix of its own, for a fix);
- no instance may use a variable bound around it in the citing step (a sum's index, the
  variable of a limit or a derivative): the lemma holds at the points of its domains, not
  on the ranges and neighbourhoods those forms need.

A citation that cannot show them is refused with the reason; the step is then decided as
if it cited nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import sympy
from sympy.core.function import AppliedUndef

from .domains import contains, describe
from .errors import RuleError
from .model import Chain, Derivation, Domain, conclusion
from .notation import math_text
from .result import RuleInfo
from .rules import (
    BUILTIN_RULES,
    Obligation,
    ObligationKind,
    Replay,
    Rule,
    RuleContext,
    lands,
    unfold,
)
from .substitution import BINDING


@dataclass(frozen=True)
class Lemma:
    """A chain whose every relation was PROVED, read as ``first step = last step``.

    ``domains`` holds every symbol (or family) the statement depends on, with the domain
    it was proved under (``{value}`` for a ``where`` fix): its side conditions.
    """

    name: str
    derivation: Derivation
    chain: Chain
    domains: Mapping[sympy.Basic, Domain] = field(default_factory=dict)

    @property
    def lhs(self) -> sympy.Expr:
        return self.chain.steps[0].expr

    @property
    def rhs(self) -> sympy.Expr:
        return self.chain.steps[-1].expr

    @property
    def relation(self) -> str:
        """What the chain concludes between its first and last step: ``=``, or an
        inequality (a chain of ``=`` and ``<=`` concludes ``<=``; ``citing`` applies it)."""
        return conclusion([s.rel or "=" for s in self.chain.steps[1:]]) or "="

    def conditions(self) -> list[str]:
        """The side conditions in words, a ``where`` fix marked as such."""
        shown = []
        for symbol, domain in self.domains.items():
            if symbol in self.chain.where:
                shown.append(f"{math_text(symbol)} = {math_text(self.chain.where[symbol])} (where)")
            else:
                shown.append(describe(_name(symbol), domain))
        return shown

    def rule(self) -> Rule:
        summary = f"{self.chain.steps[0].display} {self.relation} {self.chain.steps[-1].display}"
        conditions = ", ".join(self.conditions()) or "none"
        origin = f"lemma, {self.derivation.path}:{self.chain.line}"
        return Rule(self.name, summary, conditions, self._replay, origin)

    def _replay(self, prev: sympy.Expr, nxt: sympy.Expr, ctx: RuleContext) -> Replay:
        problem = self._definitions_problem(ctx)
        if problem:
            return Replay(False, problem=problem)
        definitions = self.derivation.definitions()
        through = _through_definitions((self.lhs, self.rhs), definitions)
        wilds = {
            s: sympy.Wild(f"w_{s.name}")
            for s in self.domains
            if isinstance(s, sympy.Symbol) and s in self.lhs.free_symbols and s not in through
        }
        shown: list[str] = []
        for symbol in (s for s in self.domains if s not in wilds):
            condition, problem = _stands_for_itself(symbol, self.domains[symbol], ctx)
            if problem:
                return Replay(False, problem=f"lemma {self.name} does not apply: {problem}")
            shown.append(condition)
        fixed = frozenset(s for s in self.domains if s not in wilds)
        instances = _Instances(self, wilds, fixed, ctx)
        candidate = instances.rewrite(prev, frozenset())
        if candidate == prev or not lands(candidate, nxt, ctx):
            # an instance whose conditions fail is left as it is: say why, if one was
            if instances.problems:
                problem = f"lemma {self.name} does not apply: {instances.problems[0]}"
            elif candidate == prev:
                problem = f"no instance of {sympy.sstr(self.lhs)} in the previous step"
            else:
                problem = f"replaying it gives {sympy.sstr(candidate)}, not the next step"
            return Replay(False, problem=problem)
        obligations = tuple(dict.fromkeys(instances.obligations))
        return Replay(True, obligations, shown=tuple(dict.fromkeys([*shown, *instances.shown])))

    def _definitions_problem(self, ctx: RuleContext) -> str:
        """Why the citing file's functions are not the lemma's (empty when they are): every
        function the statement applies must be defined alike there."""
        used = _functions_used((self.lhs, self.rhs), self.derivation.definitions())
        for func, lam in used.items():
            theirs = next((v for k, v in ctx.definitions.items() if k == func), None)
            if theirs is None or not _same_lambda(lam, theirs):
                return (
                    f"lemma {self.name} uses {func} as defined in "
                    f"{self.derivation.path}; this file defines it differently"
                )
        return ""


def make_lemma(
    derivation: Derivation, chain: Chain, domains: Mapping[sympy.Basic, Domain]
) -> Lemma:
    """The lemma a proved lemma chain states, with its side conditions: the domains (as the
    chain has them, ``where`` fixes included) of every symbol and family its first and last
    steps use, written or through the functions they apply, and of every symbol it fixes.
    (Every free symbol of a step is declared, or an index of a declared family: the loader
    sees to it, so every symbol the statement uses has its domain here.)"""
    assert chain.lemma is not None
    definitions = derivation.definitions()
    ends = (chain.steps[0].expr, chain.steps[-1].expr)
    # Written, unfolded, and in the bodies of the functions applied: unfolding may cancel a
    # symbol away (g(x) - a*x is 0 for g = t -> a*t), and the statement still uses it.
    used: set[sympy.Basic] = set(chain.where) | _through_definitions(ends, definitions)
    for expr in ends:
        used |= _symbols(expr) | _symbols(unfold(expr, definitions))
    ordered = sorted((s for s in used if s in domains), key=str)
    return Lemma(chain.lemma, derivation, chain, {s: domains[s] for s in ordered})


class _Instances:
    """Rewrites every instance of a lemma's first step into its last, bottom up (as SymPy's
    ``replace`` does), collecting what each rewritten instance needs; an instance whose
    conditions fail is left as it is, with the reason kept."""

    def __init__(
        self,
        lemma: Lemma,
        wilds: Mapping[sympy.Basic, sympy.Wild],
        fixed: frozenset[sympy.Basic],
        ctx: RuleContext,
    ) -> None:
        self.lemma = lemma
        self.wilds = wilds
        self.fixed = fixed
        self.ctx = ctx
        self.pattern = lemma.lhs.xreplace(dict(wilds))
        self.replacement = lemma.rhs.xreplace(dict(wilds))
        self.obligations: list[Obligation] = []
        self.shown: list[str] = []
        self.problems: list[str] = []

    def rewrite(self, expr: sympy.Basic, bound: frozenset[sympy.Basic]) -> sympy.Basic:
        if isinstance(expr, sympy.IndexedBase):  # a family's name, not a value
            return expr
        if expr.args:
            inner = bound | _binds(expr)
            args = tuple(self.rewrite(a, inner) for a in expr.args)
            if args != expr.args:
                expr = expr.func(*args)
        if not isinstance(expr, sympy.Expr):  # a condition, a range: no value to replace
            return expr
        matched = expr.match(self.pattern)
        # Only a true instance: the pattern with the matched values put in is the very
        # subterm (SymPy's matcher may solve for a value; then it must give the subterm back).
        if matched is None or self.pattern.xreplace(matched) != expr:
            return expr
        values = {s: matched.get(w) for s, w in self.wilds.items()}
        if any(v is None for v in values.values()):
            return expr
        uses = self.fixed.union(*(v.free_symbols for v in values.values() if v is not None))
        captured = sorted(uses & bound, key=str)
        if captured:
            self.problems.append(
                f"its instance {sympy.sstr(expr)} uses {math_text(captured[0])}, a variable "
                "bound around it (a sum's index, or the variable of a limit or a derivative)"
            )
            return expr
        for symbol, value in values.items():
            assert value is not None
            needed, shown, problem = _membership(value, self.lemma.domains[symbol], self.ctx)
            if problem:
                self.problems.append(problem)
                return expr
            self.obligations.extend(needed)
            self.shown.extend(shown)
        result: sympy.Basic = self.replacement.xreplace(matched)
        return result


def _binds(expr: sympy.Basic) -> frozenset[sympy.Basic]:
    """The variables a form binds for its arguments (a sum's index, a limit's variable, …)."""
    if isinstance(expr, (sympy.Sum, sympy.Product, sympy.Integral)):
        return frozenset(limit[0] for limit in expr.limits)
    if isinstance(expr, (sympy.Derivative, sympy.Lambda)):
        return frozenset(expr.variables)
    if isinstance(expr, sympy.Limit):
        return frozenset({expr.args[1]})
    if isinstance(expr, sympy.Subs):
        return frozenset(expr.variables)
    if isinstance(expr, BINDING):  # a binding form not listed above: everything it uses
        return frozenset(expr.free_symbols)
    return frozenset()


def _symbols(expr: sympy.Basic) -> set[sympy.Basic]:
    """The symbols and families ``expr`` uses (a member ``y[i]`` counts as ``y`` and ``i``)."""
    found = {s for s in expr.free_symbols if not isinstance(s, sympy.Indexed)}
    return found | {member.base for member in expr.atoms(sympy.Indexed)}


def _functions_used(
    exprs: tuple[sympy.Basic, ...], definitions: Mapping[sympy.FunctionClass, sympy.Lambda]
) -> dict[sympy.FunctionClass, sympy.Lambda]:
    """The declared functions ``exprs`` apply, with the functions their bodies apply, in
    turn: what the statement means by its function names."""
    used: dict[sympy.FunctionClass, sympy.Lambda] = {}
    todo = [f.func for e in exprs for f in e.atoms(AppliedUndef)]
    while todo:
        func = todo.pop()
        lam = next((v for k, v in definitions.items() if k == func), None)
        if func in used or lam is None:
            continue
        used[func] = lam
        todo.extend(f.func for f in lam.expr.atoms(AppliedUndef))
    return used


def _through_definitions(
    exprs: tuple[sympy.Basic, ...], definitions: Mapping[sympy.FunctionClass, sympy.Lambda]
) -> set[sympy.Basic]:
    """The symbols the declared functions applied in ``exprs`` use in their bodies (``a`` in
    ``g = t -> a*t``), through every function those bodies apply in turn."""
    found: set[sympy.Basic] = set()
    for lam in _functions_used(exprs, definitions).values():
        found |= _symbols(lam.expr) - set(lam.variables)
    return found


def _name(symbol: sympy.Basic) -> str:
    return str(getattr(symbol, "name", symbol))


def _same_lambda(a: sympy.Lambda, b: sympy.Lambda) -> bool:
    if len(a.variables) != len(b.variables):
        return False
    return bool(a(*b.variables) == b.expr)


def _stands_for_itself(symbol: sympy.Basic, domain: Domain, ctx: RuleContext) -> tuple[str, str]:
    """A lemma's symbol that no match gives a value stands for itself in the citing step:
    the side condition shown for it, or why it cannot be (the citing chain does not declare
    it, or over a domain that is not inside the lemma's)."""
    name = _name(symbol)
    theirs = ctx.domains.get(symbol)
    if theirs is None:
        return "", f"it depends on {name}, which this chain does not declare"
    needed = describe(name, domain)
    if not within(theirs, domain):
        return "", f"it needs {needed}, and here {describe(name, theirs)}"
    if theirs.text == domain.text:
        return needed, ""
    return f"{needed} from {describe(name, theirs)}", ""


def within(inner: Domain, outer: Domain) -> bool:
    """Whether every value of ``inner`` lies in ``outer`` (decided exactly; False when not
    sure). A domain tied to another symbol (``{1, ..., C}``, ``one-hot(C)``) is not compared:
    its meaning depends on that symbol, which the citing file may declare otherwise."""
    if inner.is_constrained or outer.is_constrained:
        return False
    if inner.values is not None:
        return all(contains(outer, v) for v in inner.values)
    if outer.values is not None:
        return False
    if outer.integer and not inner.integer:
        return False
    if outer.nonzero and contains(inner, sympy.Integer(0)):
        return False
    low = bool(inner.lo > outer.lo) or (
        inner.lo == outer.lo and (inner.lo_open or not outer.lo_open)
    )
    high = bool(inner.hi < outer.hi) or (
        inner.hi == outer.hi and (inner.hi_open or not outer.hi_open)
    )
    return low and high


def _membership(
    value: sympy.Expr, domain: Domain, ctx: RuleContext
) -> tuple[list[Obligation], list[str], str]:
    """What shows that a matched ``value`` lies in a lemma symbol's ``domain``: obligations
    for the decider to establish, conditions shown here, or why it cannot be shown.

    A finite set is decided here (a literal in the set, or a symbol of the citing chain whose
    own finite set lies inside it); an interval becomes obligations on the value.
    """
    if domain.is_constrained:
        return [], [], f"{domain.text} ties it to another symbol, which a citation cannot check"
    if domain.values is not None:
        allowed = set(domain.values)
        if value.is_number and value in allowed:
            return [], [], ""
        if value in ctx.finite and set(ctx.finite[value]) <= allowed:
            return [], [f"{math_text(value)} ∈ {domain.text}"], ""
        return [], [], f"{sympy.sstr(value)} is not known to lie in {domain.text}"
    if domain.integer and value.is_integer is not True:
        return [], [], f"{sympy.sstr(value)} is not known to be an integer"
    out = [Obligation(value, "real")]
    if domain.nonzero:
        out.append(Obligation(value, "nonzero"))
    # An integer bound is closed (the domain's keywords): n ≥ 1 is shown as n − 1 + 1 > 0.
    if domain.lo.is_finite:
        shift = 1 if domain.integer and not domain.lo_open else 0
        low: ObligationKind = "positive" if domain.lo_open or shift else "nonnegative"
        out.append(Obligation(value - domain.lo + shift, low))
    if domain.hi.is_finite:
        shift = 1 if domain.integer and not domain.hi_open else 0
        high: ObligationKind = "positive" if domain.hi_open or shift else "nonnegative"
        out.append(Obligation(domain.hi - value + shift, high))
    return out, [], ""


class RuleBook:
    """The rules a run may cite: the built-in ones and the lemmas of the files it reads."""

    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {r.name: r for r in BUILTIN_RULES}
        self.lemmas: dict[str, Lemma] = {}

    def add_lemma(self, lemma: Lemma) -> None:
        # The files of a run are read with their lemma names checked (``inputs``) and a plan
        # has one chain per name: a name taken here is a bug, not an input problem.
        if lemma.name in self._rules:
            existing = self._rules[lemma.name]
            raise RuleError(
                f"lemma name {lemma.name!r} is already taken ({existing.origin})",
                file=lemma.derivation.path,
                line=lemma.chain.line,
            )
        self.lemmas[lemma.name] = lemma
        self._rules[lemma.name] = lemma.rule()

    def get(self, name: str) -> Rule | None:
        return self._rules.get(name)

    def infos(self) -> list[RuleInfo]:
        return [r.info() for r in self._rules.values()]
