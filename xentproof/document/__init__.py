"""The document reader: a paper (``.tex``) or a post (``.md``) → the same ``Derivation`` a
derivation file reads to, its displays as chains, every step with its own line.

The pieces, in the order a document goes through them: ``files`` (reading, bounded, and
``\\input`` within the document's folder), ``tex_scan`` / ``markdown_scan`` (displays,
directives and macro definitions, in order), ``macros`` (expansion, bounded), ``rows`` and
``chains`` (a display's rows and the chains they write), ``directives`` (what the prose
says, as comments), ``sidecar`` (``FILE.xentproof.toml``), ``names`` and ``heads`` (names
and definitions as LaTeX writes them), ``scope`` (what is declared so far, and reading a
step in it) and ``reader`` (the whole, with a record of every display).
"""

from __future__ import annotations

from pathlib import Path

from ..discovery import (
    DOCUMENT_SUFFIXES,
    MARKDOWN_SUFFIXES,
    is_document,
    is_sidecar,
    looks_like_document,
)
from ..errors import DocumentError, InputError, XentproofError
from ..model import Derivation
from ..tex.macros import Macro
from .directives import Scope, parse_directives
from .files import InputFiles, read_text_file
from .markdown_scan import scan_markdown
from .reader import DocumentReader
from .records import MacroEvent, Scan
from .scope import DocumentScope
from .sidecar import Sidecar, read_sidecar, sidecar_path
from .tex_scan import InputReader, scan_tex

__all__ = [
    "DOCUMENT_SUFFIXES",
    "is_document",
    "is_sidecar",
    "load_document",
    "load_document_text",
    "looks_like_document",
    "sidecar_path",
]


def load_document(path: str | Path) -> Derivation:
    """Read one document (and its sidecar); raises an ``InputError`` naming file and line."""
    document = Path(path)
    name = str(path)
    try:
        text = read_text_file(document, "the document")
        sidecar = read_sidecar(document)
        files = InputFiles(document)
        skipped = sidecar.skip_inputs if sidecar is not None else frozenset()

        def read_input(input_name: str, line: int) -> tuple[str, str]:
            if input_name in skipped:
                return "", f"skipped:{input_name}"
            return files.read(input_name, line)

        markdown = document.suffix.lower() in MARKDOWN_SUFFIXES
        return read_document(text, name, markdown, sidecar, read_input, files.document)
    except XentproofError as error:
        raise error.at(name, None) from None


def load_document_text(text: str, path: str = "<string>", *, markdown: bool = False) -> Derivation:
    """Read a document from its text (no sidecar, no ``\\input``); ``path`` names it."""
    try:
        return read_document(text, path, markdown, None, None, path)
    except XentproofError as error:
        raise error.at(path, None) from None


def read_document(
    text: str,
    path: str,
    markdown: bool,
    sidecar: Sidecar | None,
    read_input: InputReader | None,
    key: str,
) -> Derivation:
    if markdown:
        scan: Scan = scan_markdown(text)
    else:
        scan = scan_tex(text, read_input, key)
    scope = DocumentScope(sidecar.lines if sidecar is not None else None)
    reader = DocumentReader(path, text, scan, scope, markdown)
    if sidecar is not None:
        _apply_sidecar(sidecar, scope, reader)
    return reader.read()


def _apply_sidecar(sidecar: Sidecar, scope: DocumentScope, reader: DocumentReader) -> None:
    """The sidecar's tables, macros and directives, before the document's own."""
    data = sidecar.data
    try:
        declarations = scope.declarations
        declarations.read_symbols(data.get("symbols", {}))
        declarations.read_functions(data.get("functions", {}))
        declarations.read_notation(data.get("latex", {}))
        macros: dict[str, Macro] = {}
        for event in scan_tex(data.get("macros", "")).events:
            if isinstance(event, MacroEvent):
                event.definition.apply(macros)
        reader.macros.update(macros)
        reader.labels = sidecar.labels
        directives_text = data.get("directives", "")
        first = sidecar.lines.key("", "directives")
        for number, line in enumerate(directives_text.splitlines(), start=first + 1):
            for directive in parse_directives(line, number, -1):
                if directive.scope is not Scope.DOCUMENT:
                    raise DocumentError(
                        f"{directive.kind}: a sidecar holds directives for the whole "
                        "document; use [labels.…] for one display",
                        line=number,
                    )
                reader.directive(directive)
        if "title" in data:
            reader.title = data["title"]
    except InputError as error:
        raise error.at(sidecar.path, None) from None
