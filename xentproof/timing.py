"""Time limits: one family of limits that nest, and the one tree of exceptions they raise.

- ``time_limit(seconds)``: the wall-clock budget of a relation; ``ProofTimeout`` when it
  runs out.
- ``bounded(seconds)``: a shorter wall-clock budget for one stage inside it (looking for
  the points where two sides meet, SymPy's ``solveset`` on one equation): the stage is cut
  short and the caller goes on with what it found.
- ``cpu_time_limit(seconds)``: the CPU time of the current thread, for reading one
  expression (SymPy evaluates as it builds: ``exp(exp(exp(100)))`` compared with 3);
  ``OutOfTime`` when it runs out.
- ``Deadline``: a moment that a method able to stop between its own steps checks; it
  interrupts nothing. ``Allowance``: a number of such steps and a deadline at a share of
  what is left of the enclosing limit (the calculus and convexity arguments).

Limits nest, and an inner limit never extends an outer one: an inner limit is cut to what
is left of the enclosing limit of its clock, each limit raises its expiry in its own body,
and when an inner limit ends the enclosing one goes on with what is left of it (at once,
if nothing is).

Two clocks, each with the one way there is to interrupt running Python code:
- the wall clock, by SIGALRM (``setitimer``), whose handler raises in the main thread of a
  Unix process, where relations are decided; in another thread the body runs unbounded
  (worker processes, each with its main thread, are the general answer);
- the CPU time of the current thread, by a watcher thread that raises an asynchronous
  exception into it (delivered between bytecodes, as KeyboardInterrupt is). Signals reach
  only the main thread and a trace function would displace coverage tools, and counting
  the thread's CPU time keeps a loaded machine from making an ordinary file unreadable;
  ten times as much wall time is the backstop where no thread clock exists. One watcher
  serves every limit of the process (starting a thread per expression read cost about a
  third of the time it takes to read the shipped derivations); it sleeps while no limit
  is armed, and a forked child starts its own when it first needs one.

The exceptions are BaseExceptions, so that SymPy's ``except Exception`` blocks let them
through (and not ``XentproofError``, which is for a user's input)::

    TimeLimitReached
     ├── ProofTimeout    time_limit ran out
     ├── BudgetSpent     bounded ran out (caught by ``bounded`` itself)
     └── OutOfTime       cpu_time_limit ran out
"""

from __future__ import annotations

import contextlib
import ctypes
import math
import os
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass


class TimeLimitReached(BaseException):
    """A limit of this module ran out."""


class ProofTimeout(TimeLimitReached):
    """The wall-clock limit of ``time_limit`` ran out (the budget of a relation)."""


class BudgetSpent(TimeLimitReached):
    """The wall-clock limit of ``bounded`` ran out; ``bounded`` swallows it."""


class OutOfTime(TimeLimitReached):
    """The CPU-time limit of ``cpu_time_limit`` ran out in the limited thread."""


@dataclass(frozen=True)
class Deadline:
    """A moment on the ``time.perf_counter`` clock."""

    at: float

    @classmethod
    def after(cls, seconds: float) -> Deadline:
        return cls(time.perf_counter() + seconds)

    @property
    def passed(self) -> bool:
        return time.perf_counter() >= self.at

    @property
    def left(self) -> float:
        """Seconds until the deadline, 0 once it has passed."""
        return max(0.0, self.at - time.perf_counter())


@dataclass
class Allowance:
    """What a search that stops between its own steps may spend: a number of steps (the
    same on any machine, so that what it decides does not depend on the load) and, as a
    backstop, a Deadline."""

    steps: int
    deadline: Deadline

    @classmethod
    def share(cls, steps: int, share: float) -> Allowance:
        """``steps``, and ``share`` of what is left of the innermost wall-clock limit
        (``wall_time_left``); no deadline when there is none."""
        left = wall_time_left()
        return cls(steps, Deadline(math.inf) if left is None else Deadline.after(left * share))

    def spent(self) -> bool:
        """Whether the search must stop; counts one step when it may go on."""
        if self.steps <= 0 or self.deadline.passed:
            return True
        self.steps -= 1
        return False


# -- the wall clock: SIGALRM ---------------------------------------------------------------

# An alarm set with nothing left fires after this long: setitimer(0) would disarm it.
MIN_ALARM = 1e-4


def _alarm_usable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def _alarm(seconds: float, expired: type[TimeLimitReached]) -> Iterator[Deadline]:
    """Raise ``expired`` in the body after ``seconds``, or once the enclosing alarm is due
    if that comes first; that alarm is then re-armed with what is left of it."""
    started = time.perf_counter()
    if not _alarm_usable():
        yield Deadline(started + seconds)
        return
    enclosing = signal.getitimer(signal.ITIMER_REAL)[0]  # seconds left of it; 0 if none
    own = min(seconds, enclosing) if enclosing else seconds
    armed = True

    def on_alarm(signum: int, frame: object) -> None:
        if armed:  # not once the body is over
            raise expired

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, max(own, MIN_ALARM))
    try:
        yield Deadline(started + own)
    finally:
        armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if enclosing:
            left = enclosing - (time.perf_counter() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, MIN_ALARM))


def wall_time_left() -> float | None:
    """Seconds left of the innermost wall-clock limit (``time_limit``, ``bounded``) armed
    in this thread; None when none is (or none can be: not the main thread)."""
    if not _alarm_usable():
        return None
    left = signal.getitimer(signal.ITIMER_REAL)[0]
    return left if left > 0 else None


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[Deadline]:
    """Interrupt the body with ``ProofTimeout`` after ``seconds`` of wall clock; no limit
    for ``seconds`` ≤ 0.

    Uses SIGALRM, so it applies only in the main thread of a Unix process; elsewhere the
    body runs unbounded (worker isolation is the general answer).
    """
    if seconds <= 0:
        yield Deadline(math.inf)
        return
    with _alarm(seconds, ProofTimeout) as deadline:
        yield deadline


@contextlib.contextmanager
def bounded(seconds: float) -> Iterator[Deadline]:
    """Run the body for at most ``seconds`` of wall clock (less if an enclosing limit comes
    first): an alarm cuts it short, and that is not an error; the body keeps what it found
    where its caller can see it, and may also stop by itself once the deadline passed."""
    try:
        with _alarm(seconds, BudgetSpent) as deadline:
            yield deadline
    except BudgetSpent:
        pass


# -- the CPU time of a thread: a watcher thread ----------------------------------------------

POLL = 0.05  # seconds between the watcher's looks at the armed limits


@dataclass(eq=False)
class _CpuLimit:
    target: int  # the limited thread's ident
    seconds: float
    clock: int | None  # that thread's CPU clock, where there is one
    start_cpu: float
    started: float
    fired: bool = False  # an interrupt was sent while this was the innermost limit
    done: bool = False

    def spent(self) -> bool:
        wall = time.perf_counter() - self.started
        if self.clock is None or wall >= 10 * self.seconds:
            return wall >= self.seconds if self.clock is None else True
        return time.clock_gettime(self.clock) - self.start_cpu >= self.seconds


class _Watcher:
    """Sends ``OutOfTime`` into a thread while any of its armed limits is spent."""

    def __init__(self) -> None:
        self.condition = threading.Condition()
        self.limits: dict[int, list[_CpuLimit]] = {}  # by thread: the nested limits, inner last
        self.thread: threading.Thread | None = None

    def arm(self, limit: _CpuLimit) -> None:
        with self.condition:
            self.limits.setdefault(limit.target, []).append(limit)
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(
                    target=self._watch, name="xentproof-time-limit", daemon=True
                )
                self.thread.start()
            self.condition.notify()

    def disarm(self, limit: _CpuLimit) -> None:
        # Under the watcher's lock, so that nothing is sent once ``done`` is set; ``done``
        # last, so that an interrupt landing in between makes the caller retry.
        with self.condition:
            nested = self.limits.get(limit.target, [])
            if limit in nested:
                nested.remove(limit)
                if not nested:
                    del self.limits[limit.target]
            limit.done = True

    def _watch(self) -> None:
        send = ctypes.pythonapi.PyThreadState_SetAsyncExc
        with self.condition:
            while True:
                if not self.limits:
                    self.condition.wait()
                    continue
                for target, nested in self.limits.items():
                    # Sent again at every look while a limit is spent, in case the exception
                    # lands somewhere that swallows it; once the inner body is over, it
                    # lands in the body of the enclosing limit.
                    if any(limit.spent() for limit in nested):
                        nested[-1].fired = True
                        send(ctypes.c_ulong(target), ctypes.py_object(OutOfTime))
                seconds = [limit.seconds for nested in self.limits.values() for limit in nested]
                self.condition.wait(min([POLL, *seconds]))


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
    """Interrupt the current thread with ``OutOfTime`` after ``seconds`` of its CPU time,
    or once an enclosing limit of this thread is spent, if that comes first."""
    if not hasattr(ctypes, "pythonapi") or not hasattr(
        ctypes.pythonapi, "PyThreadState_SetAsyncExc"
    ):  # not CPython: no backstop, the reader's structural bounds remain
        yield
        return
    target = threading.get_ident()
    watcher = _watcher
    try:
        clock: int | None = time.pthread_getcpuclockid(target)
        start_cpu = time.clock_gettime(clock) if clock is not None else 0.0
    except (AttributeError, OSError):  # no per-thread clock here: wall time only
        clock, start_cpu = None, 0.0
    limit = _CpuLimit(target, seconds, clock, start_cpu, time.perf_counter())
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
