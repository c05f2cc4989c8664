"""LaTeX injection (issue 15): what a file gives as LaTeX is read and printed back from what
was read, or refused; every other text of a file reaches the appendix through the one
escaping function. The appendix of a hostile file is compiled with pdflatex and the PDF's
text checked: nothing of a local file is in it, no shell command was asked for.

Measured on main: a [latex] entry ``\\input{…}`` put a local file's contents into the PDF,
``\\write18`` passed through, and so did a claim id.
"""

from __future__ import annotations

import re
import subprocess
import zlib
from pathlib import Path

import pytest

from xentproof import api
from xentproof.errors import FileFormatError
from xentproof.render.latex import tex_text
from xentproof.tex.names import name_latex

SECRET = "LEAKEDSECRET31415926"


@pytest.mark.parametrize(
    ("entry", "arguments"),
    [
        ("\\hat{y}", 0),
        ("\\hat y", 0),
        ("P(#1 \\mid x)", 1),
        ("\\tilde{P}(#1 \\mid x)", 1),
        ("P_{y \\mid x}", 0),
        ("y_{\\text{true}}", 0),
        ("p_{X, Y}(x, y)", 0),
        ("\\mathrm{sigmoid}", 1),
        ("\\left( x \\right)", 0),
        ("\\mathbb{R}", 0),
        ("2", 0),
    ],
)
def test_a_name_s_latex_prints_back_as_written(entry: str, arguments: int) -> None:
    assert name_latex(entry, arguments) == entry


@pytest.mark.parametrize(
    ("entry", "arguments", "words"),
    [
        ("\\input{/etc/hostname}", 0, "\\input is not allowed"),
        ("\\write18{touch pwned}", 0, "\\write is not allowed"),
        ("P(#1 \\mid \\input{x})", 1, "\\input is not allowed"),
        ("\\csname input\\endcsname", 0, "\\csname is not allowed"),
        ("x^^5cinput{/etc/hostname}", 0, "needs something after it"),
        ("x % the rest of the line", 0, "'%' is not allowed"),
        ("x$ \\relax $", 0, "'$' is not allowed"),
        ("x & y", 0, "'&' is not allowed"),
        ("x}", 0, "closes no"),
        ("{x", 0, "never closed"),
        ("#1", 0, "not an argument"),
        ("P(#2)", 1, "not an argument"),
        ("\\text{a^b}", 0, "plain words"),
        ("\\left( x", 0, "\\left has no \\right"),
        ("\\hat", 0, "needs an argument"),
        ("x\x1b[31m", 0, "not allowed"),
        ("\\mathscr{z}", 0, "\\mathscr is not allowed"),  # mathrsfs: not in the appendix
        ("x" * 201, 0, "at most 200"),
    ],
)
def test_a_latex_entry_that_is_not_a_name_is_refused(
    entry: str, arguments: int, words: str
) -> None:
    with pytest.raises(FileFormatError, match=re.escape(words)):
        name_latex(entry, arguments)


def test_bm_is_printed_as_boldsymbol_which_the_appendix_loads() -> None:
    # bm is not among the appendix's packages; \bm sets \boldsymbol's glyph (amsmath)
    assert name_latex("\\bm{z}") == "\\boldsymbol{z}"
    assert name_latex("\\bm{\\theta}^\\top x") == "\\boldsymbol{\\theta}^\\top x"


def test_a_refused_latex_entry_is_an_input_error_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "d.toml"
    path.write_text(
        'title = "t"\n[symbols]\nx = "real"\n[latex]\nx = \'\\input{/etc/hostname}\'\n'
        '[[chain]]\nname = "c"\nsteps = ["x", "= x"]\n',
        encoding="utf-8",
    )
    report = api.check_paths([path])
    (error,) = report.errors
    assert error.line == 5 and "[latex] x: \\input is not allowed" in error.message


def test_text_is_escaped_including_control_characters() -> None:
    assert tex_text("a\rb\nc\x00d\x7f") == "a b c d "
    assert tex_text("\\input{x}") == "\\textbackslash{}input\\{x\\}"
    assert tex_text("x^^5cinput") == "x\\textasciicircum{}\\textasciicircum{}5cinput"
    assert tex_text("é ß Ł") == "é ß Ł"  # letters the preamble sets
    assert tex_text("ŋ Ħ") == "[U+014B] [U+0126]"  # letters it cannot set (OT1)


# -- compiled with pdflatex ----------------------------------------------------------------


def _pdflatex() -> str:
    from tests.test_latex_appendix import _pdflatex as found

    return found()


def _pdf_text(pdf: bytes) -> str:
    """The strings the PDF's pages show (between BT and ET), joined: enough to find a word
    of ASCII letters and digits, which pdfTeX writes as one string or several with kerning
    numbers between them."""
    shown: list[str] = []
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.DOTALL):
        try:
            content = zlib.decompressobj().decompress(stream)
        except zlib.error:
            continue
        for block in re.findall(rb"(?:^|\s)BT\s(.*?)\sET(?:\s|$)", content, re.DOTALL):
            for piece in re.findall(rb"\(((?:[^()\\]|\\.)*)\)", block):
                shown.append(re.sub(rb"\\(.)", rb"\1", piece).decode("latin-1"))
    return "".join(shown)


HOSTILE = """title = 'Hostile \\input{SECRET} \\write18{touch pwned} %'
source = '\\immediate\\write18{touch pwned}'
[symbols]
x = "real"
[latex]
x = '\\hat{x}'
[[chain]]
name = 'chain \\input{SECRET}'
claims = ['\\input{SECRET}', '^^5cinput{SECRET}', "C1\\r\\\\input{SECRET}"]
note = "note\\r\\\\input{SECRET}"
steps = ["(x + 1)**2", { rel = "=", expr = "x**2 + 2*x + 1", note = '\\input{SECRET} % hide' }]
"""


@pytest.mark.slow
@pytest.mark.tex
def test_hostile_text_is_typeset_not_run(tmp_path: Path) -> None:
    pdflatex = _pdflatex()
    secret = tmp_path / "secret.tex"
    secret.write_text(SECRET + "\n", encoding="utf-8")
    (tmp_path / "d.toml").write_text(HOSTILE.replace("SECRET", str(secret)), encoding="utf-8")
    made = api.appendix([tmp_path / "d.toml"], standalone=True, timeout=20)
    assert not made.refused, made.report.errors
    (tmp_path / "a.tex").write_text(made.text, encoding="utf-8")
    run = subprocess.run(
        [pdflatex, "-interaction=nonstopmode", "-halt-on-error", "a.tex"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    log = (tmp_path / "a.log").read_text(encoding="utf-8", errors="replace")
    assert run.returncode == 0, run.stdout[-3000:]
    text = _pdf_text((tmp_path / "a.pdf").read_bytes())
    assert "Hostile" in text and "input" in text  # what was written is there, as text
    assert SECRET not in text
    assert str(secret) not in log.replace("\n", "")  # TeX never opened the file
    assert "runsystem" not in log  # nor asked for a shell command
    assert not (tmp_path / "pwned").exists()


@pytest.mark.tex
def test_the_pdf_reader_of_these_tests_finds_an_input_file(tmp_path: Path) -> None:
    # the near miss: the same check does see a file that TeX does read
    pdflatex = _pdflatex()
    (tmp_path / "secret.tex").write_text(SECRET + "\n", encoding="utf-8")
    (tmp_path / "a.tex").write_text(
        "\\documentclass{article}\n\\begin{document}\nHostile \\input{secret}\n\\end{document}\n",
        encoding="utf-8",
    )
    subprocess.run([pdflatex, "-interaction=nonstopmode", "a.tex"], cwd=tmp_path, timeout=300)
    assert SECRET in _pdf_text((tmp_path / "a.pdf").read_bytes())
