"""Fast numeric evaluation of SymPy expressions with mpmath, for refutation only.

This walks the expression tree itself (no code generation): every node type it meets is
evaluated with mpmath at the requested precision; anything it does not know, or a point
where an expression is undefined, gives ``None``. Agreement found here is evidence, never
proof; a disagreement is only a candidate until ``confirm`` checks it with SymPy's own
adaptive-precision evaluation.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeAlias

import mpmath
import sympy

from ..substitution import put

# mpmath is untyped: its numbers (mpf, and mpc inside mpmath) are Any to mypy.
Number: TypeAlias = Any

FAST_DPS = 30  # digits of the fast evaluation: a search's first look at a point

_UNARY: dict[type, Callable[[Number], Number]] = {
    sympy.exp: mpmath.exp,
    sympy.log: mpmath.log,
    sympy.sin: mpmath.sin,
    sympy.cos: mpmath.cos,
    sympy.tan: mpmath.tan,
    sympy.sinh: mpmath.sinh,
    sympy.cosh: mpmath.cosh,
    sympy.tanh: mpmath.tanh,
    sympy.atan: mpmath.atan,
    sympy.asin: mpmath.asin,
    sympy.acos: mpmath.acos,
    sympy.asinh: mpmath.asinh,
    sympy.acosh: mpmath.acosh,
    sympy.atanh: mpmath.atanh,
    sympy.erf: mpmath.erf,
}
# Where the inverse functions are real: asin and acos on [-1, 1], atanh on (-1, 1),
# acosh on [1, ∞).
_REAL_ON: dict[type, Callable[[Number], bool]] = {
    sympy.asin: lambda a: -1 <= a <= 1,
    sympy.acos: lambda a: -1 <= a <= 1,
    sympy.atanh: lambda a: -1 < a < 1,
    sympy.acosh: lambda a: a >= 1,
}

_MAX_TERMS = 2000

# mpmath reduces the argument of exp, sin, … (and of a power, through its logarithm) at a
# working precision that grows with the argument's size: exp(10**50000) runs for seconds in
# C, where no alarm can interrupt it. Beyond 2**_MAX_MAG such a value is not evaluated here.
_MAX_MAG = 128
_BOUNDED = frozenset(
    {sympy.exp, sympy.sin, sympy.cos, sympy.tan, sympy.sinh, sympy.cosh, sympy.tanh}
)


class _Undefined(Exception):
    """The expression has no value at this point (or not one we can compute)."""


class _NotReal(Exception):
    """A part of the expression is undefined over the reals at this point."""

    def __init__(self, culprit: sympy.Basic) -> None:
        super().__init__(str(culprit))
        self.culprit = culprit


@dataclass(frozen=True)
class Undefined:
    """The value at a point where ``culprit`` (a log, root or quotient) is not a real number."""

    culprit: sympy.Basic


def evaluate(
    expr: sympy.Basic, point: Mapping[sympy.Basic, sympy.Expr], dps: int = FAST_DPS
) -> Number | Undefined | None:
    """The real value of ``expr`` at ``point`` (symbols or indexed objects to exact numbers).

    ``Undefined`` when a part of it is not real there (log of a negative number, …);
    ``None`` when it cannot be evaluated here at all.
    """
    with mpmath.workdps(dps):
        env: dict[Any, Number] = {_EXACT: dict(point)}
        for key, value in point.items():
            # A family member is looked up by (base, integer indices): building y[k] as a
            # SymPy object at every evaluation would cost more than the arithmetic.
            if isinstance(key, sympy.Indexed):
                env[(key.base, tuple(int(i) for i in key.indices))] = _to_mp(value)
            else:
                env[key] = _to_mp(value)
        try:
            value = _eval(expr, env)
        except _NotReal as error:
            return Undefined(error.culprit)
        except (_Undefined, ZeroDivisionError, ValueError, OverflowError, TypeError):
            return None
        if not mpmath.isfinite(value):
            return None
        return value


def _to_mp(value: sympy.Expr) -> Number:
    if value.is_Integer:
        return mpmath.mpf(int(value))
    if value.is_Rational:
        return mpmath.mpf(int(value.p)) / int(value.q)
    evaluated = value.evalf(mpmath.mp.dps + 5)
    if evaluated.is_Float:
        return mpmath.mpf(evaluated._mpf_)
    return mpmath.mpc(complex(evaluated))


def _cond(expr: sympy.Basic, env: dict[Any, Number]) -> bool:
    if expr is sympy.true:
        return True
    if expr is sympy.false:
        return False
    if isinstance(expr, sympy.And):
        return all(_cond(a, env) for a in expr.args)
    if isinstance(expr, sympy.Or):
        return any(_cond(a, env) for a in expr.args)
    if isinstance(expr, sympy.Not):
        return not _cond(expr.args[0], env)
    if isinstance(expr, sympy.core.relational.Relational):
        a = _eval(expr.lhs, env)
        b = _eval(expr.rhs, env)
        if isinstance(a, mpmath.mpc) or isinstance(b, mpmath.mpc):
            raise _Undefined
        diff = a - b
        # Too close to call at this precision: do not guess which branch applies.
        if abs(diff) <= mpmath.mpf(10) ** (-(mpmath.mp.dps - 8)) * max(1, abs(a), abs(b)):
            if isinstance(expr, (sympy.Eq, sympy.Ne)) and diff == 0:
                return isinstance(expr, sympy.Eq)
            raise _Undefined
        op = expr.rel_op
        return bool(
            {
                "<": diff < 0,
                "<=": diff < 0,
                ">": diff > 0,
                ">=": diff > 0,
                "==": False,
                "!=": True,
            }[op]
        )
    raise _Undefined


def _real(value: Number) -> mpmath.mpf:
    if isinstance(value, mpmath.mpc):
        if value.imag != 0:
            raise _Undefined
        return value.real
    return value


def _eval(expr: sympy.Basic, env: dict[Any, Number]) -> Number:
    if expr in env:
        return env[expr]
    if expr.is_Number:
        if expr.is_Rational:
            return mpmath.mpf(int(expr.p)) / int(expr.q)
        if expr.is_Float:
            return mpmath.mpf(expr._mpf_)
        raise _Undefined  # oo, nan, zoo
    if expr is sympy.pi:
        return +mpmath.pi
    if expr is sympy.E:
        return mpmath.e
    if expr.is_Add:
        return mpmath.fsum(_eval(a, env) for a in expr.args)
    if expr.is_Mul:
        result: Number = mpmath.mpf(1)
        for a in expr.args:
            result *= _eval(a, env)
        return result
    if expr.is_Pow:
        return _eval_power(expr, env)
    if type(expr) in _UNARY:
        return _eval_unary(expr, env)
    return _eval_other(expr, env)


def _eval_power(expr: sympy.Pow, env: dict[Any, Number]) -> Number:
    """A power over the reals: an integer exponent of any base but 0 (for a negative one),
    any other exponent of a positive base (0 for a positive exponent)."""
    base = _eval(expr.base, env)
    exponent = expr.exp
    if exponent.is_Integer:
        if base == 0 and exponent < 0:
            raise _NotReal(expr)
        _check_size(exponent)
        return base ** int(exponent)
    e = _real(_eval(exponent, env))
    _check_size(e)
    if e == int(e) and _integer_valued(exponent):
        if base == 0 and e < 0:
            raise _NotReal(expr)
        return base ** int(e)
    if base < 0 or (base == 0 and e <= 0):
        raise _NotReal(expr)
    if base != 0 and mpmath.mag(e) + abs(int(mpmath.mag(base))).bit_length() > _MAX_MAG:
        raise _Undefined  # |e·log(base)| may exceed 2**_MAX_MAG
    return mpmath.power(base, e)


def _eval_unary(expr: sympy.Basic, env: dict[Any, Number]) -> Number:
    """exp, log, and the trigonometric and hyperbolic functions of a real argument."""
    func = type(expr)
    arg = _real(_eval(expr.args[0], env))
    if func is sympy.log and arg <= 0:
        raise _NotReal(expr)
    if func in _REAL_ON and not _REAL_ON[func](arg):
        raise _NotReal(expr)
    if func in _BOUNDED:
        _check_size(arg)
    if func is sympy.tan and (mpmath.cos(arg) == 0 or _too_close(mpmath.cos(arg), 1)):
        # cos(π/2) is not 0 in binary: a cosine this small may be a pole (undefined.py
        # confirms it exactly before anything rests on it)
        raise _NotReal(expr)
    return _UNARY[func](arg)


def _eval_other(expr: sympy.Basic, env: dict[Any, Number]) -> Number:
    """Steps, parts, rounding, Abs, Max/Min, Piecewise, Kronecker deltas, family members,
    sums and products; ``_Undefined`` for anything else."""
    if isinstance(expr, (sympy.sign, sympy.Heaviside, sympy.DiracDelta)):
        return _step(expr, _real(_eval(expr.args[0], env)))
    if isinstance(expr, (sympy.re, sympy.im)):
        value = _eval(expr.args[0], env)
        if isinstance(expr, sympy.re):
            return mpmath.re(value)
        return mpmath.im(value) if isinstance(value, mpmath.mpc) else mpmath.mpf(0)
    if isinstance(expr, (sympy.floor, sympy.ceiling)):
        rounded = _rounded(expr.args[0], env, up=isinstance(expr, sympy.ceiling))
        return mpmath.mpf(rounded)
    if isinstance(expr, sympy.Abs):
        return abs(_eval(expr.args[0], env))
    if isinstance(expr, (sympy.Max, sympy.Min)):
        values = [_real(_eval(a, env)) for a in expr.args]
        return max(values) if isinstance(expr, sympy.Max) else min(values)
    if isinstance(expr, sympy.Piecewise):
        for value, condition in expr.args:
            if _cond(condition, env):
                return _eval(value, env)
        raise _Undefined
    if isinstance(expr, sympy.KroneckerDelta):
        a, b = (_real(_eval(x, env)) for x in expr.args)
        return mpmath.mpf(1 if a == b else 0)
    if isinstance(expr, sympy.Indexed):
        positions = tuple(_real(_eval(i, env)) for i in expr.indices)
        if any(p != int(p) for p in positions):
            raise _Undefined
        member = (expr.base, tuple(int(p) for p in positions))
        if member in env:
            return env[member]
        raise _Undefined
    if isinstance(expr, (sympy.Sum, sympy.Product)):
        return _eval_series(expr, env)
    if isinstance(expr, (sympy.factorial, sympy.binomial)):
        return _eval_counting(expr, env)
    raise _Undefined


_MAX_FACTORIAL = 10_000  # beyond, n! has more digits than any evidence needs


def _eval_counting(expr: sympy.Basic, env: dict[Any, Number]) -> Number:
    """n! for an integer n ≥ 0; C(r, k) for an integer k (0 for k < 0), any real r."""
    last = _real(_eval(expr.args[-1], env))
    if last != int(last):
        raise _NotReal(expr)
    if abs(last) > _MAX_FACTORIAL:
        raise _Undefined
    if isinstance(expr, sympy.factorial):
        if last < 0:
            raise _NotReal(expr)
        return mpmath.factorial(int(last))
    if last < 0:
        return mpmath.mpf(0)
    return mpmath.binomial(_real(_eval(expr.args[0], env)), int(last))


def _check_size(value: Number) -> None:
    """Refuse a value whose size would make mpmath's argument reduction unbounded."""
    if mpmath.isinf(value) or mpmath.isnan(value) or mpmath.mag(value) > _MAX_MAG:
        raise _Undefined


def _too_close(value: Number, scale: Number) -> bool:
    """Whether a nonzero computed value may be rounding noise around zero."""
    return bool(abs(value) <= mpmath.mpf(10) ** (-(mpmath.mp.dps - 8)) * max(1, abs(scale)))


def _step(expr: sympy.Basic, arg: Number) -> Number:
    """sign, Heaviside and DiracDelta (what SymPy makes of the derivatives of Abs, Max,
    Heaviside): each decided by the sign of its argument, which must be clear at this
    precision. Exactly at 0, sign is 0 (docs/semantics.md: the written ``sign`` is the
    sign function of real analysis; a derivative of |x| at 0, which SymPy also writes as
    sign, is undefined as written there and refuted as such before any value counts);
    Heaviside and DiracDelta, whose values at 0 are conventions, are undefined there.
    Within rounding of 0 the sign cannot be told."""
    if arg == 0:
        if isinstance(expr, sympy.sign):
            return mpmath.mpf(0)
        raise _NotReal(expr)
    if _too_close(arg, 1):
        raise _Undefined
    if isinstance(expr, sympy.sign):
        return mpmath.mpf(mpmath.sign(arg))
    if isinstance(expr, sympy.DiracDelta):
        return mpmath.mpf(0)
    return mpmath.mpf(1 if arg > 0 else 0)


def _integer_valued(exponent: sympy.Basic) -> bool:
    """An exponent that is an integer wherever it is evaluated (e.g. ``1 - y``, y ∈ {0, 1})."""
    return exponent.is_integer is True


def _at_term(culprit: sympy.Basic, index: sympy.Basic, k: int) -> sympy.Basic:
    """The culprit at the term ``index = k``, its own operation left unevaluated (1/(i − 2)
    at i = 2 is the division 1/0, not SymPy's ``zoo``)."""
    if index not in culprit.free_symbols:
        return culprit
    args = [put(arg, {index: sympy.Integer(k)}) for arg in culprit.args]
    return culprit.func(*args, evaluate=False)


# The key of the environment under which the exact point is kept (with the values of the
# sum indices in force), for what the working precision cannot decide.
_EXACT = object()


def _rounded(arg: sympy.Expr, env: dict[Any, Number], up: bool) -> int:
    """⌈arg⌉ (``up``) or ⌊arg⌋ at the point. A value at or within rounding of an integer
    (3 − 10⁻⁴⁰ is 3.0 at 30 digits) is decided exactly, where SymPy can, unless the
    argument is an integer by its form."""
    value = _real(_eval(arg, env))
    _check_size(value)
    nearest = mpmath.nint(value)
    if value == nearest and arg.is_integer:
        return int(nearest)
    if value == nearest or _too_close(value - nearest, value):
        exact = put(arg, env[_EXACT])
        if not (exact.is_Rational or (exact.is_number and exact.is_integer)):
            raise _Undefined  # an integer or not: not decidable at this precision
        return int(sympy.ceiling(exact) if up else sympy.floor(exact))
    return int(mpmath.ceil(value) if up else mpmath.floor(value))


def _eval_series(expr: sympy.Sum | sympy.Product, env: dict[Any, Number]) -> Number:
    """A sum (product) over the integers from ⌈lo⌉ to ⌊hi⌋, by the contract: 0 (1) over an
    empty range, however far the upper bound lies below the lower; terms outside the range
    are not evaluated."""
    # SymPy lists the innermost range first: the last one is the outermost loop.
    *rest, (index, lo, hi) = expr.limits
    inner = type(expr)(expr.function, *rest) if rest else expr.function
    a = _rounded(lo, env, up=True)
    b = _rounded(hi, env, up=False)
    if b - a + 1 > _MAX_TERMS:
        raise _Undefined
    values: list[Number] = []
    for k in range(a, b + 1):
        scope = dict(env)
        scope[index] = mpmath.mpf(k)
        scope[_EXACT] = {**env[_EXACT], index: sympy.Integer(k)}
        try:
            values.append(_eval(inner, scope))
        except _NotReal as error:
            # the culprit as it stands at this term (log(a[2]), not log(a[i])), so that
            # it can be shown and checked at the point
            raise _NotReal(_at_term(error.culprit, index, k)) from None
    if isinstance(expr, sympy.Sum):
        return mpmath.fsum(values) if values else mpmath.mpf(0)
    result: Number = mpmath.mpf(1)
    for v in values:
        result *= v
    return result
