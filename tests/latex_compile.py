"""Compiling LaTeX in the tests the way the README says: ``latexmk -pdf`` where it is
installed (it runs pdflatex until the labels settle), else pdflatex twice. Without
pdflatex a test is skipped, unless ``XENTPROOF_REQUIRE_TEX=1`` (CI) makes it fail.

The log is read for what a reader of the PDF would see as a fault: errors, overfull boxes
(a formula or word into the margin) and warnings (undefined references, labels that
changed, fonts substituted)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

# A paper's preamble as the fragment's header asks for it.
PREAMBLE = (
    "\\usepackage{amsmath,amssymb,xcolor}\n\\usepackage{pgfplots}\n\\pgfplotsset{compat=1.16}\n"
)


def pdflatex() -> str:
    found = shutil.which("pdflatex")
    if found is None:
        if os.environ.get("XENTPROOF_REQUIRE_TEX") == "1":
            pytest.fail("pdflatex is not installed, and XENTPROOF_REQUIRE_TEX=1 says it must be")
        pytest.skip("pdflatex is not installed (CI installs it; see .ci/run)")
    return found


def compile_document(folder: Path, name: str) -> str:
    """Compile ``folder/name`` to a PDF and return its log (asserting it compiled)."""
    engine = pdflatex()
    latexmk = shutil.which("latexmk")
    if os.environ.get("XENTPROOF_REQUIRE_TEX") == "1":
        assert latexmk is not None, "latexmk is not installed (.ci/run installs it)"
    options = ["-interaction=nonstopmode", "-halt-on-error"]
    runs = (
        [[latexmk, "-pdf", "-silent", *options, name]]
        if latexmk
        else [[engine, *options, name]] * 2
    )
    for command in runs:
        run = subprocess.run(
            command, cwd=folder, capture_output=True, text=True, timeout=600, check=False
        )
    log = (folder / name).with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    errors = [line for line in log.splitlines() if line.startswith("!")]
    assert run.returncode == 0 and not errors, "\n".join(errors) or run.stdout[-3000:]
    assert (folder / name).with_suffix(".pdf").exists()
    return log


def faults(log: str) -> list[str]:
    """The overfull boxes and warnings of a pdflatex log, one line each."""
    lines = log.splitlines()
    return [
        line
        for line in lines
        if line.startswith("Overfull") or re.search(r"warning", line, re.IGNORECASE)
    ]


def paper(body: str, *, twocolumn: bool = False) -> str:
    """A plain article (or a two-column one) that ``\\input``s a fragment."""
    options = "[twocolumn]" if twocolumn else ""
    return (
        f"\\documentclass{options}{{article}}\n{PREAMBLE}\\begin{{document}}\n"
        f"\\section{{Appendix}}\n{body}\n\\end{{document}}\n"
    )
