"""Reading a file that may be hostile: a regular file only, and never more than a limit.

A path named ``*.toml`` may be a FIFO (opening it blocks until a writer comes, reading it
until the writer leaves), a device (``/dev/zero`` reads without end), or a sparse file of
gigabytes that costs nothing to make. So a file is checked before it is opened (``stat``,
so that a device is never opened at all), opened without blocking (``O_NONBLOCK``: a FIFO
put in its place meanwhile cannot hold the run), checked again on the descriptor that was
opened (``fstat``: what is read is what was checked), and read up to one byte past the
limit, so that a file that grows while it is read is still refused.

Nothing here imports SymPy: the proof cache and the pytest plugin read files with it too.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import FileFormatError

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def kind_of(mode: int) -> str | None:
    """What a file of this ``st_mode`` is, when it is not a regular file; None when it is."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_bounded(path: str | Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Raises ``FileFormatError`` (with the file named, no line) for anything else: a path
    that cannot be opened, a file that is not a regular file, a larger file.
    """
    name = str(path)
    try:
        before = os.stat(path)
        refused = kind_of(before.st_mode)
        if refused is None and before.st_size > limit:
            raise _too_large(name, limit)
        if refused is not None:
            raise FileFormatError(f"not a regular file: it is {refused}", file=name)
        flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | os.O_CLOEXEC
        descriptor = os.open(path, flags)
    except OSError as error:
        raise FileFormatError(
            f"cannot read the file: {error.strerror or error}", file=name
        ) from None
    try:
        return _read_descriptor(descriptor, name, limit)
    finally:
        os.close(descriptor)


def _read_descriptor(descriptor: int, name: str, limit: int) -> bytes:
    try:
        opened = os.fstat(descriptor)
        refused = kind_of(opened.st_mode)
        if refused is not None:
            raise FileFormatError(f"not a regular file: it is {refused}", file=name)
        if opened.st_size > limit:
            raise _too_large(name, limit)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(descriptor, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        raise FileFormatError(
            f"cannot read the file: {error.strerror or error}", file=name
        ) from None
    if size > limit:
        raise _too_large(name, limit)
    return b"".join(chunks)


def _too_large(name: str, limit: int) -> FileFormatError:
    return FileFormatError(f"the file is larger than {limit} bytes", file=name)
