"""Derivation file (TOML) → ``Derivation``, with the line of every symbol, function and step.

The loader never proves. Every error it raises names the file and line and says what was
expected. The modules: ``lines`` (where each item is written: ``tomllib`` gives no
positions), ``values`` (shape checks of values and keys), ``declarations`` (``[symbols]``,
``[functions]``, ``[latex]``, and reading an expression in what they declare), ``tables``
(the top level and each ``[[chain]]``) and ``steps`` (one step of a chain).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from ..errors import FileFormatError, XentproofError
from ..model import Derivation
from .lines import FileLines
from .tables import DerivationReader

MAX_FILE_BYTES = 1_000_000
_TOML_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")


def load_file(path: str | Path) -> Derivation:
    """Read one derivation file; raises an ``InputError`` that names file and line."""
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise FileFormatError(
            f"cannot read the file: {error.strerror or error}", file=name
        ) from None
    if len(raw) > MAX_FILE_BYTES:
        raise FileFormatError(f"the file is larger than {MAX_FILE_BYTES} bytes", file=name)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise FileFormatError(
            f"the file is not UTF-8 text (byte {error.start})", file=name
        ) from None
    return load_text(text, name)


def load_text(text: str, path: str = "<string>") -> Derivation:
    """Read a derivation from its text; ``path`` names it in errors."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        where = _TOML_LINE.search(message)
        line = int(where.group(1)) if where else None
        message = _TOML_LINE.sub("", message).strip()
        raise FileFormatError(f"not valid TOML: {message}", file=path, line=line) from None
    try:
        return DerivationReader(data, FileLines(text), path).derivation()
    except XentproofError as error:
        raise error.at(path, None) from None
