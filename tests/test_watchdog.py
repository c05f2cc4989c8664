"""The reader's CPU-time limit: one watcher thread for every limit of the process."""

from __future__ import annotations

import multiprocessing
import threading
import time

import pytest

from xentproof import watchdog
from xentproof.watchdog import OutOfTime, cpu_time_limit


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
    assert watchdog._watcher.thread is not None and watchdog._watcher.thread.is_alive()
    context = multiprocessing.get_context("fork")
    queue: multiprocessing.Queue[object] = context.Queue()
    child = context.Process(target=_child, args=(queue,))
    child.start()
    after = queue.get(timeout=30)
    child.join(timeout=30)
    assert isinstance(after, float) and after < 2.0
