"""Inequalities over the integers by induction (issue 18, class 3): 2^k ≥ k + 1, Bernoulli's
(1 + t)^n ≥ 1 + n·t, 3^k ≥ 2^k + 1, k! ≥ 2^(k − 1), k² ≤ 2^k + 1. For an integer n with a
least value n₀ in its domain, and a larger side B whose next value is a multiple of it,
B(n + 1) = r(n)·B(n) (a power with n in its exponent: r free of n; a product up to n: r its
next factor), against a smaller side S:

- base: B(m) ≥ S(m) for m = n₀, …, n₁ (n₁ − n₀ at most MAX_SHIFT);
- factor: r(n) ≥ 0 (> 0 for a strict relation) for every n ≥ n₁ of the domain;
- step: r(n)·S(n) ≥ S(n + 1) for every n ≥ n₁, so B(n + 1) = r·B(n) ≥ r·S(n) ≥ S(n + 1).

The sides are taken as written, or with the terms that have n in an exponent on one side
and the rest on the other (2^k + 1 ≥ k² as 2^k ≥ k² − 1). The identity B(n + 1) = r·B(n)
is checked (expanded to 0, or by the cascade) before it is used. Each part is proved by the
whole cascade (``prove``); nothing is sampled here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace

import sympy

from ..model import Domain
from ..notation import math_text
from ..result import Verdict
from .declared import DomainInfo
from .outcome import Attempt, Prover
from .symbolic import Proof

MAX_SHIFT = 3  # base cases added before the step is asked for
MAX_DEPTH = 2  # inductions inside the parts of an induction
_DEPTH = [0]  # the inductions under way (a worker decides one relation at a time)


def _in_exponent(expr: sympy.Expr, n: sympy.Symbol) -> bool:
    return any(n in p.exp.free_symbols for p in expr.atoms(sympy.Pow)) or any(
        n in e.free_symbols for e in expr.atoms(sympy.exp)
    )


def _grows(expr: sympy.Expr, n: sympy.Symbol) -> bool:
    """Whether ``expr`` has n in an exponent or as the upper end of a product's range."""
    return _in_exponent(expr, n) or any(
        n in p.limits[-1][2].free_symbols for p in expr.atoms(sympy.Product)
    )


def _variables(big: sympy.Expr, infos: Mapping[sympy.Basic, DomainInfo]) -> Iterator[sympy.Symbol]:
    """The integers with a least value that the value raises to a power of, or sums up to."""
    for s in sorted(big.free_symbols, key=str):
        info = infos.get(s)
        if not isinstance(s, sympy.Symbol) or info is None:
            continue
        domain = info.domain
        if not domain.integer or domain.values is not None or not domain.lo.is_finite:
            continue
        if domain.is_constrained:
            continue
        if _grows(big, s) or any(s in t.free_symbols for t in big.atoms(sympy.Sum)):
            yield s


def _sides(
    big: sympy.Expr, small: sympy.Expr, n: sympy.Symbol
) -> Iterator[tuple[sympy.Expr, sympy.Expr]]:
    """The sides as written, then the terms growing in n against the rest."""
    yield big, small
    terms = sympy.Add.make_args(sympy.expand(big - small))
    growing = sympy.Add(*(t for t in terms if _grows(t, n)))
    rest = sympy.Add(*(t for t in terms if not _grows(t, n)))
    if growing != big and growing != 0:
        yield growing, -rest


def _ratio(big: sympy.Expr, n: sympy.Symbol, start: sympy.Integer) -> sympy.Expr | None:
    """r with big(n + 1) = r·big(n) for every n ≥ start, or None: a product c·Π_{i=a}^{n+s}
    f(i) (its range not empty below start − 1 + s) gives its next factor, anything else the
    quotient that ``powsimp`` gives, free of n or checked by expanding."""
    _, rest = big.as_independent(n, as_Add=False)
    if isinstance(rest, sympy.Product) and len(rest.limits) == 1:
        index, lo, hi = rest.limits[0]
        if (hi - n).free_symbols or not (hi - n).is_integer or not lo.is_Integer:
            return None
        if not bool(start + (hi - n) >= lo - 1):
            return None
        return rest.function.xreplace({index: hi + 1})
    if big.has(sympy.Product, sympy.Sum):
        return None
    ratio = sympy.powsimp(big.xreplace({n: n + 1}) / big)
    if n in ratio.free_symbols:
        difference = big.xreplace({n: n + 1}) - ratio * big
        if sympy.expand(sympy.powsimp(sympy.expand(difference, power_exp=True))) != 0:
            return None
    return ratio


def _from(info: DomainInfo, least: sympy.Integer) -> DomainInfo:
    """The integer's domain from ``least`` on."""
    domain = Domain(text=f"integer ≥ {least}", lo=least, lo_open=False, integer=True)
    return replace(info, domain=domain)


def induction_inequality(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    prove: Prover,
) -> Proof | None:
    """The proof by induction described above, or None."""
    if relation not in ("<", "<=", ">", ">=") or _DEPTH[0] >= MAX_DEPTH:
        return None
    written_big, written_small = (lhs, rhs) if relation in (">", ">=") else (rhs, lhs)
    strict = relation in ("<", ">")
    for n in _variables(written_big - written_small, infos):
        domain = infos[n].domain
        start = domain.lo if domain.lo.is_integer else sympy.ceiling(domain.lo)
        if domain.lo_open and start == domain.lo:
            start += 1
        if domain.hi.is_finite:
            continue
        for big, small in _sides(written_big, written_small, n):
            if not _grows(big, n):
                continue
            _DEPTH[0] += 1
            try:
                found = _by_induction(big, small, n, sympy.Integer(start), strict, infos, prove)
            finally:
                _DEPTH[0] -= 1
            if found is not None:
                return found
        found = _by_differences(
            written_big - written_small, n, sympy.Integer(start), strict, infos, prove
        )
        if found is not None:
            return found
    return None


def _next(value: sympy.Expr, n: sympy.Symbol, start: sympy.Integer) -> sympy.Expr | None:
    """``value`` at n + 1 with each sum up to n (Σ_{i=a}^{n+s} f(i), f free of n, a a whole
    number with start + s ≥ a − 1) written as the same sum plus its next term; None when a
    sum or product holds n some other way."""
    peeled: dict[sympy.Basic, sympy.Expr] = {}
    for term in value.atoms(sympy.Sum):
        if n not in term.free_symbols:
            continue
        if len(term.limits) != 1 or n in term.function.free_symbols:
            return None
        index, lo, hi = term.limits[0]
        shift = hi - n
        if shift.free_symbols or not shift.is_integer or not lo.is_Integer:
            return None
        if not bool(start + shift >= lo - 1):
            return None
        peeled[term] = term + term.function.xreplace({index: hi + 1})
    if not peeled or any(n in p.free_symbols for p in value.atoms(sympy.Product)):
        return None
    rest = value.xreplace({s: sympy.Dummy() for s in peeled})
    if any(n in s.free_symbols for s in rest.atoms(sympy.Sum)):
        return None
    return value.xreplace({n: n + 1}).xreplace(
        {s.xreplace({n: n + 1}): p for s, p in peeled.items()}
    )


def _by_differences(
    value: sympy.Expr,
    n: sympy.Symbol,
    start: sympy.Integer,
    strict: bool,
    infos: Mapping[sympy.Basic, DomainInfo],
    prove: Prover,
) -> Proof | None:
    """V(n) ≥ 0 (> 0) from V(n₀) ≥ 0 (> 0) and V(n + 1) − V(n) ≥ 0 for every n ≥ n₀, where
    V holds sums up to n, whose next term is written out (Σ 1/i² ≤ 2 − 1/n)."""
    following = _next(value, n, start)
    if following is None:
        return None
    step = sympy.expand(following - value)
    if step.has(sympy.Sum):
        return None
    rel = ">" if strict else ">="
    base = prove(rel, value.xreplace({n: start}), sympy.Integer(0), infos, Attempt())
    if base.verdict is not Verdict.PROVED:
        return None
    narrowed = dict(infos)
    narrowed[n] = _from(infos[n], start)
    grows = prove(">=", sympy.factor(step), sympy.Integer(0), narrowed, Attempt())
    if grows.verdict is not Verdict.PROVED:
        return None
    return f"induction over the integer {math_text(n)}", (
        f"induction on {math_text(n)} from {math_text(start)}: the difference "
        f"{math_text(value)} does not decrease",
        f"base {math_text(n)} = {start}: {base.method}",
        f"step for {math_text(n)} ≥ {start}: {math_text(sympy.factor(step))} ≥ 0: {grows.method}",
    )


def _by_induction(
    big: sympy.Expr,
    small: sympy.Expr,
    n: sympy.Symbol,
    start: sympy.Integer,
    strict: bool,
    infos: Mapping[sympy.Basic, DomainInfo],
    prove: Prover,
) -> Proof | None:
    rel = ">" if strict else ">="
    ratio = _ratio(big, n, start)
    if ratio is None:
        return None
    bases: list[str] = []
    for shift in range(MAX_SHIFT + 1):
        least = start + shift
        base = prove(rel, big.xreplace({n: least}), small.xreplace({n: least}), infos, Attempt())
        if base.verdict is not Verdict.PROVED:
            return None
        bases.append(f"base {math_text(n)} = {least}: {base.method}")
        narrowed = dict(infos)
        narrowed[n] = _from(infos[n], least)
        parts = (
            ("factor", rel, ratio, sympy.Integer(0)),
            ("step", ">=", sympy.expand(ratio * small), small.xreplace({n: n + 1})),
        )
        conditions: list[str] = []
        for name, how, a, b in parts:
            outcome = prove(how, a, b, narrowed, Attempt())
            if outcome.verdict is not Verdict.PROVED:
                break
            shown = how.replace(">=", "≥")
            conditions.append(
                f"{name} for {math_text(n)} ≥ {least}: {math_text(a)} {shown} {math_text(b)}"
            )
        else:
            head = (
                f"induction on {math_text(n)} from {math_text(start)}: "
                f"{math_text(big)} ≥ {math_text(small)}, the larger side growing by the "
                f"factor {math_text(ratio)}"
            )
            return f"induction over the integer {math_text(n)}", (head, *bases, *conditions)
    return None
