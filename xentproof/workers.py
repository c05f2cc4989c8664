"""Worker processes: every relation is decided in a process of its own pool, under a
wall-clock limit and a memory cap, so that a relation that hangs, allocates without bound
or crashes the interpreter costs that relation (UNPROVED: "time-out", "memory",
"crashed") and nothing else. Workers are reused, with SymPy already imported, and each
reads the derivation files once.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import multiprocessing.connection
import os
import resource
import signal
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .result import Progress, RelationResult, Verdict
from .settings import tune_collector

if TYPE_CHECKING:
    from .checker import Checker
    from .model import Derivation

Job = tuple[str, str, int]  # (file, chain, relation index from 1)
# The derivations and the lemma library, when the parent has read them already.
Loaded = tuple[Sequence["Derivation"], Sequence["Derivation"]]
GRACE = 1.0  # seconds past the budget before a worker is killed (its own alarm comes first)


@dataclass(frozen=True)
class PoolOptions:
    paths: tuple[str, ...]
    timeout: float
    memory_mb: int | None = None
    cache_dir: str | None = None


class _Lemmas:
    """The lemma chains of a run, proved in order on demand: citing lemma L needs the
    lemmas up to L's chain proved, exactly as ``Checker.prove_lemmas`` would have."""

    def __init__(self, checker: Checker, derivations: Sequence[Derivation]) -> None:
        self.checker = checker
        self.chains = [(d, c) for d in derivations for c in d.chains if c.lemma is not None]
        self.names = {c.lemma for _, c in self.chains}
        self.done = 0

    def through(self, name: str | None) -> None:
        if name is None or name not in self.names:
            return
        while self.done < len(self.chains):
            derivation, chain = self.chains[self.done]
            self.done += 1
            self.checker.prove_lemma(derivation, chain)
            if chain.lemma == name:
                return


def _serve(
    connection: multiprocessing.connection.Connection,
    options: PoolOptions,
    loaded: Loaded | None = None,
) -> None:
    """A worker: read the files once, then decide the relations it is sent."""
    os.setpgrp()  # its own process group, so that killing it leaves no children behind
    # What the parent made (SymPy, the derivations) lives as long as the worker: the cyclic
    # collector need not scan it (nor touch its pages, shared with the parent), and SymPy
    # allocates enough small objects that a larger first generation saves collections.
    gc.freeze()
    tune_collector()
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    # The cap is on what a relation takes beyond what the worker starts with: a worker
    # forked from a large process (a long test session, a notebook) inherits its address
    # space, and an absolute cap would leave it no room at all.
    start = _address_space()

    def cap(megabytes: int | None) -> None:
        # the soft limit only, so that a step may ask for more than the run's cap
        limit = resource.RLIM_INFINITY if megabytes is None else start + megabytes * 1024 * 1024
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard) if limit != resource.RLIM_INFINITY else hard
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))

    cap(options.memory_mb)
    from .cache import ProofCache
    from .checker import Checker, CheckOptions
    from .rules import RuleBook

    derivations: Sequence[Derivation]
    library: Sequence[Derivation]
    if loaded is None:
        from .inputs import read_inputs

        inputs = read_inputs(options.paths)
        derivations, library = inputs.derivations, inputs.library
    else:  # read by the parent before the fork: shared, not read again
        derivations, library = loaded
    cache = ProofCache(Path(options.cache_dir)) if options.cache_dir else None
    checker = Checker(RuleBook(), CheckOptions(timeout=options.timeout, cache=cache))
    by_path = {d.path: d for d in derivations}
    lemmas = _Lemmas(checker, [*library, *derivations])
    while True:
        try:
            job = connection.recv()
        except EOFError:
            return
        if job is None:
            return
        path, chain_name, index = job
        derivation = by_path[path]
        chain = next(c for c in derivation.chains if c.name == chain_name)
        cap(chain.steps[index].memory or options.memory_mb)
        # The lemmas this relation may cite are proved as in the parent's order, and only
        # when it cites one (most cite none).
        lemmas.through(chain.steps[index].by)
        try:
            connection.send(("ok", checker.relation(derivation, chain, index)))
        except MemoryError:
            connection.send(("memory", None))


def _address_space() -> int:
    """The bytes of address space this process has mapped (0 where that is not known)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


class _Worker:
    def __init__(self, context: Any, options: PoolOptions, loaded: Loaded | None) -> None:
        ours, theirs = context.Pipe()
        self.connection = ours
        self.process: BaseProcess = context.Process(
            target=_serve, args=(theirs, options, loaded), daemon=True
        )
        self.process.start()
        theirs.close()
        self.job: Job | None = None
        self.started = 0.0

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


def _failed(job: Job, why: str, seconds: float, timeout: float) -> RelationResult:
    reasons = {
        "time-out": f"time-out after {timeout:g} s (the worker was stopped)",
        "memory": "memory: the relation ran out of its memory cap",
        "crashed": "crashed: the worker process died while deciding it",
    }
    return RelationResult(
        index=job[2],
        line=0,
        relation="",
        lhs="",
        rhs="",
        verdict=Verdict.UNPROVED,
        method="",
        reason=reasons[why],
        seconds=round(seconds, 4),
    )


def run_jobs(
    jobs: Sequence[Job],
    options: PoolOptions,
    workers: int,
    progress: Progress | None = None,
    budgets: dict[Job, float] | None = None,
    loaded: Loaded | None = None,
) -> dict[Job, RelationResult]:
    """Decide every job in a pool of ``workers`` processes; results by job.

    ``budgets`` gives a job its own time budget where its step sets one. ``loaded`` is the
    derivations and lemma library the parent has read (of ``options.paths``): the workers,
    forked, use them rather than read the files again, and the likely slow jobs go first.
    """
    budgets = budgets or {}
    context = multiprocessing.get_context("fork")
    ordered = list(jobs)
    if loaded is not None:
        ordered.sort(key=_cost_estimate(loaded[0]), reverse=True)  # stable: ties keep order
    pending = list(reversed(ordered))
    results: dict[Job, RelationResult] = {}
    pool = [_Worker(context, options, loaded) for _ in range(max(1, min(workers, len(jobs))))]
    try:
        while pending or any(w.job for w in pool):
            for worker in pool:
                if worker.job is None and pending:
                    worker.job = pending.pop()
                    worker.started = time.monotonic()
                    if progress is not None:
                        progress(len(results), len(jobs), f"{worker.job[0]}: {worker.job[1]}")
                    worker.connection.send(worker.job)
            busy = [w for w in pool if w.job is not None]
            ready = multiprocessing.connection.wait([w.connection for w in busy], timeout=0.05)
            for worker in busy:
                assert worker.job is not None
                job, elapsed = worker.job, time.monotonic() - worker.started
                replaced = False
                if worker.connection in ready:
                    try:
                        status, result = worker.connection.recv()
                    except (EOFError, OSError):
                        status, result = "crashed", None
                    if status == "ok":
                        results[job] = result
                    else:
                        results[job] = _failed(job, status, elapsed, options.timeout)
                        replaced = status == "crashed" or status == "memory"
                elif elapsed > budgets.get(job, options.timeout) + GRACE:
                    results[job] = _failed(
                        job, "time-out", elapsed, budgets.get(job, options.timeout)
                    )
                    replaced = True
                else:
                    continue
                worker.job = None
                if replaced:
                    worker.stop(kill=True)
                    pool[pool.index(worker)] = _Worker(context, options, loaded)
    finally:
        for worker in pool:
            worker.stop(kill=worker.job is not None)
    return results


def _cost_estimate(derivations: Sequence[Derivation]) -> Callable[[Job], int]:
    """A rough rank of how long a relation takes, so that the pool starts the slow ones
    first and no worker is left with one at the end: equations (solved for roots), then
    sums and products, then a cited rule; within each, the longer steps."""
    import sympy

    steps = {
        (d.path, c.name, k): (c.steps[k - 1].expr, c.steps[k].expr, c.steps[k].by)
        for d in derivations
        for c in d.chains
        for k in range(1, len(c.steps))
    }

    def cost(job: Job) -> int:
        if job not in steps:
            return 0
        a, b, by = steps[job]
        size = sum(1 for e in (a, b) for _ in sympy.preorder_traversal(e))
        if isinstance(a, sympy.Eq) or isinstance(b, sympy.Eq):
            return 3_000_000 + size
        if a.has(sympy.Sum, sympy.Product) or b.has(sympy.Sum, sympy.Product):
            return 2_000_000 + size
        return (1_000_000 if by is not None else 0) + size

    return cost
