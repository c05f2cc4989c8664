"""A guard needed only under a condition, in the solution sets of equations and statements.

0^x needs 0 ≠ 0 only where x < 0 (docs/semantics.md §2: 0^0 = 1, 0^x = 0 for x > 0). The
solution sets read that guard as needed everywhere: 0^x = 1 had no solution at all, so
``0**x = 1 => x = 5`` and ``0**x = 1 <=> x**2 = -1`` were PROVED (false at x = 0), and the
true ``0**x = 0 <=> x > 0`` and ``0**x = 1 <=> x = 0`` were REFUTED. Ground truth from the
contract and mpmath (0^0 = 1)."""

from __future__ import annotations

from pathlib import Path

import mpmath
import pytest
import sympy

from xentproof.definedness import Requirement
from xentproof.prover.solution_sets import guard_holds
from xentproof.result import Verdict

from .helpers import check_text

x = sympy.Symbol("x", real=True)


def test_the_ground_truth() -> None:
    assert mpmath.power(0, 0) == 1
    assert mpmath.power(0, mpmath.mpf(1) / 2) == 0


def test_a_guard_holds_where_its_condition_does_not() -> None:
    guard = Requirement(sympy.Integer(0), "nonzero", sympy.Integer(0) ** x, x < 0)
    assert guard_holds(guard, {x: sympy.Integer(0)}) is True
    assert guard_holds(guard, {x: sympy.Integer(2)}) is True
    assert guard_holds(guard, {x: sympy.Integer(-1)}) is False


def verdict(tmp_path: Path, first: str, op: str, second: str) -> Verdict:
    text = (
        'title = "t"\n[symbols]\nx = "real"\n'
        f'[[chain]]\nname = "c"\nsteps = ["{first}", "{op} {second}"]\n'
    )
    return check_text(tmp_path, text).relations[0].verdict


@pytest.mark.parametrize(
    ("first", "op", "second"),
    [("0**x = 1", "=>", "x = 5"), ("0**x = 1", "<=>", "x**2 = -1")],
)
def test_a_solution_at_zero_is_not_lost(tmp_path: Path, first: str, op: str, second: str) -> None:
    assert verdict(tmp_path, first, op, second) is not Verdict.PROVED


@pytest.mark.parametrize(
    ("first", "op", "second"),
    [("0**x = 0", "<=>", "x > 0"), ("0**x = 1", "<=>", "x = 0")],
)
def test_true_steps_are_not_refuted(tmp_path: Path, first: str, op: str, second: str) -> None:
    assert verdict(tmp_path, first, op, second) is not Verdict.REFUTED
