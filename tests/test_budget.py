"""The run's budget is a ceiling: a step's own ``timeout`` and ``memory`` may lower it,
never raise it (issue 15, "A file lifts its own budget")."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from tests.helpers import write
from xentproof import api
from xentproof.decide import Decider
from xentproof.errors import UsageError
from xentproof.result import Verdict
from xentproof.settings import Budget

TEXT = """
title = "t"
[symbols]
x = "real"
[[chain]]
name = "bad"
steps = ["x", { rel = "=", expr = "x", memory = 1000000000000, timeout = 1000000 }]
[[chain]]
name = "good"
steps = ["(x + 1)**2", "= x**2 + 2*x + 1"]
"""


def test_a_step_may_lower_the_budget_but_not_raise_it() -> None:
    budget = Budget(5.0, 512)
    assert budget.seconds(None) == 5.0 and budget.seconds(2.0) == 2.0
    assert budget.seconds(1e9) == 5.0 and budget.seconds(math.inf) == 5.0
    assert budget.megabytes(None) == 512 and budget.megabytes(100) == 100
    assert budget.megabytes(10**12) == 512
    assert Budget(5.0).megabytes(100) == 100  # no cap of the run's: the step's own is one
    assert budget.over(2.0, 100) == ()
    assert len(budget.over(6.0, 513)) == 2


@pytest.mark.parametrize(
    ("timeout", "memory"),
    [(math.inf, None), (math.nan, None), (0.0, None), (-1.0, None), (5.0, 63), (5.0, 1.5)],
)
def test_a_budget_that_is_none_is_refused(timeout: float, memory: object) -> None:
    with pytest.raises(UsageError):
        Budget(timeout, memory)  # type: ignore[arg-type]


def test_the_api_refuses_what_cannot_be_a_budget(tmp_path: Path) -> None:
    path = write(tmp_path, TEXT)
    for options in ({"timeout": math.inf}, {"memory_mb": 10, "workers": 1}, {"workers": 0}):
        with pytest.raises(UsageError):
            api.check_paths([path], **options)  # type: ignore[arg-type]
    with pytest.raises(UsageError):
        api.check([], timeout=math.nan)


def test_the_decider_keeps_the_ceiling() -> None:
    assert Decider(3.0).budget.seconds(1e9) == 3.0


def test_a_step_asking_for_more_memory_gets_the_run_s_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = Decider.decide

    def hoards(self: Decider, derivation, chain, index, *rest):  # type: ignore[no-untyped-def]
        if chain.name == "bad":  # 1 GB in 50 MB pieces: beyond the run's cap, not the step's
            hoard = [bytearray(50 * 1024 * 1024) for _ in range(20)]
            del hoard
        return original(self, derivation, chain, index, *rest)

    monkeypatch.setattr(Decider, "decide", hoards)  # inherited by the forked workers
    report = api.check_paths([write(tmp_path, TEXT)], timeout=10.0, workers=1, memory_mb=300)
    bad, good = (c.relations[0] for c in report.derivations[0].chains)
    assert bad.verdict is Verdict.UNPROVED and bad.reason.startswith("memory"), bad.reason
    assert any("cap of 300 MB" in w for w in bad.warnings)
    assert any("budget of 10 s" in w for w in bad.warnings)
    assert good.verdict is Verdict.PROVED  # the worker is replaced and the run goes on
