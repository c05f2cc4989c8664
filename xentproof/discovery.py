"""What a derivation file is: the one rule that the command line, the library and the pytest
plugin apply (README, "What is checked").

A ``*.toml`` file named on the command line (or given to pytest as an argument) is read as a
derivation file whatever it holds, as pytest collects a test file named on its command line
whatever its name (and ruff checks a file it is given); the command line reads a file it is
given under any other name as a derivation file too (the loader says what is wrong with it).
In a folder that is searched, a ``*.toml`` file is a derivation file when it declares
chains: a ``[[chain]]`` table header, or a top-level ``chain = …`` key. So
``pyproject.toml``, a ``ruff.toml`` or any other TOML beside the derivations is not read, and
a derivation file that is broken (a TOML error after its ``[[chain]]``) is still found and
reported, by the command line and the plugin alike. A file whose head cannot be read (a
FIFO, a device, a file over the size limit) is taken as a derivation file, so that the
loader refuses it at its name rather than the search passing over it in silence.

A document (``*.tex``, ``*.md``, ``*.markdown``) named is read; found in a folder, it is read
when it holds a display (a README without mathematics is no document to check). A sidecar
(``FILE.xentproof.toml``) belongs to its document and is never read as a derivation file when
found in a folder. Nothing else decides what is read.
Nothing here imports SymPy: the pytest plugin asks before any check runs.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from .errors import InputError
from .files import read_bounded

FileKind = Literal["derivation", "document"]

DERIVATION_SUFFIX = ".toml"
SIDECAR_SUFFIX = ".xentproof.toml"
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
DOCUMENT_SUFFIXES = frozenset({".tex", *MARKDOWN_SUFFIXES})
SNIFF_BYTES = 1_000_000  # the loader's limit: a larger file is refused when it is read

# A ``[[chain]]`` header (the key may be quoted), or a top-level ``chain =`` key: one that
# comes before the first table header of the file.
_CHAIN_HEADER = re.compile(r"""^[ \t]*\[\[[ \t]*(?:chain|"chain"|'chain')[ \t]*\]\]""", re.M)
_FIRST_HEADER = re.compile(r"^[ \t]*\[", re.M)
_CHAIN_KEY = re.compile(r"""^[ \t]*(?:chain|"chain"|'chain')[ \t]*=""", re.M)


def file_kind(path: Path, *, named: bool) -> FileKind | None:
    """The kind of input ``path`` is, or None when it is not one to read.

    ``named``: the user named this file (on the command line, as a pytest argument), rather
    than it being found by searching a folder.
    """
    if is_document(path):
        return "document" if named or looks_like_document(path) else None
    if is_candidate(path) and (named or declares_chains(path)):
        return "derivation"
    return None


def is_candidate(path: Path) -> bool:
    """Whether a file found in a folder may be an input, by its name alone (nothing is
    read): the files that are then looked into, or refused when they link out of it."""
    if is_document(path):
        return True
    return path.suffix == DERIVATION_SUFFIX and not is_sidecar(path)


def is_document(path: str | Path) -> bool:
    """Whether ``path`` names a document (by its suffix), not a derivation file."""
    return Path(path).suffix.lower() in DOCUMENT_SUFFIXES


def is_sidecar(path: Path) -> bool:
    """Whether ``path`` is a document's sidecar (``FILE.xentproof.toml``)."""
    return path.name.endswith(SIDECAR_SUFFIX)


_DISPLAY_MARK = re.compile(
    rb"\$\$|\\\[|\\begin\s*\{(?:equation|align|gather|multline|eqnarray|flalign|alignat"
    rb"|displaymath)|^\s*(?:```|~~~)\s*math",
    re.MULTILINE,
)


def looks_like_document(path: Path) -> bool:
    """Whether a ``.tex`` or ``.md`` file found in a folder holds a display at all (true
    when it cannot be read: reading it then reports why)."""
    if not path.is_file():  # a FIFO or a device: never opened here
        return True
    try:
        head = read_bounded(path, SNIFF_BYTES)
    except InputError:
        return True
    return _DISPLAY_MARK.search(head) is not None


def declares_chains(path: Path) -> bool:
    """Whether the TOML file at ``path`` declares chains (true when it cannot be read)."""
    try:
        text = read_bounded(path, SNIFF_BYTES).decode("utf-8", errors="replace")
    except InputError:
        return True
    if _CHAIN_HEADER.search(text):
        return True
    first_table = _FIRST_HEADER.search(text)
    top_level = text if first_table is None else text[: first_table.start()]
    return _CHAIN_KEY.search(top_level) is not None


def may_declare_lemma(data: bytes) -> bool:
    """Whether a derivation file's bytes may declare a lemma, conservatively: a file whose
    text holds ``lemma`` in any case, or a TOML escape (``\\u``, ``\\U``) that could spell
    the key, may; one without declares none (its lemma library need not parse it)."""
    return b"lemma" in data.lower() or b"\\u" in data or b"\\U" in data
