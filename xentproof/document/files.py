"""Reading a document's files: the document itself, and the files it ``\\input``s.

Documents come from strangers as derivation files do: only a regular file is read (a FIFO
or a device would block or never end), at most ``MAX_DOCUMENT_BYTES``, as UTF-8. An
``\\input`` reads only a regular ``.tex`` file under the document's own folder (after
resolving ``..`` and symbolic links), at most ``MAX_INPUT_FILES`` of them.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import DocumentError

MAX_DOCUMENT_BYTES = 2_000_000
"""Largest document (and largest file it inputs), in bytes."""
MAX_INPUT_FILES = 32
"""Most files one document may input, in all."""


def read_text_file(path: Path, what: str = "the file") -> str:
    """A regular file's text (UTF-8), at most ``MAX_DOCUMENT_BYTES``."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise DocumentError(f"cannot read {what}: {error.strerror or error}") from None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise DocumentError(f"{what} is not a regular file")
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            raw = stream.read(MAX_DOCUMENT_BYTES + 1)
    finally:
        os.close(descriptor)
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise DocumentError(f"{what} is larger than {MAX_DOCUMENT_BYTES} bytes")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DocumentError(f"{what} is not UTF-8 text (byte {error.start})") from None


class InputFiles:
    """Resolves and reads the files a LaTeX document inputs, within its folder."""

    def __init__(self, document: Path) -> None:
        self.folder = document.resolve().parent
        self.document = str(document.resolve())
        self.count = 0

    def read(self, name: str, line: int) -> tuple[str, str]:
        """The text of ``\\input{name}`` and the file's resolved path (its key)."""
        if not name or "\x00" in name:
            raise DocumentError("\\input of an empty name", line=line)
        candidate = Path(name)
        if candidate.is_absolute():
            raise DocumentError(
                f"\\input{{{name}}}: an absolute path; only files under the document's "
                "folder are read",
                line=line,
            )
        if candidate.suffix == "":
            candidate = candidate.with_suffix(".tex")
        if candidate.suffix != ".tex":
            raise DocumentError(f"\\input{{{name}}}: only .tex files are read", line=line)
        resolved = (self.folder / candidate).resolve()
        if not resolved.is_relative_to(self.folder):
            raise DocumentError(
                f"\\input{{{name}}}: the file is outside the document's folder; only files "
                "under it are read",
                line=line,
            )
        self.count += 1
        if self.count > MAX_INPUT_FILES:
            raise DocumentError(f"more than {MAX_INPUT_FILES} \\input files", line=line)
        return read_text_file(resolved, f"\\input{{{name}}}"), str(resolved)
