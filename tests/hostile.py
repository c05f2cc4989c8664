"""Running the command line on hostile files: in a fresh process of its own session, under
a wall-clock limit and an address-space limit, so that a regression (a FIFO that blocks, a
link to ``/dev/zero`` read without end) fails its test instead of hanging or exhausting the
machine; with the process's peak memory (``wait4``) and time measured."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HARD_LIMIT = 120.0  # seconds: far beyond what any case may take; only a hang reaches it
ADDRESS_SPACE = 4 * 1024**3  # bytes: a run that reads /dev/zero stops here, not at the machine's

GOOD = """title = "good"
[symbols]
x = "real"
[[chain]]
name = "good"
steps = ["(x + 1)**2", "= x**2 + 2*x + 1"]
"""


@dataclass(frozen=True)
class Run:
    code: int | None  # None: it was killed at HARD_LIMIT
    seconds: float
    peak_mb: float  # the largest resident set of the command or a process it waited for
    out: str
    err: str

    def report(self) -> dict[str, Any]:
        parsed: dict[str, Any] = json.loads(self.out)
        return parsed


def _limit_address_space() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def run_cli(args: list[str], cwd: Path) -> Run:
    """``xentproof ARGS`` in ``cwd``; killed with every process of its session at the limit."""
    out_path, err_path = cwd / ".out", cwd / ".err"
    # a proof cache's secret of its own, not the user's
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1", "XDG_CACHE_HOME": str(cwd / ".home")}
    started = time.monotonic()
    with out_path.open("wb") as out, err_path.open("wb") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "xentproof", *args],
            cwd=cwd,
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            env=env,
            start_new_session=True,
            preexec_fn=_limit_address_space,
        )
    killed = threading.Event()

    def kill() -> None:
        killed.set()
        _kill_session(process.pid)

    timer = threading.Timer(HARD_LIMIT, kill)
    timer.start()
    try:
        _, status, usage = os.wait4(process.pid, 0)
    finally:
        timer.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)  # waited for here, not by Popen
    seconds = time.monotonic() - started
    _kill_session(process.pid)  # workers left behind, if any
    return Run(
        None if killed.is_set() else process.returncode,
        seconds,
        usage.ru_maxrss / 1024,
        out_path.read_text("utf-8", errors="replace"),
        err_path.read_text("utf-8", errors="replace"),
    )


def _kill_session(session: int) -> None:
    """SIGKILL every process of ``session`` (workers make process groups of their own)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if os.getsid(int(entry.name)) == session:
                os.kill(int(entry.name), signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            continue


def relations(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The relations of a JSON report by ``file::chain``."""
    return {
        f"{Path(d['file']).name}::{c['name']}": r
        for d in report["derivations"]
        for c in d["chains"]
        for r in c["relations"]
    }
