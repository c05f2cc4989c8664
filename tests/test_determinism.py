"""The same input gives the same verdicts, counterexamples and order, whatever the hash seed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .helpers import write

TEXT = """
title = "t"
[symbols]
x = "real"
yhat = "(0, 1)"
N = "positive integer"
"y[i]" = "{0, 1}"
p = "positive"
q = "positive"
[[chain]]
name = "c"
steps = ["log(x**2)", "= 2*log(x)"]
[[chain]]
name = "d"
steps = ["Sum(y[i]*log(yhat), (i, 1, N))", "= Sum(log(yhat), (i, 1, N))"]
[[chain]]
name = "e"
steps = ["log(1 - yhat)", "< 0"]
[[chain]]
name = "f"
steps = ["(p + q)/2", ">= sqrt(p*q)"]
"""


def _without_timings(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_timings(v) for k, v in value.items() if k != "seconds"}
    if isinstance(value, list):
        return [_without_timings(v) for v in value]
    return value


def _run(path: Path, seed: str, jobs: str = "2") -> Any:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "xentproof",
            "check",
            "--no-cache",
            "-j",
            jobs,
            "--format",
            "json",
            str(path),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    return _without_timings(json.loads(done.stdout))


@pytest.mark.slow
@pytest.mark.subprocess
def test_same_report_under_different_hash_seeds(tmp_path: Path) -> None:
    path = write(tmp_path, TEXT)
    first, second = _run(path, "1"), _run(path, "12345")
    assert first == second
    verdicts = [r["verdict"] for c in first["derivations"][0]["chains"] for r in c["relations"]]
    assert verdicts == ["refuted", "refuted", "proved", "proved"]


@pytest.mark.slow
@pytest.mark.subprocess
def test_same_report_with_one_or_two_workers(tmp_path: Path) -> None:
    path = write(tmp_path, TEXT)
    assert _run(path, "7", jobs="1") == _run(path, "7", jobs="2")
