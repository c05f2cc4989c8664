"""Signs shown from the parts of an expression, where SymPy's assumptions stop: a sum over a
range shown non-empty of terms shown positive is positive (of nonnegative terms, over any
range, nonnegative), a product of positive factors is positive, a sum of nonnegative terms
one of which is positive is positive.

SymPy answers None for Σ_{k=1}^{c+m} exp(o[k]) > 0 with c a positive and m a nonnegative
integer (it does for a plain positive bound N), so log of a softmax over c + m classes was
refused as possibly undefined. Each part is shown by ``establish`` itself (passed in: this
module sits below it), so every fact used is one that stage would state.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import sympy

from ..notation import math_text
from .declared import DomainInfo, members_as_symbols
from .symbolic import METHOD_CONDITIONS, prove_zero

Facts = tuple[str, ...]
Establish = Callable[[sympy.Expr, str, Mapping[sympy.Basic, DomainInfo]], Facts | None]

# A product of this many factors is taken apart even without a sum in it (the likelihood
# of a data set written out: cancel on the whole of it is slow).
MIN_FACTORS = 6
KINDS = ("positive", "nonnegative", "nonzero")


def worth_taking_apart(expr: sympy.Basic, kind: str) -> bool:
    """Cheap shape check: a sum (Σ) inside, or a long product."""
    if kind not in KINDS:
        return False
    if isinstance(expr, sympy.Mul) and len(expr.args) >= MIN_FACTORS:
        return True
    return bool(expr.has(sympy.Sum))


def by_parts(
    expr: sympy.Expr, kind: str, infos: Mapping[sympy.Basic, DomainInfo], establish: Establish
) -> Facts | None:
    """The facts that show ``expr`` of ``kind`` (positive, nonnegative, nonzero) from its
    parts, or None."""
    if isinstance(expr, sympy.Sum):
        return _series(expr, kind, infos, establish)
    if isinstance(expr, sympy.Mul):
        coefficient, rest = expr.as_coeff_Mul()
        if coefficient.is_Number and isinstance(rest, sympy.Sum):  # −Σ t = Σ (−t)
            return _series(
                sympy.Sum(coefficient * rest.function, *rest.limits), kind, infos, establish
            )
        # every factor of the kind (a product of nonzero factors is nonzero, …)
        return _every(expr.args, kind, infos, establish)
    if isinstance(expr, sympy.Pow) and kind != "nonnegative":
        if expr.exp.is_extended_real:
            return establish(expr.base, "positive", infos)  # b > 0: b**e > 0
        return None
    if isinstance(expr, sympy.Add):
        return _terms(expr.args, kind, infos, establish)
    return None


def _every(
    parts: tuple[sympy.Basic, ...],
    kind: str,
    infos: Mapping[sympy.Basic, DomainInfo],
    establish: Establish,
) -> Facts | None:
    facts: list[str] = []
    for part in parts:
        shown = establish(part, kind, infos)
        if shown is None:
            return None
        facts.extend(shown)
    return tuple(dict.fromkeys(facts))


def _terms(
    terms: tuple[sympy.Basic, ...],
    kind: str,
    infos: Mapping[sympy.Basic, DomainInfo],
    establish: Establish,
) -> Facts | None:
    """A sum of nonnegative terms is nonnegative; positive (so nonzero) when one of them is
    positive."""
    nonnegative = _every(terms, "nonnegative", infos, establish)
    if nonnegative is None or kind == "nonnegative":
        return nonnegative
    for term in terms:
        positive = establish(term, "positive", infos)
        if positive is not None:
            return tuple(dict.fromkeys([*nonnegative, *positive]))
    together = _ranges_together(terms, infos, establish)
    if together is not None:
        return tuple(dict.fromkeys([*nonnegative, *together]))
    return None


def _ranges_together(
    terms: tuple[sympy.Basic, ...], infos: Mapping[sympy.Basic, DomainInfo], establish: Establish
) -> Facts | None:
    """Sums of positive terms over ranges of c_1, c_2, … ≥ 0 terms, none shown non-empty on
    its own: one of them holds a term when c_1 + c_2 + … > 0, and that one is positive (a
    sum split at a class k in 1..K: k − 1 terms before it, K − k after, K ≥ 2)."""
    sums = [t for t in terms if isinstance(t, sympy.Sum) and len(t.limits) == 1]
    if len(sums) < 2:
        return None
    facts: list[str] = []
    counts = []
    for series in sums:
        index, lo, hi = series.limits[0]
        if not (lo.is_integer and hi.is_integer):
            return None
        step = sympy.Dummy("j", integer=True, nonnegative=True)
        term, extended = members_as_symbols(series.function.xreplace({index: lo + step}), infos)
        shown = establish(term, "positive", extended)
        count = hi - lo + 1
        at_least_none = establish(count, "nonnegative", infos)
        if shown is None or at_least_none is None:
            return None
        facts += [*shown, *at_least_none]
        counts.append(count)
    total = sympy.Add(*counts)
    some = establish(total, "positive", infos)
    if some is None:
        return None
    shown_text = f"each term positive, {math_text(total)} > 0 terms in {len(sums)} ranges"
    return tuple(dict.fromkeys([*facts, *some, shown_text]))


def _series(
    series: sympy.Sum, kind: str, infos: Mapping[sympy.Basic, DomainInfo], establish: Establish
) -> Facts | None:
    """Σ_{k=lo}^{hi} t(k): nonnegative when every term is; positive (so nonzero) when every
    term is positive and the range holds a term (lo and hi integers, hi − lo + 1 > 0)."""
    if len(series.limits) != 1:
        return None
    index, lo, hi = series.limits[0]
    if not (lo.is_integer and hi.is_integer):
        return None  # the terms run from ⌈lo⌉, not lo
    step = sympy.Dummy("j", integer=True, nonnegative=True)
    term, extended = members_as_symbols(series.function.xreplace({index: lo + step}), infos)
    needed = "nonnegative" if kind == "nonnegative" else "positive"
    facts = establish(term, needed, extended)
    if facts is None or kind == "nonnegative":
        return facts
    count = hi - lo + 1
    non_empty = establish(count, "positive", infos)
    if non_empty is None:
        return None
    shown = f"each term positive over a non-empty range ({count} > 0 terms)"
    return tuple(dict.fromkeys([*facts, *non_empty, shown]))


def by_signs_of_sums(
    relation: str,
    lhs: sympy.Expr,
    rhs: sympy.Expr,
    infos: Mapping[sympy.Basic, DomainInfo],
    establish: Establish,
) -> tuple[str, Facts] | None:
    """A relation with sums decided by signs: an inequality whose difference of sides is
    shown positive (nonnegative) from its parts; an equality that the canonical forms show
    once each sum shown positive stands for a positive unknown (log Σ is then a log of a
    positive number, which ``expand_log`` takes apart)."""
    if relation != "=":
        greater, smaller = (lhs, rhs) if relation in (">", ">=") else (rhs, lhs)
        kind = "positive" if relation in ("<", ">") else "nonnegative"
        if lhs == 0 or rhs == 0:  # "X > 0": the other forms are left to the comparisons
            facts = by_parts(sympy.expand(greater - smaller, deep=False), kind, infos, establish)
            if facts is not None:
                return "signs of the parts", facts
        return _signed_unknowns(greater - smaller, kind, infos, establish)
    positive: dict[sympy.Basic, sympy.Dummy] = {}
    facts_used: list[str] = []
    for series in sorted(_under_log_or_division(lhs - rhs), key=sympy.default_sort_key):
        shown = _series(series, "positive", infos, establish)
        if shown is not None:
            positive[series] = sympy.Dummy("sum", positive=True)
            facts_used += [*shown, f"{math_text(series)} > 0"]
    if not positive:
        return None
    method = prove_zero((lhs - rhs).xreplace(positive), thorough=False)
    if method is None:
        return None
    if method in METHOD_CONDITIONS:
        facts_used.append(METHOD_CONDITIONS[method])
    return f"{method}, sums shown positive as positive unknowns", tuple(dict.fromkeys(facts_used))


def _signed_unknowns(
    value: sympy.Expr, kind: str, infos: Mapping[sympy.Basic, DomainInfo], establish: Establish
) -> tuple[str, Facts] | None:
    """``value`` of ``kind`` (positive, nonnegative) once each sum in it stands for an
    unknown of the sign shown for it (positive: terms positive over a non-empty range;
    else nonnegative) and each family member outside the sums for a symbol of its family's
    domain: SymPy's assumptions on the value over a common denominator then hold for
    every value of those unknowns, so for the sums' own values (e/(A + e + B) < 1 with
    e > 0, A ≥ 0, B > 0: 1 − e/(A + e + B) = (A + B)/(A + e + B) > 0)."""
    series_list = sorted(
        {s for s in value.atoms(sympy.Sum) if not _inside_sum(s, value)},
        key=sympy.default_sort_key,
    )
    if not series_list:
        return None
    unknowns: dict[sympy.Basic, sympy.Expr] = {}
    facts: list[str] = []
    for series in series_list:
        shown = _series(series, "positive", infos, establish)
        sign = "positive"
        if shown is None:
            shown, sign = _series(series, "nonnegative", infos, establish), "nonnegative"
        if shown is None:
            return None
        unknowns[series] = sympy.Dummy("sum", **{sign: True})
        facts += [*shown, f"{math_text(series)} {'>' if sign == 'positive' else '≥'} 0"]
    if _sign_with(value, unknowns, kind, infos):
        return "signs of the parts, sums as unknowns of their sign", tuple(dict.fromkeys(facts))
    # Sums over ranges none shown non-empty, but together holding a term (a sum split at a
    # class k: k − 1 terms before it, K − k after): A, B ≥ 0 with A + B = P > 0, so B is
    # written P − A; SymPy's answer then holds for every P > 0 and A ≥ 0.
    maybe_empty = [s for s, u in unknowns.items() if u.is_positive is not True]
    together = _ranges_together(tuple(maybe_empty), infos, establish)
    if together is None:
        return None
    total = sympy.Dummy("sums", positive=True)
    last = maybe_empty[-1]
    unknowns[last] = total - sympy.Add(*(unknowns[s] for s in maybe_empty[:-1]))
    if not _sign_with(value, unknowns, kind, infos):
        return None
    joined = f"{' + '.join(math_text(s) for s in maybe_empty)} > 0"
    method = "signs of the parts, sums as unknowns of their sign, together positive"
    return method, tuple(dict.fromkeys([*facts, *together, joined]))


def _sign_with(
    value: sympy.Expr,
    unknowns: Mapping[sympy.Basic, sympy.Expr],
    kind: str,
    infos: Mapping[sympy.Basic, DomainInfo],
) -> bool:
    """Whether ``value`` with its sums written as ``unknowns`` is of ``kind`` by SymPy's
    assumptions over a common denominator."""
    replaced, _ = members_as_symbols(value.xreplace(dict(unknowns)), infos)
    if replaced.has(sympy.Sum, sympy.Indexed):
        return False
    try:
        together = sympy.factor_terms(sympy.together(_logs_about_one(replaced)))
    except (NotImplementedError, ValueError, TypeError, RecursionError):
        return False
    answer = together.is_positive if kind == "positive" else together.is_nonnegative
    return bool(answer)


def _logs_about_one(expr: sympy.Expr) -> sympy.Expr:
    """c·log(u) with c < 0 written (−c)·log(1/u), then each log(w) as log(1 + (w − 1)) with
    w − 1 over a common denominator: identities where the logs are defined (u > 0), in the
    form SymPy's assumptions read (log(1 + (A + B)/e) ≥ 0 for A, B ≥ 0, e > 0)."""
    terms: list[sympy.Expr] = []
    for term in sympy.Add.make_args(expr):
        coefficient, rest = term.as_coeff_Mul()
        if isinstance(rest, sympy.log) and coefficient.is_negative:
            term = -coefficient * sympy.log(1 / rest.args[0])
        terms.append(term)
    return sympy.Add(*terms).replace(
        lambda e: isinstance(e, sympy.log),
        lambda e: sympy.log(1 + sympy.factor(sympy.together(e.args[0] - 1))),
    )


def _inside_sum(series: sympy.Sum, value: sympy.Expr) -> bool:
    return any(series in other.function.atoms(sympy.Sum) for other in value.atoms(sympy.Sum))


def by_extremes(
    expr: sympy.Expr, kind: str, infos: Mapping[sympy.Basic, DomainInfo], establish: Establish
) -> Facts | None:
    """``expr`` = R + s·M of ``kind`` (positive, nonnegative) with M a Max or Min (a clip:
    max(ε, min(1 − ε, q))) and s a nonzero number, from M's arguments: at every point M is
    one of them, so R + s·a of the kind for every argument a shows it; and Max ≥ each
    argument (Min ≤ each), so where s·M rises above s·a (s > 0 with Max, s < 0 with Min)
    one argument a with R + s·a of the kind shows it."""
    if kind not in ("positive", "nonnegative"):
        return None
    for term in sympy.Add.make_args(expr):
        s, node = term.as_coeff_Mul()
        if not isinstance(node, (sympy.Max, sympy.Min)) or not s.is_Number or s == 0:
            continue
        rest = expr - term
        one_suffices = (s > 0) == isinstance(node, sympy.Max)
        found: list[str] = []
        for argument in node.args:
            shown = establish(rest + s * argument, kind, infos)
            if shown is not None and one_suffices:
                note = f"{math_text(node)} {'≥' if isinstance(node, sympy.Max) else '≤'} "
                return (*shown, note + math_text(argument))
            if shown is None and not one_suffices:
                break
            found.extend(shown or ())
        else:
            if not one_suffices:
                return (*found, f"{math_text(node)} is one of its arguments")
        return None
    return None


def by_log_sign(
    expr: sympy.Expr, kind: str, infos: Mapping[sympy.Basic, DomainInfo], establish: Establish
) -> Facts | None:
    """s·log(X) of ``kind`` (positive, nonnegative) with s a nonzero number, from X > 0 and
    the side of 1 X lies on: log X ≥ 0 (> 0) exactly where X ≥ 1 (> 1), log X ≤ 0 (< 0)
    exactly where 0 < X ≤ 1 (< 1)."""
    if kind not in ("positive", "nonnegative"):
        return None
    s, node = expr.as_coeff_Mul()
    if not isinstance(node, sympy.log) or not s.is_Number or s == 0:
        return None
    (inside,) = node.args
    defined = establish(inside, "positive", infos)
    if defined is None:
        return None
    side = inside - 1 if s > 0 else 1 - inside
    shown = establish(side, kind, infos)
    if shown is None:
        return None
    relation = (
        ("≥" if kind == "nonnegative" else ">")
        if s > 0
        else ("≤" if kind == "nonnegative" else "<")
    )
    return (*defined, *shown, f"{math_text(inside)} {relation} 1")


def _under_log_or_division(e: sympy.Expr) -> set[sympy.Sum]:
    """The sums whose sign a canonical form needs: inside a log, or divided by (others are
    not worth the sign proof)."""
    places = [a.args[0] for a in e.atoms(sympy.log)]
    places += [p.base for p in e.atoms(sympy.Pow) if p.exp.is_negative]
    return {series for place in places for series in place.atoms(sympy.Sum)}
