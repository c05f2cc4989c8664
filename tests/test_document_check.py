"""Checking documents end to end: the shipped examples, the gate (``--strict``), every output
format pointing at the document's own line, ``annotate``, folders, and the pytest plugin."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from xentproof import api
from xentproof.cli import main
from xentproof.coverage import DisplayFate
from xentproof.inputs import find_files
from xentproof.render import render_github, render_json, render_junit, render_sarif
from xentproof.render.sarif import file_uri
from xentproof.result import Verdict

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
pytest_plugins = ["pytester"]


def line_of(path: Path, pattern: str) -> int:
    """The line of ``path`` where ``pattern`` (a regular expression) first matches."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if re.search(pattern, line):
            return number
    raise AssertionError(f"{pattern!r} is not in {path}")


# -- the shipped examples -------------------------------------------------------------------


def test_the_blog_post_catches_the_three_errata_at_their_lines() -> None:
    post = EXAMPLES / "cross-entropy.md"
    report = api.check_paths([post], timeout=30)
    assert report.errors == () and report.exit_code == 0
    (document,) = report.derivations
    assert document.coverage is not None and document.coverage.not_read == ()
    refuted = sorted(r.line for r in document.relations if r.verdict is Verdict.REFUTED)
    # each erratum's display is the first $$ block after the note that names it
    errata = []
    lines = post.read_text(encoding="utf-8").splitlines()
    for name in ("E1", "E2", "E3"):
        note = line_of(post, f"erratum {name}")
        errata.append(next(k for k in range(note, len(lines)) if lines[k] == "$$") + 2)
    assert refuted == errata
    assert all(r.expected_refuted for r in document.relations if r.verdict is Verdict.REFUTED)
    assert all(r.verdict is Verdict.PROVED for r in document.relations if r.expect is None), (
        "every other relation of the post is proved"
    )


def test_the_paper_checks_with_its_deliberate_mistake_refuted() -> None:
    paper = EXAMPLES / "paper.tex"
    report = api.check_paths([paper], timeout=30)
    assert report.errors == () and report.exit_code == 0
    (document,) = report.derivations
    refuted = [r for r in document.relations if r.verdict is not Verdict.PROVED]
    assert [r.line for r in refuted] == [line_of(paper, r"\\log\\sigm\{z\} = \\sigm\{z\},")]
    assert refuted[0].expected_refuted
    names = [c.name for c in document.chains]
    assert "eq:slip" in names and "eq:softplus" not in names  # a chain is named by its first label
    assert document.coverage is not None
    defined = [d for record in document.coverage.displays for d in record.defines]
    assert defined == ["sigma(z)", "Lcal(z)"]


def _pdflatex() -> str:
    found = shutil.which("pdflatex")
    if found is None:
        if os.environ.get("XENTPROOF_REQUIRE_TEX") == "1":
            pytest.fail("pdflatex is not installed, and XENTPROOF_REQUIRE_TEX=1 says it must be")
        pytest.skip("pdflatex is not installed (CI installs it; see .ci/run)")
    return found


def _compiles(folder: Path, name: str) -> None:
    run = subprocess.run(
        [_pdflatex(), "-interaction=nonstopmode", "-halt-on-error", name],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout[-3000:]


@pytest.mark.tex
@pytest.mark.slow
def test_the_paper_and_its_annotated_copy_compile(tmp_path: Path) -> None:
    _pdflatex()
    shutil.copy(EXAMPLES / "paper.tex", tmp_path / "paper.tex")
    _compiles(tmp_path, "paper.tex")
    out = tmp_path / "paper-checked.tex"
    assert main(["annotate", str(tmp_path / "paper.tex"), "-o", str(out), "--no-cache"]) == 0
    _compiles(tmp_path, "paper-checked.tex")


# -- the gate, and where every format points ------------------------------------------------

WRONG = """\
\\documentclass{article}
\\begin{document}
% xentproof: symbols: x \\in \\mathbb{R}
\\begin{align}
  (x + 1)^2 &= x^2 + 2x + 1 \\\\
            &= x^2 + 1
\\end{align}
\\[ x = \\bm{x} \\]
\\end{document}
"""


@pytest.fixture
def wrong(tmp_path: Path) -> Path:
    path = tmp_path / "wrong.tex"
    path.write_text(WRONG)
    return path


def test_strict_fails_the_gate_on_a_display_not_read(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_text(
        "<!-- xentproof: symbols: x \\in \\mathbb{R} -->\n$$ 2x = x + x $$\n$$ x = \\bm{x} $$\n"
    )
    assert main(["check", str(path), "--no-cache", "-j", "1"]) == 0
    assert main(["check", str(path), "--no-cache", "-j", "1", "--strict"]) == 1


def test_every_format_points_at_the_documents_line(wrong: Path) -> None:
    report = api.check_paths([wrong], timeout=30)
    step = line_of(wrong, r"&= x\^2 \+ 1")
    unread = line_of(wrong, r"\\bm")
    file = str(wrong)
    (document,) = json.loads(render_json(report))["derivations"]
    failing = [r for c in document["chains"] for r in c["relations"] if not r["passed"]]
    assert document["file"] == file and [r["line"] for r in failing] == [step]
    assert [d["line"] for d in document["coverage"] if d["fate"] == "not read"] == [unread]
    github = render_github(report)
    assert f"::error file={file},line={step}," in github
    assert f"::warning file={file},line={unread}," in github
    sarif = json.loads(render_sarif(report))["runs"][0]["results"]
    located = {
        (r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in sarif
    }
    assert ("refuted", step) in located and ("not-read", unread) in located
    assert all(
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == file_uri(file)
        for r in sarif
    )
    junit = ET.fromstring(render_junit(report))
    failures = [c for c in junit.iter("testcase") if c.find("failure") is not None]
    skipped = [c for c in junit.iter("testcase") if c.find("skipped") is not None]
    assert [(c.get("file"), c.get("line")) for c in failures] == [(file, str(step))]
    assert [(c.get("file"), c.get("line")) for c in skipped] == [(file, str(unread))]


def test_the_summary_counts_displays_chains_and_not_read(wrong: Path) -> None:
    summary = api.check_paths([wrong], timeout=30).summary
    assert (summary.documents, summary.displays, summary.chains_read, summary.not_read) == (
        1,
        2,
        1,
        1,
    )


# -- annotate --------------------------------------------------------------------------------


def test_annotate_marks_every_row_and_footnotes_the_counterexample(wrong: Path) -> None:
    made = api.annotate(wrong, timeout=30)
    text = made.text
    assert text.count("\\xentproofproved{}") == 1
    assert text.count("\\xentproofrefuted{red}{1}") == 1
    assert "\\xentproofnote{1}{line 6:" in text
    # nothing of the document is lost: removing the additions gives it back
    plain = re.sub(
        r"% --- added by xentproof annotate.*?% --- end of xentproof annotate ---\n",
        "",
        text,
        flags=re.DOTALL,
    )
    plain = re.sub(
        r"\\xentproof(?:proved|unproved)\{\}|\\xentproofrefuted\{\w+\}\{\d+\}"
        r"|\\xentproofnote\{\d+\}\{[^\n]*?\}(?=\n|$)",
        "",
        plain,
    )
    assert plain == WRONG


def test_annotate_takes_only_latex(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_text("$$ 1 = 1 $$\n")
    assert main(["annotate", str(path)]) == 2


# -- folders and the pytest plugin ------------------------------------------------------------


def test_folders_are_searched_for_documents_with_displays(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Nothing to check\n\n```sh\npip install\n```\n")
    (tmp_path / "post.md").write_text("$$ 1 + 1 = 2 $$\n")
    (tmp_path / "paper.tex").write_text("\\[ 2 = 2 \\]\n")
    (tmp_path / "paper.xentproof.toml").write_text('title = "sidecar"\n')
    (tmp_path / "d.toml").write_text('title = "t"\n[[chain]]\nsteps = ["1", "1"]\n')
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "p"\n')
    found = {p.name for p in find_files([tmp_path])}
    assert found == {"post.md", "paper.tex", "d.toml"}


def test_the_pytest_plugin_collects_documents(pytester: pytest.Pytester) -> None:
    pytester.makefile(
        ".md",
        post="<!-- xentproof: symbols: x \\in \\mathbb{R} -->\n"
        "$$ (x+1)^2 = x^2 + 2x + 1 $$\n$$ \\sqrt{x^2} = x $$\n$$ x = \\bm{x} $$\n",
    )
    result = pytester.runpytest("--xentproof", "-p", "no:cacheprovider", "-rs")
    result.assert_outcomes(passed=1, failed=1, skipped=1)
    result.stdout.fnmatch_lines(["*REFUTED*", "*display not read*"])
    strict = pytester.runpytest("--xentproof", "--xentproof-strict", "-p", "no:cacheprovider")
    strict.assert_outcomes(passed=1, failed=2)


def test_a_display_not_read_is_listed_with_its_fate() -> None:
    report = api.check_paths([EXAMPLES / "cross-entropy.md"], timeout=30)
    (document,) = report.derivations
    assert document.coverage is not None
    counted = {fate: document.coverage.count(fate) for fate in DisplayFate}
    assert counted[DisplayFate.CHAIN] == len(document.chains)
    assert counted[DisplayFate.NOT_READ] == 0
