"""The bounds on what an expression may build, and the guarded construction behind them.

Everything that could exhaust the machine is bounded before or while building: the length
of the text, the nesting of brackets and of the tree, the size of literals, exponents and
exact powers, the order of derivatives, and (as a backstop for SymPy's own automatic
evaluation, e.g. comparing ``exp(exp(exp(100)))`` with 3) the CPU time of the build.
The LaTeX reader (``xentproof.tex``) bounds its text by the same length and nesting.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import sympy

from ..errors import ExpressionError
from ..memo import ObjectMemo

MAX_LENGTH: int = 4000
"""Longest expression text, in characters."""
MAX_DEPTH: int = 60
"""Deepest nesting of brackets, and of the syntax tree (a flat chain ``a + b + c`` is one level)."""
MAX_INT_DIGITS: int = 30
"""Longest integer literal; also the most significant digits of a decimal literal."""
MAX_DECIMAL_EXPONENT: int = 1000
"""Largest |n| in a decimal literal's scale ``…e±n``."""
MAX_EXPONENT: int = 1000
"""Largest |exponent| when an exponent is a number."""
MAX_POWER_BITS: int = 10_000
"""Largest exact number (in bits) that a power of numbers may produce."""
MAX_ROOT_WORK: int = 2048
"""Largest bits(base) × denominator for a fractional power of a number (SymPy factors the base)."""
MAX_DERIVATIVE_ORDER: int = 10
TIME_LIMIT: float = 2.0
"""Seconds that building one expression may take before it is refused (read when a build
starts, so a test may lower it)."""

_DECIMAL = re.compile(r"(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?")


# ``exact_decimal`` and ``checked_power`` raise an ExpressionError without a column; the
# reader, which knows where the literal or the power is written, adds it.


def exact_decimal(source: str) -> sympy.Rational:
    """The exact value of a decimal literal, from its text: ``0.1`` is 1/10, not a float."""
    match = _DECIMAL.fullmatch(source.replace("_", ""))
    if match is None:
        raise ExpressionError(f"cannot read the number '{source}'")
    whole, fraction, scale = match.group(1), match.group(2) or "", int(match.group(3) or 0)
    digits = (whole + fraction).lstrip("0")
    exponent = scale - len(fraction)
    if len(digits) > MAX_INT_DIGITS or abs(exponent) > MAX_DECIMAL_EXPONENT:
        raise ExpressionError(
            f"the number '{source}' is too long: at most {MAX_INT_DIGITS} digits"
            f" and a scale up to e±{MAX_DECIMAL_EXPONENT}"
        )
    mantissa = int(digits or "0")
    if exponent >= 0:
        return sympy.Rational(mantissa * 10**exponent)
    return sympy.Rational(mantissa, 10**-exponent)


def checked_power(base: Any, exponent: Any) -> Any:
    """``base ** exponent``, refused when SymPy would compute a huge exact number."""
    if isinstance(exponent, sympy.Number):
        if not exponent.is_finite:
            raise ExpressionError(f"the exponent {exponent} is not a finite number")
        if abs(exponent) > MAX_EXPONENT:
            raise ExpressionError(
                f"exponent {exponent} is too large: at most {MAX_EXPONENT} in size"
            )
        bits = _numeric_bits(base)
        if bits * float(abs(exponent)) > MAX_POWER_BITS:
            raise ExpressionError(
                f"the power would be an exact number of about {bits * float(abs(exponent)):.0f}"
                f" bits; the limit is {MAX_POWER_BITS}"
            )
        # A fractional power of a number makes SymPy factor the number.
        if not exponent.is_Integer and bits * exponent.q > MAX_ROOT_WORK:
            raise ExpressionError(
                f"this fractional power of a {bits:.0f}-bit number is too costly to evaluate:"
                f" bits × denominator of the exponent may be at most {MAX_ROOT_WORK}"
            )
    inert = base == sympy.E and log_power_risk(exponent)
    return make(sympy.Pow, base, exponent, inert=inert)


def make(build: Callable[..., Any], *args: Any, inert: bool = False) -> Any:
    """``build(*args)``, with SymPy's evaluation off if ``inert`` or an argument is risky.

    An argument is risky when it holds a closed series (a Sum or Product with no free symbols).
    SymPy evaluates a Sum or Product with constant bounds numerically as soon as anything
    asks for its sign or order (Max, Abs, a comparison, even printing a sum of terms), and
    that can run for ever inside one C-level operation that no time limit interrupts.
    """
    if inert or any(_has_closed_series(arg) for arg in args):
        with sympy.evaluate(False):
            return build(*args)
    return build(*args)


def log_power_risk(exponent: Any) -> bool:
    """Whether ``exp(exponent)`` could turn into a huge exact power, as exp(c*log(n)) = n**c."""
    if not isinstance(exponent, sympy.Basic) or not exponent.has(sympy.log):
        return False
    if _has_closed_series(exponent):
        return True
    return any(max(abs(r.p), r.q) > MAX_EXPONENT for r in exponent.atoms(sympy.Rational))


def _rational_bits(value: Any) -> int:
    return max(int(value.p).bit_length(), int(value.q).bit_length())


def _numeric_bits(expr: Any) -> float:
    """About how many bits the numbers in ``expr`` take once SymPy raises it to a power.

    SymPy distributes a power over a product's numeric factors, so ``(3*sqrt(2))**n``
    computes 3**n and 2**(n/2); symbolic factors (x, pi, log(2)) stay symbolic.
    """
    bits = 0.0
    for factor in sympy.Mul.make_args(expr):
        if isinstance(factor, sympy.Rational):
            bits += _rational_bits(factor)
        elif (
            isinstance(factor, sympy.Pow)
            and isinstance(factor.base, sympy.Rational)
            and isinstance(factor.exp, sympy.Rational)
        ):
            bits += _rational_bits(factor.base) * float(abs(factor.exp))
    return bits


def _has_closed_series(value: object) -> bool:
    """Whether ``value`` holds a Sum or Product with no free symbols, i.e. a plain number."""
    if isinstance(value, tuple):
        return any(_has_closed_series(v) for v in value)
    if not isinstance(value, sympy.Basic):
        return False
    return _CLOSED(value)


def _closed_series_in(value: sympy.Basic) -> bool:
    """``_has_closed_series`` of an expression: every part of it looked at (as ``atoms``
    does), but not into a part already asked about (``_CLOSED``): an expression is built
    from parts that were arguments before, and walking each argument's whole tree again at
    every level made reading quadratic in the depth."""
    todo = [value]
    while todo:
        node = todo.pop()
        if isinstance(node, (sympy.Sum, sympy.Product)) and not node.free_symbols:
            return True
        for arg in node.args:
            known = _CLOSED.known(arg)
            if known is None:
                todo.append(arg)
            elif known:
                return True
    return False


# By identity, each part kept alive beside its answer (as ``memo.TextMemo`` does).
_CLOSED = ObjectMemo(_closed_series_in)
