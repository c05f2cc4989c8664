"""Canonical forms SymPy can decide: a difference that one of them brings to 0 is proved.

Each transform is exact and respects the assumptions on the symbols (no ``force=True``),
so a zero it produces holds wherever those assumptions hold. The cheap, certain transforms
come first; ``simplify`` comes last because it is the slowest and the least predictable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import sympy

Transform = Callable[[sympy.Expr], sympy.Expr]


def _expand_log(e: sympy.Expr) -> sympy.Expr:
    return sympy.expand(sympy.expand_log(e))


def _rewrite_exp(e: sympy.Expr) -> sympy.Expr:
    return sympy.cancel(sympy.expand(sympy.powsimp(sympy.expand(e.rewrite(sympy.exp)))))


def _log_rewrite_exp(e: sympy.Expr) -> sympy.Expr:
    return sympy.cancel(sympy.expand(sympy.expand_log(_rewrite_exp(e))))


def _logcombine(e: sympy.Expr) -> sympy.Expr:
    return sympy.cancel(sympy.logcombine(sympy.expand(e)))


def _powsimp(e: sympy.Expr) -> sympy.Expr:
    return sympy.cancel(sympy.powsimp(sympy.expand(sympy.powdenest(e)), combine="all"))


def _summation(e: sympy.Expr) -> sympy.Expr:
    """Carry out sums and products SymPy can close (concrete ranges, Kronecker deltas)."""
    return sympy.expand(e.doit()) if e.has(sympy.Sum, sympy.Product) else e


def _cancel(e: sympy.Expr) -> sympy.Expr:
    return sympy.cancel(sympy.together(e))


def _same(e: sympy.Expr) -> sympy.Expr:
    return e


def _factor_simplified(e: sympy.Expr) -> sympy.Expr:
    return sympy.factor(sympy.simplify(e))


def _simplify_expanded_log(e: sympy.Expr) -> sympy.Expr:
    return sympy.simplify(_expand_log(e))


# Every transform is a module-level function: results are kept by transform (see _RESULTS).
EXPAND: tuple[str, Transform] = ("expand", sympy.expand)
CANCEL: tuple[str, Transform] = ("cancel", _cancel)
SUMMATION: tuple[str, Transform] = ("summation", _summation)
CHEAP: tuple[tuple[str, Transform], ...] = (
    EXPAND,
    SUMMATION,
    CANCEL,
    ("expand_log", _expand_log),
    ("powsimp", _powsimp),
    ("logcombine", _logcombine),
    ("rewrite(exp)", _rewrite_exp),
    ("rewrite(exp) and expand_log", _log_rewrite_exp),
)
THOROUGH: tuple[tuple[str, Transform], ...] = (
    ("simplify", sympy.simplify),
    ("simplify after expand_log", _simplify_expanded_log),
)
# The forms in which SymPy's assumptions are asked for the sign of a value.
SIGN_FORMS: tuple[tuple[str, Transform], ...] = (
    ("assumptions", _same),
    CANCEL,
    ("factor", sympy.factor),
    EXPAND,
)
SIGN_THOROUGH: tuple[tuple[str, Transform], ...] = (
    ("simplify", sympy.simplify),
    ("factor after simplify", _factor_simplified),
)


def _is_zero(e: sympy.Basic) -> bool:
    return bool(e == 0) or e.is_zero is True


# What a SymPy transform may raise on an expression it cannot handle: the transform is
# then skipped, never trusted.
_TRANSFORM_ERRORS = (
    NotImplementedError,
    ValueError,
    TypeError,
    AttributeError,
    RecursionError,
    sympy.PolynomialError,
)


# Each transform's result (or failure, None) by transform and input, kept for the whole
# process: a difference is met again by the next stage of the cascade (the at-once proof
# and the first canonical forms, one sign case and the next relation's), and a transform
# depends on the expression alone (its symbols carry their assumptions).
_RESULTS: dict[tuple[Transform, sympy.Expr], sympy.Expr | None] = {}
MAX_RESULTS = 4096


def _transformed(transform: Transform, value: sympy.Expr) -> sympy.Expr | None:
    key = (transform, value)
    if key in _RESULTS:
        return _RESULTS[key]
    try:
        result: sympy.Expr | None = transform(value)
    except _TRANSFORM_ERRORS:
        result = None
    if len(_RESULTS) >= MAX_RESULTS:
        _RESULTS.clear()
    _RESULTS[key] = result
    return result


def _forms(
    value: sympy.Expr, transforms: Iterable[tuple[str, Transform]]
) -> Iterator[tuple[str, sympy.Expr]]:
    """Each transform's result, named; transforms that fail are skipped."""
    for name, transform in transforms:
        result = _transformed(transform, value)
        if result is not None:
            yield name, result


def _divides(e: sympy.Basic) -> bool:
    return any(p.exp.is_negative for p in e.atoms(sympy.Pow))


MAX_TERMS_AT_ONCE = 20


def short_concrete_sums(e: sympy.Basic) -> bool:
    """Sums and products whose every range is a few concrete terms (Σ_{i=1}^{2})."""
    nodes = e.atoms(sympy.Sum, sympy.Product)
    return bool(nodes) and all(
        lo.is_Integer and hi.is_Integer and hi - lo < MAX_TERMS_AT_ONCE
        for node in nodes
        for _, lo, hi in node.limits
    )


def prove_zero(difference: sympy.Expr, *, thorough: bool, at_once: bool = False) -> str | None:
    """The name of a transform that brings ``difference`` to 0, or None.

    ``at_once`` tries only what settles most steps of a derivation for little: the
    difference as it is, ``expand``, ``cancel`` when something is divided, and carrying
    out sums of a few concrete terms.
    """
    if at_once:
        if difference == 0:
            return "identical"
        quick = (
            EXPAND,
            *((CANCEL,) if _divides(difference) else ()),
            *((SUMMATION,) if short_concrete_sums(difference) else ()),
        )
        return next((name for name, form in _forms(difference, quick) if form == 0), None)
    if _is_zero(difference):
        return "identical"
    steps = CHEAP + THOROUGH if thorough else CHEAP
    return next((name for name, form in _forms(difference, steps) if _is_zero(form)), None)


def prove_sign(value: sympy.Expr, *, strict: bool, thorough: bool) -> str | None:
    """The name of a form of ``value`` that SymPy sees as positive (or nonnegative)."""
    forms = SIGN_FORMS + SIGN_THOROUGH if thorough else SIGN_FORMS
    for name, form in _forms(value, forms):
        if (form.is_positive if strict else form.is_nonnegative) is True:
            return name
    return None
