"""The time limits: the wall-clock budget of a relation and the shorter ones of its stages
(SIGALRM), the reader's CPU-time limit (one watcher thread for every limit of the
process), and how they nest: an inner limit never extends an outer one."""

from __future__ import annotations

import multiprocessing
import signal
import threading
import time

import pytest

from xentproof import timing
from xentproof.timing import (
    BudgetSpent,
    Deadline,
    OutOfTime,
    ProofTimeout,
    TimeLimitReached,
    bounded,
    cpu_time_limit,
    time_limit,
)


def _spin(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def _interrupted_after(limit: float, work: float) -> float | None:
    """Seconds until ``OutOfTime`` arrived in a busy loop of ``work`` seconds, or None."""
    started = time.perf_counter()
    try:
        with cpu_time_limit(limit):
            _spin(work)
    except OutOfTime:
        return time.perf_counter() - started
    return None


def test_a_busy_body_is_interrupted_near_its_limit() -> None:
    after = _interrupted_after(0.2, 5.0)
    assert after is not None and after < 2.0


def test_a_body_within_its_limit_runs_to_the_end_and_nothing_lands_later() -> None:
    for _ in range(200):  # many short limits, as the reader arms one per expression
        assert _interrupted_after(0.2, 0.0) is None
    assert _interrupted_after(0.1, 0.0) is None
    _spin(0.3)  # past the last limit: no interrupt may be left over
    assert sum(range(100_000)) == 4_999_950_000


def test_after_an_interrupt_the_next_limit_starts_afresh() -> None:
    assert _interrupted_after(0.1, 5.0) is not None
    _spin(0.2)
    assert _interrupted_after(0.5, 0.05) is None


def test_an_inner_limit_leaves_the_outer_one_standing() -> None:
    started = time.perf_counter()
    with pytest.raises(OutOfTime), cpu_time_limit(0.2), cpu_time_limit(10.0):
        _spin(5.0)
    assert time.perf_counter() - started < 2.0


def test_a_shorter_inner_limit_is_kept_and_the_outer_goes_on() -> None:
    # Measured in the thread's CPU time, which is what the limits count (a loaded machine
    # stretches the wall time).
    started = time.thread_time()
    inner = None
    with pytest.raises(OutOfTime), cpu_time_limit(0.8):
        try:
            with cpu_time_limit(0.1):
                _spin(5.0)
        except OutOfTime:
            inner = time.thread_time() - started
        _spin(5.0)
    assert inner is not None and inner < 0.5
    assert time.thread_time() - started < 2.0


def test_limits_in_two_threads_are_kept_apart() -> None:
    results: dict[str, float | None] = {}

    def run(name: str, limit: float, work: float) -> None:
        results[name] = _interrupted_after(limit, work)

    threads = [
        threading.Thread(target=run, args=("long", 0.2, 3.0)),
        threading.Thread(target=run, args=("short", 5.0, 0.1)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results["long"] is not None
    assert results["short"] is None


def _child(queue: multiprocessing.Queue[object]) -> None:
    queue.put(_interrupted_after(0.2, 3.0))


def test_a_forked_child_gets_a_watcher_of_its_own() -> None:
    assert _interrupted_after(0.2, 0.0) is None  # the parent's watcher is running
    assert timing._watcher.thread is not None and timing._watcher.thread.is_alive()
    context = multiprocessing.get_context("fork")
    queue: multiprocessing.Queue[object] = context.Queue()
    child = context.Process(target=_child, args=(queue,))
    child.start()
    after = queue.get(timeout=30)
    child.join(timeout=30)
    assert isinstance(after, float) and after < 2.0


# -- the wall clock ------------------------------------------------------------------------


def test_a_relation_budget_interrupts_a_busy_body() -> None:
    started = time.perf_counter()
    with pytest.raises(ProofTimeout), time_limit(0.2):
        _spin(5.0)
    assert time.perf_counter() - started < 2.0


def test_a_body_within_its_budget_runs_to_the_end_and_no_alarm_is_left() -> None:
    with time_limit(0.3) as deadline:
        _spin(0.05)
    assert not deadline.passed
    _spin(0.4)  # past the limit: no alarm may be left over
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0


def test_no_budget_at_all_for_zero_seconds() -> None:
    with time_limit(0) as deadline:
        _spin(0.05)
    assert deadline.left == float("inf")


def test_a_bounded_stage_is_cut_short_and_the_caller_goes_on() -> None:
    started = time.perf_counter()
    found: list[int] = []
    with bounded(0.1) as deadline:
        while True:  # stops only when cut
            found.append(1)
    assert deadline.passed and found
    assert time.perf_counter() - started < 2.0


def test_a_bounded_stage_ends_the_outer_budget_never_later() -> None:
    # The stage asks for more than the relation has left: the relation's budget holds.
    started = time.perf_counter()
    with pytest.raises(ProofTimeout), time_limit(0.2):
        with bounded(10.0):
            _spin(5.0)
        _spin(5.0)
    assert time.perf_counter() - started < 2.0


def test_after_a_bounded_stage_the_outer_budget_goes_on_with_what_is_left() -> None:
    started = time.perf_counter()
    with pytest.raises(ProofTimeout), time_limit(0.6):
        with bounded(0.1):
            _spin(5.0)
        cut = time.perf_counter() - started
        _spin(5.0)
    total = time.perf_counter() - started
    assert cut < 0.5
    assert 0.5 < total < 2.5


def test_a_bounded_stage_with_no_time_left_leaves_the_outer_budget_armed() -> None:
    # Regression: bounded(0) used to call setitimer(0), which disarmed the relation's
    # alarm for the whole stage.
    started = time.perf_counter()
    with pytest.raises(ProofTimeout), time_limit(0.3):
        with bounded(0.0):
            _spin(5.0)
        cut = time.perf_counter() - started
        _spin(5.0)
    assert cut < 0.3
    assert time.perf_counter() - started < 2.0


def test_an_inner_budget_cannot_extend_the_outer_one() -> None:
    # Each limit raises in its own body: the inner first, cut to what the outer had left,
    # then the outer, at once.
    started = time.perf_counter()
    inner = None
    with pytest.raises(ProofTimeout), time_limit(0.2):
        try:
            with time_limit(10.0):
                _spin(5.0)
        except ProofTimeout:
            inner = time.perf_counter() - started
        _spin(5.0)
    assert inner is not None and inner < 2.0
    assert time.perf_counter() - started < 2.5


def test_every_limit_raises_a_time_limit_reached() -> None:
    assert all(
        issubclass(e, TimeLimitReached) and not issubclass(e, Exception)
        for e in (ProofTimeout, BudgetSpent, OutOfTime)
    )


def test_a_deadline_says_when_it_has_passed() -> None:
    deadline = Deadline.after(0.05)
    assert not deadline.passed and 0 < deadline.left <= 0.05
    _spin(0.06)
    assert deadline.passed and deadline.left == 0.0
