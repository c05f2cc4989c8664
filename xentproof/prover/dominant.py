"""The fastest-growing exponential of a sum taken out, for limits as s → ∞ of bodies built
from exp(k·s) (and c**s = exp(s·log(c)), c > 0) whose rates k are in a known order, as
they are in each case of ``limit_cases`` (b = a − p with p > 0): e^{as} + e^{bs} becomes
e^{as}·(1 + e^{−ps}), log(e^{as}·R) becomes a·s + log(R), and a quotient cancels the
common exponential. Each rewriting is an identity for every real s (log(e^A·R) = A +
log(R) wherever either side is defined, R > 0 exactly where e^A·R > 0), so the limit of
the rewritten body is the limit of the body; ``limits`` takes it from there (e^{−ps} is
u^p with s = −log(u)). This module only rewrites; it computes no limit.
"""

from __future__ import annotations

import sympy

MAX_ATOMS = 40  # a body with more exponentials is left alone (the budget)


def _linear_rate(arg: sympy.Expr, s: sympy.Symbol) -> sympy.Expr | None:
    """k when ``arg`` is k·s + c with k and c free of s, else None."""
    rate = sympy.diff(arg, s)
    if s in rate.free_symbols or rate.is_extended_real is not True:
        return None
    return rate


def _exp_form(e: sympy.Expr, s: sympy.Symbol) -> sympy.Expr:
    """c**f(s) with c > 0 as exp(f(s)·log(c)); (x·y)**f(s) split over positive factors."""
    e = sympy.expand_power_base(e, force=False)

    def as_exp(power: sympy.Pow) -> sympy.Expr:
        base, exponent = power.args
        if s in exponent.free_symbols and s not in base.free_symbols and base.is_positive:
            return sympy.exp(sympy.expand(exponent * sympy.log(base)))
        return power

    return e.replace(lambda x: isinstance(x, sympy.Pow), as_exp)


def _merged(m: sympy.Expr) -> sympy.Expr:
    """A product with its exponentials merged into one, its exponent expanded."""
    factors = sympy.Mul.make_args(m)
    exps = [f for f in factors if isinstance(f, sympy.exp)]
    if not exps:
        return m
    rest = [f for f in factors if not isinstance(f, sympy.exp)]
    return sympy.Mul(*rest) * sympy.exp(sympy.expand(sympy.Add(*(f.args[0] for f in exps))))


def _rate(term: sympy.Expr, s: sympy.Symbol) -> sympy.Expr | None:
    """The rate k of the exponential factor e^{k·s + c} of a term (0 without one); None
    when s appears otherwise in the term, or not linearly."""
    rate: sympy.Expr = sympy.Integer(0)
    for factor in sympy.Mul.make_args(term):
        if s not in factor.free_symbols:
            continue
        if not isinstance(factor, sympy.exp):
            return None
        found = _linear_rate(factor.args[0], s)
        if found is None:
            return None
        rate += found
    return rate


def _dominant(rates: list[sympy.Expr]) -> sympy.Expr | None:
    """The rate no other exceeds (decided for every value of the parameters), or None."""
    for candidate in rates:
        if all(sympy.expand(candidate - r).is_nonnegative is True for r in rates):
            return candidate
    return None


def _factored(total: sympy.Add, s: sympy.Symbol) -> sympy.Expr:
    """A sum of terms c·e^{k·s} as e^{K·s}·Σ c·e^{(k − K)·s}, K the largest rate."""
    terms = [_merged(t) for t in total.args]
    rates = [_rate(t, s) for t in terms]
    if any(r is None for r in rates):
        return total
    known = [r for r in rates if r is not None]
    top = _dominant(known)
    if top is None or top == 0:
        return total
    scaled = sympy.Add(*(_merged(t * sympy.exp(-top * s)) for t in terms))
    return sympy.exp(top * s) * scaled


def _split_log(log: sympy.log, s: sympy.Symbol) -> sympy.Expr:
    """log(e^A·R) as A + log(R)."""
    inner = _merged(log.args[0])
    factors = sympy.Mul.make_args(inner)
    exps = [f for f in factors if isinstance(f, sympy.exp) and s in f.free_symbols]
    if not exps:
        return log
    rest = sympy.Mul(*(f for f in factors if f not in exps))
    return sympy.Add(*(f.args[0] for f in exps)) + sympy.log(rest)


def dominant_form(body: sympy.Expr, s: sympy.Symbol) -> sympy.Expr | None:
    """The body with the fastest exponential of each sum taken out, or None when nothing
    changed (no sum of exponentials in s, or rates in no known order)."""
    if not body.has(sympy.exp, sympy.Pow):
        return None
    e = body
    factored = False
    for _round in range(2):  # a power of a factored sum is an exponential in the second
        e = _exp_form(e, s)
        if len(e.atoms(sympy.exp)) > MAX_ATOMS:
            return None
        before = e
        e = e.replace(
            lambda x: isinstance(x, sympy.Add) and x.has(sympy.exp) and s in x.free_symbols,
            lambda x: _factored(x, s),
        )
        factored = factored or e != before
        e = e.replace(lambda x: isinstance(x, sympy.log), lambda x: _split_log(x, s))
        e = e.replace(lambda x: isinstance(x, sympy.Mul), _merged)
    # only a sum with its fastest exponential taken out helps: anything else rewritten
    # would send the same limit through every argument again, for nothing
    return e if factored and e != body else None
