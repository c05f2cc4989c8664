"""The ``xentproof`` command line: parse arguments, call the API, render, return the exit code.

Kept thin on purpose: everything a program could want is in ``xentproof.api``; the parser
is ``xentproof.cli_parser``, each command's function is in ``xentproof.cli_commands``. The
one ``except XentproofError`` of the whole tool is in ``main``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from xentproof.cli_commands import PROG
from xentproof.cli_parser import build_parser
from xentproof.errors import XentproofError
from xentproof.text import shown as printable


def main(argv: Sequence[str] | None = None, *, hand_over: bool = False) -> int:
    """Run the command line and return its exit code (for ``sys.exit(main())``).

    With ``hand_over`` (the ``xentproof`` script), a ``check`` is run by a running
    ``xentproof daemon`` of this installation when there is one (``--no-daemon``: never).
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        # argparse exits for --help, --version and usage errors; return the code instead so
        # that main() always returns, in-process callers included.
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    if hand_over and args.command == "check" and not args.no_daemon:
        from xentproof.daemon_link import delegate

        code = delegate(list(sys.argv[1:] if argv is None else argv))
        if code is not None:
            return code
    command: Callable[[argparse.Namespace], int] = args.run
    try:
        return command(args)
    except XentproofError as error:
        print(f"{PROG}: error: {printable(str(error))}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        # the workers are ended on the way out (workers.decide_in_pool's finally)
        print(f"{PROG}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports a command ended by Ctrl-C


def entry(hand_over: bool = True) -> None:
    """The ``xentproof`` script: run, flush the output, and leave at once (``hand_over``:
    a check may be handed to a daemon; false when the script has offered it already).

    Tearing the interpreter down (SymPy's caches, thousands of objects) costs a tenth of a
    second or more after the work is done; by then every file is written and every worker
    process has ended, so nothing is lost by skipping it.
    """
    code = main(hand_over=hand_over)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code)
