"""Issue 18, class 1: false relations written to be hard to refute are REFUTED, and the
true relations one edit away are not.

Truth by hand (each checked also by ``bench/pending/check_labels.py`` on
``bench/corpus/power_refuter_adversarial.toml``):
- d/ds 1/(1 + e^{-s}) = e^{-s}/(1 + e^{-s})² > 0 and d/ds 1/(1 − e^{-s}) =
  −e^{-s}/(1 − e^{-s})² < 0 wherever both exist (s ≠ 0): they differ at s = 1, where the
  second is defined around the point although 1 − e^{-s} ≠ 0 cannot be shown on all reals;
- H_N = Σ_{i≤N} 1/i: H_10 = 2.929 < 3 < H_11 = 3.020; Σ_{i≤N} 2^{-i} = 1 − 2^{-N}, below
  1 − 10^{-12} only for N < 40; Σ_{i≤N} δ_{i,9} = 1 for N ≥ 9; Σ 1/i² < π²/6 < 2.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from xentproof.result import Verdict

from .helpers import relation_of

SIGMOID = 'g = "t -> 1/(1 + exp(-t))"\n'


def test_derivative_whose_body_is_not_shown_defined_is_refuted_where_it_is(
    tmp_path: Path,
) -> None:
    # the mutant of gradients.toml that bench/mutate.py left UNPROVED
    result = relation_of(
        tmp_path,
        's = "real"\n',
        "Derivative(g(s), s)",
        "Derivative(1/(1 - exp(-s)), s)",
        functions=SIGMOID,
        timeout=5,
    )
    assert result.verdict is Verdict.REFUTED, result.reason
    assert result.counterexample is not None
    assert result.counterexample.point["s"] != "0"


def test_true_derivative_whose_body_is_not_shown_defined_is_not_refuted(
    tmp_path: Path,
) -> None:
    # the near miss: the derivative carried out correctly; at s = 0 neither side exists
    result = relation_of(
        tmp_path,
        's = "real"\n',
        "Derivative(1/(1 - exp(-s)), s)",
        "-exp(-s)/(1 - exp(-s))**2",
        timeout=5,
    )
    assert result.verdict is not Verdict.REFUTED, result.counterexample


@pytest.mark.parametrize(
    ("lhs", "rel", "rhs"),
    [
        ("Sum(1/i, (i, 1, N))", "<", "3"),  # N = 11
        ("Sum(1/2**i, (i, 1, N))", "<", "1 - 10**(-12)"),  # N = 40
        ("Sum(KroneckerDelta(i, 9), (i, 1, N))", "=", "0"),  # N = 9
    ],
)
def test_sums_that_fail_only_for_a_larger_bound_are_refuted(
    tmp_path: Path, lhs: str, rel: str, rhs: str
) -> None:
    result = relation_of(tmp_path, 'N = "positive integer"\n', lhs, rhs, rel=rel, timeout=5)
    assert result.verdict is Verdict.REFUTED, result.reason


@pytest.mark.parametrize(
    ("lhs", "rel", "rhs"),
    [
        ("Sum(1/i**2, (i, 1, N))", "<", "2"),
        ("Sum(1/2**i, (i, 1, N))", "<", "1"),
        ("Sum(KroneckerDelta(i, 9), (i, 1, N))", "<=", "1"),
    ],
)
def test_true_bounds_on_those_sums_are_not_refuted(
    tmp_path: Path, lhs: str, rel: str, rhs: str
) -> None:
    result = relation_of(tmp_path, 'N = "positive integer"\n', lhs, rhs, rel=rel, timeout=5)
    assert result.verdict is not Verdict.REFUTED, result.counterexample


@pytest.mark.parametrize(
    ("lhs", "rel", "rhs"),
    [
        ("sin(x)", "<", "1 - 10**(-30)"),  # x = π/2
        ("cos(3*x - 1)", ">", "-1 + 10**(-30)"),  # x = (π + 1)/3
    ],
)
def test_trigonometric_extremes_are_tried(tmp_path: Path, lhs: str, rel: str, rhs: str) -> None:
    # sin and cos reach ±1 only at isolated irrational points, where a random sample
    # never lands; the points come from the argument a·x + b = k·π/2
    result = relation_of(tmp_path, 'x = "real"\n', lhs, rhs, rel=rel, timeout=5)
    assert result.verdict is Verdict.REFUTED, result.reason


def test_trigonometric_bound_that_holds_is_not_refuted(tmp_path: Path) -> None:
    result = relation_of(tmp_path, 'x = "real"\n', "sin(x)", "1", rel="<=", timeout=5)
    assert result.verdict is not Verdict.REFUTED, result.counterexample
