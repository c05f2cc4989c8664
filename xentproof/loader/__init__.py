"""Derivation file (TOML) → ``Derivation``, with the line of every symbol, function and step.

The loader never proves. Every error it raises names the file and line and says what was
expected. The modules: ``lines`` (where each item is written: ``tomllib`` gives no
positions), ``values`` (shape checks of values and keys), ``declarations`` (``[symbols]``,
``[functions]``, ``[latex]``, and reading an expression in what they declare), ``tables``
(the top level and each ``[[chain]]``), ``steps`` (one step of a chain) and ``nesting``
(how deep the TOML nests, before ``tomllib`` reads it). The file itself is read by
``xentproof.files``: a regular file only, and never more than ``MAX_FILE_BYTES``.

An error about the file as a whole (not a regular file, too large) is placed at line 1,
as the loader places every error about the file as a whole ("the file has no [[chain]]").
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from ..errors import FileFormatError, XentproofError
from ..files import read_bounded
from ..model import Derivation
from .lines import FileLines
from .nesting import MAX_NESTING, scan_nesting
from .tables import DerivationReader

MAX_FILE_BYTES = 1_000_000
_TOML_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")


def load_file(path: str | Path) -> Derivation:
    """Read one derivation file; raises an ``InputError`` that names file and line."""
    name = str(path)
    try:
        raw = read_bounded(Path(path), MAX_FILE_BYTES)
    except FileFormatError as error:
        raise error.at(name, 1) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise FileFormatError(
            f"the file is not UTF-8 text (byte {error.start})", file=name, line=line
        ) from None
    return load_text(text, name)


def load_text(text: str, path: str = "<string>") -> Derivation:
    """Read a derivation from its text; ``path`` names it in errors."""
    nesting = scan_nesting(text)
    if nesting.too_deep is not None:
        raise FileFormatError(
            f"arrays and tables nest more than {MAX_NESTING} deep", file=path, line=nesting.too_deep
        )
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _toml_error(str(error), text, path) from None
    except RecursionError:  # the scan above bounds the nesting: a backstop only
        raise FileFormatError("the TOML nests too deep to be read", file=path, line=1) from None
    try:
        return DerivationReader(data, FileLines(text), path).derivation()
    except XentproofError as error:
        raise error.at(path, None) from None


def may_declare_lemma_text(text: str) -> bool:
    """Whether a derivation file's text may declare a lemma: false only when it reads as
    TOML and none of its ``[[chain]]`` tables has a ``lemma`` key (escapes in the key
    read by ``tomllib``, as the loader reads them); true when it cannot be read so (the
    loader then reads it, and says what is wrong)."""
    if scan_nesting(text).too_deep is not None:
        return True
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        return True
    chains = data.get("chain")
    if not isinstance(chains, list):
        return True
    return any(not isinstance(chain, dict) or "lemma" in chain for chain in chains)


def _toml_error(message: str, text: str, path: str) -> FileFormatError:
    """``tomllib``'s error at its line; one "at end of document" at the line where the value
    or string left open was opened (else the last line)."""
    where = _TOML_LINE.search(message)
    line = int(where.group(1)) if where else None
    if line is None and "at end of document" in message:
        opened = scan_nesting(text, len(text) + 1).unclosed
        line = opened if opened is not None else max(1, len(text.splitlines()))
        message = message.replace("(at end of document)", "(at the end of the file)")
    message = _TOML_LINE.sub("", message).strip()
    return FileFormatError(f"not valid TOML: {message}", file=path, line=line)
