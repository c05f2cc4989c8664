"""Reading a run's inputs: the derivation files named, the lemma library beside them, and
the checks that need every file at once (a lemma name is declared once and is no built-in
rule's; a cited rule must exist somewhere in the run).

An unreadable file is an ``InputProblem`` and the rest go on; nothing here proves.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from .discovery import file_kind, is_document, may_declare_lemma
from .errors import FileFormatError, InputError, RuleError
from .files import read_bounded
from .loader import MAX_FILE_BYTES, load_file, load_text, may_declare_lemma_text
from .model import Derivation
from .result import InputProblem
from .rules import BUILTIN_RULES
from .scan import find_files, inside_folder, scan_paths

__all__ = [
    "Inputs",
    "check_citations",
    "claim_lemma_names",
    "find_files",
    "lemma_library",
    "lemma_names",
    "read_inputs",
    "scan_paths",
]


@dataclass(frozen=True)
class Inputs:
    """What a run reads: the derivations to check, the files that could not be read (or
    cite an unknown rule), and the lemma library (neighbouring files that declare lemmas:
    their lemma chains are proved so that they can be cited, but not reported)."""

    derivations: tuple[Derivation, ...]
    problems: tuple[InputProblem, ...] = ()
    library: tuple[Derivation, ...] = ()


def _load_document(path: Path) -> Derivation:
    """A document's derivation. The document reader is imported only for a document: a
    run of derivation files alone does not pay for it (about 0.03 s of CPU)."""
    from .document import load_document

    return load_document(path)


def read_inputs(
    paths: Sequence[str | Path],
    texts: Mapping[str, bytes] | None = None,
    run_files: Sequence[Path] | None = None,
) -> Inputs:
    """Read every file under ``paths`` and every text of ``texts`` (name → bytes, as if read
    from a file of that name), the lemma library, and check every citation.

    ``run_files``: when ``paths`` names only part of a run's files (those the proof cache
    does not answer for, and those that may declare lemmas), every file of the run, so
    that the lemma library is the whole run's."""
    derivations: list[Derivation] = []
    files, problems = scan_paths(paths)
    sources: list[tuple[Path, Callable[[], Derivation]]] = [
        (path, partial(_load_document if is_document(path) else load_file, path)) for path in files
    ]
    sources += [
        (Path(name), partial(_load_bytes, name, raw)) for name, raw in (texts or {}).items()
    ]
    for path, load in sources:
        try:
            derivations.append(load())
        except InputError as error:
            problems.append(InputProblem(error.file or str(path), error.line, error.message))
    # a text without a file's name ("<stdin>") has no folder, so no neighbours
    named = [path for path, _ in sources if not path.name.startswith("<")]
    library = lemma_library(named if run_files is None else run_files)
    derivations, claimed, library = claim_lemma_names(derivations, library)
    problems.extend(claimed)
    known = {r.name for r in BUILTIN_RULES} | set(lemma_names([*derivations, *library]))
    usable: list[Derivation] = []
    for derivation in derivations:
        try:
            check_citations(derivation, known)
        except RuleError as error:
            problems.append(InputProblem(derivation.path, error.line, error.message))
            continue
        usable.append(derivation)
    return Inputs(tuple(usable), tuple(problems), tuple(library))


def _load_bytes(name: str, raw: bytes) -> Derivation:
    """A derivation from the bytes of a file that was not read as one (standard input)."""
    if len(raw) > MAX_FILE_BYTES:
        raise FileFormatError(f"the text is larger than {MAX_FILE_BYTES} bytes", file=name)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise FileFormatError(
            f"the text is not UTF-8 (byte {error.start})", file=name, line=line
        ) from None
    return load_text(text, name)


def lemma_library(files: Sequence[Path]) -> list[Derivation]:
    """Derivations beside the checked files that declare lemmas, so that checking one file
    can cite a lemma proved in its neighbour (``derivations/sigmoid.toml``). Only what lies
    in the folder is read (a link to a file outside it is not followed), and only regular
    files (the loader refuses a FIFO or a device without waiting on it)."""
    library: list[Derivation] = []
    for folder in dict.fromkeys(f.parent for f in files):
        inside = folder.resolve()
        for path in sorted(folder.glob("*.toml")):
            if path in files or not inside_folder(path, inside) or not file_kind(path, named=False):
                continue
            if not _may_declare_lemma(path):
                continue  # no lemma can be declared in it: not parsed (SymPy) for nothing
            try:
                derivation = load_file(path)
            except InputError:
                continue  # a broken neighbour is reported when it is itself checked
            if any(c.lemma for c in derivation.chains):
                library.append(derivation)
    return library


def _may_declare_lemma(path: Path) -> bool:
    """Whether the file at ``path`` may declare a lemma: its bytes first (a file without
    ``lemma`` or an escape declares none), then its TOML (a file that mentions the word
    but whose chains have no ``lemma`` key declares none); true when it cannot be read."""
    try:
        raw = read_bounded(path, MAX_FILE_BYTES)
    except InputError:
        return True
    if not may_declare_lemma(raw):
        return False
    try:
        return may_declare_lemma_text(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return True


def claim_lemma_names(
    derivations: Sequence[Derivation], library: Sequence[Derivation] = ()
) -> tuple[list[Derivation], list[InputProblem], list[Derivation]]:
    """Give every lemma name to one chain: the first that declares it, the files checked
    before the library. A name that a built-in rule or an earlier chain has already taken
    is an input problem of the file checked that declares it again (its chain is then
    checked as an ordinary chain, and the rest of the run goes on); in the library it is
    left out without a word, as a broken neighbour is (it is reported when it is checked).

    Returns the derivations checked, the problems, and the library (the files that still
    declare a lemma).
    """
    taken: dict[str, str] = {r.name: "a built-in rule" for r in BUILTIN_RULES}
    problems: list[InputProblem] = []

    def claim(derivation: Derivation, report: bool) -> Derivation:
        chains = []
        for chain in derivation.chains:
            name = chain.lemma
            if name is not None and name in taken:
                if report:
                    problems.append(
                        InputProblem(
                            derivation.path,
                            chain.line,
                            f"lemma name {name!r} is already taken by {taken[name]}; "
                            "give this lemma another name",
                        )
                    )
                chain = replace(chain, lemma=None)
            elif name is not None:
                taken[name] = f"the lemma at {derivation.path}:{chain.line}"
            chains.append(chain)
        if all(a is b for a, b in zip(chains, derivation.chains, strict=True)):
            return derivation
        return replace(derivation, chains=tuple(chains))

    checked = [claim(d, report=True) for d in derivations]
    kept = [claim(d, report=False) for d in library]
    return checked, problems, [d for d in kept if any(c.lemma for c in d.chains)]


def lemma_names(derivations: Sequence[Derivation]) -> dict[str, tuple[str, int]]:
    """Every lemma the files declare, with where it is declared (first declaration)."""
    found: dict[str, tuple[str, int]] = {}
    for d in derivations:
        for c in d.chains:
            if c.lemma is not None and c.lemma not in found:
                found[c.lemma] = (d.path, c.line)
    return found


def check_citations(derivation: Derivation, known: set[str]) -> None:
    """Raise ``RuleError`` at the first step that cites a rule no file of the run provides."""
    for chain in derivation.chains:
        for step in chain.steps:
            for name in step.cited:
                if name in known:
                    continue
                close = difflib.get_close_matches(name, sorted(known), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise RuleError(
                    f"unknown rule {name!r}{hint}; `xentproof rules` lists them", line=step.line
                )
