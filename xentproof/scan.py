"""Which files a run reads: the files named, and the folders named searched for derivation
files and documents (``xentproof.discovery`` decides what is one). Nothing here parses an
expression, so a run whose verdicts all come from the proof cache finds its files without
importing SymPy.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from .discovery import file_kind, is_candidate
from .result import InputProblem


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
                if not inside_folder(file, inside):
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


def inside_folder(path: Path, folder: Path) -> bool:
    """Whether ``path`` (resolved, links followed) lies in the resolved ``folder``."""
    return not path.is_symlink() or path.resolve().is_relative_to(folder)
