"""The defaults of a run, each written once: the command line, the library API, the pytest
plugin and the worker pool read them from here.

Also the garbage collector's tuning. Importing SymPy and reading the derivations allocate
hundreds of thousands of objects that live as long as the run; with the collector's default
threshold (700 allocations) it runs hundreds of collections over them during start-up
alone, and proving allocates many short-lived SymPy objects (13-20% of the corpus's time
went to collections at the default threshold). A larger first generation, set by the
``xentproof`` script before anything heavy is imported, saved about a tenth of a second of
a cold ``xentproof check``; the worker processes set the same threshold, and a library
caller gets it only while a check runs (``collector_tuned``), and its own back after.

The ``Budget`` of a run is here too: the command line (``--timeout``, ``--memory``) or the
library's caller sets it, and a derivation file may only lower it for one of its steps.

Nothing here imports SymPy: the pytest plugin and the script read these before it is.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from .errors import UsageError

DEFAULT_TIMEOUT = 5.0  # seconds of time budget for each relation
DEFAULT_MEMORY_MB = 2048  # a relation's memory cap in its worker, beyond the worker's start
CACHE_DIR = ".xentproof_cache"  # the proof cache's folder, in the current folder
DEFAULT_PATH = "derivations"  # where the command line looks when no path is given
GC_THRESHOLD = 20_000  # allocations between collections of the youngest generation
MIN_MEMORY_MB = 64  # below this a worker cannot even decide 1 = 1


@dataclass(frozen=True)
class Budget:
    """What one relation may take in a run: ``timeout`` seconds of wall clock, and
    ``memory_mb`` megabytes beyond what its worker process starts with (None: no cap, as
    when relations are decided in the calling process).

    These are ceilings. A step's own ``timeout`` or ``memory`` (from the derivation file)
    may lower them for its relation, never raise them: a file comes from whoever wrote
    it, the budget from whoever runs the check. A larger value is not an error (the same
    file is run under different budgets: the default, a CI job's, a quick local run);
    the relation gets the run's budget and a warning says so (``over``).
    """

    timeout: float = DEFAULT_TIMEOUT
    memory_mb: int | None = None

    def __post_init__(self) -> None:
        timeout = self.timeout
        if isinstance(timeout, bool) or not isinstance(timeout, int | float):
            raise UsageError(f"the time budget must be a number of seconds, got {timeout!r}")
        if not (math.isfinite(timeout) and timeout > 0):
            raise UsageError(
                f"the time budget must be a finite positive number of seconds, got {timeout!r}"
            )
        memory = self.memory_mb
        if memory is not None and (
            isinstance(memory, bool) or not isinstance(memory, int) or memory < MIN_MEMORY_MB
        ):
            raise UsageError(
                f"the memory cap must be a whole number of MB, at least {MIN_MEMORY_MB}, "
                f"got {memory!r}"
            )

    def seconds(self, asked: float | None) -> float:
        """A relation's time budget: the step's own if it asks for less, else the run's."""
        return self.timeout if asked is None else min(asked, self.timeout)

    def megabytes(self, asked: int | None) -> int | None:
        """A relation's memory cap: the step's own if it asks for less, else the run's."""
        if asked is None:
            return self.memory_mb
        return asked if self.memory_mb is None else min(asked, self.memory_mb)

    def over(self, timeout: float | None, memory: int | None) -> tuple[str, ...]:
        """A warning for each of a step's own limits that asks for more than the run gives."""
        found = []
        if timeout is not None and timeout > self.timeout:
            found.append(
                f"timeout = {timeout:g} s asks for more than this run's budget of "
                f"{self.timeout:g} s per relation; the relation had {self.timeout:g} s "
                "(--timeout sets the budget)"
            )
        if memory is not None and self.memory_mb is not None and memory > self.memory_mb:
            found.append(
                f"memory = {memory} MB asks for more than this run's cap of {self.memory_mb} MB "
                f"per relation; the relation had {self.memory_mb} MB (--memory sets the cap)"
            )
        return tuple(found)


def tune_collector() -> None:
    """Set the collector's thresholds for a process that only checks (script, worker)."""
    gc.set_threshold(GC_THRESHOLD, 20, 20)


@contextmanager
def collector_tuned() -> Iterator[None]:
    """The collector's first-generation threshold at least ``GC_THRESHOLD`` in the body,
    and as it was after."""
    previous = gc.get_threshold()
    gc.set_threshold(max(previous[0], GC_THRESHOLD), *previous[1:])
    try:
        yield
    finally:
        gc.set_threshold(*previous)
