"""A document's sidecar, ``FILE.xentproof.toml`` beside ``FILE.tex`` or ``FILE.md``: the
same declarations as a derivation file, for an author who keeps the document clean.

```toml
title = "…"                       # the report's title for the document
[symbols]                         # as in a derivation file
yhat = "(0, 1)"
[functions]
g = "t -> 1/(1 + exp(-t))"
[latex]
yhat = "\\\\hat{y}"
directives = '''                  # directives, one per line, as the document would write them
symbols: s \\in \\mathbb{R}
'''
macros = '''\\newcommand{\\yi}{y^{(i)}}'''   # macro definitions the document's preamble lacks
skip-inputs = ["../../style/preamble"]   # \\input files not to read (outside the folder)
[labels."eq:loss"]                # settings for the display or row with this \\label
expect = "refuted"                # also: rule, accept, note (the row's relation);
                                  # skip, check, where (the display)
```
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..discovery import SIDECAR_SUFFIX
from ..errors import FileFormatError
from ..loader.lines import FileLines
from ..loader.values import check_keys, expect_type
from .files import read_text_file

KEYS = (
    "title",
    "source",
    "symbols",
    "functions",
    "latex",
    "directives",
    "macros",
    "skip-inputs",
    "labels",
)
LABEL_KEYS = ("expect", "rule", "accept", "note", "skip", "check", "where")


@dataclass(frozen=True)
class Sidecar:
    """A sidecar's content, checked for shape."""

    path: str
    lines: FileLines
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def labels(self) -> dict[str, dict[str, Any]]:
        return dict(self.data.get("labels", {}))

    @property
    def skip_inputs(self) -> frozenset[str]:
        return frozenset(self.data.get("skip-inputs", ()))


def sidecar_path(document: Path) -> Path:
    return document.with_name(document.stem + SIDECAR_SUFFIX)


def read_sidecar(document: Path) -> Sidecar | None:
    """The sidecar beside ``document``, or None."""
    path = sidecar_path(document)
    if not path.exists():
        return None
    text = read_text_file(path, "the sidecar")
    name = str(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise FileFormatError(f"not valid TOML: {error}", file=name) from None
    lines = FileLines(text)
    try:
        check_keys(data, KEYS, "sidecar ", 1)
        for key in ("title", "source", "directives", "macros"):
            if key in data:
                expect_type(data[key], str, key, lines.key("", key))
        for key in ("symbols", "functions", "latex", "labels"):
            expect_type(data.get(key, {}), dict, f"[{key}]", lines.key("", key))
        for item in expect_type(data.get("skip-inputs", []), list, "skip-inputs", 1):
            expect_type(item, str, "an entry of skip-inputs", 1)
        for label, options in data.get("labels", {}).items():
            expect_type(options, dict, f"[labels.{label}]", 1)
            check_keys(options, LABEL_KEYS, "label ", 1)
    except FileFormatError as error:
        raise error.at(name, None) from None
    return Sidecar(name, lines, data)
