"""The ``xentproof`` command line: parse arguments, call the API, render, return the exit code.

Kept thin on purpose: everything a program could want is in ``xentproof.api``. The one
``except XentproofError`` of the whole tool is in ``main``.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from importlib import import_module
from typing import TYPE_CHECKING, Any

from xentproof.config import Config, find_config
from xentproof.errors import UsageError, XentproofError
from xentproof.result import Progress, Report
from xentproof.settings import CACHE_DIR, DEFAULT_MEMORY_MB, DEFAULT_PATH, DEFAULT_TIMEOUT
from xentproof.text import shown as printable

if TYPE_CHECKING:
    from rich.console import Console

# ``xentproof.api`` (and with it SymPy, most of a second) is imported inside the commands
# that need it, never for --version, --help or a usage error; a renderer (rich for the
# text report) only for the format asked for: a run whose verdicts all come from the
# cache imports neither SymPy nor, with --format json, rich.

PROG = "xentproof"
SHOW_PROGRESS_AFTER = 1.0  # seconds: a quick run shows no bar at all
# Formats for programs: each the module of ``xentproof.render`` and its function of the
# report to text.
_MACHINE_FORMATS: dict[str, tuple[str, str]] = {
    "json": ("json", "render_json"),
    "junit": ("junit", "render_junit"),
    "github": ("github", "render_github"),
    "sarif": ("sarif", "render_sarif"),
}


def _machine_format(name: str) -> Callable[[Report], str]:
    module, function = _MACHINE_FORMATS[name]
    render: Callable[[Report], str] = getattr(import_module(f"xentproof.render.{module}"), function)
    return render


def _console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr)


def render_terminal(report: Report, console: Console, show: str = "all") -> None:
    from xentproof.render.terminal import render_terminal as render

    render(report, console, show=show)


DESCRIPTION = """\
xentproof proves every step of a derivation, under the declared domains of its
symbols, and prints the annotated proof. A step that does not hold gets a
counterexample: a point inside the domains where the two sides differ."""

EPILOG = """\
verdicts (one per relation between two adjacent steps):
  PROVED    shown symbolically for every point of the declared domains;
            the report names the method and every side condition used
  REFUTED   a point inside the declared domains where the relation fails,
            confirmed at high precision; the report shows both values
  UNPROVED  neither a proof nor a counterexample within the time budget;
            the report says what evidence exists and why it stopped

exit codes:
  0  every relation is PROVED
  1  some relation is REFUTED or UNPROVED
  2  some input could not be read (usage, file, parse or name errors)
  5  nothing was checked: no derivation file with a relation was found
  130  interrupted (Ctrl-C)"""


LATEX_DESCRIPTION = """\
Check the derivation files, then write the verified derivations as LaTeX: a
fragment to \\input into a paper (it needs amsmath, amssymb, xcolor and
pgfplots), or with --standalone a complete document for pdflatex. Each
derivation is a subsection, each chain a numbered subsubsection with an align*
of its steps and the cited rules, what was verified under which domains (and
for errata the counterexample), and the figures the chains ask for
(plot = { var = "yhat", range = [0.01, 0.99] })."""

LATEX_EPILOG = """\
A derivation with a REFUTED or UNPROVED relation is not typeset (exit 1, naming
each such relation) unless --allow-failing, which typesets it marked NOT
VERIFIED. Errata refuted as expected are typeset as errata.

  xentproof latex derivations --standalone -o appendix.tex && latexmk -pdf appendix.tex
(without latexmk, run pdflatex appendix.tex twice: the second run sets the labels)"""


ANNOTATE_DESCRIPTION = """\
Check a LaTeX document (.tex) as `xentproof check` does, then write a copy of it
that compiles as the document does, with every checked row marked at its right:
a check mark for PROVED, ? for UNPROVED, a cross for REFUTED with the
counterexample in a footnote (x1, x2, ...).

  xentproof annotate paper.tex -o paper-checked.tex && pdflatex paper-checked.tex"""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code (for ``sys.exit(main())``)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        # argparse exits for --help, --version and usage errors; return the code instead so
        # that main() always returns, in-process callers included.
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    command: Callable[[argparse.Namespace], int] = args.run
    try:
        return command(args)
    except XentproofError as error:
        print(f"{PROG}: error: {printable(str(error))}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        # the workers are ended on the way out (workers.decide_in_pool's finally)
        print(f"{PROG}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports a command ended by Ctrl-C


def entry() -> None:
    """The ``xentproof`` script: run, flush the output, and leave at once.

    Tearing the interpreter down (SymPy's caches, thousands of objects) costs a tenth of a
    second or more after the work is done; by then every file is written and every worker
    process has ended, so nothing is lost by skipping it.
    """
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_ShowVersion, nargs=0, help="show the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    check = commands.add_parser(
        "check",
        help="prove every step of the derivation files and print the annotated proof",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_paths(check)
    check.add_argument(
        "--format",
        choices=("text", *_MACHINE_FORMATS),
        help="text: the annotated proof for people (default); json: the report for programs; "
        "junit: JUnit XML, a test case per relation; github: GitHub Actions annotations for "
        "each failing relation; sarif: SARIF 2.1.0 for code scanning",
    )
    check.add_argument(
        "--strict",
        action="store_true",
        help="a display of a document (.tex, .md) that cannot be read fails the gate (exit 1); "
        "without it, such displays are reported as not read",
    )
    _add_output_options(check)
    _add_run_options(check)
    check.set_defaults(run=_check)

    rules = commands.add_parser(
        "rules",
        help="list the rules a step may cite, with their side conditions",
        description="List the built-in rules and the lemmas of the derivation files that a "
        "step may cite (by = NAME), with the side conditions each needs.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_paths(rules)
    rules.set_defaults(run=_rules)

    latex = commands.add_parser(
        "latex",
        help="check the derivation files and write them as a LaTeX appendix",
        description=LATEX_DESCRIPTION,
        epilog=LATEX_EPILOG + "\n\n" + EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_paths(latex)
    latex.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write the LaTeX to FILE (default: standard output)",
    )
    latex.add_argument(
        "--standalone",
        action="store_true",
        help="a complete document (\\documentclass … \\end{document}) instead of a fragment",
    )
    latex.add_argument(
        "--allow-failing",
        action="store_true",
        help="typeset derivations with REFUTED or UNPROVED relations too, marked NOT VERIFIED",
    )
    latex.add_argument(
        "--detail",
        choices=("default", "full"),
        default="default",
        help="default: what a journal appendix prints (the chains, cited rules, what was "
        "verified under which domains, errata with counterexamples); full: an audit "
        "appendix that adds every row's verdict and method, and every step's line, side "
        "conditions and the LaTeX it was written in",
    )
    _add_run_options(latex)
    latex.set_defaults(run=_latex)

    _add_annotate(commands)
    _add_cache_command(commands)
    return parser


def _add_annotate(commands: Any) -> None:
    """``xentproof annotate FILE [-o OUT]``."""
    annotate = commands.add_parser(
        "annotate",
        help="check a LaTeX document and mark each checked row with its verdict, in a copy",
        description=ANNOTATE_DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    annotate.add_argument("paths", nargs=1, metavar="FILE", help="a LaTeX document (.tex)")
    annotate.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="write the marked copy to OUT (default: standard output)",
    )
    _add_run_options(annotate)
    annotate.set_defaults(run=_annotate)


def _add_cache_command(commands: Any) -> None:
    cache = commands.add_parser(
        "cache",
        help="show or clear the proof cache",
        description=f"The proof cache ({CACHE_DIR}/ beside the [tool.xentproof] configuration, "
        "else in the current folder) keeps verdicts so that an unchanged relation is not "
        "decided again. It is signed with a secret of this machine's user, so CI starts cold.",
    )
    cache.add_argument(
        "action",
        choices=("info", "clear"),
        help="info: its folder, entries and size; clear: remove every entry",
    )
    cache.set_defaults(run=_cache)


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    # Defaults are None: a flag given overrides [tool.xentproof], which overrides the
    # built-in default (``_run_options``).
    parser.add_argument(
        "--timeout",
        metavar="SECONDS",
        help=f"time budget for each relation, in seconds (default: {DEFAULT_TIMEOUT:g})",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        metavar="N",
        type=int,
        help="worker processes deciding relations in parallel (default: the number of CPUs)",
    )
    parser.add_argument(
        "--memory",
        metavar="MB",
        type=int,
        help=f"memory a relation may take in its worker process, in MB, beyond what the "
        f"worker starts with (default: {DEFAULT_MEMORY_MB}); a relation that exceeds it is "
        "UNPROVED (memory)",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help=f"decide every relation again, ignoring and not writing the proof cache "
        f"({CACHE_DIR}/ beside the [tool.xentproof] configuration, else in the current folder)",
    )


def _add_paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="derivation files (.toml) and documents (.tex, .md), or folders searched for "
        "*.toml files with [[chain]] tables and documents with a display "
        f"(default: [tool.xentproof] paths, else {DEFAULT_PATH}); - reads one derivation "
        "from standard input",
    )


def _add_output_options(parser: argparse.ArgumentParser) -> None:
    shown = parser.add_mutually_exclusive_group()
    for flags, show, text in (
        (("-v", "--verbose"), "all", "show the annotated proof of every chain"),
        (("--failing",), "failing", "show only the chains that fail, in full"),
        (("-q", "--quiet"), "quiet", "show one line per failing relation, and the summary"),
    ):
        shown.add_argument(*flags, dest="show", action="store_const", const=show, help=text)
    parser.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="the name of the derivation read from standard input (-), in messages and "
        "reports; its folder's lemmas may be cited",
    )


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


def _check(args: argparse.Namespace) -> int:
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
    if output in _MACHINE_FORMATS:
        # Not through rich: it would wrap and highlight what programs read.
        sys.stdout.write(_machine_format(output)(report) + "\n")
    else:
        console = _console()
        show = args.show or config.show or ("all" if console.is_terminal else "failing")
        render_terminal(report, console, show=show)
    return report.exit_code


def _latex(args: argparse.Namespace) -> int:
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


def _annotate(args: argparse.Namespace) -> int:
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


def _rules(args: argparse.Namespace) -> int:
    from xentproof import api

    # Without paths, the lemmas of the configured paths (or ./derivations) when they exist;
    # the built-in rules always.
    paths = args.paths or [p for p in find_config().default_paths() if os.path.exists(p)]
    from xentproof.render.terminal import render_rules

    render_rules(api.list_rules(paths), _console())
    return 0


def _cache(args: argparse.Namespace) -> int:
    from xentproof import api

    folder = find_config().cache_path
    if args.action == "clear":
        removed = api.clear_cache(folder)
        print(f"removed {removed} entries from {printable(str(folder))}")
    else:
        entries, size = api.cache_usage(folder)
        print(f"{printable(str(folder))}: {entries} entries, {size / 1e6:.1f} MB")
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


class _ShowVersion(argparse.Action):
    """``--version``: the installed version is looked up only when it is asked for."""

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        sys.stdout.write(f"{parser.prog} {_version()}\n")
        parser.exit()


def _version() -> str:
    # only here: importlib.metadata (and the email parser it brings) is no part of a check
    from importlib import metadata

    try:
        return metadata.version(PROG)
    except metadata.PackageNotFoundError:  # running from a source tree that is not installed
        return "(not installed)"
