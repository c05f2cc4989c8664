"""The canonical forms: each transform runs once per expression, signs are not asked of a
value negative at an admissible point, and rewrite(exp) is tried only where it rewrites."""

from __future__ import annotations

import sympy

from xentproof.prover.symbolic import (
    _forms,
    _negative_somewhere,
    _rewrites_to_exp,
    prove_sign,
    prove_zero,
)


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
