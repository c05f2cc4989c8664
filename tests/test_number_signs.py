"""SymPy's sign of an exact number holding a log is checked by an interval enclosure.

SymPy's evalf takes log(1 + exp(−100)) to be 0 (the argument rounds to 1 at its working
precision, and it claims full accuracy), so c = exp(−101) − log(1 + exp(−100)), which is
−2.4·10⁻⁴⁴, had a positive sign: Abs(c) was c, Max(exp(−101), log(1 + exp(−100))) was
exp(−101), and x·exp(−101) > x·log(1 + exp(−100)), c·x² + 1 > 1, sqrt(c) ≥ 0 and |c| = c
were PROVED. Ground truth from mpmath at 80 digits."""

from __future__ import annotations

from pathlib import Path

import mpmath
import pytest
import sympy

import xentproof.definedness  # noqa: F401  (applies the check)
from xentproof.result import Verdict

from .helpers import check_text

C = sympy.exp(-101) - sympy.log(1 + sympy.exp(-100))


def test_the_ground_truth() -> None:
    with mpmath.workdps(80):
        value = mpmath.exp(-101) - mpmath.log1p(mpmath.exp(-100))
        assert value < 0
        assert mpmath.log1p(mpmath.exp(-100)) < mpmath.exp(-100)


def test_sympys_sign_of_the_number_is_the_enclosures() -> None:
    assert C.is_negative is True and C.is_positive is False
    assert sympy.Abs(C) == -C
    assert sympy.Max(sympy.exp(-101), sympy.log(1 + sympy.exp(-100))) == sympy.log(
        1 + sympy.exp(-100)
    )
    assert (sympy.exp(-101) > sympy.log(1 + sympy.exp(-100))) is sympy.false
    # numbers with a log whose sign evalf gets right are unchanged
    assert sympy.Abs(sympy.log(sympy.Rational(1, 2))) == sympy.log(2)
    assert sympy.Max(sympy.log(2), sympy.log(3)) == sympy.log(3)


def verdict(tmp_path: Path, first: str, second: str, timeout: float = 10.0) -> Verdict:
    text = (
        'title = "t"\n[symbols]\nx = "positive"\ny = "real"\n'
        f'[[chain]]\nname = "c"\nsteps = ["{first}", "{second}"]\n'
    )
    return check_text(tmp_path, text, timeout).relations[0].verdict


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("x*exp(-101)", "> x*log(1 + exp(-100))"),
        ("exp(-101)*y**2", ">= log(1 + exp(-100))*y**2"),
        ("(exp(-101) - log(1 + exp(-100)))*x**2 + 1", "> 1"),
        ("Abs(exp(-101) - log(1 + exp(-100)))", "= exp(-101) - log(1 + exp(-100))"),
        ("Max(exp(-101), log(1 + exp(-100)))", "= exp(-101)"),
        ("sqrt(exp(-101) - log(1 + exp(-100)))", ">= 0"),
        ("log(1 + exp(-100))", "< exp(-101)"),
    ],
)
def test_false_steps_are_not_proved(tmp_path: Path, first: str, second: str) -> None:
    # left UNPROVED (no point refutes a constant SymPy cannot evaluate): a short budget
    assert verdict(tmp_path, first, second, timeout=3.0) is not Verdict.PROVED


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("x*exp(-100)", ">= x*log(1 + exp(-100))"),
        ("Max(exp(-101), log(1 + exp(-100)))", "= log(1 + exp(-100))"),
        ("log(1 + exp(-100))", "> exp(-101)"),
    ],
)
def test_near_misses_are_proved(tmp_path: Path, first: str, second: str) -> None:
    assert verdict(tmp_path, first, second) is Verdict.PROVED
