"""The proof cache: hits, misses, corruption and foreign entries, and no change of verdicts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from xentproof import api
from xentproof.result import Report

from .helpers import write

TEXT = """
title = "t"
[symbols]
x = "real"
yhat = "(0, 1)"
[[chain]]
name = "c"
steps = ["log(x**2)", "= 2*log(x)"]
[[chain]]
name = "d"
steps = ["log(yhat**2)", "= 2*log(yhat)", "< 0"]
"""


# the proof cache's signing key in a folder of the test's own, not the user's
pytestmark = pytest.mark.usefixtures("private_cache_secret")


def _run(path: Path, cache: Path) -> Report:
    return api.check_paths([path], cache_dir=cache)


def _verdicts(report: Report) -> list[Any]:
    return [(r.verdict, r.method, r.conditions, r.counterexample) for r in report.relations]


def test_second_run_decides_nothing_again(tmp_path: Path) -> None:
    path, cache = write(tmp_path, TEXT), tmp_path / "cache"
    cold = _run(path, cache)
    warm = _run(path, cache)
    assert cold.summary.cached == 0
    assert warm.summary.cached == warm.summary.relations == 3
    assert _verdicts(cold) == _verdicts(warm)


def test_a_changed_step_misses(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _run(write(tmp_path, TEXT), cache)
    # log(yhat)*2 is the same SymPy expression as 2*log(yhat): a hit, rightly
    same = _run(write(tmp_path, TEXT.replace("= 2*log(yhat)", "= log(yhat)*2")), cache)
    assert [r.cached for r in same.relations] == [True, True, True]
    changed = _run(write(tmp_path, TEXT.replace("= 2*log(yhat)", "= 3*log(yhat)")), cache)
    assert [r.cached for r in changed.relations] == [True, False, False]


def test_a_changed_domain_misses(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _run(write(tmp_path, TEXT), cache)
    changed = _run(write(tmp_path, TEXT.replace('x = "real"', 'x = "positive"')), cache)
    assert not changed.relations[0].cached
    assert changed.relations[0].verdict.value == "proved"


@pytest.mark.parametrize("damage", ["garbage", "flip-verdict", "foreign"])
def test_corrupt_or_foreign_entries_are_ignored(tmp_path: Path, damage: str) -> None:
    path, cache = write(tmp_path, TEXT), tmp_path / "cache"
    cold = _run(path, cache)
    for entry in cache.glob("*.json"):
        if damage == "garbage":
            entry.write_text("{not json", encoding="utf-8")
            continue
        data = json.loads(entry.read_text(encoding="utf-8"))
        if damage == "flip-verdict" and "record" in data:  # the file's record, in its turn
            first = data["record"]["file"]["chains"][0]["relations"][0]
            first["verdict"], first["counterexample"] = "proved", None
        elif damage == "flip-verdict":
            data["result"]["verdict"] = "proved"
            data["result"]["counterexample"] = None
        else:  # written with another secret: a cache directory from somewhere else
            data["signature"] = "0" * 64
        entry.write_text(json.dumps(data), encoding="utf-8")
    again = _run(path, cache)
    # the refuted relation's entry was changed in every case: it is decided again
    assert not again.relations[0].cached
    assert again.relations[0].verdict.value == "refuted"
    assert _verdicts(again) == _verdicts(cold)
    if damage != "flip-verdict":  # the others' entries were damaged too
        assert again.summary.cached == 0


def test_cli_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from xentproof.cli import main

    monkeypatch.chdir(tmp_path)
    path = write(tmp_path, TEXT)
    main(["check", "--format", "json", str(path)])
    capsys.readouterr()
    main(["check", "--format", "json", str(path)])
    assert json.loads(capsys.readouterr().out)["summary"]["cached"] == 3
    main(["check", "--no-cache", "--format", "json", str(path)])
    assert json.loads(capsys.readouterr().out)["summary"]["cached"] == 0
