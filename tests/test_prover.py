"""The prover's parts on SymPy objects: numeric evaluation over the reals, definedness."""

from __future__ import annotations

import sympy

from xentproof.prover.definedness import requirements
from xentproof.prover.numeric import Undefined, evaluate
from xentproof.prover.symbolic import _forms

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


def test_requirements_of_logs_roots_and_quotients() -> None:
    found = {(r.expr, r.kind) for r in requirements(sympy.log(x) + sympy.sqrt(1 - x) + 1 / (x + 2))}
    assert (x, "positive") in found
    assert (1 - x, "nonnegative") in found
    assert (x + 2, "nonzero") in found


def test_integer_powers_need_no_positive_base() -> None:
    assert requirements(x**2 + x**y) == []


def test_each_transform_runs_once_per_expression() -> None:
    """A difference met again by a later stage of the cascade reuses the transform's result
    (and a transform that failed on it is not tried again)."""
    calls: list[sympy.Basic] = []

    def counted(e: sympy.Expr) -> sympy.Expr:
        calls.append(e)
        return sympy.expand(e)

    def failing(e: sympy.Expr) -> sympy.Expr:
        calls.append(e)
        raise NotImplementedError

    x = sympy.Symbol("x")
    value = (x + 1) ** 2 - x**2 - 2 * x - 1
    for _ in range(3):
        assert list(_forms(value, [("counted", counted), ("failing", failing)])) == [
            ("counted", sympy.Integer(0))
        ]
    assert calls == [value, value]
