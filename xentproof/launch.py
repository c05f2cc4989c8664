"""The ``xentproof`` script and ``python -m xentproof``: tune the process, then run the CLI.

Importing SymPy and reading the derivations allocate hundreds of thousands of objects that
live as long as the run; with the collector's default threshold (700 allocations) it runs
hundreds of collections over them during start-up alone. A larger first generation, set
here before anything heavy is imported, saved about a tenth of a second of a cold
``xentproof check`` (the worker processes set the same threshold). Only the command line
does this: importing xentproof as a library leaves the interpreter's settings alone.
"""

from __future__ import annotations

import gc

GC_THRESHOLD = 20_000  # allocations between collections of the youngest generation


def entry() -> None:
    gc.set_threshold(GC_THRESHOLD, 20, 20)
    from .cli import entry as run

    run()
