"""The prover's parts on SymPy objects: numeric evaluation over the reals, definedness."""

from __future__ import annotations

import sympy

from xentproof.definedness import requirements
from xentproof.prover.numeric import Undefined, evaluate
from xentproof.prover.symbolic import (
    _forms,
    _negative_somewhere,
    _rewrites_to_exp,
    prove_sign,
    prove_zero,
)

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


def test_a_value_negative_at_an_admissible_point_is_not_tried() -> None:
    """prove_sign skips its forms when the value is clearly negative at a rational point
    the symbols' assumptions allow; anything else goes to the forms as before."""
    x = sympy.Symbol("x", real=True)
    p = sympy.Symbol("p", positive=True)
    n = sympy.Symbol("n", negative=True)
    assert _negative_somewhere(x - 10)
    assert _negative_somewhere(sympy.exp(-p) - 1)
    assert not _negative_somewhere(x**2)  # nonnegative everywhere
    assert not _negative_somewhere(p * (p + 1))
    assert not _negative_somewhere(-n)  # -n > 0 for every admissible n
    assert not _negative_somewhere(sympy.Symbol("z") - 10)  # not known real: no points
    assert not _negative_somewhere(sympy.Function("f")(x) - 10)  # an unknown function
    assert prove_sign(-n, strict=True, thorough=False) is not None
    assert prove_sign(x - 10, strict=False, thorough=False) is None


def test_rewrite_exp_is_tried_only_where_it_rewrites() -> None:
    x, y = sympy.symbols("x y", positive=True)
    assert not _rewrites_to_exp(x**2 + sympy.exp(2 * x) + sympy.log(x))
    assert _rewrites_to_exp(sympy.sinh(x) - x)
    assert _rewrites_to_exp(x**y)
    tanh = 2 / (1 + sympy.exp(-2 * x)) - 1
    assert prove_zero(sympy.tanh(x) - tanh, thorough=False) is not None
