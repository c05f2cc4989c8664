"""The ``xentproof`` script and ``python -m xentproof``: tune the process, then run the CLI.

Importing SymPy and reading the derivations allocate hundreds of thousands of objects that
live as long as the run; with the collector's default threshold (700 allocations) it runs
hundreds of collections over them during start-up alone. A larger first generation, set
here before anything heavy is imported, saved about a tenth of a second of a cold
``xentproof check`` (the worker processes set the same threshold). A library caller gets
the same threshold only while a check runs (``collector_tuned``), and its own back after.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

GC_THRESHOLD = 20_000  # allocations between collections of the youngest generation


def entry() -> None:
    gc.set_threshold(GC_THRESHOLD, 20, 20)
    from .cli import entry as run

    run()


@contextmanager
def collector_tuned() -> Iterator[None]:
    """The collector's first-generation threshold at least ``GC_THRESHOLD`` in the body,
    and as it was after (proving allocates many short-lived SymPy objects: 13-20% of the
    corpus's time went to collections at the default threshold)."""
    previous = gc.get_threshold()
    gc.set_threshold(max(previous[0], GC_THRESHOLD), *previous[1:])
    try:
        yield
    finally:
        gc.set_threshold(*previous)
