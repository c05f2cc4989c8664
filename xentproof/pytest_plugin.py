"""The pytest plugin: ``pytest --xentproof [PATH ...]`` turns every chain of every derivation
file and document into a test item (``file.toml::chain``, ``paper.tex::eq:loss``), so that
``-k``, ``-x``, pytest-xdist's ``-n`` and CI sharding work on derivations as on tests. A
display of a document that cannot be read is an item skipped with the reason (failed with
``--xentproof-strict``).

Registered through the ``pytest11`` entry point; inert unless ``--xentproof`` is given.
What a derivation file is, is decided by ``xentproof.discovery`` as for the command line.
Without paths, ``pytest --xentproof`` runs the project's tests (``testpaths``) and checks
the ``xentproof_paths`` of the ini file (else ``[tool.xentproof] paths``, else
``derivations``) too. A run in which no derivation was checked ends with pytest's status 5
("no tests collected") even when other tests ran and passed: a gate that checked nothing
must not be green. With pytest-xdist's default ``--dist load``, the chains of one file go
to one worker, so that each file is checked once. Verdicts are kept in the proof cache of
the project (``[tool.xentproof]``), unless ``--xentproof-no-cache``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from xentproof.config import find_config
from xentproof.discovery import file_kind
from xentproof.settings import DEFAULT_PATH, DEFAULT_TIMEOUT

if TYPE_CHECKING:
    from xentproof.result import ChainResult, Report

# The rest of xentproof (and SymPy) is imported only when --xentproof is used: the plugin is
# loaded in every pytest run of an environment that has xentproof installed.

NOTHING_CHECKED = int(pytest.ExitCode.NO_TESTS_COLLECTED)  # 5, as xentproof check exits
_MARK = ("xentproof", "derivation")  # in the user properties of every item of the plugin


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
        default=None,
        metavar="SECONDS",
        help=f"time budget for each relation (default: [tool.xentproof] timeout, else "
        f"{DEFAULT_TIMEOUT:g})",
    )
    group.addoption(
        "--xentproof-no-cache",
        action="store_true",
        default=False,
        help="decide every relation again, ignoring and not writing the proof cache",
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
        default=[],
        help=f"where --xentproof looks besides the test paths when no path is given "
        f"(default: [tool.xentproof] paths, else {DEFAULT_PATH})",
    )


def pytest_configure(config: pytest.Config) -> None:
    if not config.getoption("xentproof"):
        return
    if config.pluginmanager.hasplugin("xdist"):
        config.pluginmanager.register(_XdistGrouping(), "xentproof-xdist")
    looked_in = list(config.args)
    # `pytest --xentproof` alone: the test paths and the derivation paths, both.
    if not config.option.file_or_dir:
        root = Path(str(config.rootpath))
        configured = config.getini("xentproof_paths")
        if configured:
            paths = [str(root / p) for p in configured]
        else:
            paths = [str(Path(p).resolve()) for p in find_config(root).default_paths()]
        looked_in = paths
        present = [p for p in paths if Path(p).exists() and not _covered(p, config.args)]
        config.args[:] = [*config.args, *present]
    if not hasattr(config, "workerinput"):  # an xdist worker: the controller decides
        config.pluginmanager.register(_Gate(looked_in), "xentproof-gate")


def _covered(path: str, args: list[str]) -> bool:
    """Whether a folder already collected holds ``path`` (it would be collected twice)."""
    resolved = Path(path).resolve()
    return any(resolved.is_relative_to(Path(a).resolve()) for a in args if Path(a).is_dir())


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if not parent.config.getoption("xentproof"):
        return None
    named = parent.session.isinitpath(file_path)
    if file_kind(file_path, named=named) is not None:
        return DerivationFile.from_parent(parent, path=file_path)
    return None


class _Gate:
    """Counts the derivation items that ran, and ends a run that ran none with status 5."""

    def __init__(self, looked_in: list[str]) -> None:
        self.looked_in = looked_in
        self.checked = 0

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        # From the reports, not from collection: with pytest-xdist the controller collects
        # nothing itself, and the user properties travel with each report.
        if report.when == "call" and any(tuple(p) == _MARK for p in report.user_properties):
            self.checked += 1

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        if self.checked or exitstatus not in (0, NOTHING_CHECKED):
            return
        session.exitstatus = NOTHING_CHECKED
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(
                f"xentproof: no derivation was checked (looked in: "
                f"{', '.join(self.looked_in) or '.'}); exit status {NOTHING_CHECKED}, as for "
                "no tests collected",
                red=True,
                bold=True,
            )


class _XdistGrouping:
    """With ``--dist load`` (what ``-n`` means), send the chains of a file to one worker: a
    worker checks a whole file when its first chain runs, and two workers would both check
    it. Every other test is scheduled one by one, as ``load`` does."""

    @pytest.hookimpl(tryfirst=True)
    def pytest_xdist_make_scheduler(self, config: pytest.Config, log: Any) -> Any:
        if config.getoption("dist") != "load":
            return None
        from xdist.scheduler import LoadScopeScheduling

        class ByDerivationFile(LoadScopeScheduling):  # type: ignore[misc]
            def _split_scope(self, nodeid: str) -> str:
                path, _, rest = nodeid.partition("::")
                return path if path.endswith(".toml") and rest else nodeid

        return ByDerivationFile(config, log)


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
            settings = find_config(Path(str(self.config.rootpath)))
            timeout = self.config.getoption("xentproof_timeout") or settings.timeout
            use_cache = settings.cache and not self.config.getoption("xentproof_no_cache")
            self._report = api.check_paths(
                [self.path],
                timeout=timeout or DEFAULT_TIMEOUT,
                cache_dir=settings.cache_path if use_cache else None,
            )
        return self._report


class ChainFailed(Exception):
    """A relation of the chain does not pass the gate."""


class ChainItem(pytest.Item):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.user_properties.append(_MARK)

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
        self.user_properties.append(_MARK)

    def runtest(self) -> None:
        raise ChainFailed(self.error)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        return str(excinfo.value)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, "xentproof: read"
