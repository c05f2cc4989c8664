"""A Piecewise without an ``otherwise`` branch has no value where none of its conditions
holds: a step that uses it there is REFUTED (undefined as written) at such a point, and
PROVED where the conditions cover the declared domain."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy

from tests.helpers import relation_of
from xentproof.result import Verdict

REAL = 'x = "real"'


@pytest.mark.parametrize(
    "lhs, rhs, outside",
    [
        ("Piecewise((1, x > 0))", "1", lambda x: x <= 0),
        ("Piecewise((x, x > 0), (-x, x < 0))", "Abs(x)", lambda x: x == 0),
        (
            "Piecewise((log(x), x > 1), (0, x < 1))",
            "Piecewise((log(x), x > 1), (0, True))",
            lambda x: x == 1,
        ),
    ],
)
def test_no_branch_is_undefined_as_written(
    tmp_path: Path, lhs: str, rhs: str, outside: object
) -> None:
    result = relation_of(tmp_path, REAL, lhs, rhs)
    assert result.verdict is Verdict.REFUTED
    assert result.counterexample is not None
    x = sympy.Rational(result.counterexample.point["x"])
    assert callable(outside) and outside(x)  # a point where no condition holds


@pytest.mark.parametrize(
    "symbols, lhs, rhs",
    [
        (REAL, "Piecewise((x, x >= 0), (-x, x < 0))", "Abs(x)"),
        (REAL, "Piecewise((1, x**2 >= 0))", "1"),
        ('x = "positive"', "Piecewise((1, x > 0))", "1"),
        ('x = "(0, 1)"', "Piecewise((log(x), x < 1))", "log(x)"),
    ],
)
def test_conditions_that_cover_the_domain_are_proved(
    tmp_path: Path, symbols: str, lhs: str, rhs: str
) -> None:
    assert relation_of(tmp_path, symbols, lhs, rhs).verdict is Verdict.PROVED


def test_a_finite_domain_is_covered_value_by_value(tmp_path: Path) -> None:
    # y ∈ {0, 1}: the two branches cover every value (the shipped derivations' case split)
    cases = "Piecewise((p, Eq(y, 1)), (1 - p, Eq(y, 0)))"
    proved = relation_of(tmp_path, 'y = "{0, 1}"\np = "(0, 1)"', "p**y*(1 - p)**(1 - y)", cases)
    assert proved.verdict is Verdict.PROVED
    # near miss: a value no branch takes
    refuted = relation_of(tmp_path, 'y = "{0, 1, 2}"\np = "(0, 1)"', "p**y*(1 - p)**(1 - y)", cases)
    assert refuted.verdict is Verdict.REFUTED
    assert refuted.counterexample is not None and refuted.counterexample.point["y"] == "2"
