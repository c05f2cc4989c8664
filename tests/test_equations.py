"""Steps between equations: kept solution sets, roots lost, roots gained, implications."""

from __future__ import annotations

from pathlib import Path

import pytest

from xentproof.render.outcome import message
from xentproof.result import Verdict

from .helpers import check_text

HEADER = """
title = "t"
[symbols]
x = "real"
P = "real"
y = "{0, 1}"
yhat = "(0, 1)"
"""


def relation(tmp_path: Path, first: str, rel: str, second: str):  # type: ignore[no-untyped-def]
    text = HEADER + f'[[chain]]\nname = "c"\nsteps = ["{first}", "{rel} {second}"]\n'
    report = check_text(tmp_path, text)
    assert not report.errors, report.errors
    (r,) = report.relations
    return r


def test_rearranged_equation_keeps_its_solutions(tmp_path: Path) -> None:
    assert relation(tmp_path, "2*x + 4 = 0", "<=>", "x = -2").verdict is Verdict.PROVED


def test_taking_the_log_of_both_sides_needs_a_positive_side(tmp_path: Path) -> None:
    r = relation(
        tmp_path,
        "P = yhat**y*(1 - yhat)**(1 - y)",
        "<=>",
        "log(P) = log(yhat**y*(1 - yhat)**(1 - y))",
    )
    assert r.verdict is Verdict.PROVED
    assert any("injective" in c for c in r.conditions)


def test_a_lost_root_is_refuted_with_the_root(tmp_path: Path) -> None:
    r = relation(tmp_path, "x**2 = 4", "<=>", "x = 2")
    assert r.verdict is Verdict.REFUTED
    assert r.counterexample is not None and r.counterexample.point == {"x": "-2"}
    assert "lost" in r.counterexample.rhs


def test_an_algebraic_root_is_shown_by_its_value_and_its_polynomial(tmp_path: Path) -> None:
    """Squaring sqrt(x) = x² − 6 gains a root of a quartic that SymPy can only index
    (CRootOf): the report gives its decimal value and which root of which polynomial it
    is, and no approximate value of the sides (they are statements: holds, does not)."""
    r = relation(tmp_path, "sqrt(x) = x**2 - 6", "<=>", "x = (x**2 - 6)**2")
    assert r.verdict is Verdict.REFUTED
    example = r.counterexample
    assert example is not None
    value = example.point["x"]
    assert "CRootOf" not in value and "smallest real root of" in value
    assert abs(float(value.split()[0]) - 2.1307924759421) < 1e-9
    assert (example.lhs_approx, example.rhs_approx) == ("", "")
    shown = message(r)
    assert "≈ true" not in shown and "smallest real root" in shown


def test_a_gained_root_is_refuted_for_an_equivalence(tmp_path: Path) -> None:
    r = relation(tmp_path, "x = 2", "<=>", "x**2 = 4")
    assert r.verdict is Verdict.REFUTED
    assert r.counterexample is not None and "gained" in r.counterexample.rhs


def test_a_gained_root_is_fine_for_an_implication(tmp_path: Path) -> None:
    assert relation(tmp_path, "x = 2", "=>", "x**2 = 4").verdict is Verdict.PROVED


def test_an_implication_that_loses_a_root_is_refuted(tmp_path: Path) -> None:
    assert relation(tmp_path, "x**2 = 4", "=>", "x = 2").verdict is Verdict.REFUTED


@pytest.mark.parametrize(
    ("first", "rel", "second"),
    [("x = 1", "=", "x = 1"), ("x", "<=>", "x + 0"), ("x = 1", "<=>", "x")],
)
def test_equation_relations_are_checked_when_read(
    tmp_path: Path, first: str, rel: str, second: str
) -> None:
    text = HEADER + f'[[chain]]\nname = "c"\nsteps = ["{first}", "{rel} {second}"]\n'
    report = check_text(tmp_path, text)
    assert report.exit_code == 2 and report.errors[0].line is not None
