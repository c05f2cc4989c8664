"""Worker processes: the jobs of a schedule decided in a pool of processes, each relation
under a wall-clock limit and a memory cap, so that a relation that hangs, allocates without
bound or crashes the interpreter costs that relation (UNPROVED: "time-out", "memory",
"crashed") and nothing else.

Workers are forked once the parent has read the derivations, so they share them (and
SymPy, already imported) rather than read them again, and are reused from one relation to
the next. A worker only decides: the parent plans, reads and writes the proof cache, and
tells each job which proved lemma its step cites.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import multiprocessing.connection
import os
import resource
import signal
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from multiprocessing.process import BaseProcess
from typing import Any

from .checker import Decided, LemmaSource, Schedule, Task, decide_task
from .decide import Decider
from .lemmas import Lemma
from .model import Derivation
from .result import Decision, Verdict
from .settings import DEFAULT_TIMEOUT, Budget, tune_collector

_LARGEST_LIMIT = 2**62  # bytes: a larger RLIMIT_AS does not fit the kernel's type
GRACE = 1.0  # seconds past the budget before a worker is killed (its own alarm comes first)
_STOPPED = {
    "memory": "memory: the relation ran out of its memory cap",
    "crashed": "crashed: the worker process died while deciding it",
}


@dataclass(frozen=True)
class PoolOptions:
    workers: int
    timeout: float = DEFAULT_TIMEOUT
    memory_mb: int | None = None

    @property
    def budget(self) -> Budget:
        """The run's ceilings, which a step's own limits may only lower."""
        return Budget(self.timeout, self.memory_mb)


def decide_in_pool(schedule: Schedule, options: PoolOptions) -> None:
    """Decide every job of ``schedule`` in a pool of at most ``options.workers`` processes
    (none are started when the cache left nothing to decide)."""
    if schedule.done:
        return
    files = {p.derivation.path: p.derivation for p in schedule.plan.chains}
    context = multiprocessing.get_context("fork")
    size = max(1, min(options.workers, schedule.left))
    pool = [_Worker(context, files, options) for _ in range(size)]
    try:
        while not schedule.done:
            for worker in pool:
                task = schedule.take(worker.chain) if worker.task is None else None
                if task is not None:
                    worker.start(task)
            busy = [w for w in pool if w.task is not None]
            if not busy:
                if schedule.done:  # the last jobs were found in the cache
                    break
                raise RuntimeError("relations are left to decide, yet none may be started")
            ready = multiprocessing.connection.wait([w.connection for w in busy], timeout=0.05)
            for worker in busy:
                collected = worker.collect(worker.connection in ready, options)
                if collected is None:
                    continue
                (finished, decided), replace = collected
                if replace:
                    worker.stop(kill=True)
                    pool[pool.index(worker)] = _Worker(context, files, options)
                schedule.finish(finished, decided)
    finally:
        for worker in pool:
            worker.stop(kill=worker.task is not None)


class _Worker:
    """The parent's end of one worker process, and the job it is deciding."""

    def __init__(self, context: Any, files: Mapping[str, Derivation], options: PoolOptions) -> None:
        ours, theirs = context.Pipe()
        self.connection = ours
        self.process: BaseProcess = context.Process(
            target=_serve, args=(theirs, files, options, os.getpid()), daemon=True
        )
        self.process.start()
        theirs.close()
        self.task: Task | None = None
        self.started = 0.0
        self.chain: tuple[str, str] | None = None  # (file, name) of the chain it had last

    def start(self, task: Task) -> None:
        self.task = task
        self.chain = (task.job.file, task.job.chain)
        self.started = time.monotonic()
        self.connection.send((task.job, task.lemma_source, task.other_sources))

    def collect(
        self, ready: bool, options: PoolOptions
    ) -> tuple[tuple[Task, Decided], bool] | None:
        """The task and its decision once it is decided or its worker must be stopped, and
        whether the worker must be replaced; None while it is still being decided."""
        assert self.task is not None
        task, elapsed = self.task, time.monotonic() - self.started
        budget = options.budget.seconds(task.step.timeout)
        if ready:
            try:
                status, decision, seconds = self.connection.recv()
            except (EOFError, OSError):
                status, decision, seconds = "crashed", None, elapsed
            if status == "ok":
                self.task = None
                return (task, Decided(decision, seconds)), False
            stopped = Decision(Verdict.UNPROVED, "", reason=_STOPPED[status])
        elif elapsed > budget + GRACE:
            reason = f"time-out after {budget:g} s (the worker was stopped)"
            stopped = Decision(Verdict.UNPROVED, "", reason=reason)
        else:
            return None
        self.task = None
        return (task, Decided(stopped, elapsed, stopped=True)), True

    def stop(self, *, kill: bool) -> None:
        if kill and self.process.pid is not None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                self.process.kill()
        else:
            with contextlib.suppress(OSError):  # a worker that is already gone
                self.connection.send(None)
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.connection.close()


def _serve(
    connection: multiprocessing.connection.Connection,
    files: Mapping[str, Derivation],
    options: PoolOptions,
    parent: int,
) -> None:
    """A worker: decide the jobs it is sent, until it is sent None."""
    os.setpgrp()  # its own process group, so that killing it leaves no children behind
    _end_with_parent(parent)
    # What the parent made (SymPy, the derivations) lives as long as the worker: the cyclic
    # collector need not scan it (nor touch its pages, shared with the parent), and SymPy
    # allocates enough small objects that a larger first generation saves collections.
    gc.freeze()
    tune_collector()
    budget = options.budget
    cap = _memory_cap()
    cap(budget.memory_mb)
    decider = Decider(options.timeout)
    lemmas: dict[LemmaSource, Lemma] = {}
    while True:
        try:
            message = connection.recv()
        except EOFError:
            return
        if message is None:
            return
        job, source, other_sources = message
        derivation = files[job.file]
        chain = next(c for c in derivation.chains if c.name == job.chain)
        cap(budget.megabytes(chain.steps[job.index].memory))
        lemma = None if source is None else _lemma(decider, files, lemmas, source)
        others = tuple(_lemma(decider, files, lemmas, s) for s in other_sources)
        started = time.perf_counter()
        try:
            decision = decide_task(decider, derivation, chain, job.index, lemma, others)
            connection.send(("ok", decision, time.perf_counter() - started))
        except MemoryError:
            connection.send(("memory", None, time.perf_counter() - started))


def _lemma(
    decider: Decider,
    files: Mapping[str, Derivation],
    made: dict[LemmaSource, Lemma],
    source: LemmaSource,
) -> Lemma:
    """The lemma the parent says the chain ``source`` proved, made once per worker."""
    if source not in made:
        derivation = files[source[0]]
        chain = next(c for c in derivation.chains if c.name == source[1])
        made[source] = decider.lemma(derivation, chain)
    return made[source]


def _memory_cap() -> Callable[[int | None], None]:
    """A function that caps this process's address space at what it has now plus the given
    megabytes (None: no cap of ours)."""
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    # The cap is on what a relation takes beyond what the worker starts with: a worker
    # forked from a large process (a long test session, a notebook) inherits its address
    # space, and an absolute cap would leave it no room at all.
    start = _address_space()

    def cap(megabytes: int | None) -> None:
        # The soft limit only: the next relation may have another cap (a step may lower
        # the run's, never raise it: ``Budget.megabytes``), and a hard limit, once
        # lowered, cannot be raised again.
        limit = resource.RLIM_INFINITY if megabytes is None else start + megabytes * 1024 * 1024
        if limit != resource.RLIM_INFINITY and limit >= _LARGEST_LIMIT:
            limit = resource.RLIM_INFINITY  # no address space is that large
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard) if limit != resource.RLIM_INFINITY else hard
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))

    return cap


def _end_with_parent(parent: int) -> None:
    """Have the kernel kill this worker when the process that started it ends (Linux), so
    that a run stopped from outside (SIGKILL: no ``finally`` runs) leaves no worker deciding
    a relation nobody waits for; where that cannot be asked, a worker ends at the end of
    its relation's budget, when it reads the end of its pipe."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent ended before the request was made
        os._exit(0)


_PR_SET_PDEATHSIG = 1


def _address_space() -> int:
    """The bytes of address space this process has mapped (0 where that is not known)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0
