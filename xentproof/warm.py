"""A run answered by the proof cache's file records, without importing SymPy.

A derivation file's part of the report depends on its own bytes, on every file of the run
whose lemmas it may cite (and that may take a lemma name from it), on the run's options,
on xentproof's source (``xentproof.source``) and on SymPy's version. ``look_up`` hashes
exactly these, without parsing an expression, and takes the file's results from its record
when the record is there and signed by this machine (``ProofCache.get_record``); only the
other files are read and decided.

Which files may declare a lemma is found from their bytes, conservatively: a file whose
text holds ``lemma`` in any case, or a TOML escape (``\\u``, ``\\U``) that could spell it,
may; one without can declare none. Every such file of the run (the files checked and the
``*.toml`` files beside them, the lemma library's candidates) is part of every file's key,
in run order, so that an edit to one reads again every file of the run; an edit to a file
that declares no lemma reads only that file again.

A run that reads a document (``.tex``, ``.md``) or a text given as bytes is not answered
here (``look_up`` returns None): a document's displays depend on files beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .cache import ProofCache
from .digests import digest_of, sympy_release
from .discovery import SNIFF_BYTES, is_document, may_declare_lemma
from .errors import InputError
from .files import read_bounded
from .record import decode_derivation, encode_derivation
from .result import DerivationResult, InputProblem
from .scan import inside_folder, scan_paths
from .source import source_digest
from .version import __version__

RECORD_FORMAT = 1


@dataclass(frozen=True)
class RunOptions:
    """What a run's options decide about its verdicts: the time budget, the memory cap
    (None in this process), and whether relations are decided in worker processes."""

    timeout: float
    memory_mb: int | None
    in_pool: bool


@dataclass
class Lookup:
    """A run's files, in order, and what the proof cache's file records hold for them."""

    files: list[Path]
    problems: list[InputProblem]
    options: RunOptions
    keys: dict[Path, str] = field(default_factory=dict)  # files that may have a record
    hits: dict[Path, DerivationResult] = field(default_factory=dict)
    context: list[Path] = field(default_factory=list)  # the files checked that may declare

    @property
    def misses(self) -> list[Path]:
        """The files read and decided again."""
        return [f for f in self.files if f not in self.hits]

    @property
    def to_read(self) -> list[Path]:
        """The files to read for the misses: the misses and, in run order, the files
        checked that may declare a lemma (so that lemma names are claimed as in a whole
        run)."""
        if not self.misses:
            return []
        context = set(self.context)
        return [f for f in self.files if f not in self.hits or f in context]


def look_up(paths: Sequence[str | Path], options: RunOptions, cache: ProofCache) -> Lookup | None:
    """The run's files and the results the file records hold, or None when the run reads a
    document (then every file is read)."""
    source_digest(cache)  # remembered there under the source files' stat
    files, problems = scan_paths(paths)
    if any(is_document(f) for f in files):
        return None
    context = _context(files)
    found = Lookup(files, problems, options, file_keys(files, options, context))
    found.context = [f for f in files if f in context]
    for file, key in found.keys.items():
        result = _record(cache, key, file)
        if result is not None:
            found.hits[file] = result
    return found


def file_keys(
    files: Sequence[Path],
    options: RunOptions,
    context: dict[Path, tuple[str, str]] | None = None,
) -> dict[Path, str]:
    """The record key of every file that can be read (none when SymPy's version cannot
    be told without importing it); ``context`` is ``_context(files)`` when known."""
    release = sympy_release()
    if release is None:
        return {}
    head = (
        f"file record {RECORD_FORMAT}",
        f"xentproof {__version__}",
        f"source {source_digest()}",
        f"sympy {release}",
        f"timeout {options.timeout!r}",
        f"memory {options.memory_mb!r}",
        f"pool {options.in_pool}",
    )
    context = _context(files) if context is None else context
    shared = [*head, *(f"{tag} {path}\x00{digest}" for path, (tag, digest) in context.items())]
    keys: dict[Path, str] = {}
    for file in files:
        data = _bytes(file)
        if data is not None:
            keys[file] = digest_of((*shared, "file", str(file), data))
    return keys


def keep(cache: ProofCache, found: Lookup, results: Sequence[DerivationResult]) -> None:
    """Keep the records of ``results`` (each of a file ``found`` was keyed for), after
    hashing the run's files again: a file that changed while it was decided is not kept
    under the key of its earlier bytes."""
    current = file_keys(found.files, found.options) if results else {}
    for result in results:
        key = found.keys.get(Path(result.file))
        if key is not None and current.get(Path(result.file)) == key:
            cache.put_record(key, {"format": RECORD_FORMAT, "file": encode_derivation(result)})


def _record(cache: ProofCache, key: str, file: Path) -> DerivationResult | None:
    record = cache.get_record(key)
    if not isinstance(record, dict) or record.get("format") != RECORD_FORMAT:
        return None
    try:
        result = decode_derivation(record.get("file"))
    except ValueError:
        return None
    return result if result.file == str(file) else None


def _context(files: Sequence[Path]) -> dict[Path, tuple[str, str]]:
    """The files of the run that may declare lemmas, in run order (the files checked,
    then the lemma library's candidates), each with its role and the digest of its bytes;
    a file that cannot be read counts as one that may."""
    context: dict[Path, tuple[str, str]] = {}
    for tag, paths in (("checked", files), ("library", _library_candidates(files))):
        for path in paths:
            data = _bytes(path)
            if data is None or may_declare_lemma(data):
                context[path] = (tag, digest_of((data or b"unreadable",)))
    return context


def _library_candidates(files: Sequence[Path]) -> list[Path]:
    """The ``*.toml`` files beside the files checked that ``inputs.lemma_library`` may
    read (whether they declare chains is not asked: one more in the key only costs a
    record)."""
    candidates: list[Path] = []
    for folder in dict.fromkeys(f.parent for f in files):
        inside = folder.resolve()
        for path in sorted(folder.glob("*.toml")):
            if path not in files and inside_folder(path, inside):
                candidates.append(path)
    return candidates


def _bytes(path: Path) -> bytes | None:
    try:
        return read_bounded(path, SNIFF_BYTES)
    except InputError:
        return None
