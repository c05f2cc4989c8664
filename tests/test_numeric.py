"""The fast numeric evaluator over the reals: undefined where a part is not a real number
(even where SymPy drops the part), exact to the precision asked for."""

from __future__ import annotations

import sympy

from xentproof.prover.numeric import Undefined, evaluate

x = sympy.Symbol("x", real=True)
y = sympy.Symbol("y", integer=True, nonnegative=True)


def test_log_of_a_negative_number_is_undefined_not_complex() -> None:
    value = evaluate(2 * sympy.log(x), {x: sympy.Integer(-1)})
    assert isinstance(value, Undefined)
    assert isinstance(value.culprit, sympy.log)


def test_a_term_multiplied_by_zero_is_still_evaluated() -> None:
    # SymPy would drop 0*log(1 - x) on sight; over the reals it is undefined at x = 2
    expr = y * sympy.log(x) + (1 - y) * sympy.log(1 - x)
    assert isinstance(evaluate(expr, {x: sympy.Integer(2), y: sympy.Integer(1)}), Undefined)


def test_fractional_power_of_a_negative_base_is_undefined() -> None:
    assert isinstance(evaluate(sympy.sqrt(x), {x: sympy.Integer(-4)}), Undefined)
    assert isinstance(evaluate(sympy.cbrt(x), {x: sympy.Integer(-8)}), Undefined)


def test_values_at_high_precision() -> None:
    value = evaluate(sympy.exp(x) - 1, {x: sympy.Rational(1, 10**20)}, dps=50)
    assert value is not None and not isinstance(value, Undefined)
    assert abs(value - sympy.Float("1e-20", 50)) < 1e-39
