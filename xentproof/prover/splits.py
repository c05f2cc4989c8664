"""Sign splits in several variables: the cases of ``Max``, ``Min``, ``Abs``, ``sign`` and
``Heaviside`` whose arguments differ by an expression of more than one symbol.

``cases.interval_cases`` cuts one symbol at its break points; ``Max(a, b)`` has none of its
own. Here each undecided difference d = u − v is split into d ≥ 0 and d < 0, and in each
case a symbol ``a`` in which d is linear with a constant coefficient c is written through
a fresh symbol t: a = (t − (d − c·a))/c with t ≥ 0 (t = d), or with t < 0 written as −t',
t' > 0. Every point of the case is the image of some t (t is d there), so a proof over all
t and all values of the other symbols covers the case: the family may be larger than the
case (``a`` loses its own declared bounds), never smaller. SymPy's assumptions on t then
decide the ``Max``; splitting repeats until every such atom is decided.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import sympy

from ..notation import math_text

MAX_SPLIT_CASES = 16
_ATOMS = (sympy.Abs, sympy.Max, sympy.Min, sympy.sign, sympy.Heaviside, sympy.Piecewise)
_COMPARISONS = (sympy.Eq, sympy.Ne, sympy.Gt, sympy.Ge, sympy.Lt, sympy.Le)


@dataclass(frozen=True)
class SignCase:
    """The sides rewritten for one case, and the case in words."""

    exprs: tuple[sympy.Expr, ...]
    labels: tuple[str, ...]


def _differences(atom: sympy.Basic) -> Iterator[tuple[sympy.Expr, bool]]:
    """The differences whose sign decides ``atom``, each with whether its zero is a case of
    its own: Max, Min and Abs agree on both sides of d = 0, sign, Heaviside and a
    Piecewise condition (a > b, Eq(a, b)) do not."""
    if isinstance(atom, (sympy.Max, sympy.Min)):
        for u, v in itertools.combinations(atom.args, 2):
            yield u - v, False
    elif isinstance(atom, sympy.Piecewise):
        for _value, condition in atom.args:
            if isinstance(condition, sympy.Basic):
                for rel in condition.atoms(*_COMPARISONS):
                    if _pivots(sympy.expand(rel.lhs - rel.rhs)):  # else not split here
                        yield rel.lhs - rel.rhs, True
    else:
        yield atom.args[0], not isinstance(atom, sympy.Abs)


def _undecided(exprs: Sequence[sympy.Basic]) -> list[tuple[sympy.Expr, bool]]:
    """The differences whose sign is open, each with whether its zero is a case of its own
    (for those, a difference known to be >= 0 but not > 0 is open too)."""
    found: list[tuple[sympy.Expr, bool]] = []
    for e in exprs:
        for atom in sorted(e.atoms(*_ATOMS), key=sympy.default_sort_key):
            for d, strict in _differences(atom):
                d = sympy.expand(d)
                open_sign = d.is_extended_nonnegative is None and d.is_extended_nonpositive is None
                # for a strict atom, d >= 0 known without d > 0 leaves d = 0 open
                open_zero = strict and d.is_zero is None and d.is_positive is None
                if open_sign or (open_zero and d.is_negative is None):
                    found.append((d, strict))
    return found


def _pivots(d: sympy.Expr) -> list[tuple[sympy.Symbol, sympy.Expr]]:
    """The symbols d is linear in with a nonzero constant coefficient, and the coefficients."""
    found: list[tuple[sympy.Symbol, sympy.Expr]] = []
    for s in sorted(d.free_symbols, key=sympy.default_sort_key):
        if not isinstance(s, sympy.Symbol) or s.is_real is not True:
            continue
        coefficient = sympy.expand(d.diff(s))
        if coefficient.free_symbols or not coefficient.is_real or coefficient == 0:
            continue
        found.append((s, coefficient))
    return found


def _keeps(symbol: sympy.Symbol, value: sympy.Expr) -> bool:
    """Whether ``value`` satisfies every sign and integer assumption of ``symbol`` (then the
    substitution loses nothing: the case is covered exactly)."""
    return all(
        getattr(value, f"is_{k}") is True
        for k in ("nonnegative", "nonpositive", "integer", "positive", "negative")
        if getattr(symbol, f"is_{k}") is True
    )


def _substitution(d: sympy.Expr, t: sympy.Expr) -> tuple[sympy.Symbol, sympy.Expr] | None:
    """A symbol of d and its value making d = t: one whose assumptions the value keeps
    if there is one, else any (a larger family, still covering the case)."""
    options = []
    for symbol, coefficient in _pivots(d):
        value = sympy.expand((t - (d - coefficient * symbol)) / coefficient)
        options.append((not _keeps(symbol, value), symbol, value))
    if not options:
        return None
    options.sort(key=lambda o: o[0])
    return options[0][1], options[0][2]


def _signs(d: sympy.Expr, strict: bool, flip: bool) -> list[tuple[int, str]]:
    """The cases of d's sign as (sign, text): >= 0 and < 0 (sign 0 standing for >= 0)
    where d = 0 joins d > 0, else > 0, = 0 and < 0, as far as d's assumptions leave them
    open; the text is for -d when ``flip`` (d is shown as its negation)."""
    if not strict:
        return [(0, "≤ 0" if flip else "≥ 0"), (-1, "> 0" if flip else "< 0")]
    gt, lt = ("< 0", "> 0") if flip else ("> 0", "< 0")
    cases = [(1, gt), (0, "= 0"), (-1, lt)]
    if d.is_extended_nonnegative:
        cases = cases[:2]
    elif d.is_extended_nonpositive:
        cases = cases[1:]
    return cases


def sign_cases(
    exprs: Sequence[sympy.Expr],
    depth: int = 4,
    meaning: Mapping[sympy.Basic, sympy.Expr] | None = None,
) -> list[SignCase] | None:
    """The cases that decide every Max/Min/Abs/sign/Heaviside of ``exprs``, or None when a
    difference has no symbol to split on or the cases would exceed MAX_SPLIT_CASES.

    ``meaning`` gives each fresh symbol of an outer split as the difference it stands for,
    so that every case is labelled in the symbols of the relation.
    """
    meaning = dict(meaning or {})
    pending = _undecided(exprs)
    if not pending:
        return [SignCase(tuple(exprs), ())]
    if depth == 0:
        return None
    d, strict = pending[0]
    out: list[SignCase] = []
    original = sympy.expand(d.xreplace(meaning))
    shown = math_text(original)
    flip = original.could_extract_minus_sign()
    if flip:
        shown = math_text(-original)
    for sign, text in _signs(d, strict, flip):
        t = sympy.Dummy("t", positive=True) if sign != 0 else sympy.Integer(0)
        if sign == 0 and not strict:
            t = sympy.Dummy("t", nonnegative=True)
        substitution = _substitution(d, -t if sign < 0 else t)
        if substitution is None:
            return None
        symbol, value = substitution
        rewritten = [e.xreplace({symbol: value}) for e in exprs]
        extra = {} if t == 0 else {t: -original if sign < 0 else original}
        inner = sign_cases(rewritten, depth - 1, {**meaning, **extra})
        if inner is None:
            return None
        label = f"{shown} {text}"
        out.extend(SignCase(c.exprs, (label, *c.labels)) for c in inner)
        if len(out) > MAX_SPLIT_CASES:
            return None
    return out
