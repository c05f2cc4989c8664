"""The pytest plugin: ``pytest --xentproof [PATH ...]`` turns every chain of every derivation
file into a test item (``file.toml::chain``), so that ``-k``, ``-x``, pytest-xdist's ``-n``
and CI sharding work on derivations as on tests.

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
    if path.suffix != ".toml":
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
        from xentproof.errors import InputError
        from xentproof.loader import load_file

        try:
            derivation = load_file(self.path)
        except InputError as error:
            yield ReadError.from_parent(self, name="read", error=str(error))
            return
        for chain in derivation.chains:
            yield ChainItem.from_parent(self, name=chain.name)

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
