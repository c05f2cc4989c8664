"""A CPU-time limit for the current thread, enforced by one long-lived watcher thread.

The reader's structural bounds keep numbers small, but SymPy evaluates as it builds
(comparing ``exp(exp(exp(100)))`` with 3, factoring a base under a fractional power) and
some of that work is unbounded. Signals work only in the main thread and a trace function
would displace coverage tools, so a watcher thread raises an asynchronous exception into
the limited thread (delivered between bytecodes, as KeyboardInterrupt is). The bound counts
that thread's CPU time, so that a loaded machine does not make an ordinary file unreadable;
ten times as much wall time is the backstop where no thread clock exists.

One watcher serves every limit of the process: starting a thread for each expression read
cost about a third of the time it takes to read the shipped derivations. It sleeps while no
limit is armed, and a forked child starts its own when it first needs one.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

POLL = 0.05  # seconds between the watcher's looks at an armed limit


class OutOfTime(BaseException):
    """Raised in the limited thread when its time is up.

    A BaseException, so that SymPy's ``except Exception`` blocks do not swallow it.
    """


@dataclass(eq=False)
class _Limit:
    target: int  # the limited thread's ident
    seconds: float
    clock: int | None  # that thread's CPU clock, where there is one
    start_cpu: float
    started: float
    fired: bool = False  # an interrupt was sent
    done: bool = False

    def spent(self) -> bool:
        wall = time.perf_counter() - self.started
        if self.clock is None or wall >= 10 * self.seconds:
            return wall >= self.seconds if self.clock is None else True
        return time.clock_gettime(self.clock) - self.start_cpu >= self.seconds


class _Watcher:
    def __init__(self) -> None:
        self.condition = threading.Condition()
        self.limits: dict[int, _Limit] = {}
        self.thread: threading.Thread | None = None

    def arm(self, limit: _Limit) -> None:
        with self.condition:
            self.limits[limit.target] = limit
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(
                    target=self._watch, name="xentproof-time-limit", daemon=True
                )
                self.thread.start()
            self.condition.notify()

    def disarm(self, limit: _Limit) -> None:
        # Under the watcher's lock, so that nothing is sent once ``done`` is set; ``done``
        # last, so that an interrupt landing in between makes the caller retry.
        with self.condition:
            if self.limits.get(limit.target) is limit:
                del self.limits[limit.target]
            limit.done = True

    def armed(self, target: int) -> bool:
        with self.condition:
            return target in self.limits

    def _watch(self) -> None:
        send = ctypes.pythonapi.PyThreadState_SetAsyncExc
        with self.condition:
            while True:
                if not self.limits:
                    self.condition.wait()
                    continue
                for limit in self.limits.values():
                    # Sent again at every look until the limit is disarmed, in case the
                    # exception lands somewhere that swallows it.
                    if limit.spent():
                        limit.fired = True
                        send(ctypes.c_ulong(limit.target), ctypes.py_object(OutOfTime))
                self.condition.wait(min([POLL, *(lim.seconds for lim in self.limits.values())]))


_watcher = _Watcher()


def _after_fork_in_child() -> None:
    # The parent's watcher thread does not exist in the child, and its lock may have been
    # held at the fork: the child starts afresh.
    global _watcher
    _watcher = _Watcher()


os.register_at_fork(after_in_child=_after_fork_in_child)


def _deliver_pending() -> None:
    """Let an interrupt the watcher sent but the thread has not received yet land here.

    It is not withdrawn with ``PyThreadState_SetAsyncExc(id, NULL)``: on CPython 3.11 that
    leaves the interpreter's "pending asynchronous exception" flag set with nothing to
    raise, and every later ``sys.settrace``/``sys.setprofile`` (pdb, coverage, cProfile)
    then spins forever on the next call. The interpreter checks for it on every call and
    backward jump, so a few calls deliver it.
    """
    with contextlib.suppress(OutOfTime):
        for _ in range(3):
            _nothing()


def _nothing() -> None:
    return None


@contextlib.contextmanager
def cpu_time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the current thread with ``OutOfTime`` after ``seconds`` of its CPU time.

    Inside another limit of the same thread, the outer limit stands.
    """
    if not hasattr(ctypes, "pythonapi") or not hasattr(
        ctypes.pythonapi, "PyThreadState_SetAsyncExc"
    ):  # not CPython: no backstop, the structural bounds remain
        yield
        return
    target = threading.get_ident()
    watcher = _watcher
    if watcher.armed(target):
        yield
        return
    try:
        clock: int | None = time.pthread_getcpuclockid(target)
        start_cpu = time.clock_gettime(clock) if clock is not None else 0.0
    except (AttributeError, OSError):  # no per-thread clock here: wall time only
        clock, start_cpu = None, 0.0
    limit = _Limit(target, seconds, clock, start_cpu, time.perf_counter())
    watcher.arm(limit)
    try:
        yield
    finally:
        # An interrupt may land even here: retry until the limit is surely disarmed.
        while not limit.done:
            with contextlib.suppress(OutOfTime):
                watcher.disarm(limit)
        if limit.fired:
            _deliver_pending()
