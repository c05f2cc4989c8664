"""The proof cache: a relation already decided is not decided again, and a
file whose verdicts are all known is not even read.

An entry is keyed by a hash of everything that decides the verdict: the two steps and the
relation, the domains and definitions, the chain's fixed values, the cited rule (and, for a
lemma, its statement), the time budget, xentproof's source (``xentproof.source``: a prover
changed without a version bump decides again) and SymPy's version. Entries
are signed with a secret kept outside the project (HMAC-SHA256), so an entry that is
corrupt, or was written anywhere else (a cache directory committed to a pull request), does
not verify and is ignored: the relation is decided again. Time-outs are never cached.

The folder is in the project, so whatever a pull request commits there is read and written
as hostile: an entry is read only from a regular file and only up to ``MAX_ENTRY_BYTES``
(a link to ``/dev/zero`` named as an entry is ignored, not read until memory runs out), and
an entry is written to a new file (``O_EXCL``, ``O_NOFOLLOW``), so that a link committed
under the temporary name is never written through.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import re
import secrets
import stat
import sys
from collections.abc import Iterable
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from .digests import digest_of
from .errors import InputError
from .files import read_bounded
from .result import Counterexample, Decision, Verdict
from .settings import CACHE_DIR
from .source import source_digest
from .version import __version__

FORMAT = 1
MAX_ENTRY_BYTES = 1_000_000  # an entry holds one decision: a few kilobytes
# The cache's size cap: after a run the least recently used entries are removed down to
# it. Entries of relations that no longer exist are never used again, so they go first.
MAX_CACHE_BYTES = 50_000_000
_ENTRY_NAME = re.compile(r"[0-9a-f]{64}\.json")
_TEMPORARY_NAME = re.compile(r"\.[0-9a-f]{64}\.[0-9]+\.tmp")
# An entry keeps a relation's ``Decision``; where the relation is written is not part of it.
_FIELDS = frozenset(f.name for f in fields(Decision))


def _secret_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "xentproof" / "secret"


_SECRET_BYTES = 32


def _secret() -> bytes:
    """This user's signing key, made on first use.

    Several worker processes may ask at once: the key is written to a file of its own and
    linked into place, so every process ends up reading the same complete key.
    """
    path = _secret_path()
    try:
        key = path.read_bytes()
        if len(key) == _SECRET_BYTES:
            return key
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".secret.{os.getpid()}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(secrets.token_bytes(_SECRET_BYTES))
    try:
        os.link(temporary, path)  # fails if another process was first: use theirs
    except FileExistsError:
        if len(path.read_bytes()) != _SECRET_BYTES:  # a damaged key: replace it
            os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return path.read_bytes()


def key_of(parts: Iterable[str]) -> str:
    """The cache key of a relation from the texts that decide it (SymPy is imported by
    then: the relation was built with it)."""
    version = str(getattr(sys.modules.get("sympy"), "__version__", "not imported"))
    return digest_of(
        (
            f"xentproof {__version__}",
            f"source {source_digest()}",
            f"sympy {version}",
            f"format {FORMAT}",
            *parts,
        )
    )


class ProofCache:
    def __init__(self, directory: Path = Path(CACHE_DIR), max_bytes: int = MAX_CACHE_BYTES) -> None:
        self.directory = directory
        self.max_bytes = max_bytes
        self._key: bytes | None = None

    def _sign(self, text: str) -> str:
        if self._key is None:
            self._key = _secret()
        return hmac.new(self._key, text.encode(), hashlib.sha256).hexdigest()

    def get(self, key: str) -> Decision | None:
        """The decision stored under ``key``, or None (missing, corrupt, foreign)."""
        try:
            data = self._read(key, "result")
            return None if data is None else _decode(data)
        except (ValueError, KeyError, TypeError, AttributeError):
            return None

    def get_record(self, key: str) -> Any:
        """The file record stored under ``key`` (JSON values, as ``put_record`` was given
        them), or None (missing, corrupt, foreign)."""
        return self._read(key, "record")

    def _read(self, key: str, field: str) -> Any:
        """The signed value of ``field`` in the entry of ``key``, or None; a value that is
        found is marked used (the last entries the size cap removes)."""
        path = self.directory / f"{key}.json"
        try:
            entry = json.loads(read_bounded(path, MAX_ENTRY_BYTES).decode("utf-8"))
            body = json.dumps(entry[field], sort_keys=True, ensure_ascii=False)
            valid = (
                entry.get("format") == FORMAT
                and entry.get("key") == key
                and hmac.compare_digest(entry.get("signature", ""), self._sign(key + body))
            )
        except (InputError, OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        if not valid:
            return None
        with contextlib.suppress(OSError, NotImplementedError):
            os.utime(path, follow_symlinks=False)
        return entry[field]

    def prune(self) -> int:
        """Remove the least recently used entries until the cache is within ``max_bytes``;
        returns how many were removed."""
        entries = sorted(cache_entries(self.directory), key=lambda e: e[2])  # oldest first
        total = sum(size for _, size, _ in entries)
        removed = 0
        for path, size, _ in entries:
            if total <= self.max_bytes:
                break
            with contextlib.suppress(OSError):
                path.unlink()
                total -= size
                removed += 1
        return removed

    def clear(self) -> int:
        """Remove every entry (and what this cache wrote beside them); returns how many
        entries. Only names this cache writes are removed, never through a link."""
        removed = 0
        try:
            names = os.listdir(self.directory)
        except OSError:
            return 0
        for name in names:
            if _ENTRY_NAME.fullmatch(name) or _TEMPORARY_NAME.fullmatch(name):
                with contextlib.suppress(OSError):
                    (self.directory / name).unlink()  # unlink removes a link, not its target
                    removed += bool(_ENTRY_NAME.fullmatch(name))
        with contextlib.suppress(OSError):
            if os.listdir(self.directory) == [".gitignore"]:  # nothing else was put there
                (self.directory / ".gitignore").unlink()
                self.directory.rmdir()
        return removed

    def put(self, key: str, decision: Decision) -> None:
        self._write(key, "result", _encode(decision))

    def put_record(self, key: str, record: Any) -> None:
        """Keep a file record (JSON values) under ``key``."""
        self._write(key, "record", record)

    def _write(self, key: str, field: str, value: Any) -> None:
        body = json.dumps(value, sort_keys=True, ensure_ascii=False)
        try:
            entry = {
                "format": FORMAT,
                "key": key,
                field: value,
                "signature": self._sign(key + body),
            }
            self.directory.mkdir(parents=True, exist_ok=True)
            ignore = self.directory / ".gitignore"
            if not ignore.exists() and not ignore.is_symlink():
                with contextlib.suppress(FileExistsError):
                    _write_new(ignore, "*\n")
            temporary = self.directory / f".{key}.{os.getpid()}.tmp"
            _write_new(temporary, json.dumps(entry, ensure_ascii=False))
            temporary.replace(self.directory / f"{key}.json")
        except OSError:
            pass  # a cache that cannot be written only costs time


def cache_entries(directory: Path) -> list[tuple[Path, int, float]]:
    """The entries in ``directory``: path, bytes and last use, for regular files only (a
    link or a folder under an entry's name is not counted, and never followed)."""
    found = []
    try:
        names = os.listdir(directory)
    except OSError:
        return []
    for name in names:
        if not _ENTRY_NAME.fullmatch(name):
            continue
        try:
            status = os.lstat(directory / name)
        except OSError:
            continue
        if stat.S_ISREG(status.st_mode):
            found.append((directory / name, status.st_size, status.st_mtime))
    return found


def _write_new(path: Path, text: str) -> None:
    """Write ``text`` to a file that does not exist yet: never through a link put there."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    with os.fdopen(os.open(path, flags, 0o644), "w", encoding="utf-8") as out:
        out.write(text)


def _encode(decision: Decision) -> dict[str, Any]:
    """The decision as JSON values (the same keys as its fields)."""
    example = decision.counterexample
    return {
        "verdict": decision.verdict.value,
        "method": decision.method,
        "conditions": list(decision.conditions),
        "counterexample": None if example is None else asdict(example),
        "evidence": decision.evidence,
        "reason": decision.reason,
        "warnings": list(decision.warnings),
        "agreeing": decision.agreeing,
        "undefined_points": decision.undefined_points,
        "numeric_objection": decision.numeric_objection,
    }


def _decode(data: dict[str, Any]) -> Decision:
    if set(data) != _FIELDS:
        raise ValueError("unexpected fields")
    example = data["counterexample"]
    return Decision(
        verdict=Verdict(data["verdict"]),
        method=str(data["method"]),
        conditions=tuple(str(c) for c in data["conditions"]),
        counterexample=None
        if example is None
        else Counterexample(
            point={str(k): str(v) for k, v in example["point"].items()},
            lhs=str(example["lhs"]),
            rhs=str(example["rhs"]),
            lhs_approx=str(example["lhs_approx"]),
            rhs_approx=str(example["rhs_approx"]),
        ),
        evidence=str(data["evidence"]),
        reason=str(data["reason"]),
        warnings=tuple(str(w) for w in data["warnings"]),
        agreeing=int(data["agreeing"]),
        undefined_points=int(data["undefined_points"]),
        numeric_objection=str(data["numeric_objection"]),
    )
