"""The argument parser of the ``xentproof`` command line: its commands, options and help
texts. Each command's function is in ``xentproof.cli_commands``.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from xentproof import cli_commands
from xentproof.cli_commands import PROG
from xentproof.settings import CACHE_DIR, DEFAULT_MEMORY_MB, DEFAULT_PATH, DEFAULT_TIMEOUT

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
        choices=("text", *cli_commands.MACHINE_FORMATS),
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
    check.add_argument(
        "--no-daemon",
        action="store_true",
        help="run here even when a `xentproof daemon` of this installation is running "
        "(which otherwise runs the check, with SymPy already imported)",
    )
    _add_output_options(check)
    _add_run_options(check)
    check.set_defaults(run=cli_commands.check)

    rules = commands.add_parser(
        "rules",
        help="list the rules a step may cite, with their side conditions",
        description="List the built-in rules and the lemmas of the derivation files that a "
        "step may cite (by = NAME), with the side conditions each needs.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_paths(rules)
    rules.set_defaults(run=cli_commands.rules)

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
    latex.set_defaults(run=cli_commands.latex)

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
    annotate.set_defaults(run=cli_commands.annotate)


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
    cache.set_defaults(run=cli_commands.cache)
    _add_daemon_command(commands)


def _add_daemon_command(commands: Any) -> None:
    daemon = commands.add_parser(
        "daemon",
        help="keep SymPy imported in a background process that runs `xentproof check`",
        description="A check that the proof cache cannot answer whole imports SymPy, the "
        "floor of any run that decides (about half a second). `xentproof daemon start` "
        "starts a process of this user that keeps it imported; while it runs, "
        "`xentproof check` hands its command over to it (the output, exit code and proof "
        "cache are the same) unless --no-daemon or XENTPROOF_NO_DAEMON=1. It ends after "
        "IDLE seconds without a command, on `stop`, and is never asked by another "
        "installation or version of xentproof.",
    )
    daemon.add_argument(
        "action",
        choices=("start", "status", "stop"),
        help="start: start it (or find it running); status: list the running daemons; "
        "stop: stop them",
    )
    daemon.add_argument(
        "--idle",
        metavar="SECONDS",
        type=float,
        default=3600.0,
        help="end after this long without a command (default: 3600)",
    )
    daemon.set_defaults(run=cli_commands.daemon)


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
