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


i, j = sympy.symbols("i j", integer=True)


def test_a_sum_runs_over_the_integers_between_its_bounds() -> None:
    # the integers 1 and 2 (SymPy steps from 1/2: 1/2 + 3/2 + 5/2)
    value = evaluate(sympy.Sum(i, (i, sympy.Rational(1, 2), sympy.Rational(5, 2))), {})
    assert value == 3
    value = evaluate(sympy.Sum(1, (i, x, x + 1)), {x: sympy.Rational(1, 3)})
    assert value == 1
    value = evaluate(sympy.Sum(1, (i, 0, sympy.pi)), {})
    assert value == 4


def test_an_empty_range_sums_to_0_and_multiplies_to_1() -> None:
    assert evaluate(sympy.Sum(1, (i, 5, 2)), {}) == 0  # Karr: −2
    assert evaluate(sympy.Product(2, (i, 5, 2)), {}) == 1  # Karr: 1/4
    # no term of an empty range is evaluated, defined or not
    assert evaluate(sympy.Sum(sympy.log(i - 2), (i, 1, 0)), {}) == 0


def test_the_last_range_is_the_outermost() -> None:
    # Σ_{j=0}^{3} Σ_{i=2}^{j} i = (2) + (2 + 3) = 7: the inner range is empty for j < 2
    assert evaluate(sympy.Sum(i, (i, 2, j), (j, 0, 3)), {}) == 7


def test_a_bound_within_rounding_of_an_integer_is_rounded_exactly() -> None:
    # 3 − 10⁻⁴⁰ is 3.0 at 30 digits; the range up to it holds 1 and 2
    near = sympy.Integer(3) - sympy.Rational(1, 10**40)
    assert evaluate(sympy.Sum(1, (i, 1, x)), {x: near}) == 2
    assert evaluate(sympy.floor(x), {x: near}) == 2
    assert evaluate(sympy.Sum(1, (i, 1, x)), {x: sympy.Integer(3)}) == 3
    # what cannot be had exactly is not guessed: 3 − 10⁻⁴⁰·π
    close = sympy.Integer(3) - sympy.pi / 10**40
    assert evaluate(sympy.Sum(1, (i, 1, x)), {x: close}) is None


def test_an_undefined_term_names_its_index() -> None:
    value = evaluate(sympy.Sum(1 / (i - 2), (i, 1, 3)), {})
    assert isinstance(value, Undefined)
    assert value.culprit.free_symbols == set()  # (3 - 2 at i = 2: 0)**(-1)
    assert value.culprit.args[0] == 0


def test_a_tangent_at_its_pole_is_undefined() -> None:
    # cos(π/2) is not 0 in binary floating point, but the tangent has no value there
    assert isinstance(evaluate(sympy.tan(sympy.pi * x / 2), {x: sympy.Integer(1)}), Undefined)
