"""Steps between inequalities joined by <=> and => (docs/semantics.md §8): each method with
a near-miss it must not prove, the loader's reading, and counterexamples that are confirmed."""

from __future__ import annotations

from pathlib import Path

import pytest

from xentproof.result import Verdict
from xentproof.syntax.inequality import split_inequality

from .helpers import check_text

HEADER = """
title = "t"
[symbols]
x = "real"
y = "real"
a = "real"
z = "nonzero"
u = "positive"
v = "positive"
"""


def relation(tmp_path: Path, first: str, rel: str, second: str):  # type: ignore[no-untyped-def]
    text = HEADER + f'[[chain]]\nname = "c"\nsteps = ["{first}", "{rel} {second}"]\n'
    report = check_text(tmp_path, text)
    assert not report.errors, report.errors
    (r,) = report.relations
    return r


def test_split_inequality_reads_one_comparison() -> None:
    assert split_inequality("log(x) <= x - 1") == ("log(x)", "<=", "x - 1")
    assert split_inequality("Max(a, b) > f(x, y)") == ("Max(a, b)", ">", "f(x, y)")
    assert split_inequality("x = 1") is None
    assert split_inequality("Piecewise((1, x < 0), (2, True))") is None


@pytest.mark.parametrize(
    ("first", "rel", "second", "method"),
    [
        ("log(u) <= log(v)", "<=>", "u <= v", "log taken off"),
        ("exp(x) < exp(y)", "<=>", "x < y", "exp (strictly increasing)"),
        ("2*x + 3 <= 7", "<=>", "x <= 2", "multiplied by 1/2"),
        ("u*x <= u*y", "<=>", "x <= y", "multiplied by 1/u"),
        ("1/u <= 1/v", "<=>", "v <= u", "multiplied by u·v"),
        ("sqrt(u) <= sqrt(v)", "<=>", "u <= v", "increasing on [0, ∞)"),
        ("exp(x) <= 2", "<=>", "x <= log(2)", "exp taken off"),
        ("x <= 1", "=>", "x <= 2", "proved where x ≤ 1 holds"),
    ],
)
def test_proved_with_the_method_named(
    tmp_path: Path, first: str, rel: str, second: str, method: str
) -> None:
    r = relation(tmp_path, first, rel, second)
    assert r.verdict is Verdict.PROVED, r.reason
    assert method in r.method


@pytest.mark.parametrize(
    ("first", "rel", "second"),
    [
        # each one edit from a case above
        ("log(x) <= log(y)", "<=>", "x <= y"),  # log of a real: undefined where x <= y holds
        ("exp(x) < exp(y)", "<=>", "x <= y"),  # strictness lost (x = y)
        ("2*x + 3 <= 7", "<=>", "x <= 3"),
        ("a*x <= a*y", "<=>", "x <= y"),  # a factor of any sign
        ("1/u <= 1/v", "<=>", "u <= v"),  # not turned
        ("1/z <= 1/z", "=>", "z <= 0"),
        ("x**2 <= y**2", "<=>", "x <= y"),  # an even power of any sign
        ("exp(x) <= 2", "<=>", "x <= 1"),
        ("x <= 1", "<=>", "x <= 2"),  # only one way
        ("x <= 1", "=>", "x < 1"),  # weak to strict (x = 1)
        ("x = 1", "=>", "x < 1"),
    ],
)
def test_near_misses_are_refuted(tmp_path: Path, first: str, rel: str, second: str) -> None:
    r = relation(tmp_path, first, rel, second)
    assert r.verdict is Verdict.REFUTED, (r.verdict, r.method, r.reason)
    assert r.counterexample is not None


def test_an_inequality_after_an_expression_is_an_input_error(tmp_path: Path) -> None:
    text = HEADER + '[[chain]]\nname = "c"\nsteps = ["x", "<= x <= 1"]\n'
    report = check_text(tmp_path, text)
    assert report.errors


def test_two_comparisons_in_one_step_are_an_input_error(tmp_path: Path) -> None:
    text = HEADER + '[[chain]]\nname = "c"\nsteps = ["x <= 1", "<=> 0 <= x <= 1"]\n'
    report = check_text(tmp_path, text)
    assert report.errors


def test_statements_joined_by_equals_are_not_taken_for_an_implication(tmp_path: Path) -> None:
    # regression: "=" between two comparisons was once proved as if it were =>
    text = HEADER + '[[chain]]\nname = "c"\nsteps = ["x < 1", "= (x < 1)"]\n'
    report = check_text(tmp_path, text)
    assert all(r.verdict is not Verdict.PROVED for r in report.relations)
