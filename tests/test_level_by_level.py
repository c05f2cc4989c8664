"""Nested compositions brought to a canonical form level by level (``level_by_level``,
issue 18 class 8): five sigmoids written through exp against the same through tanh are
shown equal within the budget; a near miss (the innermost tanh without its 1/2) is not."""

from __future__ import annotations

import pytest
import sympy

from xentproof.prover.level_by_level import cancel_level_by_level, nested_functions
from xentproof.prover.symbolic import prove_zero

X = sympy.Symbol("x", real=True)


def _nest(f: object, depth: int, inner: sympy.Expr = X) -> sympy.Expr:
    out = inner
    for _ in range(depth):
        out = f(out)  # type: ignore[operator]
    return out


def _sigmoid(z: sympy.Expr) -> sympy.Expr:
    return 1 / (1 + sympy.exp(-z))


def _through_tanh(z: sympy.Expr) -> sympy.Expr:
    return (1 + sympy.tanh(z / 2)) / 2


def test_five_nested_sigmoids_in_two_forms_are_equal() -> None:
    difference = _nest(_sigmoid, 5) - _nest(_through_tanh, 5)
    assert nested_functions(difference)
    assert cancel_level_by_level(difference) == 0
    assert prove_zero(difference, thorough=False) == "cancel level by level"


@pytest.mark.parametrize("depth", [2, 5])
def test_a_near_miss_is_not_brought_to_zero(depth: int) -> None:
    wrong = _nest(_through_tanh, depth - 1, (1 + sympy.tanh(X)) / 2)
    difference = _nest(_sigmoid, depth) - wrong
    assert prove_zero(difference, thorough=False) is None


def test_bound_variables_are_left_alone() -> None:
    i, n = sympy.symbols("i n", integer=True, positive=True)
    with pytest.raises(ValueError):
        cancel_level_by_level(sympy.Sum(sympy.exp(sympy.exp(i)), (i, 1, n)))
