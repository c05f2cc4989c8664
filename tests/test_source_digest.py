"""The proof cache is keyed by xentproof's source, not only its version: a change to a
prover module decides again what the cache and the file records held, and the digest is
taken from the store's memory only while no source file was touched."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from xentproof import api, engine, source

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.usefixtures("private_cache_secret")


class Store:
    """A record store in memory, counting what is asked of it."""

    def __init__(self) -> None:
        self.records: dict[str, Any] = {}

    def get_record(self, key: str) -> Any:
        return self.records.get(key)

    def put_record(self, key: str, record: Any) -> None:
        self.records[key] = record


def _package_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "package"
    shutil.copytree(source.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(source, "PACKAGE", copy)
    return copy


def _same_size_edit(path: Path) -> None:
    """One character of a prover module changed, its size and modification time kept (as
    a tool that preserves times would leave it)."""
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    edited = text.replace("QUICK_POINTS = 12", "QUICK_POINTS = 13")
    assert edited != text and len(edited) == len(text)
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def test_a_prover_change_of_the_same_size_and_time_changes_the_digest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = _package_copy(tmp_path, monkeypatch)
    store = Store()
    first = source.source_digest(store)
    assert len(store.records) == 1  # remembered under the files' stat
    source.forget()
    _same_size_edit(copy / "prover" / "cascade.py")
    assert source.source_digest(store) != first
    source.forget()


def test_the_remembered_digest_is_used_only_for_untouched_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = _package_copy(tmp_path, monkeypatch)
    store = Store()
    first = source.source_digest(store)
    source.forget()
    hashed: list[Path] = []
    real = source.content_digest

    def counted(root: Path, files: list[tuple[str, str]] | None = None) -> str:
        hashed.append(root)
        return real(root, files)

    monkeypatch.setattr(source, "content_digest", counted)
    assert source.source_digest(store) == first
    assert hashed == []  # from the store: nothing read
    source.forget()
    module = copy / "prover" / "cascade.py"
    module.write_bytes(module.read_bytes())  # rewritten with the same bytes
    assert source.source_digest(store) == first  # same content, same digest
    assert hashed == [copy]  # but hashed again, the stat having changed
    source.forget()


def test_a_prover_change_decides_again_what_the_cache_held(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, cache = tmp_path / "derivations", tmp_path / "cache"
    shutil.copytree(ROOT / "derivations", folder)
    options: dict[str, Any] = {"timeout": 10.0, "workers": None}
    api.check_paths([folder / "binary.toml"], cache_dir=cache, **options)
    planned: list[list[str]] = []
    real = engine.Plan

    def spy(derivations: Any, library: Any = ()) -> engine.Plan:
        planned.append([d.path for d in derivations])
        return real(derivations, library)

    monkeypatch.setattr(engine, "Plan", spy)
    warm = api.check_paths([folder / "binary.toml"], cache_dir=cache, **options)
    assert planned == [] and warm.summary.cached == warm.summary.relations
    copy = _package_copy(tmp_path, monkeypatch)
    _same_size_edit(copy / "prover" / "cascade.py")
    source.forget()
    again = api.check_paths([folder / "binary.toml"], cache_dir=cache, **options)
    assert planned == [[str(folder / "binary.toml")]]  # the record was not used
    assert again.summary.cached == 0  # nor any relation's entry
    assert [r.verdict for r in again.relations] == [r.verdict for r in warm.relations]
    source.forget()
