"""The serving loop of ``xentproof daemon`` (``python -m xentproof.daemon_serve``, which
``xentproof.daemon.start`` runs): accept requests on the socket, fork a child per command
handed over, send each caller its exit code. See ``xentproof.daemon`` and
``xentproof.daemon_link``.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import signal
import socket
import struct
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .daemon import DEFAULT_IDLE
from .daemon_link import ask, identity, read_request, runtime_dir, send_reply, socket_path

if TYPE_CHECKING:
    from .result import Report

COMMANDS = ("check",)  # what a daemon runs for a caller
# What the daemon decides before it serves, so that every child starts with the code
# paths of common relations run once (the first use of each costs a child several times
# more than the next): a polynomial, logs, a derivative, a sum over a family, an
# inequality, a hyperbolic function.
WARM_UP = b"""title = "warm up"
[symbols]
x = "real"
p = "(0, 1)"
y = "{0, 1}"
n = "integer >= 1"
"z[i]" = "real"
[[chain]]
name = "polynomial"
steps = ["(x + 1)**2", "= x**2 + 2*x + 1"]
[[chain]]
name = "logs"
steps = ["-(y*log(p) + (1 - y)*log(1 - p))", "= -y*log(p) - (1 - y)*log(1 - p)"]
[[chain]]
name = "derivative"
steps = ["Derivative(1/(1 + exp(-x)), x)", "= exp(-x)/(1 + exp(-x))**2"]
[[chain]]
name = "sum"
steps = ["Sum(exp(z[i]), (i, 1, n))", "> 0"]
[[chain]]
name = "inequality"
steps = ["log(exp(x) + 1)", ">= x"]
[[chain]]
name = "hyperbolic"
steps = ["tanh(x)", "= 2/(1 + exp(-2*x)) - 1"]
"""


class Daemon:
    """The serving loop: accept requests, fork a child per command, reap children, send
    each caller its exit code, end the child of a caller that went away."""

    def __init__(self, folder: Path, idle: float) -> None:
        self.folder = folder
        self.idle = idle
        self.path = socket_path(folder, identity())
        self.running: dict[int, socket.socket] = {}  # child pid -> its caller's socket
        self.ends: dict[int, int] = {}  # child pid -> a descriptor readable once it ended
        self.served = 0
        self.started = time.time()
        self.last = time.monotonic()
        self.stopping = False

    def serve(self) -> None:
        warm_up()
        if ask(self.path, {"op": "status"}) is not None:
            return  # another daemon of this installation started first and serves
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        if self.path.exists():  # a stale socket: no daemon answers on it
            self.path.unlink()
        listener.bind(str(self.path))
        os.chmod(self.path, 0o600)
        listener.listen(16)
        self.selector = selectors.DefaultSelector()
        self.selector.register(listener, selectors.EVENT_READ, None)
        try:
            while not (self.stopping and not self.running):
                wait = 0.05 if self.running else max(0.05, self.last + self.idle - time.monotonic())
                for key, _ in self.selector.select(timeout=min(wait, 1.0)):
                    if key.data is None:
                        self._accept(listener)
                    elif isinstance(key.data, Ended):
                        pass  # a child ended: reaped just below, without waiting for the poll
                    else:
                        self._caller_left(key.data)
                self._reap()
                if not self.running and time.monotonic() - self.last > self.idle:
                    break
        finally:
            listener.close()
            try:
                if self.path.exists():
                    self.path.unlink()
            except OSError:
                pass

    def _accept(self, listener: socket.socket) -> None:
        link, _ = listener.accept()
        self.last = time.monotonic()
        if not _same_user(link):
            link.close()
            return
        link.settimeout(5.0)
        try:
            request, fds = read_request(link)
        except OSError:
            link.close()
            return
        op = request.get("op")
        if op == "status" or op == "stop":
            for fd in fds:
                os.close(fd)
            if op == "stop":
                self.stopping = True
            send_reply(link, self._status())
            link.close()
            return
        argv = request.get("argv")
        if (
            op != "run"
            or len(fds) != 3
            or not isinstance(argv, list)
            or not all(isinstance(a, str) for a in argv)
            or not argv
            or argv[0] not in COMMANDS
            or self.stopping
        ):
            for fd in fds:
                os.close(fd)
            send_reply(link, {"refused": True})
            link.close()
            return
        self.served += 1
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            listener.close()  # nor does it keep the daemon's other sockets
            for other in self.running.values():
                other.close()
            link.close()
            _run_child(request, fds)
        for fd in fds:
            os.close(fd)
        link.setblocking(True)
        self.running[pid] = link
        self.selector.register(link, selectors.EVENT_READ, pid)
        self._watch_end(pid)

    def _watch_end(self, pid: int) -> None:
        """Wake the loop as soon as the child ``pid`` ends (Linux: a pidfd), so that its
        caller has the exit code at once rather than at the next poll (up to 50 ms later,
        a fifth of a one-file check); elsewhere the poll alone finds it."""
        opener = getattr(os, "pidfd_open", None)
        if opener is None:
            return
        try:
            fd = opener(pid)
        except OSError:
            return
        self.ends[pid] = fd
        self.selector.register(fd, selectors.EVENT_READ, Ended(pid))

    def _status(self) -> dict[str, Any]:
        return {
            "pid": os.getpid(),
            "started": self.started,
            "served": self.served,
            "running": len(self.running),
        }

    def _caller_left(self, pid: int) -> None:
        """The caller's end is readable: it closed (Ctrl-C) or broke the exchange."""
        with contextlib.suppress(OSError):
            os.killpg(pid, signal.SIGTERM)

    def _reap(self) -> None:
        while self.running:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            end = self.ends.pop(pid, None)
            if end is not None:
                self.selector.unregister(end)
                os.close(end)
            link = self.running.pop(pid, None)
            if link is None:
                continue
            self.selector.unregister(link)
            code = os.waitstatus_to_exitcode(status)
            with contextlib.suppress(OSError):
                send_reply(link, {"exit": code if code >= 0 else 128 - code})
            link.close()
            self.last = time.monotonic()


@dataclass(frozen=True)
class Ended:
    """What the selector says for a child's pidfd: that child ended."""

    pid: int


def _same_user(link: socket.socket) -> bool:
    """On Linux, the peer's user must be this process's (the folder is private anyway)."""
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:
        return True
    credentials = link.getsockopt(socket.SOL_SOCKET, option, struct.calcsize("3i"))
    _, uid, _ = struct.unpack("3i", credentials)
    return bool(uid == os.getuid())


def _run_child(request: dict[str, Any], fds: list[int]) -> None:
    """Run the caller's command as the caller would, on its streams; exit with its code."""
    code = 70  # EX_SOFTWARE: the command could not be run
    try:
        os.setpgid(0, 0)  # its own group: the daemon ends it and its workers together
        for number, fd in enumerate(fds):
            os.dup2(fd, number)
            os.close(fd)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        encoding = request.get("encoding")
        encoding = encoding if isinstance(encoding, str) else "utf-8"
        sys.stdin = open(0, encoding=encoding, closefd=False)  # noqa: SIM115
        sys.stdout = open(1, "w", encoding=encoding, closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", encoding=encoding, closefd=False)  # noqa: SIM115
        env = request.get("env")
        if isinstance(env, dict):
            os.environ.clear()
            os.environ.update({str(k): str(v) for k, v in env.items()})
        os.chdir(str(request.get("cwd")))
        from .cli import main

        code = main([str(a) for a in request["argv"]])
    except BaseException:  # the child must exit, whatever happened
        with contextlib.suppress(BaseException):
            traceback.print_exc()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code)


def warm_up() -> Report:
    """Import what a check imports and decide the relations of WARM_UP, so that every
    child starts with SymPy, the prover, the command line and the renderers loaded (and
    what SymPy imports on first use, 20-30 ms of a child otherwise). The report is
    returned for the tests: every relation of it is proved."""
    from . import api, cli  # noqa: F401 -- imported to be inherited
    from .render import terminal  # noqa: F401 -- imported to be inherited
    from .source import source_digest

    report = api.check_paths([], texts={"<warm up>": WARM_UP})
    source_digest()  # the package's digest, hashed once for every child
    return report


def main(argv: list[str] | None = None) -> None:
    """``python -m xentproof.daemon_serve [--idle S] FOLDER`` (what ``start`` runs)."""
    import argparse

    parser = argparse.ArgumentParser(prog="xentproof.daemon_serve")
    parser.add_argument("--idle", type=float, default=DEFAULT_IDLE)
    parser.add_argument("folder")
    args = parser.parse_args(argv)
    folder = runtime_dir()
    if folder is None or folder != Path(args.folder):
        raise SystemExit(
            "xentproof.daemon_serve: the folder is not this user's private daemon folder"
        )
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    Daemon(folder, args.idle).serve()


if __name__ == "__main__":
    main()
