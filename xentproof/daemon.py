"""``xentproof daemon``: a process that keeps SymPy and the prover imported, so that a
check the proof cache cannot answer whole does not pay the import again (see
``xentproof.daemon_link`` for the exchange and for which daemon may answer).

Each command handed over runs in a child forked from the daemon: the child takes the
caller's standard streams, folder and environment, runs ``xentproof.cli.main`` on the
caller's command line exactly as the caller would have, and exits; the daemon sends the
exit code back. The daemon itself never runs a check, so nothing of one run stays for the
next (the child's memory goes with it), and a child whose caller went away (Ctrl-C) is
ended with its worker processes. With no command running, the daemon ends after its idle
time.

    xentproof daemon start [--idle SECONDS]   # one per installation and user
    xentproof daemon status
    xentproof daemon stop
"""

from __future__ import annotations

import subprocess
import sys
import time
from typing import Any

from .daemon_link import ask, identity, runtime_dir, socket_path
from .errors import UsageError

DEFAULT_IDLE = 3600.0  # seconds without a command before the daemon ends
START_WAIT = 60.0  # seconds ``start`` waits for the new daemon to answer


def start(idle: float = DEFAULT_IDLE) -> str:
    """Start a daemon for this installation (or find the one running); a line saying so."""
    folder = runtime_dir(create=True)
    if folder is None:
        raise UsageError("no private folder for the daemon's socket (see XENTPROOF_DAEMON_DIR)")
    who = identity()
    path = socket_path(folder, who)
    found = ask(path, {"op": "status"})
    if found is not None:
        return f"a daemon is running already (pid {found.get('pid')})"
    log = open(folder / f"{who}.log", "ab")  # noqa: SIM115 -- handed to the child
    try:
        subprocess.Popen(
            [sys.executable, "-m", "xentproof.daemon_serve", "--idle", repr(idle), str(folder)],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            start_new_session=True,
            close_fds=True,
        )
    finally:
        log.close()
    deadline = time.monotonic() + START_WAIT
    while time.monotonic() < deadline:
        found = ask(path, {"op": "status"})
        if found is not None:
            return f"daemon started (pid {found.get('pid')}), socket {path}"
        time.sleep(0.05)
    raise UsageError(f"the daemon did not answer within {START_WAIT:g} s; see {folder}")


def status() -> list[dict[str, Any]]:
    """Every daemon of this user that answers (this installation's and others')."""
    folder = runtime_dir()
    if folder is None:
        return []
    found = []
    current = identity()
    for path in sorted(folder.glob("*.sock")):
        reply = ask(path, {"op": "status"})
        if reply is not None:
            reply["current"] = path.stem == current
            found.append(reply)
    return found


def stop() -> int:
    """Stop every daemon of this user; how many were stopped."""
    folder = runtime_dir()
    if folder is None:
        return 0
    stopped = 0
    for path in sorted(folder.glob("*.sock")):
        if ask(path, {"op": "stop"}) is not None:
            stopped += 1
    return stopped
