"""A tie point of a case condition keeps to the constraints.

With k in {1, ..., C}, the condition Eq(k, 500) of a Piecewise made a point k = 500 with
C drawn on its own (C = 9): ``Piecewise((-1, Eq(k, 500)), (0, True)) >= 0`` was REFUTED at
a point outside the domains (the relation is false, but only where C ≥ 500). A
counterexample must lie inside the domains (docs/semantics.md §9)."""

from __future__ import annotations

from pathlib import Path

from xentproof.result import Verdict

from .helpers import check_text

TEXT = """
title = "t"
[symbols]
C = "integer >= 3"
k = "{1, ..., C}"

[[chain]]
name = "c"
steps = ["Piecewise((-1, Eq(k, 500)), (0, True))", ">= 0"]
"""


def test_a_counterexample_keeps_k_within_its_range(tmp_path: Path) -> None:
    r = check_text(tmp_path, TEXT).relations[0]
    assert r.verdict is not Verdict.PROVED
    if r.verdict is Verdict.REFUTED:
        assert r.counterexample is not None
        point = r.counterexample.point
        assert int(point["k"]) <= int(point["C"])
