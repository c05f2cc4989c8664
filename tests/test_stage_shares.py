"""A stage that does not end within its share of the budget is cut short: the later
stages and the last sample points still run, the reason names the stage, and the report
gives each relation's budget beside the time it used."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import write
from xentproof import api
from xentproof.prover import cascade
from xentproof.render import render_json
from xentproof.result import Verdict

# x²·e^(−x²) ≤ 1 (its maximum is 1/e) needs the inequality stage: the bounds of each part
# over the domains ([0, ∞)·(0, 1]) do not show it, as they show sin(x)²·e^(−x²) ≤ 1
TEXT = """
title = "t"
[symbols]
x = "real"
[[chain]]
name = "bounded"
steps = ["x**2*exp(-x**2)", "<= 1"]
[[chain]]
name = "lower"
steps = ["x**2*exp(-x**2)", { rel = "<=", expr = "1", timeout = 1.5 }]
"""


def _stuck(*args: Any) -> None:
    while True:  # a call that never returns (a solveset on a transcendental equation)
        time.sleep(0.01)


def _nothing(*args: Any) -> None:
    return None


@pytest.fixture
def stuck_inequalities(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The inequality methods hang; the other symbolic stages find nothing, at once."""
    monkeypatch.setattr(cascade, "prove_inequality", _stuck)
    monkeypatch.setattr(cascade, "by_calculus_or_split", _nothing)
    monkeypatch.setattr(cascade, "by_canonical_forms", _nothing)
    tried: list[str] = []
    real = cascade.Search.run

    def counted(self: cascade.Search, limit: int | None = None) -> Any:
        tried.append("all" if limit is None else str(limit))
        return real(self, limit)

    monkeypatch.setattr(cascade.Search, "run", counted)
    return tried


def test_a_stuck_stage_is_cut_and_the_sample_points_still_run(
    tmp_path: Path, stuck_inequalities: list[str]
) -> None:
    path = write(tmp_path, TEXT)
    report = api.check_paths([path], timeout=3.0)  # in this process: the alarm applies
    first = report.relations[0]
    assert first.verdict is Verdict.UNPROVED
    assert not first.reason.startswith("time-out")  # the stage was cut, not the relation
    assert "inequalities" in first.reason and "cut short" in first.reason
    assert "all" in stuck_inequalities  # every sample point was tried after the cut


def test_without_a_budget_no_stage_is_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    # no alarm armed (a thread other than the main one, a caller with no time limit):
    # nothing to share, the stage runs as it is
    monkeypatch.setattr(cascade, "wall_time_left", lambda: None)
    calls: list[str] = []

    def proved(*args: Any) -> tuple[str, list[str]]:
        calls.append("run")
        return "method", []

    def never(seconds: float) -> None:
        raise AssertionError("no share without a budget")

    monkeypatch.setattr(cascade, "prove_inequality", proved)
    monkeypatch.setattr(cascade, "bounded", never)
    splits: Any = type("Splits", (), {"lhs": None, "rhs": None, "finite": None, "infos": None})
    cut: list[str] = []
    stage = ("inequalities", False, False)
    found = cascade._stage("<=", splits, cascade.Attempt(), stage, cut)
    assert found == ("method", []) and calls == ["run"] and cut == []


def test_the_report_gives_each_relation_s_budget(tmp_path: Path) -> None:
    path = write(tmp_path, TEXT)
    report = api.check_paths([path], timeout=3.0)
    assert [r.budget for r in report.relations] == [3.0, 1.5]  # a step may lower it
    data = json.loads(render_json(report))
    relations = [r for d in data["derivations"] for c in d["chains"] for r in c["relations"]]
    assert [r["budget"] for r in relations] == [3.0, 1.5]
