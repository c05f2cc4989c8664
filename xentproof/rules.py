"""Named rules a step may cite (``by = "NAME"``); lemmas, proved in derivation files, are in
``xentproof.lemmas``.

A rule is replayed on the previous step: a rewriting rule rewrites it and must land on the
next step up to a canonical form; a checking rule (``algebra``, ``cases``) decides directly
whether the two steps are related as it says. Either way the rule names the obligations it
needs (``a > 0`` for ``log(a*b) = log(a) + log(b)``), which the checker must establish on
the declared domains before it reports "NAME (replayed)".
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

import sympy

from .model import Domain
from .result import RuleInfo
from .substitution import put

ObligationKind = Literal["positive", "nonnegative", "nonzero", "real"]


@dataclass(frozen=True)
class Obligation:
    """Something that must hold on the whole domain for the rule to apply."""

    expr: sympy.Expr
    kind: ObligationKind


@dataclass(frozen=True)
class RuleContext:
    """What a replay may use: the definitions, the finite cases and the chain's fixed values,
    and the domain of every symbol the citing chain declares (a ``where`` fix as ``{value}``)."""

    definitions: Mapping[sympy.FunctionClass, sympy.Lambda]
    where: Mapping[sympy.Basic, sympy.Expr]
    finite: Mapping[sympy.Basic, tuple[sympy.Expr, ...]]
    domains: Mapping[sympy.Basic, Domain] = field(default_factory=dict)


@dataclass(frozen=True)
class Replay:
    """The outcome of replaying a rule from one step to the next: whether it landed, the
    obligations the decider must establish on the domains, the side conditions the rule
    showed itself (a lemma's domains and fixes), and why it did not land."""

    landed: bool
    obligations: tuple[Obligation, ...] = ()
    problem: str = ""
    shown: tuple[str, ...] = ()
    # what the replay gave where it did not land on the next step (a lemma's citation):
    # the decider may still close the gap by a declared constraint (Σ p[i] = 1)
    reached: sympy.Basic | None = None


@dataclass(frozen=True)
class Rule:
    name: str
    summary: str
    conditions: str
    replay: Callable[[sympy.Expr, sympy.Expr, RuleContext], Replay]
    origin: str = "built in"

    def info(self) -> RuleInfo:
        return RuleInfo(self.name, self.summary, self.conditions, self.origin)


# -- canonical comparison ---------------------------------------------------------------------


def unfold(
    expr: sympy.Basic, definitions: Mapping[sympy.FunctionClass, sympy.Lambda]
) -> sympy.Basic:
    """Replace every application of a declared function by its definition."""
    for _ in range(8):  # definitions may use other definitions
        before = expr
        for func, lam in definitions.items():
            expr = expr.replace(func, lam)
        if expr == before:
            break
    return expr


def _exponentials_as_powers(expr: sympy.Basic) -> sympy.Basic:
    """Write ``exp(c*a)`` (c rational) as ``T_a**c`` with one positive symbol per ``a``.

    ``exp(c*a) = exp(a)**c`` holds for every real ``a``, so this is algebra; it lets
    ``cancel`` see that ``exp(-s)`` is ``1/exp(s)``, which it cannot on its own.
    """
    generators: dict[sympy.Basic, sympy.Symbol] = {}
    replacements: dict[sympy.Basic, sympy.Basic] = {}
    for atom in expr.atoms(sympy.exp):
        coeff, term = sympy.expand(atom.args[0]).as_coeff_Mul()
        if not coeff.is_Rational:
            coeff, term = sympy.Integer(1), atom.args[0]
        if term.could_extract_minus_sign():
            coeff, term = -coeff, -term
        if term not in generators:
            generators[term] = sympy.Dummy("T", positive=True)
        replacements[atom] = generators[term] ** coeff
    return expr.xreplace(replacements) if replacements else expr


_ELEMENTARY = (
    sympy.log,
    sympy.exp,
    sympy.sin,
    sympy.cos,
    sympy.tan,
    sympy.sinh,
    sympy.cosh,
    sympy.tanh,
    sympy.Abs,
)


def _normal_arguments(expr: sympy.Basic) -> sympy.Basic:
    """Bring the argument of every elementary function to a reduced fraction."""
    return expr.replace(
        lambda e: isinstance(e, _ELEMENTARY),
        lambda e: e.func(sympy.cancel(sympy.together(e.args[0]))),
    )


def same_form(a: sympy.Basic, b: sympy.Basic) -> bool:
    """Equal up to algebra: no rule that depends on the sign or domain of anything."""
    if a == b:
        return True
    try:
        difference = a - b
        if sympy.expand(difference, log=False) == 0:
            return True
        if sympy.cancel(sympy.together(difference)) == 0:
            return True
        powers = _exponentials_as_powers(difference)
        return bool(sympy.cancel(sympy.together(_normal_arguments(powers))) == 0)
    except (TypeError, ValueError, sympy.PolynomialError):
        return False


def lands(candidate: sympy.Basic, target: sympy.Basic, ctx: RuleContext) -> bool:
    """Whether a replayed step is the target step, up to algebra and the chain's values."""
    if ctx.where:
        candidate, target = put(candidate, ctx.where), put(target, ctx.where)
    if same_form(candidate, target):
        return True
    return same_form(unfold(candidate, ctx.definitions), unfold(target, ctx.definitions))


# -- rewriting rules -------------------------------------------------------------------------


def _rewriting(
    rewrite: Callable[[sympy.Expr, list[Obligation]], sympy.Expr],
) -> Callable[[sympy.Expr, sympy.Expr, RuleContext], Replay]:
    def replay(prev: sympy.Expr, nxt: sympy.Expr, ctx: RuleContext) -> Replay:
        obligations: list[Obligation] = []
        candidate = rewrite(prev, obligations)
        if candidate == prev:
            # SymPy may already have applied the rule when it built the step (it writes
            # log(exp(s)) as s for real s): then the steps must agree as they stand.
            if prev == nxt:
                return Replay(True)
            return Replay(False, problem="the rule does not apply to the previous step")
        if not lands(candidate, nxt, ctx):
            return Replay(
                False,
                tuple(obligations),
                problem=f"replaying it gives {sympy.sstr(candidate)}, not the next step",
            )
        return Replay(True, tuple(dict.fromkeys(obligations)))

    return replay


def _positive(obligations: list[Obligation], *exprs: sympy.Expr) -> None:
    for e in exprs:
        if e.is_positive is not True or e.free_symbols:
            obligations.append(Obligation(e, "positive"))


def _log_product(expr: sympy.Expr, obligations: list[Obligation]) -> sympy.Expr:
    def split(arg: sympy.Expr) -> sympy.Expr:
        if arg.is_Mul:
            _positive(obligations, *arg.args)
            return sympy.Add(*(sympy.log(f) for f in arg.args))
        return sympy.log(arg)

    return expr.replace(sympy.log, split)


def _log_power(expr: sympy.Expr, obligations: list[Obligation]) -> sympy.Expr:
    def bring_down(arg: sympy.Expr) -> sympy.Expr:
        if arg.is_Pow:
            base, exponent = arg.as_base_exp()
            _positive(obligations, base)
            if exponent.is_real is not True:
                obligations.append(Obligation(exponent, "real"))
            return exponent * sympy.log(base)
        if arg.func is sympy.exp:
            if arg.args[0].is_real is not True:
                obligations.append(Obligation(arg.args[0], "real"))
            return arg.args[0]
        return sympy.log(arg)

    return expr.replace(sympy.log, bring_down)


def _literal_fraction(arg: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr]:
    """Numerator and denominator as written (``as_numer_denom`` would also normalise)."""
    numerator: list[sympy.Expr] = []
    denominator: list[sympy.Expr] = []
    for factor in sympy.Mul.make_args(arg):
        base, exponent = factor.as_base_exp()
        if factor.is_Pow and exponent.is_negative:
            denominator.append(base**-exponent)
        elif factor.is_Rational and factor.q != 1:
            numerator.append(sympy.Integer(factor.p))
            denominator.append(sympy.Integer(factor.q))
        else:
            numerator.append(factor)
    return sympy.Mul(*numerator), sympy.Mul(*denominator)


def _log_quotient(expr: sympy.Expr, obligations: list[Obligation]) -> sympy.Expr:
    def split(arg: sympy.Expr) -> sympy.Expr:
        numerator, denominator = _literal_fraction(arg)
        if denominator == 1:
            return sympy.log(arg)
        _positive(obligations, numerator, denominator)
        return sympy.log(numerator) - sympy.log(denominator)

    return expr.replace(sympy.log, split)


def _exp_log(expr: sympy.Expr, obligations: list[Obligation]) -> sympy.Expr:
    def log_of(arg: sympy.Expr) -> sympy.Expr:
        if arg.func is sympy.exp:
            if arg.args[0].is_real is not True:
                obligations.append(Obligation(arg.args[0], "real"))
            return arg.args[0]
        return sympy.log(arg)

    # exp(log(a)) = a is SymPy's own automatic simplification; log(exp(a)) = a needs a real.
    return expr.replace(sympy.log, log_of)


# -- checking rules --------------------------------------------------------------------------


def _unfold_rule(prev: sympy.Expr, nxt: sympy.Expr, ctx: RuleContext) -> Replay:
    """Unfolding a definition on either side makes the two steps the same."""
    unfolded_prev = unfold(prev, ctx.definitions)
    unfolded_next = unfold(nxt, ctx.definitions)
    if unfolded_prev == prev and unfolded_next == nxt:
        return Replay(False, problem="neither step applies a declared function")
    if lands(unfolded_prev, unfolded_next, ctx):
        return Replay(True)
    return Replay(False, problem=f"unfolding gives {sympy.sstr(unfolded_prev)}, not the next step")


def _substitute(prev: sympy.Expr, nxt: sympy.Expr, ctx: RuleContext) -> Replay:
    if not ctx.where:
        return Replay(False, problem='the chain fixes no values (add `where = { y = "0" }`)')
    candidate = put(prev, ctx.where)
    if lands(candidate, nxt, ctx):
        return Replay(True)
    return Replay(False, problem=f"substituting gives {sympy.sstr(candidate)}, not the next step")


def _algebra(prev: sympy.Expr, nxt: sympy.Expr, ctx: RuleContext) -> Replay:
    if lands(prev, nxt, ctx):
        return Replay(True)
    return Replay(False, problem="the steps are not equal as rational expressions of their parts")


def _cases(prev: sympy.Expr, nxt: sympy.Expr, ctx: RuleContext) -> Replay:
    symbols = sorted(
        (s for s in (prev.free_symbols | nxt.free_symbols) if s in ctx.finite), key=str
    )
    if not symbols:
        return Replay(False, problem="no symbol over a finite set to enumerate")
    for combo in itertools.product(*(ctx.finite[s] for s in symbols)):
        point = dict(zip(symbols, combo, strict=True))
        if not lands(put(prev, point), put(nxt, point), ctx):
            shown = ", ".join(f"{s} = {v}" for s, v in point.items())
            return Replay(False, problem=f"the case {shown} is not equal by algebra")
    return Replay(True)


BUILTIN_RULES: tuple[Rule, ...] = (
    Rule("unfold", "replace a declared function by its definition", "none", _unfold_rule),
    Rule("definition", "the same as unfold", "none", _unfold_rule),
    Rule("log-product", "log(a·b) = log(a) + log(b)", "a > 0 and b > 0", _rewriting(_log_product)),
    Rule("log-power", "log(a^b) = b·log(a)", "a > 0, b real", _rewriting(_log_power)),
    Rule(
        "log-quotient", "log(a/b) = log(a) − log(b)", "a > 0 and b > 0", _rewriting(_log_quotient)
    ),
    Rule("log-reciprocal", "log(1/a) = −log(a)", "a > 0", _rewriting(_log_quotient)),
    Rule(
        "exp-log",
        "exp(log(a)) = a and log(exp(a)) = a",
        "a > 0 (exp∘log); a real (log∘exp)",
        _rewriting(_exp_log),
    ),
    Rule(
        "substitute",
        "put the chain's fixed values (`where`) into the previous step",
        "the values lie in the declared domains (checked when the file is read)",
        _substitute,
    ),
    Rule(
        "algebra",
        "expand, factor, collect, cancel: equal as rational expressions",
        "none (no log or root rules)",
        _algebra,
    ),
    Rule(
        "cases",
        "equal by algebra for every value of each finite-set symbol",
        "the symbol ranges over its declared finite set",
        _cases,
    ),
)
