"""The pytest plugin: ``pytest --xentproof [PATH ...]`` turns every chain of every derivation
file and document into a test item (``file.toml::chain``, ``paper.tex::eq:loss``), so that
``-k``, ``-x``, pytest-xdist's ``-n`` and CI sharding work on derivations as on tests. A
display of a document that cannot be read is an item skipped with the reason (failed with
``--xentproof-strict``).

Registered through the ``pytest11`` entry point; inert unless ``--xentproof`` is given.
The ini option ``xentproof_paths`` names where to look when no path is given.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from xentproof.settings import DEFAULT_PATH, DEFAULT_TIMEOUT

if TYPE_CHECKING:
    from xentproof.result import ChainResult, Report

# The rest of xentproof (and SymPy) is imported only when --xentproof is used: the plugin is
# loaded in every pytest run of an environment that has xentproof installed.


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("xentproof", "derivation checking")
    group.addoption(
        "--xentproof",
        action="store_true",
        default=False,
        help="check derivation files (*.toml with [[chain]] tables): one test item per chain",
    )
    group.addoption(
        "--xentproof-timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"time budget for each relation (default: {DEFAULT_TIMEOUT:g})",
    )
    group.addoption(
        "--xentproof-strict",
        action="store_true",
        default=False,
        help="a display of a document (.tex, .md) that cannot be read fails its test item",
    )
    parser.addini(
        "xentproof_paths",
        type="args",
        default=[DEFAULT_PATH],
        help=f"where --xentproof looks when no path is given (default: {DEFAULT_PATH})",
    )


def pytest_configure(config: pytest.Config) -> None:
    if not config.getoption("xentproof"):
        return
    # `pytest --xentproof` alone: check the configured paths rather than the test paths.
    if not config.option.file_or_dir:
        root = Path(str(config.rootpath))
        paths = [str(root / p) for p in config.getini("xentproof_paths")]
        config.args[:] = [p for p in paths if Path(p).exists()] or config.args


def _is_derivation(path: Path) -> bool:
    """A derivation file (``*.toml`` with chains, not a document's sidecar), or a document
    (``*.tex``, ``*.md``) with a display of mathematics."""
    if path.suffix.lower() in (".tex", ".md", ".markdown"):
        from xentproof.document import looks_like_document

        return looks_like_document(path)
    if path.suffix != ".toml" or path.name.endswith(".xentproof.toml"):
        return False
    # a regular file of at most the loader's size, read without waiting on a FIFO
    from xentproof.errors import InputError
    from xentproof.files import read_bounded

    try:
        head = read_bounded(path, 1_000_000).decode("utf-8", errors="replace")
    except InputError:
        return False
    return "[[chain]]" in head


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if parent.config.getoption("xentproof") and _is_derivation(file_path):
        return DerivationFile.from_parent(parent, path=file_path)
    return None


class DerivationFile(pytest.File):
    """A derivation file; it is checked once, when its first chain runs."""

    _report: Report | None = None

    def collect(self) -> Iterator[pytest.Item]:
        from xentproof.document import is_document, load_document
        from xentproof.errors import InputError
        from xentproof.loader import load_file

        try:
            if is_document(self.path):
                derivation = load_document(self.path)
            else:
                derivation = load_file(self.path)
        except InputError as error:
            yield ReadError.from_parent(self, name="read", error=str(error))
            return
        for chain in derivation.chains:
            yield ChainItem.from_parent(self, name=chain.name)
        for record in derivation.coverage.not_read if derivation.coverage else ():
            yield NotRead.from_parent(
                self, name=f"line-{record.line}-not-read", reason=record.reason, line=record.line
            )

    def report(self) -> Report:
        from xentproof import api

        if self._report is None:
            timeout = self.config.getoption("xentproof_timeout")
            self._report = api.check_paths([self.path], timeout=timeout)
        return self._report


class ChainFailed(Exception):
    """A relation of the chain does not pass the gate."""


class ChainItem(pytest.Item):
    def runtest(self) -> None:
        assert isinstance(self.parent, DerivationFile)
        report = self.parent.report()
        if report.errors:
            raise ChainFailed("\n".join(str(e) for e in report.errors))
        chain = self._result(report)
        from xentproof.render.outcome import message

        failing = [r for r in chain.relations if not r.passed]
        if failing:
            raise ChainFailed("\n\n".join(f"line {r.line}: {message(r)}" for r in failing))

    def _result(self, report: Report) -> ChainResult:
        for derivation in report.derivations:
            for chain in derivation.chains:
                if chain.name == self.name:
                    return chain
        raise ChainFailed(f"chain {self.name} was not checked")

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, ChainFailed):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"xentproof: {self.name}"


class NotRead(pytest.Item):
    """A display of a document that could not be read: skipped, with the reason (a
    failure with ``--xentproof-strict``)."""

    def __init__(self, *, reason: str, line: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.reason = reason
        self.line = line

    def runtest(self) -> None:
        message = f"line {self.line}: display not read: {self.reason}"
        if self.config.getoption("xentproof_strict"):
            raise ChainFailed(message)
        pytest.skip(message)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        return str(excinfo.value)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.line - 1, f"xentproof: {self.name}"


class ReadError(pytest.Item):
    """A derivation file that cannot be read: one failing item that says why."""

    def __init__(self, *, error: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.error = error

    def runtest(self) -> None:
        raise ChainFailed(self.error)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        return str(excinfo.value)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, "xentproof: read"
