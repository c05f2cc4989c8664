"""The ``xentproof`` script and ``python -m xentproof``: tune the process, then run the CLI.

The collector is tuned here, before the command line imports SymPy and rich (see
``xentproof.settings`` for why and by how much); and a check is offered to a running
``xentproof daemon`` here, before the command line is imported at all
(``xentproof.daemon_link.hands_over_early``).
"""

from __future__ import annotations

import os
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
        from .daemon_link import delegate, hands_over_early

        early = hands_over_early(sys.argv[1:])
        code = delegate(sys.argv[1:]) if early else None
        if code is None:
            from .cli import entry as run
    except KeyboardInterrupt:  # while the command line is imported; later, main() says it
        print("xentproof: interrupted", file=sys.stderr)
        raise SystemExit(130) from None
    if code is not None:  # a daemon ran the check: leave as the command line would
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)
    if early:
        run(hand_over=False)  # no daemon took it: not asked again
    else:
        run()
