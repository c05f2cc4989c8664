"""``xentproof latex``: the appendix, its refusal to typeset failures, its figures, and that
pdflatex compiles it."""

from __future__ import annotations

import math
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import write
from xentproof import api
from xentproof.cli import main
from xentproof.figures import plot_points
from xentproof.loader import load_file
from xentproof.render.latex import tex_text

ROOT = Path(__file__).resolve().parents[1]
SMALL = "tests/data/appendix.toml"


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the project root, so that paths in the output are the same everywhere."""
    monkeypatch.chdir(ROOT)
    return ROOT


def test_golden_fragment(at_root: Path, golden: Callable[[str, str], None]) -> None:
    made = api.appendix([SMALL], timeout=10)
    assert not made.refused
    golden("appendix.tex", made.text)


def test_the_figure_is_drawn_from_the_verified_step(at_root: Path) -> None:
    derivation = load_file(SMALL)
    chain = derivation.chains[0]
    assert chain.plot is not None and chain.plot.step == 2  # -log(yhat), not "> 0"
    points = plot_points(derivation, chain, chain.plot)
    assert len(points) == 101
    assert points[0][0] == pytest.approx(0.05) and points[-1][0] == pytest.approx(0.95)
    for x, y in points:
        assert y == pytest.approx(-math.log(x), rel=1e-12)


def test_a_failing_derivation_is_not_typeset(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(
        tmp_path,
        """\
        title = "t"
        [symbols]
        x = "positive"
        [[chain]]
        name = "wrong"
        steps = ["log(x**2)", "= log(x)"]
        """,
    )
    out = tmp_path / "a.tex"
    assert main(["latex", str(path), "-o", str(out), "--no-cache"]) == 1
    assert not out.exists()
    err = capsys.readouterr().err
    assert f"{path}:6" in err and "wrong" in err

    assert main(["latex", str(path), "-o", str(out), "--no-cache", "--allow-failing"]) == 1
    text = out.read_text(encoding="utf-8")
    assert "NOT VERIFIED" in text


def test_unreadable_input_exits_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, 'title = "t"\n[[chain]]\nname = "c"\nsteps = ["x", "= x"]\n')
    out = tmp_path / "a.tex"
    assert main(["latex", str(path), "-o", str(out), "--no-cache"]) == 2
    assert not out.exists()


def test_standalone_is_a_whole_document(at_root: Path) -> None:
    made = api.appendix([SMALL], standalone=True, timeout=10)
    assert made.text.startswith("\\documentclass")
    assert made.text.rstrip().endswith("\\end{document}")
    assert "\\begin{tikzpicture}" in made.text


def test_text_is_escaped_for_pdflatex() -> None:
    assert tex_text("50% of $x_1 & {y}") == "50\\% of \\$x\\_1 \\& \\{y\\}"
    assert "\\ensuremath{\\hat{y}}" in tex_text("ŷ ∈ (0, 1)")
    assert all(ord(c) < 128 for c in tex_text("1 − ŷ ≥ 0 · σ ⁽ⁱ⁾ p̂ 中"))


# -- compiling with pdflatex ---------------------------------------------------------------


def _pdflatex() -> str:
    found = shutil.which("pdflatex")
    if found is None:
        if os.environ.get("XENTPROOF_REQUIRE_TEX") == "1":
            pytest.fail("pdflatex is not installed, and XENTPROOF_REQUIRE_TEX=1 says it must be")
        pytest.skip("pdflatex is not installed (CI installs it; see .ci/run)")
    return found


def _compile(folder: Path, name: str) -> str:
    run = subprocess.run(
        [_pdflatex(), "-interaction=nonstopmode", "-halt-on-error", name],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
    )
    log = (folder / name).with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    errors = [line for line in log.splitlines() if line.startswith("!")]
    assert run.returncode == 0 and not errors, "\n".join(errors) or run.stdout[-3000:]
    assert (folder / name).with_suffix(".pdf").exists()
    return log


@pytest.mark.slow
@pytest.mark.tex
def test_the_shipped_appendix_compiles(at_root: Path, tmp_path: Path) -> None:
    _pdflatex()
    out = tmp_path / "appendix.tex"
    args = ["latex", "derivations", "--standalone", "-o", str(out), "--no-cache", "--timeout", "60"]
    assert main(args) == 0
    text = out.read_text(encoding="utf-8")
    assert text.count("\\begin{tikzpicture}") >= 4
    log = _compile(tmp_path, "appendix.tex")
    assert "Output written" in log


@pytest.mark.tex
def test_the_fragment_compiles_inside_a_paper(at_root: Path, tmp_path: Path) -> None:
    _pdflatex()
    (tmp_path / "fragment.tex").write_text(api.appendix([SMALL], timeout=10).text, "utf-8")
    (tmp_path / "paper.tex").write_text(
        "\\documentclass{article}\n\\usepackage{amsmath,amssymb,xcolor}\n"
        "\\usepackage{pgfplots}\n\\begin{document}\n\\section{Appendix}\n"
        "\\input{fragment}\n\\end{document}\n",
        encoding="utf-8",
    )
    _compile(tmp_path, "paper.tex")


@pytest.mark.parametrize(
    ("plot", "complaint"),
    [
        ('{ var = "z", range = [0.1, 0.9] }', "not a declared symbol"),
        ('{ var = "yhat", range = [0.5, 2] }', "outside the domain"),
        ('{ var = "yhat", range = [0.9, 0.1] }', "smaller to a larger"),
        ('{ var = "yhat", range = [0.1] }', "two numbers"),
        ('{ var = "yhat", range = [0.1, 0.9], step = 7 }', "step number from 1 to 2"),
        ('{ var = "yhat", range = [0.1, 0.9], colour = "red" }', "unknown plot key"),
        ('{ var = "s", range = [-1, 1] }', "still depends on yhat"),
    ],
)
def test_a_bad_plot_is_named_with_its_line(tmp_path: Path, plot: str, complaint: str) -> None:
    path = write(
        tmp_path,
        f"""\
        title = "t"
        [symbols]
        yhat = "(0, 1)"
        s = "real"
        [[chain]]
        name = "c"
        plot = {plot}
        steps = ["-log(yhat)", "= log(1/yhat)"]
        """,
    )
    report = api.check_paths([path])
    (problem,) = report.errors
    assert complaint in problem.message
    assert problem.line == 7
