"""Worker processes: every relation is decided in a process of its own pool, under a
wall-clock limit and a memory cap, so that a relation that hangs, allocates without bound
or crashes the interpreter costs that relation (UNPROVED: "time-out", "memory",
"crashed") and nothing else. Workers are reused, with SymPy already imported, and each
reads the derivation files once.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
import os
import resource
import signal
import time
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from .result import Progress, RelationResult, Verdict

Job = tuple[str, str, int]  # (file, chain, relation index from 1)
GRACE = 1.0  # seconds past the budget before a worker is killed (its own alarm comes first)


@dataclass(frozen=True)
class PoolOptions:
    paths: tuple[str, ...]
    timeout: float
    memory_mb: int | None = None
    cache_dir: str | None = None


def _serve(connection: multiprocessing.connection.Connection, options: PoolOptions) -> None:
    """A worker: read the files once, then decide the relations it is sent."""
    os.setpgrp()  # its own process group, so that killing it leaves no children behind
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]

    def cap(megabytes: int | None) -> None:
        # the soft limit only, so that a step may ask for more than the run's cap
        limit = resource.RLIM_INFINITY if megabytes is None else megabytes * 1024 * 1024
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard) if limit != resource.RLIM_INFINITY else hard
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))

    cap(options.memory_mb)
    from .api import load_paths
    from .cache import ProofCache
    from .checker import Checker, CheckOptions
    from .rules import RuleBook

    derivations, _, library = load_paths(options.paths)
    cache = ProofCache(Path(options.cache_dir)) if options.cache_dir else None
    checker = Checker(RuleBook(), CheckOptions(timeout=options.timeout, cache=cache))
    checker.prove_lemmas([*library, *derivations])
    by_path = {d.path: d for d in derivations}
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
        try:
            connection.send(("ok", checker.relation(derivation, chain, index)))
        except MemoryError:
            connection.send(("memory", None))


class _Worker:
    def __init__(self, context: Any, options: PoolOptions) -> None:
        ours, theirs = context.Pipe()
        self.connection = ours
        self.process: BaseProcess = context.Process(
            target=_serve, args=(theirs, options), daemon=True
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
) -> dict[Job, RelationResult]:
    """Decide every job in a pool of ``workers`` processes; results by job.

    ``budgets`` gives a job its own time budget where its step sets one.
    """
    budgets = budgets or {}
    context = multiprocessing.get_context("fork")
    pending = list(reversed(jobs))
    results: dict[Job, RelationResult] = {}
    pool = [_Worker(context, options) for _ in range(max(1, min(workers, len(jobs))))]
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
                    pool[pool.index(worker)] = _Worker(context, options)
    finally:
        for worker in pool:
            worker.stop(kill=worker.job is not None)
    return results
