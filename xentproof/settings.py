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

Nothing here imports SymPy: the pytest plugin and the script read these before it is.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

DEFAULT_TIMEOUT = 5.0  # seconds of time budget for each relation
DEFAULT_MEMORY_MB = 2048  # a relation's memory cap in its worker, beyond the worker's start
CACHE_DIR = ".xentproof_cache"  # the proof cache's folder, in the current folder
DEFAULT_PATH = "derivations"  # where the command line looks when no path is given
GC_THRESHOLD = 20_000  # allocations between collections of the youngest generation


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
