"""Canonical forms SymPy can decide: a difference that one of them brings to 0 is proved.

Each transform is exact and respects the assumptions on the symbols (no ``force=True``),
so a zero it produces holds wherever those assumptions hold. The cheap, certain transforms
come first, each only where it can change something; among them the exponential of a
real difference brought to 1 (``exp_of_difference``). ``simplify`` comes last because it
is the slowest and the least predictable. Signs are asked of SymPy's assumptions on a few
forms (``prove_sign``), not at all for a value negative at an admissible point.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import sympy

from ..memo import Memo
from ..notation import math_text
from ..substitution import BINDING
from .abs_products import abs_into_products, has_abs_of_product
from .closed_forms import closed_forms_agree, contradicted
from .exact import strict_value
from .groups import cancel_by_groups, exp_by_groups, long_step, nested_exponentials
from .level_by_level import cancel_level_by_level, nested_functions

Transform = Callable[[sympy.Expr], sympy.Expr]
Proof = tuple[str, tuple[str, ...]]


def _expand_log(e: sympy.Expr) -> sympy.Expr:
    return sympy.expand(sympy.expand_log(e))


def _rewrite_exp(e: sympy.Expr) -> sympy.Expr:
    return sympy.cancel(sympy.expand(sympy.powsimp(sympy.expand(e.rewrite(sympy.exp)))))


def _log_rewrite_exp(e: sympy.Expr) -> sympy.Expr:
    rewritten = _transformed(_rewrite_exp, e)  # usually just tried on its own
    if rewritten is None:
        raise ValueError("rewrite(exp) failed")
    return sympy.cancel(sympy.expand(sympy.expand_log(rewritten)))


def _inverse_hyperbolic_as_log(e: sympy.Expr) -> sympy.Expr:
    """atanh, asinh and acosh written with log, each where it is real: atanh(a) =
    (log(1 + a) − log(1 − a))/2 on (−1, 1), asinh(a) = log(a + √(a² + 1)), acosh(a) =
    log(a + √(a − 1)·√(a + 1)) on [1, ∞); then expand_log. Not atan, asin, acos: their
    logarithmic forms are complex."""
    if not e.has(sympy.atanh, sympy.asinh, sympy.acosh):
        raise ValueError("no inverse hyperbolic function")
    written = (
        e.replace(sympy.atanh, lambda a: (sympy.log(1 + a) - sympy.log(1 - a)) / 2)
        .replace(sympy.asinh, lambda a: sympy.log(a + sympy.sqrt(a**2 + 1)))
        .replace(sympy.acosh, lambda a: sympy.log(a + sympy.sqrt(a - 1) * sympy.sqrt(a + 1)))
    )
    return sympy.cancel(sympy.expand(sympy.expand_log(written)))


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
    simplified = _transformed(sympy.simplify, e)  # usually just tried on its own
    if simplified is None:
        raise ValueError("simplify failed")
    return sympy.factor(simplified)


def _simplify_expanded_log(e: sympy.Expr) -> sympy.Expr:
    return sympy.simplify(_expand_log(e))


def _exp_is_one(e: sympy.Expr) -> sympy.Expr:
    """0 when ``exp_of_difference`` shows e = 0 (e real, exp(e) brought to 1), else e."""
    return sympy.Integer(0) if exp_of_difference(e, None) is not None else e


EXP_IS_ONE = "exp of the difference is 1"
EXP_BY_GROUPS = "exp of each group of terms"
# What a method relies on beyond the symbols' assumptions, stated with the proof.
METHOD_CONDITIONS = {
    EXP_IS_ONE: "the difference of the sides is real, and exp of it is 1 only where it is 0",
    EXP_BY_GROUPS: "each group of terms with a log is real where the sides are defined (every "
    "log's argument positive), and where exp of it is c·exp(q) (c > 0, q real) it is q + log(c)",
}

# Every transform is a module-level function: results are kept by transform (see _RESULTS).
EXPAND: tuple[str, Transform] = ("expand", sympy.expand)
CANCEL: tuple[str, Transform] = ("cancel", _cancel)
SUMMATION: tuple[str, Transform] = ("summation", _summation)
# A long step (a loss over a data set written out, sigmoids nested): never cancelled whole.
GROUPS: tuple[str, Transform] = ("cancel by groups of terms", cancel_by_groups)
GROUPS_EXP: tuple[str, Transform] = (EXP_BY_GROUPS, exp_by_groups)
CHEAP: tuple[tuple[str, Transform], ...] = (
    EXPAND,
    GROUPS,
    GROUPS_EXP,
    ("cancel level by level", cancel_level_by_level),  # nested compositions; see _APPLIES
    (EXP_IS_ONE, _exp_is_one),  # cheap where it applies; the log identities of ML losses
    SUMMATION,
    ("absolute values into products", abs_into_products),  # see _APPLIES
    CANCEL,
    ("expand_log", _expand_log),
    ("powsimp", _powsimp),
    ("logcombine", _logcombine),
    ("rewrite(exp)", _rewrite_exp),
    ("rewrite(exp) and expand_log", _log_rewrite_exp),
    ("inverse hyperbolic functions as logs", _inverse_hyperbolic_as_log),
)
THOROUGH: tuple[tuple[str, Transform], ...] = (
    ("simplify", sympy.simplify),
    ("simplify after expand_log", _simplify_expanded_log),
)


def _fractional_parts(e: sympy.Expr) -> sympy.Expr:
    """Sums carried out, then ⌊x⌋ as x − frac(x) and ⌈x⌉ as x + frac(−x), expanded: frac
    is in [0, 1), which SymPy's assumptions know (Σ_{i=1}^{K/2} 1 = ⌊K/2⌋ ≤ K/2)."""
    summed = _transformed(_summation, e)  # usually just tried on its own
    if summed is None:
        raise ValueError("summation failed")
    return sympy.expand(summed.rewrite(sympy.frac))


def _has_rounding(e: sympy.Expr) -> bool:
    return bool(e.has(sympy.floor, sympy.ceiling, sympy.Sum, sympy.Product))


def _sign_rewrite_exp(e: sympy.Expr) -> sympy.Expr:
    """``_rewrite_exp`` (its result shared with the canonical forms), as a sign form."""
    rewritten = _transformed(_rewrite_exp, e)
    if rewritten is None:
        raise ValueError("rewrite(exp) failed")
    return rewritten


# The forms in which SymPy's assumptions are asked for the sign of a value.
SIGN_FORMS: tuple[tuple[str, Transform], ...] = (
    ("assumptions", _same),
    CANCEL,
    ("factor", sympy.factor),
    EXPAND,
    SUMMATION,
    ("summation and fractional parts", _fractional_parts),
    ("rewrite(exp)", _sign_rewrite_exp),  # 1 − tanh(x) = 2/(e^{2x} + 1); see _APPLIES
)
SIGN_THOROUGH: tuple[tuple[str, Transform], ...] = (
    ("simplify", sympy.simplify),
    ("factor after simplify", _factor_simplified),
)


def _is_literal_zero(e: sympy.Basic) -> bool:
    return bool(e == 0)


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
    StopIteration,  # simplify's sum_add on a product of sums (a RuntimeError in a generator)
)


# Each transform's result (or failure, None) by transform and input, kept for the whole
# process: a difference is met again by the next stage of the cascade (the at-once proof
# and the first canonical forms, one sign case and the next relation's), and a transform
# depends on the expression alone (its symbols carry their assumptions).
_RESULTS: Memo[tuple[Transform, sympy.Expr], sympy.Expr | None] = Memo()


def _transformed(transform: Transform, value: sympy.Expr) -> sympy.Expr | None:
    return _RESULTS.get((transform, value), lambda: _attempt(transform, value))


def _attempt(transform: Transform, value: sympy.Expr) -> sympy.Expr | None:
    """The transform's result, or None where SymPy cannot apply it, or where it would carry
    out a sum over a symbolic bound whose closed form disagrees with the sum written out."""
    try:
        if transform in _CARRY_OUT_SUMS and not closed_forms_agree(value):
            return None
        return transform(value)
    except _TRANSFORM_ERRORS:
        return None


# The forms that leave every sum and product over a symbolic bound as it is (they treat it
# as an opaque term, never ask SymPy for its closed form): a proof through one of them
# needs no check against the sums written out (``contradicted``), which costs more than
# the proof (a sixth of deciding the shipped derivations).
KEEP_SUMS = frozenset(
    {
        "identical",
        "assumptions",
        "expand",
        "cancel",
        "factor",
        "expand_log",
        "powsimp",
        "logcombine",
    }
)

# The transforms that carry out sums and products (``doit``; ``simplify`` calls it).
_CARRY_OUT_SUMS: frozenset[Transform] = frozenset(
    {_summation, sympy.simplify, _simplify_expanded_log}
)

_TRIG_LIKE = (
    sympy.sin,
    sympy.cos,
    sympy.tan,
    sympy.cot,
    sympy.sec,
    sympy.csc,
    sympy.sinh,
    sympy.cosh,
    sympy.tanh,
    sympy.coth,
    sympy.sech,
    sympy.csch,
)


def _has_log(e: sympy.Expr) -> bool:
    return bool(e.has(sympy.log))


def _rewrites_to_exp(e: sympy.Expr) -> bool:
    """Whether rewrite(exp) changes anything: trigonometric and hyperbolic functions, and
    powers with a symbolic exponent (x**y as exp(y*log(x))); a numeric power it writes as
    exp(n*log(x)) is expanded back at once."""
    return e.has(*_TRIG_LIKE) or any(
        not p.exp.is_number and not isinstance(p.base, sympy.exp) and p.base is not sympy.E
        for p in e.atoms(sympy.Pow)
    )


_BREAKS = (sympy.Max, sympy.Min, sympy.Abs, sympy.Piecewise, sympy.sign, sympy.Heaviside)


def _log_without_breaks(e: sympy.Expr) -> bool:
    """A log, and no Max/Min/Abs/… left: those the sign splits take apart first, and
    exp(value) brought to 1 is tried on each part (``calculus_or_split``)."""
    return _has_log(e) and not e.has(*_BREAKS)


_CIRCULAR = (sympy.sin, sympy.cos, sympy.tan, sympy.cot, sympy.sec, sympy.csc)


def _real_exp_form(e: sympy.Expr) -> bool:
    """Whether rewrite(exp) can give a form whose sign SymPy's assumptions see: it rewrites
    something (hyperbolic functions, symbolic powers) and no circular function, which it
    writes through exp(i·x), a complex value whose sign no assumption gives (a circular
    identity that cancels them all is simplify's, in the thorough pass). Expanding
    sin(q)^14 through exp(i·q) took most of a 5 s budget for nothing."""
    return not e.has(*_CIRCULAR) and _rewrites_to_exp(e)


def _log_or_rewrite(e: sympy.Expr) -> bool:
    return _has_log(e) or _rewrites_to_exp(e)


# Where a transform can do more than the ones before it: without a log, expand_log and
# logcombine are expand and cancel again; without what rewrite(exp) rewrites, it is
# powsimp after expand.
_APPLIES: dict[Transform, Callable[[sympy.Expr], bool]] = {
    cancel_level_by_level: nested_functions,
    abs_into_products: has_abs_of_product,
    _summation: lambda e: bool(e.has(sympy.Sum, sympy.Product)),
    cancel_by_groups: long_step,
    exp_by_groups: lambda e: _has_log(e) and long_step(e),
    _fractional_parts: _has_rounding,
    _exp_is_one: _log_without_breaks,
    _expand_log: _has_log,
    _logcombine: _has_log,
    _rewrite_exp: _rewrites_to_exp,
    _sign_rewrite_exp: _real_exp_form,
    _log_rewrite_exp: _log_or_rewrite,
}


def _forms(
    value: sympy.Expr, transforms: Iterable[tuple[str, Transform]]
) -> Iterator[tuple[str, sympy.Expr]]:
    """Each transform's result, named; transforms that fail, or cannot apply, are skipped."""
    for name, transform in transforms:
        applies = _APPLIES.get(transform)
        if applies is not None and not applies(value):
            continue
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
    steps: tuple[tuple[str, Transform], ...]
    if at_once:
        zero = _is_literal_zero
        # a long step is taken apart first: expand multiplies out nested exponentials
        long = nested_exponentials(difference)
        steps = (
            *((GROUPS, GROUPS_EXP) if long else (EXPAND, GROUPS, GROUPS_EXP)),
            *((CANCEL,) if _divides(difference) else ()),
            *((SUMMATION,) if short_concrete_sums(difference) else ()),
        )
    else:
        # SymPy's is_zero is an assumptions query on every form that is not 0; it has
        # never shown a difference 0 that a canonical form did not bring to a literal 0
        # (corpus, pycodemath's data, the shipped derivations, the tests), so only the
        # thorough pass, the last before UNPROVED, asks it.
        zero = _is_zero if thorough else _is_literal_zero
        cheap = CHEAP
        if nested_exponentials(difference):  # the groups before expand, as at once
            cheap = (GROUPS, GROUPS_EXP, *(t for t in CHEAP if t not in (GROUPS, GROUPS_EXP)))
        steps = cheap + THOROUGH if thorough else cheap
    if zero(difference):
        return "identical"
    found = next((name for name, form in _forms(difference, steps) if zero(form)), None)
    if found is not None and found not in KEEP_SUMS and contradicted(difference, "zero"):
        return None  # its sums written out at a small point are not 0: a closed form is wrong
    return found


def prove_sign(value: sympy.Expr, *, strict: bool, thorough: bool) -> str | None:
    """The name of a form of ``value`` that SymPy sees as positive (or nonnegative)."""
    if _negative_somewhere(value):
        return None  # no form of it can be positive: spare the assumptions queries
    forms = SIGN_FORMS + SIGN_THOROUGH if thorough else SIGN_FORMS
    for name, form in _forms(value, forms):
        if (form.is_positive if strict else form.is_nonnegative) is True:
            if name not in KEEP_SUMS and contradicted(
                value, "positive" if strict else "nonnegative"
            ):
                return None  # its sums written out at a small point say otherwise
            if not value.free_symbols and not _number_sign_shown(value, strict):
                return None
            return name
    return None


def _number_sign_shown(value: sympy.Expr, strict: bool) -> bool:
    """Whether a number's sign, which SymPy's assumptions give as positive (nonnegative),
    is so by guaranteed digits (an interval enclosure where there is one), or, for a
    nonnegative one, by simplification to 0. SymPy's sign of a number rests on evalf, which
    loses a term: exp(−101) − log(1 + exp(−100)) is −2.4·10⁻⁴⁴, and evalf (at 30 digits
    too) gives +1.4·10⁻⁴⁴, log(1 + exp(−100)) coming out 0."""
    if value == 0:
        return not strict
    found = strict_value(value)
    if found is not None:
        return bool(found > 0) or (not strict and bool(found == 0))
    if strict:
        return False
    simplified = _transformed(sympy.simplify, value)
    return simplified is not None and simplified == 0


# The functions whose values ``_negative_somewhere`` trusts evalf for.
_ELEMENTARY = (
    sympy.exp,
    sympy.log,
    sympy.sin,
    sympy.cos,
    sympy.tan,
    sympy.atan,
    sympy.sinh,
    sympy.cosh,
    sympy.tanh,
    sympy.Abs,
    sympy.Max,
    sympy.Min,
    sympy.sign,
)


# Values tried for each symbol, in this order, by ``_negative_somewhere``: the first few
# that the symbol's assumptions allow.
_CANDIDATES = tuple(
    sympy.Rational(v)
    for v in ("1/3", "-7/5", "3", "-1/3", "7/5", "-3", "2", "-2", "1", "-1", "0", "1/7", "-1/7")
)
SIGN_POINTS = 3
_NEGATIVE = sympy.Float("-1e-20", 30)


def _admissible(symbol: sympy.Symbol) -> list[sympy.Rational]:
    facts = {k: v for k, v in symbol.assumptions0.items() if v is not None}
    if facts.get("real") is not True:
        return []
    return [
        c
        for c in _CANDIDATES
        if all(getattr(c, f"is_{key}", None) == value for key, value in facts.items())
    ]


def _negative_somewhere(value: sympy.Expr) -> bool:
    """Whether ``value`` is clearly negative (below −10⁻²⁰ at 30 digits) at a rational
    point its symbols' assumptions allow: then SymPy cannot show it positive, or
    nonnegative, in any form. Only a shortcut past proof attempts bound to fail; False
    whenever that is not plain (other atoms than real symbols, a value that is not real)."""
    symbols = sorted(value.free_symbols, key=str)
    if not symbols or not all(isinstance(s, sympy.Symbol) for s in symbols):
        return False
    if value.has(*BINDING):  # a bound variable is no symbol to put a value in
        return False
    if value.atoms(sympy.Function) - value.atoms(*_ELEMENTARY):
        return False  # an undefined or unusual function
    choices = [_admissible(s) for s in symbols]
    if not all(choices):
        return False
    for k in range(SIGN_POINTS):
        point = {
            s: c[(k + n) % len(c)] for n, (s, c) in enumerate(zip(symbols, choices, strict=True))
        }
        try:
            number = value.xreplace(point).evalf(30)
        except (ArithmeticError, ValueError, TypeError, RecursionError):
            continue
        if number.is_Float and number < _NEGATIVE:
            return True
    return False


def exp_of_difference(value: sympy.Expr, strict: bool | None) -> Proof | None:
    """A proof (method, side conditions) through exp(value), or None: with ``strict`` None
    of value = 0 (exp(value) brought to 1), else of value > 0 (strict) or ≥ 0 (exp(value)
    − 1 shown so). Exact when value is real: D = 0 exactly when exp(D) = 1, and D ≥ 0
    exactly when exp(D) ≥ 1; exp turns log(1 + exp(s)) − s into 1 + exp(−s)."""
    if not value.has(sympy.log) or not _real(value):
        return None
    try:
        expanded = sympy.expand(sympy.exp(value))
        if strict is not None and _new_exponentials(expanded, value):
            return None  # exp(value) − 1 ≥ 0 is then no easier to show than value ≥ 0
        forms: list[Callable[[sympy.Expr], sympy.Expr]] = [
            lambda e: e,
            sympy.cancel,
            lambda e: sympy.cancel(sympy.powsimp(e)),
        ]
        for form in forms:
            shown = form(expanded)
            if strict is None:
                if shown == 1:
                    return EXP_IS_ONE, (METHOD_CONDITIONS[EXP_IS_ONE],)
            elif prove_sign(shown - 1, strict=strict, thorough=False) is not None:
                return "exp of the difference", (
                    f"{math_text(value)} {'>' if strict else '≥'} 0 as "
                    f"exp of it = {math_text(shown)} {'>' if strict else '≥'} 1",
                )
    except (NotImplementedError, ValueError, TypeError, AttributeError, RecursionError):
        return None
    except sympy.PolynomialError:
        return None
    return None


def _new_exponentials(expanded: sympy.Expr, value: sympy.Expr) -> bool:
    """Whether exp(value) holds an exponential exp(c·u) with no exp(c′·u) in value: the
    exponential turned the logs into algebraic terms and brought in a new transcendental
    one (exp(p − 1 − log p) = exp(p)/(e·p)), rather than cancelling against exps already
    there (exp(log(1 + exp(s)) − s) = 1 + exp(−s))."""

    def kinds(e: sympy.Expr) -> set[sympy.Expr]:
        return {a.args[0].as_coeff_Mul()[1] for a in e.atoms(sympy.exp) if a.args[0].free_symbols}

    return not kinds(expanded) <= kinds(value)


def _real(value: sympy.Expr) -> bool:
    """Whether ``value`` is real (or ±∞) for every value of the symbols' assumptions:
    SymPy's assumptions say so, or they do once each log is a real symbol, every log's
    argument being shown positive (SymPy alone does not see 1 − 1/(1 + exp(−s)) > 0)."""
    if value.is_extended_real is True:
        return True
    logs = value.atoms(sympy.log)
    if not logs or any(
        prove_sign(log.args[0], strict=True, thorough=False) is None for log in logs
    ):
        return False
    return value.xreplace({log: sympy.Dummy(real=True) for log in logs}).is_extended_real is True
