"""Regression tests: a side that only rounding makes undefined (log(1 − σ(t)) at t = 80 is
log(0) to 30 digits) is evaluated again at a higher precision before it is counted as
undefined or handed to SymPy's exact value; a false step in that regime is still refuted."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import relation_of
from xentproof.result import Verdict

FAR = 't = "(80, 100)"\n'
LHS = "log(1 - 1/(1 + exp(-t)))"


def test_sample_points_agree_where_rounding_alone_made_a_side_undefined(tmp_path: Path) -> None:
    result = relation_of(tmp_path, FAR, LHS, "-t - log(1 + exp(-t))")
    assert result.verdict is Verdict.PROVED
    assert result.undefined_points == 0 and result.agreeing > 0, result.evidence


def test_a_false_step_there_is_refuted(tmp_path: Path) -> None:
    result = relation_of(tmp_path, FAR, LHS, "-t + log(1 + exp(-t))")
    assert result.verdict is Verdict.REFUTED
