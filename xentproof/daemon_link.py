"""What the ``xentproof`` script and a running ``xentproof daemon`` share: where the
daemon's socket is, which daemon may answer this installation, and the one exchange
between them. Nothing here imports SymPy: the script calls ``delegate`` before any of it.

A check that the proof cache cannot answer whole must import SymPy (0.4 s or more, the
floor of any cold run). A daemon (``xentproof daemon start``, as ``dmypy`` is for mypy)
imports it once and stays; ``xentproof check`` hands its command line, its folder, its
environment and its standard streams (the file descriptors themselves, over the socket) to
the daemon, which forks a child that runs the command as this process would, writing to
this process's terminal or pipes, and reports the exit code back.

Which daemon may answer is decided by an identity: a digest of xentproof's source files'
``stat`` (any edit or reinstall changes it), of SymPy's release file and of the Python
executable. The socket's name is that identity, so a daemon started before an upgrade is
never asked (it ends after its idle time). The socket lives in a folder of this user only
(mode 0700, owned by this user, not a symbolic link); a folder that is not so is never
used, and the daemon also checks the peer's user on Linux.
"""

from __future__ import annotations

import array
import json
import os
import socket
import stat
import struct
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .digests import digest_of, sympy_release
from .source import stat_digest

DIR_ENV = "XENTPROOF_DAEMON_DIR"  # overrides where the sockets are (tests, several users)
OFF_ENV = "XENTPROOF_NO_DAEMON"  # set (to anything but "" or "0"): never hand over
HEADER = struct.Struct("!I")  # the length of the JSON request that follows
MAX_REQUEST = 4 << 20  # bytes: a command line and an environment, with room to spare
STREAMS = 3  # standard input, output and error, handed over as file descriptors


def runtime_dir(create: bool = False) -> Path | None:
    """The folder of this user's daemon sockets, or None when there is none (or when it
    is not safe: not a folder of this user only). With ``create``, made if missing."""
    configured = os.environ.get(DIR_ENV)
    if configured:
        folder = Path(configured)
    else:
        base = os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
        folder = Path(base) / f"xentproof-{os.getuid()}"
    if create:
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError:
            return None
    return folder if _private(folder) else None


def _private(folder: Path) -> bool:
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    return (
        stat.S_ISDIR(info.st_mode)
        and info.st_uid == os.getuid()
        and stat.S_IMODE(info.st_mode) & 0o077 == 0
    )


def identity() -> str:
    """Which daemon may answer this process: xentproof's source as it is on disk (by
    ``stat``), SymPy's release and this Python."""
    parts = [stat_digest(), sympy_release() or "no sympy", sys.executable, sys.version]
    return digest_of(tuple(p.encode() for p in parts))[:24]


def socket_path(folder: Path, who: str) -> Path:
    return folder / f"{who}.sock"


def delegate(argv: Sequence[str]) -> int | None:
    """Run the command line ``argv`` in a running daemon of this installation and return
    its exit code; None when no daemon may answer (then the caller runs it itself)."""
    if os.environ.get(OFF_ENV, "") not in ("", "0"):
        return None
    folder = runtime_dir()
    if folder is None or not any(folder.glob("*.sock")):
        return None  # no daemon at all: the source's identity is not worth computing
    path = socket_path(folder, identity())
    if not path.exists():
        return None
    link = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        link.settimeout(2.0)
        link.connect(str(path))
        link.settimeout(None)
        send_request(link, _request(argv), [0, 1, 2])
    except OSError:
        link.close()
        return None
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    try:
        reply = read_reply(link)
    except KeyboardInterrupt:  # the daemon ends the command when this end closes
        link.close()
        print("xentproof: interrupted", file=sys.stderr)
        return 130
    finally:
        link.close()
    code = reply.get("exit")
    return code if isinstance(code, int) else None


def hands_over_early(argv: Sequence[str]) -> bool:
    """Whether the ``xentproof`` script offers ``argv`` to a daemon (``delegate``) before it
    imports the command line (whose parser and commands are a tenth of what a caller of a
    daemon spends): only ``check`` as written, and nothing that could be ``--no-daemon``
    or an abbreviation of it (those are parsed as usual). The daemon's child parses the
    rest exactly as the command line here would, usage errors and ``--help`` included."""
    return bool(argv) and argv[0] == "check" and not any(a.startswith("--no-d") for a in argv)


def _request(argv: Sequence[str]) -> dict[str, Any]:
    return {
        "op": "run",
        "argv": list(argv),
        "cwd": os.getcwd(),
        "env": dict(os.environ),
        "encoding": getattr(sys.stdout, "encoding", None) or "utf-8",
    }


def send_request(link: socket.socket, request: Mapping[str, Any], fds: Sequence[int]) -> None:
    """The request as JSON after its length; ``fds`` ride with the length."""
    body = json.dumps(request).encode("utf-8")
    if len(body) > MAX_REQUEST:
        raise OSError("request too large")
    rights = array.array("i", fds).tobytes()
    ancillary = [(socket.SOL_SOCKET, socket.SCM_RIGHTS, rights)] if fds else []
    link.sendmsg([HEADER.pack(len(body))], ancillary)
    link.sendall(body)


def read_request(link: socket.socket) -> tuple[dict[str, Any], list[int]]:
    """A request and the file descriptors that came with it (``OSError`` for one that
    is malformed; the descriptors are closed then)."""
    size = socket.CMSG_SPACE(STREAMS * array.array("i").itemsize)
    head, ancillary, _, _ = link.recvmsg(HEADER.size, size)
    fds: list[int] = []
    for level, kind, data in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            usable = len(data) - len(data) % array.array("i").itemsize
            fds.extend(array.array("i", data[:usable]))
    try:
        if len(head) != HEADER.size:
            raise OSError("short request")
        (length,) = HEADER.unpack(head)
        if length > MAX_REQUEST:
            raise OSError("request too large")
        request = json.loads(_read_exactly(link, length).decode("utf-8"))
        if not isinstance(request, dict):
            raise OSError("request is no object")
    except (OSError, ValueError) as error:
        for fd in fds:
            os.close(fd)
        raise OSError(str(error)) from error
    return request, fds


def send_reply(link: socket.socket, reply: Mapping[str, Any]) -> None:
    body = json.dumps(reply).encode("utf-8")
    link.sendall(HEADER.pack(len(body)) + body)


def read_reply(link: socket.socket) -> dict[str, Any]:
    (length,) = HEADER.unpack(_read_exactly(link, HEADER.size))
    if length > MAX_REQUEST:
        raise OSError("reply too large")
    reply = json.loads(_read_exactly(link, length).decode("utf-8"))
    if not isinstance(reply, dict):
        raise OSError("reply is no object")
    return reply


def _read_exactly(link: socket.socket, length: int) -> bytes:
    chunks: list[bytes] = []
    left = length
    while left:
        chunk = link.recv(min(left, 1 << 16))
        if not chunk:
            raise OSError("connection closed")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def ask(path: Path, request: Mapping[str, Any], timeout: float = 5.0) -> dict[str, Any] | None:
    """A request without streams (status, stop) and its reply; None when nothing answers."""
    link = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        link.settimeout(timeout)
        link.connect(str(path))
        send_request(link, request, [])
        return read_reply(link)
    except (OSError, ValueError):
        return None
    finally:
        link.close()
