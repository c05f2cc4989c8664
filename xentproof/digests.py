"""Digests that key what is kept between runs (the proof cache's entries and file
records) and which daemon may answer: of texts, and of SymPy's release without importing
SymPy.

Low and light on purpose: the ``xentproof`` script computes a daemon's identity with these
before it imports anything else of the package (``xentproof.daemon_link``).
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Iterable
from pathlib import Path

from .errors import InputError
from .files import read_bounded

RELEASE_BYTES = 1_000_000  # SymPy's release.py is a few lines; more is not read


def digest_of(parts: Iterable[str | bytes]) -> str:
    """SHA-256 of the parts, each ended by a zero byte."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\x00")
    return digest.hexdigest()


def sympy_release() -> str | None:
    """A digest of SymPy's ``release.py`` (which holds its version), found without
    importing SymPy; None when it cannot be read."""
    try:
        spec = importlib.util.find_spec("sympy")
    except (ImportError, ValueError):
        return None
    locations = None if spec is None else spec.submodule_search_locations
    if not locations:
        return None
    try:
        data = read_bounded(Path(next(iter(locations))) / "release.py", RELEASE_BYTES)
    except InputError:
        return None
    return digest_of((data,))
