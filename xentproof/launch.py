"""The ``xentproof`` script and ``python -m xentproof``: tune the process, then run the CLI.

The collector is tuned here, before the command line imports SymPy and rich (see
``xentproof.settings`` for why and by how much).
"""

from __future__ import annotations

from .settings import tune_collector


def entry() -> None:
    tune_collector()
    from .cli import entry as run

    run()
