"""The written ``sign`` is the sign function of real analysis: sign(0) = 0 (docs/semantics.md),
so a step that fails only at 0 is refuted there, while the derivative of |x|, which SymPy
also writes as sign(x), stays undefined at 0."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import relation_of
from xentproof.result import Verdict


@pytest.mark.parametrize(
    "symbols, lhs, rhs",
    [
        ('x = "real"', "sign(x)**2", "1"),
        ('n = "integer"', "sign(n)**2", "1"),
        ('x = "real"', "Abs(sign(x))", "1"),
    ],
)
def test_a_step_false_only_at_zero_is_refuted_there(
    tmp_path: Path, symbols: str, lhs: str, rhs: str
) -> None:
    result = relation_of(tmp_path, symbols, lhs, rhs)
    assert result.verdict is Verdict.REFUTED
    assert result.counterexample is not None
    assert set(result.counterexample.point.values()) == {"0"}


@pytest.mark.parametrize(
    "symbols, lhs, rhs",
    [
        ('x = "positive"', "sign(x)**2", "1"),  # near miss: 0 is not in the domain
        ('x = "real"', "x*sign(x)", "Abs(x)"),
        ('x = "real"', "sign(x)**3", "sign(x)"),
    ],
)
def test_steps_that_hold_at_zero_too_are_proved(
    tmp_path: Path, symbols: str, lhs: str, rhs: str
) -> None:
    assert relation_of(tmp_path, symbols, lhs, rhs).verdict is Verdict.PROVED


def test_the_derivative_of_abs_is_still_undefined_at_zero(tmp_path: Path) -> None:
    result = relation_of(tmp_path, 'x = "real"', "Derivative(Abs(x), x)", "sign(x)")
    assert result.verdict is Verdict.REFUTED
    assert result.counterexample is not None
    assert result.counterexample.point == {"x": "0"}
    assert "undefined" in result.counterexample.lhs
