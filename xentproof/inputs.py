"""Reading a run's inputs: the derivation files named, the lemma library beside them, and
the checks that need every file at once (a lemma name is declared once and is no built-in
rule's; a cited rule must exist somewhere in the run).

An unreadable file is an ``InputProblem`` and the rest go on; nothing here proves.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from .discovery import file_kind, is_candidate, is_document
from .document import load_document
from .errors import FileFormatError, InputError, RuleError
from .loader import MAX_FILE_BYTES, load_file, load_text
from .model import Derivation
from .result import InputProblem
from .rules import BUILTIN_RULES


@dataclass(frozen=True)
class Inputs:
    """What a run reads: the derivations to check, the files that could not be read (or
    cite an unknown rule), and the lemma library (neighbouring files that declare lemmas:
    their lemma chains are proved so that they can be cited, but not reported)."""

    derivations: tuple[Derivation, ...]
    problems: tuple[InputProblem, ...] = ()
    library: tuple[Derivation, ...] = ()


def find_files(paths: Sequence[str | Path]) -> list[Path]:
    """The files named: files as given, folders searched (sorted) for derivation files
    (``*.toml`` files that declare chains) and documents (``*.tex``, ``*.md``) with a
    display; ``xentproof.discovery`` decides."""
    return list(scan_paths(paths)[0])


def scan_paths(paths: Sequence[str | Path]) -> tuple[list[Path], list[InputProblem]]:
    """The files a run reads, and the problems of what it cannot read: a path that does not
    exist, a link in a folder to a file outside it.

    A file named is read as named (the loader refuses what is not a regular file). A
    folder is searched without entering linked folders, and a link in it to a file
    outside it is refused: checking a folder reads what is in that folder.
    """
    found: list[Path] = []
    refused: list[InputProblem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = path.resolve()
            for file in _folder_files(path):
                if not _inside(file, inside):
                    refused.append(InputProblem(str(file), 1, _OUTSIDE))
                elif file_kind(file, named=False) is not None:
                    found.append(file)
        elif path.exists() or path.is_symlink():
            # a file named is read, whatever its name (file_kind(path, named=True) or a
            # derivation): a dangling link or a file that is no TOML is refused at its name
            found.append(path)
        else:
            # an input error like any other: the files that exist are still checked
            refused.append(InputProblem(str(raw), None, "no such file or folder"))
    return list(dict.fromkeys(found)), refused


_OUTSIDE = "not read: a symbolic link to a file outside the folder checked"


def _folder_files(folder: Path) -> list[Path]:
    """Every file under ``folder`` whose name may be an input's (``discovery``), sorted;
    linked folders are not entered (``os.walk`` does not follow links)."""
    files: list[Path] = []
    for parent, _, names in os.walk(folder):
        files.extend(p for p in (Path(parent) / name for name in names) if is_candidate(p))
    return sorted(files)


def _inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` (resolved, links followed) lies in the resolved ``folder``."""
    return not path.is_symlink() or path.resolve().is_relative_to(folder)


def read_inputs(paths: Sequence[str | Path], texts: Mapping[str, bytes] | None = None) -> Inputs:
    """Read every file under ``paths`` and every text of ``texts`` (name → bytes, as if read
    from a file of that name), the lemma library, and check every citation."""
    derivations: list[Derivation] = []
    files, problems = scan_paths(paths)
    sources: list[tuple[Path, Callable[[], Derivation]]] = [
        (path, partial(load_document if is_document(path) else load_file, path)) for path in files
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
    library = lemma_library([path for path, _ in sources if not path.name.startswith("<")])
    derivations, named, library = claim_lemma_names(derivations, library)
    problems.extend(named)
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
            if path in files or not _inside(path, inside) or not file_kind(path, named=False):
                continue
            try:
                derivation = load_file(path)
            except InputError:
                continue  # a broken neighbour is reported when it is itself checked
            if any(c.lemma for c in derivation.chains):
                library.append(derivation)
    return library


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
            if step.by is not None and step.by not in known:
                close = difflib.get_close_matches(step.by, sorted(known), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise RuleError(
                    f"unknown rule {step.by!r}{hint}; `xentproof rules` lists them", line=step.line
                )
