"""The appendix as a paper includes it (issue 14): the shipped derivations compiled as a
standalone document, as a fragment ``\\input`` into a plain article and into a two-column
article (default and full detail), with no error, no overfull box and no warning in the log;
claim ids as labels that print the chain's number; text with TeX's special characters in
every field; text the fonts cannot set refused with its name."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import write
from tests.latex_compile import compile_document, faults, paper, pdflatex
from xentproof import api
from xentproof.cli import main
from xentproof.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
LAYOUTS = ["standalone", "article", "twocolumn", "twocolumn-full"]


@pytest.fixture(scope="module")
def shipped() -> dict[str, str]:
    """The shipped derivations' appendix: standalone, fragment, fragment in full detail."""
    paths = [str(ROOT / "derivations")]
    made = {
        "standalone": api.appendix(paths, standalone=True, timeout=60),
        "fragment": api.appendix(paths, timeout=60),
        "full": api.appendix(paths, timeout=60, detail="full"),
    }
    assert not any(m.refused for m in made.values())
    return {k: m.text for k, m in made.items()}


def _document(layout: str, shipped: dict[str, str], folder: Path) -> str:
    if layout == "standalone":
        (folder / "main.tex").write_text(shipped["standalone"], encoding="utf-8")
        return "main.tex"
    fragment = shipped["full" if layout.endswith("full") else "fragment"]
    (folder / "fragment.tex").write_text(fragment, encoding="utf-8")
    body = "Claim C18 is shown in \\ref{xp:C18}.\n\\input{fragment}"
    text = paper(body, twocolumn=layout.startswith("twocolumn"))
    (folder / "main.tex").write_text(text, encoding="utf-8")
    return "main.tex"


@pytest.mark.slow
@pytest.mark.tex
@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_shipped_appendix_compiles_clean(
    layout: str, shipped: dict[str, str], tmp_path: Path
) -> None:
    pdflatex()
    log = compile_document(tmp_path, _document(layout, shipped, tmp_path))
    assert faults(log) == []
    # \ref{xp:C18} prints the number of the chain that establishes C18
    aux = (tmp_path / "main.aux").read_text(encoding="utf-8")
    label = re.search(r"\\newlabel\{xp:C18\}\{\{([^}]*)\}", aux)
    assert label is not None and re.fullmatch(r"\d+(\.\d+)+", label.group(1)), label


def test_rows_break_and_brackets_do_not_stand_apart() -> None:
    text = api.appendix([str(ROOT / "derivations")], timeout=60).text
    rows = [line for line in text.splitlines() if line.startswith("  &")]
    assert rows
    # the relation is right of the alignment point, so a minus after it is unary
    assert not re.search(r"^\s*(=|\\le|\\ge|<|>|\\iff|\\implies)\{\} &", text, re.MULTILINE)
    # no \left( straight after a function's name or a letter (TeX puts a gap there)
    assert not re.findall(r"(\\[A-Za-z]+|[A-Za-z)])\\left\(", text)
    # the n-sample loss is broken onto a second line of its own row
    assert any(line.startswith("  &\\qquad + ") for line in rows)


@pytest.mark.slow
@pytest.mark.tex
@pytest.mark.subprocess
def test_the_readme_one_liner_compiles_clean(tmp_path: Path) -> None:
    """The README's command, run as written (latexmk, which CI installs), from a copy of
    the project's derivations."""
    pdflatex()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## The LaTeX appendix") :]
    command = re.search(r"```sh\n(.*?)\n```", section, re.S)
    assert command is not None and "latexmk -pdf appendix.tex" in command.group(1)
    if shutil.which("latexmk") is None:
        pytest.skip("latexmk is not installed (CI installs it; see .ci/run)")
    shutil.copytree(ROOT / "derivations", tmp_path / "derivations")
    binary = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{binary}{os.pathsep}{os.environ.get('PATH', '')}"}
    run = subprocess.run(
        ["bash", "-c", command.group(1)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    log = (tmp_path / "appendix.log").read_text(encoding="utf-8", errors="replace")
    assert faults(log) == []
    assert (tmp_path / "appendix.pdf").exists()


HOSTILE = "# $ % & ~ _ ^ \\ { }"


def _hostile_file(folder: Path) -> Path:
    quoted = HOSTILE.replace("\\", "\\\\")
    return write(
        folder,
        f"""\
        title = "Title {quoted}"
        source = "Source {quoted}"
        [symbols]
        yhat = "(0, 1)"
        [[chain]]
        name = "chain {quoted}"
        claims = ["claim {quoted}", "eq_3", "{quoted}"]
        lemma = "lemma {quoted}"
        note = "note {quoted}"
        plot = {{ var = "yhat", range = [0.1, 0.9], label = "plot {quoted}" }}
        steps = ["-log(yhat)", {{ rel = "=", expr = "log(1/yhat)", note = "step {quoted}" }}]
        [[chain]]
        name = "erratum {quoted}"
        claims = ["{quoted} again"]
        steps = [
          "-log(yhat)",
          {{ rel = "=", expr = "log(yhat)", expect = "refuted", note = "wrong {quoted}" }},
        ]
        """,
        name="hostile.toml",
    )


@pytest.mark.tex
@pytest.mark.parametrize("detail", ["default", "full"])
def test_special_characters_in_every_field_compile(tmp_path: Path, detail: str) -> None:
    pdflatex()
    # a path as deep as CI's temporary folders: a word with few places to break
    folder = tmp_path / "popen-gw1" / "test_special_characters_in_every_field_compile_full_"
    folder.mkdir(parents=True)
    path = _hostile_file(folder)
    made = api.appendix([path], standalone=True, timeout=60, detail=detail)
    assert not made.refused, made.report.errors
    for field in ("Title", "Source", "chain", "claim", "lemma", "note", "plot", "step", "wrong"):
        assert f"{field} \\# \\$ \\% \\& \\textasciitilde{{}} \\_" in made.text, field
    (folder / "main.tex").write_text(made.text, encoding="utf-8")
    log = compile_document(folder, "main.tex")
    assert faults(log) == []
    fragment = api.appendix([path], timeout=60, detail=detail).text
    (folder / "fragment.tex").write_text(fragment, encoding="utf-8")
    (folder / "paper.tex").write_text(
        paper("\\ref{xp:eq_3}\n\\input{fragment}", twocolumn=True), encoding="utf-8"
    )
    assert faults(compile_document(folder, "paper.tex")) == []


def test_text_the_fonts_cannot_set_is_refused_with_its_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(
        tmp_path,
        """\
        title = "交叉熵"
        [symbols]
        x = "real"
        [[chain]]
        name = "c"
        steps = ["(x + 1)**2", "= x**2 + 2*x + 1"]
        """,
    )
    with pytest.raises(InputError, match="U\\+4EA4"):
        api.appendix([path])
    assert main(["latex", str(path)]) == 2
    err = capsys.readouterr().err
    assert "交 (U+4EA4)" in err and "title" in err
    assert api.check_paths([path]).exit_code == 0  # checking is not refused, only typesetting
