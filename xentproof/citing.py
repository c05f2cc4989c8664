"""Citing a lemma of inequalities, or any lemma with its variables given (``by = { rule =
"log-below-tangent", at = { t = "q/p" } }``), in a step that combines its instances
monotonically.

A lemma ``A ≤ B`` (its chain's first and last step) holds under its assumptions
(``lemmas``). Citing it in a step ``prev ≤ next`` replaces each instance of ``A`` in
``prev`` (the lemma's variables matched, or put to the ``at`` values) by the same instance
of ``B``; the result must be ``next`` up to algebra. That makes ``prev ≤ next`` only when
every replaced instance sits where ``prev`` grows with it. The path from the root of
``prev`` to each instance is walked, and each node on it must be monotone in that
argument, which is what the citation then needs shown (obligations, established by the
decider on the citing chain's domains):

- a sum of terms, and a ``Sum`` over a range (for every index of the range): increasing;
- a product ``c·X``: increasing when ``c ≥ 0`` (``c > 0`` for a strict step), decreasing
  when ``c ≤ 0``; a number's sign is read off;
- ``exp``, ``tanh``, ``sinh``, ``atan`` and an odd power: increasing; ``log`` and a power
  ``X**e`` with ``e > 0``: increasing where ``X`` (as before and after) is positive
  (nonnegative for ``e > 0``); ``e < 0``: decreasing where ``X`` is positive; ``b**X``
  with a number ``b > 1``: increasing, ``0 < b < 1``: decreasing; ``Max`` and ``Min``:
  increasing (not strictly).

An instance under any other node (``Abs``, ``Piecewise``, a product ``Product``, a limit, a
declared function not unfolded) is not replaced. A strict step needs a strict lemma and
every instance on a strictly monotone path (no ``Sum``, ``Max``, ``Min``, factors shown
> 0). ``prev ≥ next`` is the same with every direction turned over. The lemma's
side conditions are those of ``lemmas``: each matched value in its variable's domain
(inside a ``Sum``, for every integer from the range's lower bound on), every other symbol
of the lemma declared here within its domain.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import sympy

from .lemmas import Lemma, _membership, _stands_for_itself
from .notation import math_text
from .rules import Obligation, ObligationKind, Replay, RuleContext, lands

_INCREASING = (sympy.exp, sympy.tanh, sympy.sinh, sympy.atan, sympy.asinh)
_DIRECTION = {"<": 1, "<=": 1, "=": 0, ">=": -1, ">": -1}


@dataclass
class _Walk:
    """What a rewrite needs and collects: the instance pattern, the wilds, the direction
    each replaced instance must move the whole (+1 up, −1 down, 0 either), strictness."""

    pattern: sympy.Expr
    replacement: sympy.Expr
    wilds: Mapping[sympy.Basic, sympy.Wild]
    given: Mapping[sympy.Basic, sympy.Expr]
    lemma: Lemma
    ctx: RuleContext
    need: int
    strict: bool
    obligations: list[Obligation] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    instances: list[str] = field(default_factory=list)
    shown: list[str] = field(default_factory=list)


def replay_citation(
    lemma: Lemma,
    prev: sympy.Expr,
    nxt: sympy.Expr,
    relation: str,
    at: Mapping[str, sympy.Expr],
    ctx: RuleContext,
) -> Replay:
    """Cite ``lemma`` from ``prev`` to ``next`` joined by ``relation``, its variables put to
    ``at`` where given: landed with its obligations and the uses shown, or why not."""
    up, need = _DIRECTION[lemma.relation], _DIRECTION.get(relation)
    if need is None:
        return Replay(False, problem=f"a lemma cannot justify {relation}")
    if up != 0 and need == 0:
        return Replay(False, problem=f"lemma {lemma.name} is an inequality; the step claims =")
    strict = relation in ("<", ">")
    if strict and lemma.relation not in ("<", ">"):
        return Replay(
            False, problem=f"lemma {lemma.name} gives {lemma.relation}; the step claims {relation}"
        )
    problem = lemma._definitions_problem(ctx)
    if problem:
        return Replay(False, problem=problem)
    variables = {s.name: s for s in lemma.domains if isinstance(s, sympy.Symbol)}
    unknown = [
        name
        for name in at
        if name not in variables or variables[name] not in lemma.lhs.free_symbols
    ]
    if unknown:
        return Replay(
            False,
            problem=f"lemma {lemma.name} has no variable {unknown[0]} in {sympy.sstr(lemma.lhs)}",
        )
    given = {variables[name]: value for name, value in at.items()}
    wilds = {
        s: sympy.Wild(f"w_{s.name}")
        for s in variables.values()
        if s in lemma.lhs.free_symbols and s not in given
    }
    shown: list[str] = []
    for symbol in (s for s in lemma.domains if s not in wilds and s not in given):
        condition, why = _stands_for_itself(symbol, lemma.domains[symbol], ctx)
        if why:
            return Replay(False, problem=f"lemma {lemma.name} does not apply: {why}")
        shown.append(condition)
    walk = _Walk(
        lemma.lhs.xreplace({**given, **wilds}),
        lemma.rhs.xreplace(given),
        wilds,
        given,
        lemma,
        ctx,
        need * up if up else 0,
        strict,
    )
    candidate = _rewrite(walk, prev, 1, True, {})
    if walk.problems:
        return Replay(False, problem=f"lemma {lemma.name} does not apply: {walk.problems[0]}")
    if candidate == prev:
        return Replay(
            False, problem=f"no instance of {sympy.sstr(walk.pattern)} in the previous step"
        )
    shown_relation = {"<=": "≤", ">=": "≥"}.get(lemma.relation, lemma.relation)
    uses = f"{lemma.name}: {math_text(lemma.lhs)} {shown_relation} {math_text(lemma.rhs)}"
    shown.insert(0, f"{uses}, at {'; '.join(walk.instances)}")
    shown.extend(walk.shown)
    obligations, shown_all = tuple(dict.fromkeys(walk.obligations)), tuple(dict.fromkeys(shown))
    if not lands(candidate, nxt, ctx):
        return Replay(
            False,
            obligations,
            problem=f"replaying it gives {sympy.sstr(candidate)}, not the next step",
            shown=shown_all,
            reached=candidate,
        )
    return Replay(True, obligations, shown=shown_all)


def _member(
    walk: _Walk, symbol: sympy.Basic, value: sympy.Expr, bound: Mapping[sympy.Basic, sympy.Expr]
) -> bool:
    """The obligations that put ``value`` in the lemma's domain of ``symbol`` (for every
    index of the sums around it), or False with the problem kept."""
    needed, shown, problem = _membership(
        _arbitrary(value, bound), walk.lemma.domains[symbol], walk.ctx
    )
    if problem:
        walk.problems.append(problem)
        return False
    walk.obligations.extend(needed)
    walk.shown.extend(shown)
    return True


def _arbitrary(expr: sympy.Expr, bound: Mapping[sympy.Basic, sympy.Expr]) -> sympy.Expr:
    """``expr`` with each sum index it uses written as an arbitrary integer from the sum's
    lower bound on (any integer when that bound is no integer number): an obligation shown
    for it holds for every index of the range."""
    swap: dict[sympy.Basic, sympy.Basic] = {}
    for index, lo in bound.items():
        if index not in expr.free_symbols:
            continue
        name = f"{getattr(index, 'name', index)}_"
        if lo.is_Integer and lo >= 1:
            swap[index] = lo - 1 + sympy.Symbol(name, integer=True, positive=True)
        elif lo.is_Integer:
            swap[index] = lo + sympy.Symbol(name, integer=True, nonnegative=True)
        else:
            swap[index] = sympy.Symbol(name, integer=True)
    return expr.xreplace(swap) if swap else expr


def _oblige(
    walk: _Walk, expr: sympy.Expr, kind: ObligationKind, bound: Mapping[sympy.Basic, sympy.Expr]
) -> None:
    walk.obligations.append(Obligation(_arbitrary(expr, bound), kind))


def _instance(
    walk: _Walk,
    expr: sympy.Basic,
    polarity: int,
    strict_path: bool,
    bound: Mapping[sympy.Basic, sympy.Expr],
) -> sympy.Basic | None:
    """The replacement of ``expr`` when it is an instance that may be replaced here."""
    if not isinstance(expr, sympy.Expr):
        return None
    matched = expr.match(walk.pattern) if walk.wilds else ({} if expr == walk.pattern else None)
    if matched is None or walk.pattern.xreplace(matched) != expr:
        return None
    values = {s: matched.get(w) for s, w in walk.wilds.items()}
    if any(v is None for v in values.values()):
        return None
    if walk.need and polarity * walk.need < 0:
        walk.problems.append(
            f"its instance {sympy.sstr(expr)} sits where the step's relation needs the "
            "lemma's inequality the other way"
        )
        return None
    if walk.strict and not strict_path:
        walk.problems.append(
            f"its instance {sympy.sstr(expr)} sits where the step may grow only weakly "
            "(a sum over a range, Max, Min): the step cannot be strict"
        )
        return None
    for symbol, value in {**walk.given, **values}.items():
        assert value is not None
        if not _member(walk, symbol, value, bound):
            return None
    walk.instances.append(sympy.sstr(expr))
    result: sympy.Basic = walk.replacement.xreplace(values)
    return result


def _rewrite(
    walk: _Walk,
    expr: sympy.Basic,
    polarity: int,
    strict_path: bool,
    bound: Mapping[sympy.Basic, sympy.Expr],
) -> sympy.Basic:
    """``expr`` with each instance replaced where the path to it is monotone; ``polarity``
    is +1 where ``prev`` grows with ``expr``, −1 where it falls."""
    replaced = _instance(walk, expr, polarity, strict_path, bound)
    if replaced is not None:
        return replaced
    if walk.problems or not expr.args or isinstance(expr, sympy.IndexedBase):
        return expr
    if isinstance(expr, sympy.Add):
        return sympy.Add(*(_rewrite(walk, a, polarity, strict_path, bound) for a in expr.args))
    if isinstance(expr, sympy.Mul):
        return _product(walk, expr, polarity, strict_path, bound)
    if isinstance(expr, sympy.Pow):
        return _power(walk, expr, polarity, strict_path, bound)
    if isinstance(expr, sympy.Sum) and len(expr.limits) == 1:
        index, lo, _hi = expr.limits[0]
        inner = _rewrite(walk, expr.function, polarity, False, {**bound, index: lo})
        return expr if inner == expr.function else sympy.Sum(inner, *expr.limits)
    if isinstance(expr, (sympy.Max, sympy.Min)):
        return expr.func(*(_rewrite(walk, a, polarity, False, bound) for a in expr.args))
    if isinstance(expr, _INCREASING):
        return expr.func(_rewrite(walk, expr.args[0], polarity, strict_path, bound))
    if isinstance(expr, sympy.log):
        inner = _rewrite(walk, expr.args[0], polarity, strict_path, bound)
        if inner != expr.args[0]:
            _oblige(walk, inner, "positive", bound)
        return sympy.log(inner)
    if _holds_instance(walk, expr):
        walk.problems.append(
            f"an instance sits inside {sympy.sstr(expr.func)}, which is not known to be monotone"
        )
    return expr


def _holds_instance(walk: _Walk, expr: sympy.Basic) -> bool:
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, sympy.Expr) and node is not expr:
            matched = (
                node.match(walk.pattern) if walk.wilds else ({} if node == walk.pattern else None)
            )
            if matched is not None and walk.pattern.xreplace(matched) == node:
                return True
    return False


def _product(
    walk: _Walk,
    expr: sympy.Mul,
    polarity: int,
    strict_path: bool,
    bound: Mapping[sympy.Basic, sympy.Expr],
) -> sympy.Basic:
    """``c·X``: X with the sign of c, which is read off a number or shown (``c ≥ 0``)."""
    args = list(expr.args)
    for k, factor in enumerate(args):
        rest = sympy.Mul(*(a for j, a in enumerate(args) if j != k))
        sign = 1 if rest.is_nonnegative else -1 if rest.is_nonpositive else 0
        if sign == 0:
            sign = 1  # shown below, if the factor holds an instance
        strictly = strict_path and rest.is_zero is not True
        inner = _rewrite(walk, factor, polarity * sign, strictly, bound)
        if inner != factor:
            if not (rest.is_number and rest != 0):
                kind: ObligationKind = "positive" if walk.strict else "nonnegative"
                _oblige(walk, sign * rest, kind, bound)
            args[k] = inner
    return sympy.Mul(*args)


def _power(
    walk: _Walk,
    expr: sympy.Pow,
    polarity: int,
    strict_path: bool,
    bound: Mapping[sympy.Basic, sympy.Expr],
) -> sympy.Basic:
    base, exponent = expr.args
    if exponent.is_number and exponent.is_real:
        odd = exponent.is_integer and exponent.is_odd and exponent > 0
        sign = 1 if exponent > 0 else -1
        inner = _rewrite(walk, base, polarity * sign, strict_path, bound)
        if inner != base and not odd:
            kind: ObligationKind = "nonnegative" if exponent > 0 else "positive"
            _oblige(walk, base, kind, bound)
            _oblige(walk, inner, kind, bound)
        return inner**exponent
    if base.is_number and base.is_positive and base != 1:
        sign = 1 if base > 1 else -1
        return base ** _rewrite(walk, exponent, polarity * sign, strict_path, bound)
    if _holds_instance(walk, expr):
        walk.problems.append(
            f"an instance sits in the power {sympy.sstr(expr)}, not known to be monotone"
        )
    return expr
