"""Worker processes: the same verdicts as in process, and a relation that hangs, runs out of
memory or crashes costs only that relation, within its budget, with no process left over."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from xentproof import api
from xentproof.decide import Decider
from xentproof.result import Report, Verdict

from .helpers import write

TEXT = """
title = "t"
[symbols]
x = "real"
yhat = "(0, 1)"
[[chain]]
name = "good"
steps = ["(x + 1)**2", "= x**2 + 2*x + 1"]
[[chain]]
name = "bad"
steps = ["sqrt(x**2)", "= x"]
[[chain]]
name = "ineq"
steps = ["log(1 - yhat)", "< 0"]
"""


def _children() -> list[int]:
    """Processes whose parent is this one (from /proc, no extra dependency)."""
    mine = str(os.getpid())
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[1] == mine and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def _verdicts(report: Report) -> list[tuple[object, ...]]:
    return [(r.line, r.verdict, r.method, r.counterexample) for r in report.relations]


def test_workers_give_the_verdicts_of_the_process(tmp_path: Path) -> None:
    path = write(tmp_path, TEXT)
    here = api.check_paths([path])
    one = api.check_paths([path], workers=1)
    two = api.check_paths([path], workers=2)
    assert _verdicts(here) == _verdicts(one) == _verdicts(two)
    assert _children() == []


@pytest.mark.slow
def test_a_relation_that_hangs_ends_unproved_within_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = Decider.decide

    def stuck(self: Decider, derivation, chain, index, *rest):  # type: ignore[no-untyped-def]
        if chain.name == "bad":
            time.sleep(60)  # no alarm is armed here: only the parent can stop it
        return original(self, derivation, chain, index, *rest)

    monkeypatch.setattr(Decider, "decide", stuck)  # inherited by the forked workers
    started = time.monotonic()
    report = api.check_paths([write(tmp_path, TEXT)], timeout=1.0, workers=2)
    assert time.monotonic() - started < 1.0 + 2 + 3  # budget + 2 s, + worker start-up
    by_chain = {c.name: c.relations[0] for c in report.derivations[0].chains}
    assert by_chain["bad"].verdict is Verdict.UNPROVED
    assert by_chain["bad"].reason.startswith("time-out")
    assert by_chain["bad"].line == 11
    assert by_chain["good"].verdict is Verdict.PROVED
    assert report.exit_code == 1
    assert _children() == []


def test_a_relation_that_allocates_without_bound_ends_unproved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = Decider.decide

    def greedy(self: Decider, derivation, chain, index, *rest):  # type: ignore[no-untyped-def]
        if chain.name == "bad":
            hoard = []
            while True:
                hoard.append(bytearray(50 * 1024 * 1024))
        return original(self, derivation, chain, index, *rest)

    monkeypatch.setattr(Decider, "decide", greedy)
    started = time.monotonic()
    report = api.check_paths([write(tmp_path, TEXT)], timeout=4.0, workers=2, memory_mb=400)
    assert time.monotonic() - started < 4.0 + 2 + 3
    by_chain = {c.name: c.relations[0] for c in report.derivations[0].chains}
    assert by_chain["bad"].verdict is Verdict.UNPROVED
    assert by_chain["bad"].reason.startswith("memory")
    assert by_chain["ineq"].verdict is Verdict.PROVED  # the replaced worker goes on
    assert _children() == []


def test_a_worker_that_dies_costs_one_relation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = Decider.decide

    def dies(self: Decider, derivation, chain, index, *rest):  # type: ignore[no-untyped-def]
        if chain.name == "bad":
            os._exit(3)
        return original(self, derivation, chain, index, *rest)

    monkeypatch.setattr(Decider, "decide", dies)
    report = api.check_paths([write(tmp_path, TEXT)], workers=1)
    by_chain = {c.name: c.relations[0] for c in report.derivations[0].chains}
    assert by_chain["bad"].verdict is Verdict.UNPROVED
    assert by_chain["bad"].reason.startswith("crashed")
    assert by_chain["good"].verdict is Verdict.PROVED
    assert by_chain["ineq"].verdict is Verdict.PROVED
    assert _children() == []


def test_a_step_may_set_its_own_budget(tmp_path: Path) -> None:
    text = (
        TEXT.replace(
            '"= x**2 + 2*x + 1"',
            '{ rel = "=", expr = "x**2 + 2*x + 1", timeout = 0.001 }',
        )
        .replace('"(x + 1)**2"', '"(1 + x)**300*(1 - x)**300"')
        .replace("x**2 + 2*x + 1", "(1 - x**2)**300")
    )
    for workers in (None, 2):
        report = api.check_paths([write(tmp_path, text)], timeout=30.0, workers=workers)
        first = report.derivations[0].chains[0].relations[0]
        assert first.verdict is Verdict.UNPROVED and "time-out after 0.001 s" in first.reason


def test_bad_per_step_limits_are_input_errors(tmp_path: Path) -> None:
    for value in ("timeout = 0", 'timeout = "5"', "memory = 10", "memory = 1.5"):
        text = TEXT.replace('"= x**2 + 2*x + 1"', f'{{ rel = "=", expr = "x", {value} }}')
        report = api.check_paths([write(tmp_path, text)])
        assert report.exit_code == 2 and report.errors[0].line == 8


@pytest.mark.parametrize("workers", [None, 2])
def test_progress_counts_relations(tmp_path: Path, workers: int | None) -> None:
    seen: list[tuple[int, int, str]] = []
    report = api.check_paths(
        [write(tmp_path, TEXT)],
        workers=workers,
        progress=lambda done, total, what: seen.append((done, total, what)),
    )
    assert seen
    assert all(total == report.summary.relations for _, total, _ in seen)
    assert [done for done, _, _ in seen] == sorted(done for done, _, _ in seen)
    assert all(0 <= done < total for done, total, _ in seen)


def test_the_memory_cap_counts_from_what_the_worker_starts_with(tmp_path: Path) -> None:
    # A worker forked from a large process inherits its address space: a cap counted from
    # zero left such a worker no room at all (a long test session once made a plain
    # relation UNPROVED "memory").
    ballast = bytearray(600 * 1024 * 1024)  # the parent's address space, now over the cap
    report = api.check_paths([write(tmp_path, TEXT)], timeout=4.0, workers=1, memory_mb=300)
    del ballast
    by_chain = {c.name: c.relations[0] for c in report.derivations[0].chains}
    assert by_chain["ineq"].verdict is Verdict.PROVED, by_chain["ineq"].reason
    assert _children() == []
