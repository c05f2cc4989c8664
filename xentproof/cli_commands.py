"""The commands of the ``xentproof`` command line (check, latex, annotate, rules, cache):
each takes the parsed arguments, calls the API, renders, and returns the exit code. The
parser is ``xentproof.cli_parser``; ``main`` is in ``xentproof.cli``.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import import_module
from typing import TYPE_CHECKING, Any

from xentproof.config import Config, find_config
from xentproof.errors import UsageError
from xentproof.settings import DEFAULT_MEMORY_MB, DEFAULT_PATH, DEFAULT_TIMEOUT
from xentproof.text import shown as printable

if TYPE_CHECKING:
    from rich.console import Console

    from xentproof.result import Progress, Report

# ``xentproof.api`` (and with it SymPy, most of a second) is imported inside the commands
# that need it, never for --version, --help or a usage error; a renderer (rich for the
# text report) only for the format asked for: a run whose verdicts all come from the
# cache imports neither SymPy nor, with --format json, rich.

PROG = "xentproof"
SHOW_PROGRESS_AFTER = 1.0  # seconds: a quick run shows no bar at all
# Formats for programs: each the module of ``xentproof.render`` and its function of the
# report to text.
MACHINE_FORMATS: dict[str, tuple[str, str]] = {
    "json": ("json", "render_json"),
    "junit": ("junit", "render_junit"),
    "github": ("github", "render_github"),
    "sarif": ("sarif", "render_sarif"),
}


def _machine_format(name: str) -> Callable[[Report], str]:
    module, function = MACHINE_FORMATS[name]
    render: Callable[[Report], str] = getattr(import_module(f"xentproof.render.{module}"), function)
    return render


def _console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr)


def render_terminal(report: Report, console: Console, show: str = "all") -> None:
    from xentproof.render.terminal import render_terminal as render

    render(report, console, show=show)


def _paths(args: argparse.Namespace, config: Config) -> list[str]:
    if args.paths:
        return list(args.paths)
    paths = config.default_paths()
    if config.paths is None and not os.path.isdir(paths[0]):
        raise UsageError(
            f"no {DEFAULT_PATH}/ folder here: name the derivation files or folders to check "
            f"(xentproof {args.command} PATH ...), or set paths in [tool.xentproof]"
        )
    return paths


def _run_options(args: argparse.Namespace, config: Config) -> dict[str, Any]:
    """The keyword arguments of ``api.check_paths``: flags, else the configuration, else
    the defaults."""
    timeout = parse_timeout(args.timeout) if args.timeout is not None else config.timeout
    jobs = _first(args.jobs, config.jobs, os.cpu_count() or 1)
    memory = _first(args.memory, config.memory, DEFAULT_MEMORY_MB)
    if jobs < 1 or memory < 64:
        raise UsageError("-j expects at least 1 worker and --memory at least 64 MB")
    return {
        "timeout": DEFAULT_TIMEOUT if timeout is None else timeout,
        "cache_dir": None if args.no_cache or not config.cache else config.cache_path,
        "workers": jobs,
        "memory_mb": memory,
    }


def _first(flag: int | None, configured: int | None, default: int) -> int:
    return flag if flag is not None else configured if configured is not None else default


def _stdin(args: argparse.Namespace) -> tuple[list[str], dict[str, bytes]]:
    """The paths without ``-``, and the text read from standard input in its place."""
    if "-" not in args.paths:
        if args.stdin_filename is not None:
            raise UsageError("--stdin-filename names the derivation read from -: name - too")
        return list(args.paths), {}
    from xentproof.loader import MAX_FILE_BYTES

    name = args.stdin_filename or STDIN_NAME
    raw = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    return [p for p in args.paths if p != "-"], {name: raw}


STDIN_NAME = "<stdin>"


def check(args: argparse.Namespace) -> int:
    from xentproof import api

    config = find_config()
    named, texts = _stdin(args)
    paths = named if texts or named else _paths(args, config)
    options = _run_options(args, config)
    with _progress() as progress:
        report = api.check_paths(
            paths, progress=progress, texts=texts, strict=args.strict, **options
        )
    output = args.format or config.format or "text"
    if output in MACHINE_FORMATS:
        # Not through rich: it would wrap and highlight what programs read.
        sys.stdout.write(_machine_format(output)(report) + "\n")
    else:
        console = _console()
        show = args.show or config.show or ("all" if console.is_terminal else "failing")
        render_terminal(report, console, show=show)
    return report.exit_code


def latex(args: argparse.Namespace) -> int:
    from xentproof import api

    config = find_config()
    paths = _paths(args, config)
    options = _run_options(args, config)
    started = time.perf_counter()
    with _progress() as progress:
        made = api.appendix(
            paths,
            standalone=args.standalone,
            allow_failing=args.allow_failing,
            detail=args.detail,
            progress=progress,
            **options,
        )
    report = made.report
    if report.errors or report.nothing_checked:
        render_terminal(report, _console(stderr=True))
        return report.exit_code
    if made.failing and not args.allow_failing:
        print(
            f"{PROG}: not typeset: {len(made.failing)} relation(s) are not verified "
            "(--allow-failing typesets them, marked NOT VERIFIED):",
            file=sys.stderr,
        )
        for file, chain, r in made.failing:
            print(
                f"  {printable(file)}:{r.line}: chain {chain!r}: {r.verdict.value}", file=sys.stderr
            )
        return 1
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8") as out:
                out.write(made.text)
        except OSError as error:
            raise UsageError(f"cannot write {args.output}: {error.strerror}") from None
        s = report.summary
        print(
            f"wrote {args.output}: {s.derivations} derivations, {s.relations} relations "
            f"in {time.perf_counter() - started:.2f} s",
            file=sys.stderr,
        )
    else:
        sys.stdout.write(made.text)
    return report.exit_code


def annotate(args: argparse.Namespace) -> int:
    from xentproof import api

    options = _run_options(args, find_config())
    with _progress() as progress:
        made = api.annotate(args.paths[0], progress=progress, **options)
    report = made.report
    if report.errors:
        render_terminal(report, _console(stderr=True))
        return report.exit_code
    _write(args.output, made.text)
    if args.output:
        s = report.summary
        print(
            f"wrote {args.output}: {s.relations} relations marked ({s.proved} proved, "
            f"{s.refuted} refuted, {s.unproved} unproved)",
            file=sys.stderr,
        )
    return report.exit_code


def _write(output: str | None, text: str) -> None:
    """``text`` to the file ``output``, or to standard output."""
    if not output:
        sys.stdout.write(text)
        return
    try:
        with open(output, "w", encoding="utf-8") as out:
            out.write(text)
    except OSError as error:
        raise UsageError(f"cannot write {output}: {error.strerror}") from None


def rules(args: argparse.Namespace) -> int:
    from xentproof import api

    # Without paths, the lemmas of the configured paths (or ./derivations) when they exist;
    # the built-in rules always.
    paths = args.paths or [p for p in find_config().default_paths() if os.path.exists(p)]
    from xentproof.render.terminal import render_rules

    render_rules(api.list_rules(paths), _console())
    return 0


def cache(args: argparse.Namespace) -> int:
    from xentproof import api

    folder = find_config().cache_path
    if args.action == "clear":
        removed = api.clear_cache(folder)
        print(f"removed {removed} entries from {printable(str(folder))}")
    else:
        entries, size = api.cache_usage(folder)
        print(f"{printable(str(folder))}: {entries} entries, {size / 1e6:.1f} MB")
    return 0


def daemon(args: argparse.Namespace) -> int:
    from xentproof import daemon as serving

    if args.action == "start":
        if not (math.isfinite(args.idle) and args.idle > 0):
            raise UsageError(f"--idle must be a positive number of seconds, got {args.idle}")
        print(serving.start(args.idle))
    elif args.action == "stop":
        print(f"stopped {serving.stop()} daemon(s)")
    else:
        running = serving.status()
        for found in running:
            which = "this installation" if found.get("current") else "another installation"
            print(f"pid {found.get('pid')}: {which}, {found.get('served')} command(s) run")
        if not running:
            print("no daemon is running")
    return 0


def parse_timeout(text: str) -> float:
    """``--timeout``: a finite number of seconds greater than zero."""
    try:
        seconds = float(text)
    except ValueError:
        seconds = math.nan
    if not (math.isfinite(seconds) and seconds > 0):
        raise UsageError(f"--timeout expects a positive number of seconds, got {text!r}")
    return seconds


@contextmanager
def _progress() -> Iterator[Progress | None]:
    """A progress bar on stderr for a run that lasts over a second, only when stderr is an
    interactive terminal and NO_COLOR is not set; otherwise nothing, so logs stay plain."""
    environ = os.environ
    plain = "TTY_COMPATIBLE" not in environ and "FORCE_COLOR" not in environ
    if environ.get("NO_COLOR") or (plain and not sys.stderr.isatty()):
        yield None  # what rich would decide, without importing it (a cached run, a hook)
        return
    console = _console(stderr=True)
    if not console.is_terminal:
        yield None
        return
    # only here: a bar is drawn for an interactive terminal alone
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as RichProgress

    bar = RichProgress(
        TextColumn("checking"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    task = bar.add_task("", total=None)
    started = time.monotonic()
    shown = False

    def update(done: int, total: int, what: str) -> None:
        nonlocal shown
        if not shown and time.monotonic() - started > SHOW_PROGRESS_AFTER:
            bar.start()
            shown = True
        bar.update(task, completed=done, total=total, description=escape(printable(what)))

    try:
        yield update
    finally:
        if shown:
            bar.stop()
