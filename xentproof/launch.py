"""The ``xentproof`` script and ``python -m xentproof``: tune the process, then run the CLI.

The collector is tuned here, before the command line imports SymPy and rich (see
``xentproof.settings`` for why and by how much).
"""

from __future__ import annotations

import sys

from .settings import tune_collector

UNSUPPORTED = (
    "xentproof: error: Windows is not supported: xentproof caps each relation's memory with "
    "setrlimit in worker processes made by fork, which Windows has not; use Linux, macOS or WSL"
)


def entry() -> None:
    if sys.platform == "win32":  # said in one line, not as a traceback about `resource`
        print(UNSUPPORTED, file=sys.stderr)
        raise SystemExit(2)
    tune_collector()
    try:
        from .cli import entry as run
    except KeyboardInterrupt:  # while the command line is imported; later, main() says it
        print("xentproof: interrupted", file=sys.stderr)
        raise SystemExit(130) from None
    run()
