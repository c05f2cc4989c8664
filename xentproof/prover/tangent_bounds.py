"""Inequalities with weighted logs, by the tangent line of log at 1 (the textbook proof of
Gibbs' inequality, KL ≥ 0, entropy ≤ log K, and Jensen's Σ p·log x ≤ log Σ p·x).

For ``lhs REL rhs`` the value V that must be ≥ 0 (> 0 when strict) is bounded from below
by a V' without those logs, and V' ≥ 0 (> 0) is proved by the whole cascade:

1. The terms of V are gathered by the range of their sum (Σ_i f(i)) and outside every sum.
   A log outside the sums (``log K``) is taken into a sum over 1..K that has a member of a
   ``simplex(K)`` family p as weight: c·log A = Σ_i p[i]·c·log A, since Σ_i p[i] = 1
   (a side condition). Otherwise by a weight w_i of the summand's logs (or w_i/Σ w, the
   log sum inequality's a_i/Σa) that the whole cascade shows to sum to 1 over the range
   (Fano's P[j+1]/(1 − P[1]) over 1..m−1). With no sum at all (three softmax outcomes
   written out), a log of a number is joined into each weighted log when the weights sum
   to 1 identically: L = Σ w_i·L and w_i·log X_i + w_i·L = w_i·log(e^L·X_i).
2. In each summand the logs with the same weight up to sign are joined (a log of a number,
   1/log 2 of a log to base 2, and 1/log b of a base b free of the index, are part of the
   weight, whose sign is shown):
   c·log A − c·log B = c·log(A/B), each argument shown positive on the domains.
3. Each log so weighted is bounded by a tangent line of log at 1, the side it needs
   depending on the weight's sign, shown on the domains: log B ≥ 1 − 1/B (B > 0), so
   c·log B ≥ c·(1 − 1/B) for c ≥ 0; log B ≤ B − 1, so c·log B ≥ c·(B − 1) for c ≤ 0.

4. The bound's sums are taken apart by linearity, each factor free of the index taken out
   (a sum taken in under another is renamed apart first and named back once out, so that
   Jensen's Σ p·x / Σ p·x cancels); V' ≥ 0 is then the cascade's (Σ p = 1 by the
   declared simplex, or a declared ``[constraints]`` bound).

Every replacement makes V smaller or keeps it, at every point of the domains, so V' ≥ 0
proves V ≥ 0; when V' ≥ 0 is not proved (the weights do not sum to 1, the ratio is upside
down) the method proves nothing. It never refutes.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy

from ..domains import describe
from ..notation import math_text
from ..result import Verdict
from .constraint_sums import sums_to_one
from .declared import DomainInfo, members_as_symbols
from .establish import establish
from .inequalities import oriented
from .outcome import Attempt, Prover
from .written_members import members_summed

Range = tuple[sympy.Symbol, sympy.Expr, sympy.Expr]
MAX_RANGES = 4
MAX_LOGS = 12  # weighted logs bounded in one relation


def tangent_bound(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    prove: Prover,
) -> tuple[str, tuple[str, ...]] | None:
    """The method and side conditions of a proof by tangent lines of log, or None."""
    side = oriented(relation, lhs, rhs)
    if side is None:
        return None
    value, strict = side
    if not value.has(sympy.log):
        return None
    try:
        return _bounded_by_tangents(value, strict, infos, prove)
    except (NotImplementedError, ValueError, TypeError, AttributeError, RuntimeError):
        return None  # SymPy on a form it cannot take apart: not this method's


def written_out_logs(lhs: sympy.Expr, rhs: sympy.Expr) -> bool:
    """Two or more weighted logs outside any sum (KL over three outcomes written out): the
    sums' methods try tangent lines of log where there are sums."""
    sides = (lhs, rhs)
    if any(s.has(sympy.Sum, sympy.Product) for s in sides):
        return False
    logs = {g for s in sides for g in s.atoms(sympy.log) if not g.is_number}
    return len(logs) >= 2  # one log alone is the calculus stages' (log p ≤ p − 1)


def _bounded_by_tangents(
    value: sympy.Expr, strict: bool, infos: Mapping[sympy.Basic, DomainInfo], prove: Prover
) -> tuple[str, tuple[str, ...]] | None:
    conditions: list[str] = []
    gathered = _gather(sympy.expand_mul(value))
    if gathered is None:
        return None
    by_range, rest = gathered
    if len(by_range) > MAX_RANGES:
        return None
    renamed: dict[sympy.Basic, sympy.Basic] = {}
    rest = _absorb(by_range, rest, infos, conditions, renamed)
    if by_range and rest.has(sympy.log):
        rest = _absorb_by_weights(by_range, rest, infos, conditions, prove, renamed)
    if not by_range:
        rest = _absorb_written(rest, conditions, infos)
    bounded: list[sympy.Expr] = []
    count = [0]
    for (index, lo, hi), summand in by_range.items():
        lower = _bound_terms(summand, index, infos, conditions, count)
        if lower is None:
            return None
        bounded.append(_linear(lower, (index, lo, hi), renamed))
    outside = _bound_terms(rest, None, infos, conditions, count)
    if outside is None or count[0] == 0 or count[0] > MAX_LOGS:
        return None
    weaker = _one_index_per_range(sympy.Add(*bounded, outside))
    if weaker.has(sympy.log) and weaker.has(sympy.Sum) and _has_weighted_log(weaker):
        return None  # a log left weighted inside a sum: not this method's to finish
    inner = prove(">" if strict else ">=", weaker, sympy.Integer(0), infos, Attempt())
    if inner.verdict is not Verdict.PROVED:
        return None
    conditions.append(f"the bound {math_text(weaker)} {'>' if strict else '≥'} 0: {inner.method}")
    conditions.extend(inner.conditions)
    return "tangent lines of log (weighted)", tuple(dict.fromkeys(conditions))


def _one_index_per_range(expr: sympy.Expr) -> sympy.Expr:
    """Each innermost sum over one range with its index renamed to the index of the first
    such sum over that range, so that sums equal up to the name of the index are equal as
    written (Σ_k a[k]/Σ_j a[j] cancels: the bound of KL(q ‖ a/Σ a)). A sum whose summand
    holds that name free (an outer index) keeps its own: the new name would be bound."""
    names: dict[tuple[sympy.Basic, sympy.Basic], sympy.Basic] = {}

    def rename(s: sympy.Sum) -> sympy.Basic:
        if len(s.limits) != 1 or s.function.has(sympy.Sum):
            return s
        index, lo, hi = s.limits[0]
        target = names.setdefault((lo, hi), index)
        if target == index or target in s.function.free_symbols:
            return s
        return sympy.Sum(s.function.xreplace({index: target}), (target, lo, hi))

    return expr.replace(lambda e: isinstance(e, sympy.Sum), rename)


def _has_weighted_log(expr: sympy.Expr) -> bool:
    """A log of something other than a number inside a sum (log 2 of a base is a weight)."""
    return any(
        not g.args[0].is_number for s in expr.atoms(sympy.Sum) for g in s.function.atoms(sympy.log)
    )


def _gather(value: sympy.Expr) -> tuple[dict[Range, sympy.Expr], sympy.Expr] | None:
    """The terms of ``value`` joined by the range of their sum (a coefficient free of the
    index goes inside), and the terms outside every sum (a sum inside a function among
    them); None for a product of sums or nested sums."""
    by_range: dict[Range, sympy.Expr] = {}
    rest: sympy.Expr = sympy.Integer(0)
    for term in sympy.Add.make_args(value):
        if not term.has(sympy.Sum):
            rest += term
            continue
        coefficient, sums = term.as_independent(sympy.Sum, as_Add=False)
        if not isinstance(sums, sympy.Sum):  # a sum inside a function: a value like any
            rest += term  # other, free of every index (log Σ p·x, Jensen's right side)
            continue
        if len(sums.limits) != 1:
            return None
        index, lo, hi = sums.limits[0]
        if coefficient.has(index, sympy.Sum, sympy.Product) or sums.function.has(sympy.Sum):
            return None
        key = (index, lo, hi)
        by_range[key] = by_range.get(key, sympy.Integer(0)) + coefficient * sums.function
    return by_range, rest


def _absorb(
    by_range: dict[Range, sympy.Expr],
    rest: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    conditions: list[str],
    renamed: dict[sympy.Basic, sympy.Basic],
) -> sympy.Expr:
    """The weighted logs outside the sums taken into a sum over 1..K weighted by a member of
    a ``simplex(K)`` family (Σ p[i] = 1); the rest that is left outside."""
    rest = _own_indices(rest, renamed)
    logs = [t for t in sympy.Add.make_args(rest) if t.has(sympy.log)]
    if not logs:
        return rest
    names = {i.name: s for s, i in infos.items() if isinstance(s, sympy.Symbol)}
    for key, summand in by_range.items():
        index, lo, hi = key
        weight = _simplex_weight(summand, index, lo, hi, infos, names)
        moved = sympy.Add(*logs)
        if weight is None or index in moved.free_symbols:
            continue  # a free symbol named as the index would be bound by the sum
        by_range[key] = summand + weight * moved
        info = infos[weight.base]
        conditions.append(
            f"{math_text(moved)} = Σ[{index}={lo}..{hi}] {math_text(weight)}·{math_text(moved)}"
            f" since Σ[{index}={lo}..{hi}] {math_text(weight)} = 1"
            f" ({describe(info.name, info.domain)})"
        )
        return rest - moved
    return rest


def _absorb_by_weights(
    by_range: dict[Range, sympy.Expr],
    rest: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    conditions: list[str],
    prove: Prover,
    renamed: dict[sympy.Basic, sympy.Basic],
) -> sympy.Expr:
    """The logs outside the sums taken into a sum whose weights are shown by the cascade to
    sum to 1 (Σ_j P[j+1]/(1 − P[1]) over 1..m−1 for a simplex P): L = Σ_j w_j·L. The weight
    is a log's factor in the summand without logs of numbers or 1/log b; the rest is left
    outside. Otherwise ``rest`` as it was."""
    outside = [t for t in sympy.Add.make_args(rest) if t.has(sympy.log)]
    moved = sympy.Add(*outside)
    if any(
        not g.args[0].is_number and g.args[0].free_symbols & {k[0] for k in by_range}
        for g in moved.atoms(sympy.log)
    ):
        return rest
    for key, summand in by_range.items():
        index, lo, hi = key
        if index in moved.free_symbols:
            continue
        weights, through = _weights(summand, key, infos)
        for weight in weights:
            # the sums inside renamed apart from the range's index (named back by _linear)
            apart = _own_indices(weight, renamed)
            shown = prove("=", sympy.Sum(apart, key), sympy.Integer(1), infos, Attempt())
            if shown.verdict is not Verdict.PROVED:
                continue
            # moved's sums named back first, so that a weight a_i/Σa cancels against them
            taken = weight * moved.xreplace(dict(renamed))
            if weight in through and not moved.has(sympy.Sum):
                # P[j+1]/(1 − P[1]) times (1 − P[1])·log(…): each log's coefficient
                # gathered and cancelled, so that the weights of the logs match
                logs = sorted(moved.atoms(sympy.log), key=sympy.default_sort_key)
                parts = sympy.collect(sympy.expand(moved), logs, evaluate=False)
                taken = sympy.Add(*(sympy.cancel(weight * c) * g for g, c in parts.items()))
            by_range[key] = summand + _own_indices(taken, renamed)
            conditions.append(
                f"{math_text(moved)} = Σ[{index}={lo}..{hi}] {math_text(weight)}·"
                f"{math_text(moved)} since Σ[{index}={lo}..{hi}] {math_text(weight)} = 1 "
                f"({shown.method})"
            )
            conditions.extend(shown.conditions)
            return rest - moved
    return rest


def _weights(
    summand: sympy.Expr, key: Range, infos: Mapping[sympy.Basic, DomainInfo]
) -> tuple[list[sympy.Expr], list[sympy.Expr]]:
    """The weights of the summand's logs, each log in them put to 1 (log 2 of a base 2
    taken out of ``log 2 − log 2·P[1]``): candidates, each shown to sum to 1 before use.
    A weight over its own sum comes also with that sum written through a simplex or
    one-hot constraint (``constraint_sums``: P[j + 1]/Σ_{j=1}^{m−1} P[j + 1] is
    P[j + 1]/(1 − P[1])), so that it shares its factor with the logs outside the sums; those
    come second, apart."""
    found: list[sympy.Expr] = []
    for term in sympy.Add.make_args(sympy.expand_mul(summand)):
        factors = sympy.Mul.make_args(term)
        logs = [f for f in factors if isinstance(f, sympy.log) and not f.args[0].is_number]
        if len(logs) != 1:
            continue
        rest = sympy.factor_terms(term / logs[0])
        weight = rest.xreplace({g: sympy.Integer(1) for g in rest.atoms(sympy.log)})
        if weight.could_extract_minus_sign():
            weight = -weight
        if weight != 1 and weight not in found:
            found.append(weight)
    # each also over its own sum (the log sum inequality's a_i/Σa)
    over_sums = [w / sympy.Sum(w, key) for w in found[:2]]
    joint = {s: i for s, i in infos.items() if i.domain.joint is not None}
    sizes = {s: i.domain for s, i in infos.items() if isinstance(s, sympy.Symbol)}
    through = [sums_to_one(w, joint, [], sizes) for w in over_sums] if joint else []
    through = [w for w in through if w not in over_sums and w not in found]
    return list(dict.fromkeys([*found[:2], *through, *found[2:], *over_sums]))[:6], through


def _absorb_written(
    rest: sympy.Expr, conditions: list[str], infos: Mapping[sympy.Basic, DomainInfo]
) -> sympy.Expr:
    """Terms written out (no sum): a log of a number L (``log 3``) taken into the weighted
    logs w_i·log X_i when the weights sum to 1 identically (three softmax outputs):
    L = Σ w_i·L, and w_i·log X_i + w_i·L = w_i·log(e^L·X_i) where X_i > 0 (which log X_i
    needs), or sum to 1 as the members of a simplex family written out
    (``written_members``). Otherwise ``rest`` as it was."""
    terms = sympy.Add.make_args(rest)
    constants = [t for t in terms if t.is_number and t.has(sympy.log)]
    if not constants:
        return rest
    moved = sympy.Add(*constants)
    weighted: list[tuple[sympy.Expr, sympy.log]] = []
    others: list[sympy.Expr] = []
    for term in terms:
        if term in constants:
            continue
        if not term.has(sympy.log):
            others.append(term)
            continue
        weight, logarithm = term.as_independent(sympy.log, as_Add=False)
        if not isinstance(logarithm, sympy.log) or weight.has(sympy.log):
            return rest
        weighted.append((weight, logarithm))
    if len(weighted) < 2:
        return rest
    total = sympy.Add(*(w for w, _ in weighted))
    summed: list[str] = []  # the members of a family written out sum to 1
    if sympy.cancel(sympy.together(total)) != 1 and members_summed(total, infos, summed) != 1:
        return rest
    conditions.extend(summed)
    factor = sympy.exp(moved)
    joined = [w * sympy.log(factor * g.args[0]) for w, g in weighted]
    conditions.append(
        f"{math_text(moved)} = ({math_text(total)})·{math_text(moved)}, the weights summing "
        f"to 1; joined into each log as log({math_text(factor)}·…)"
    )
    return sympy.Add(*others, *joined)


def _own_indices(expr: sympy.Expr, renamed: dict[sympy.Basic, sympy.Basic]) -> sympy.Expr:
    """``expr`` with the index of each sum in it renamed apart (a fresh dummy, noted in
    ``renamed`` with the index it stands for): taken into a sum over i, Σ_i p[i]·x[i]
    inside it must not read as the outer sum's i."""

    def rename(s: sympy.Sum) -> sympy.Sum:
        function, limits = s.function, []
        for index, lo, hi in s.limits:
            fresh = sympy.Dummy(str(index), integer=True)
            renamed[fresh] = index
            function = function.xreplace({index: fresh})
            limits.append((fresh, lo, hi))
        return sympy.Sum(function, *limits)

    return expr.replace(lambda e: isinstance(e, sympy.Sum), rename)


def _linear(
    summand: sympy.Expr, limit: Range, renamed: Mapping[sympy.Basic, sympy.Basic]
) -> sympy.Expr:
    """Σ_i summand by linearity: each term's factor free of i taken out of the sum, and
    out there the sums renamed apart named back (so that Σ p·x / Σ p·x cancels)."""
    index = limit[0]
    parts: list[sympy.Expr] = []
    for term in sympy.Add.make_args(sympy.expand_mul(summand)):
        free, bound = term.as_independent(index, as_Add=False)
        parts.append(free.xreplace(dict(renamed)) * sympy.Sum(bound, limit))
    return sympy.Add(*parts)


def _simplex_weight(
    summand: sympy.Expr,
    index: sympy.Symbol,
    lo: sympy.Expr,
    hi: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    names: Mapping[str, sympy.Basic],
) -> sympy.Indexed | None:
    """A member p[i] in ``summand`` of a one-index family over ``simplex(K)`` whose range
    is exactly 1..K."""
    if lo != 1:
        return None
    for member in sorted(summand.atoms(sympy.Indexed), key=str):
        info = infos.get(member.base)
        if info is None or info.domain.joint != "simplex" or member.indices != (index,):
            continue
        bound = info.domain.bound or ""
        size = sympy.Integer(int(bound)) if bound.isdigit() else names.get(bound)
        if size is not None and hi == size:
            return member
    return None


def _bound_terms(
    summand: sympy.Expr,
    index: sympy.Symbol | None,
    infos: Mapping[sympy.Basic, DomainInfo],
    conditions: list[str],
    count: list[int],
) -> sympy.Expr | None:
    """``summand`` with its weighted logs joined by weight and bounded from below by tangent
    lines (each weight's sign and each argument's positivity shown for an arbitrary index);
    None when one of them is not shown."""
    weighted: dict[sympy.Expr, list[tuple[int, sympy.Expr]]] = {}
    kept: list[sympy.Expr] = []
    for term in sympy.Add.make_args(sympy.expand_mul(summand)):
        factors = sympy.Mul.make_args(term)
        # a log of a number (1/log 2 of a log to base 2) is part of the weight, and so is
        # 1/log b of a log to a base b free of the index (its sign shown with the weight's)
        logs = [f for f in factors if isinstance(f, sympy.log) and not f.args[0].is_number]
        bases = {
            f.base
            for f in factors
            if isinstance(f, sympy.Pow)
            and isinstance(f.base, sympy.log)
            and f.exp.is_negative
            and (index is None or not f.has(index))
        }
        weight = term / logs[0] if len(logs) == 1 else term
        weighted_logs = [g for g in weight.atoms(sympy.log) if g not in bases]
        if len(logs) != 1 or any(not g.args[0].is_number for g in weighted_logs):
            if any(not g.args[0].is_number for g in term.atoms(sympy.log)):
                return None  # a log inside another function, or a product of logs
            kept.append(term)
            continue
        weight = sympy.factor_terms(weight)  # one form for the same weight (log 2·(1 − P[1]))
        sign = -1 if weight.could_extract_minus_sign() else 1
        weighted.setdefault(sign * weight, []).append((sign, logs[0].args[0]))
    lower: list[sympy.Expr] = list(kept)
    for weight, parts in weighted.items():
        argument = sympy.Mul(*(a**s for s, a in parts))
        for _, a in parts:
            if _shown(a, "positive", index, infos) is None:
                return None
        joined = f"log({math_text(argument)})"
        if len(parts) > 1:
            conditions.append(f"logs joined: {joined}, each argument positive")
        if _shown(weight, "nonnegative", index, infos) is not None:
            lower.append(weight - _cancelled(weight / argument))
            conditions.append(
                f"{joined} ≥ 1 − 1/({math_text(argument)}) (tangent of log at 1) times "
                f"{math_text(weight)} ≥ 0"
            )
        elif _shown(-weight, "nonnegative", index, infos) is not None:
            lower.append(_cancelled(weight * argument) - weight)
            conditions.append(
                f"{joined} ≤ {math_text(argument)} − 1 (tangent of log at 1) times "
                f"{math_text(weight)} ≤ 0"
            )
        else:
            return None
        count[0] += 1
    return sympy.Add(*lower)


MAX_CANCEL_OPS = 80  # the size of a bound's term that ``cancel`` is tried on


def _cancelled(term: sympy.Expr) -> sympy.Expr:
    """A term of a bound with its common factors cancelled (p/(p/q) is q, and the weight of
    a renormalised simplex over its argument a number), when it is small."""
    if sympy.count_ops(term) > MAX_CANCEL_OPS or term.has(sympy.Sum, sympy.Product):
        return term
    try:
        return sympy.cancel(term)
    except (sympy.PolynomialError, NotImplementedError, ValueError, TypeError):
        return term


def _shown(
    expr: sympy.Expr,
    kind: str,
    index: sympy.Symbol | None,
    infos: Mapping[sympy.Basic, DomainInfo],
) -> tuple[str, ...] | None:
    """``expr`` positive / nonnegative for every index of the range (the index an arbitrary
    integer, each family member an arbitrary member of its family)."""
    if index is not None:
        arbitrary = sympy.Symbol(f"{index}_", integer=True)
        expr = expr.xreplace({index: arbitrary})
    term, extended = members_as_symbols(expr, infos)
    return establish(term, kind, extended)
