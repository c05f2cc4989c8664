"""A digest of xentproof's own source: what keys the proof cache besides the inputs, so
that a change to the prover without a version bump never reuses a verdict it decided.

The digest is of the content of every ``*.py`` file of the package (its path inside the
package and its bytes), computed once per process. Reading and hashing the whole package
(about 1 MB) costs a warm run several milliseconds, more than the rest of its key; so a
store of signed records (the proof cache) remembers the content digest under a digest of
every file's ``stat``: path, size, modification and status-change times, inode. A file
rewritten in any way changes its status-change time (which no tool can set back), so the
remembered digest is used only for files untouched since it was computed, and any other
state is hashed by content (a checkout that rewrites files with the same bytes gets the
same digest, and the records made before it still hold).

A forked worker process inherits the digest of its parent.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any, Protocol

# The package whose source keys the cache (a test points it at a copy).
PACKAGE = Path(__file__).resolve().parent
_known: dict[Path, str] = {}  # the package's digest, once computed in this process


class RecordStore(Protocol):
    """Where the content digest is remembered under the files' ``stat`` (``ProofCache``)."""

    def get_record(self, key: str) -> Any: ...

    def put_record(self, key: str, record: Any) -> None: ...


def source_digest(store: RecordStore | None = None) -> str:
    """The digest of the package's source, from ``store``'s memory when the files are as
    they were when it was computed, else by content (and then remembered there)."""
    root = PACKAGE
    if root in _known:
        return _known[root]
    files = _source_files(root)
    by_stat = stat_digest(files)
    remembered = store.get_record(by_stat) if store is not None else None
    if isinstance(remembered, dict) and isinstance(remembered.get("source"), str):
        digest: str = remembered["source"]
    else:
        digest = content_digest(root, files)
        if store is not None:
            store.put_record(by_stat, {"source": digest})
    _known[root] = digest
    return digest


def stat_digest(files: list[tuple[str, str]] | None = None) -> str:
    """A digest of every source file's ``stat`` (path, size, times, inode): it changes
    whenever any file of the package is written, and costs no reading of their bytes
    (``files``: ``_source_files(PACKAGE)``, when known)."""
    listed = _source_files(PACKAGE) if files is None else files
    return _digest(["source by stat", *(_stat_line(n, p) for n, p in listed)])


def content_digest(root: Path, files: list[tuple[str, str]] | None = None) -> str:
    """The digest of the bytes of every ``*.py`` file under ``root``, with their paths
    (``files``: ``_source_files(root)``, when known)."""
    parts: list[str | bytes] = ["source by content"]
    for name, path in _source_files(root) if files is None else files:
        parts.append(name)
        try:
            with open(path, "rb") as handle:
                parts.append(handle.read())
        except OSError:
            parts.append(b"unreadable")
    return _digest(parts)


def forget() -> None:
    """Compute the digest again on next use (for tests that change the source)."""
    _known.clear()


def _source_files(root: Path) -> list[tuple[str, str]]:
    """Every ``*.py`` file under ``root``: its path inside ``root`` (with ``/``) and its
    path, in order."""
    found: list[tuple[str, str]] = []
    todo = [("", str(root))]
    while todo:
        prefix, folder = todo.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    todo.append((f"{prefix}{entry.name}/", entry.path))
            elif entry.name.endswith(".py"):
                found.append((prefix + entry.name, entry.path))
    return sorted(found)


def _stat_line(name: str, path: str) -> str:
    try:
        st = os.stat(path)
    except OSError:
        return f"{name} unreadable"
    return f"{name} {st.st_size} {st.st_mtime_ns} {st.st_ctime_ns} {st.st_ino}"


def _digest(parts: list[str | bytes] | list[str]) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\x00")
    return digest.hexdigest()
