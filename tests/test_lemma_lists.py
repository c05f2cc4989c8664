"""Several lemmas cited in one step (``by = ["a", { rule = "b", at = {…} }]``): each applied
in turn and named; near misses not proved; malformed lists are input errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from xentproof.result import Verdict

from .helpers import check_text

HEADER = """
title = "t"
[symbols]
t = "positive"
s = "real"
x = "real"
u = "positive"
v = "positive"

[[chain]]
name = "log-below-tangent"
lemma = "log-below-tangent"
steps = ["log(t)", "<= t - 1"]

[[chain]]
name = "exp-above-tangent"
lemma = "exp-above-tangent"
steps = ["exp(s)", ">= 1 + s"]
"""
BOTH = 'by = ["log-below-tangent", "exp-above-tangent"]'


def cited(tmp_path: Path, first: str, rel: str, second: str, by: str = BOTH):  # type: ignore[no-untyped-def]
    text = HEADER + (
        f'[[chain]]\nname = "c"\nsteps = ["{first}", '
        f'{{ rel = "{rel}", expr = "{second}", {by} }}]\n'
    )
    report = check_text(tmp_path, text)
    assert not report.errors, report.errors
    return report.relations[-1]  # the citing chain comes after the lemma chains


def test_two_lemmas_each_named(tmp_path: Path) -> None:
    r = cited(tmp_path, "log(t) - exp(s)", "<=", "t - 2 - s")
    assert r.verdict is Verdict.PROVED
    assert "each cited in turn" in r.method
    shown = " ".join(r.conditions)
    assert "log-below-tangent: log(t) ≤ t − 1, at log(t)" in shown
    assert "exp-above-tangent" in shown and "at exp(s)" in shown


def test_lemmas_with_values_given(tmp_path: Path) -> None:
    by = (
        'by = [{ rule = "log-below-tangent", at = { t = "u/v" } }, '
        '{ rule = "exp-above-tangent", at = { s = "-x" } }]'
    )
    r = cited(tmp_path, "log(u/v) - exp(-x)", "<=", "u/v + x - 2", by)
    assert r.verdict is Verdict.PROVED and "each cited in turn" in r.method


@pytest.mark.parametrize(
    ("first", "rel", "second"),
    [
        ("log(t) - exp(s)", "<", "t - 2 - s"),  # strict from weak lemmas (t = 1, s = 0)
        ("log(t) + exp(s)", "<=", "t + s"),  # exp where the step needs it the other way
        ("x*log(t) - exp(s)", "<=", "x*(t - 1) - 1 - s"),  # a factor of any sign
        ("log(t) - exp(s)", "<=", "t - 3 - s"),  # the constant off by one
    ],
)
def test_near_misses_are_not_proved(tmp_path: Path, first: str, rel: str, second: str) -> None:
    r = cited(tmp_path, first, rel, second)
    assert r.verdict is Verdict.REFUTED
    assert any("did not replay" in w or "needs" in w for w in r.warnings)


def test_a_lemma_that_reaches_the_step_before_the_others_is_not_replayed(
    tmp_path: Path,
) -> None:
    r = cited(tmp_path, "log(t)", "<=", "t - 1")
    assert "each cited in turn" not in r.method
    assert any("before the lemmas after it" in w for w in r.warnings)


@pytest.mark.parametrize(
    "by",
    [
        'by = ["log-below-tangent"]',  # a list of one
        'by = ["log-below-tangent", 3]',  # an entry that is neither a name nor a table
        'by = ["log-below-tangent", "no-such-lemma"]',  # an unknown name
    ],
)
def test_malformed_lists_are_input_errors(tmp_path: Path, by: str) -> None:
    text = HEADER + (
        '[[chain]]\nname = "c"\nsteps = ["log(t) - exp(s)", '
        f'{{ rel = "<=", expr = "t - 2 - s", {by} }}]\n'
    )
    report = check_text(tmp_path, text)
    assert report.errors
