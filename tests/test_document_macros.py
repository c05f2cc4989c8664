"""Macros and ``\\input`` in documents, and documents written to do harm: each ends as an
input error (``DocumentError``) within a small budget, or reads as the author meant."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from xentproof.document import load_document, load_document_text
from xentproof.errors import DocumentError, InputError
from xentproof.model import Derivation
from xentproof.tex.macros import MAX_EXPANSIONS

HEAD = "% xentproof: symbols: x \\in \\mathbb{R},\\; y \\in \\mathbb{R}\n"
BUDGET = 5.0  # seconds; every hostile document ends well within this


def read(text: str) -> Derivation:
    return load_document_text(HEAD + text, "doc.tex")


def texts(derivation: Derivation) -> list[str]:
    return [s.text for c in derivation.chains for s in c.steps]


def test_newcommand_with_and_without_arguments() -> None:
    derivation = read(
        "\\newcommand{\\two}{2}\n\\newcommand{\\sq}[1]{{#1}^2}\n\\newcommand*\\plus[2]{#1 + #2}\n"
        "$$ \\sq{x} + \\two = \\plus{x^2}{\\two} $$\n"
    )
    assert texts(derivation) == ["x**2 + 2", "x**2 + 2"]


def test_a_default_first_argument() -> None:
    derivation = read("\\newcommand{\\pw}[2][2]{{#2}^{#1}}\n$$ \\pw{x} = \\pw[3]{x} $$\n")
    assert texts(derivation) == ["x**2", "x**3"]


def test_renew_provide_declare_operator_and_def() -> None:
    derivation = read(
        "\\newcommand{\\c}{1}\n\\renewcommand{\\c}{2}\n\\providecommand{\\c}{3}\n"
        "\\providecommand{\\d}{4}\n\\def\\e#1{#1 + #1}\n"
        "% xentproof: symbols: \\operatorname{sq} \\in \\mathbb{R}\n"
        "\\DeclareMathOperator{\\sqop}{sq}\n"
        "$$ \\c + \\d = \\e{3} + \\sqop - \\sqop $$\n"
    )
    assert texts(derivation) == ["2 + 4", "3 + 3 + sq - sq"]


def test_macros_take_effect_where_they_are_defined() -> None:
    derivation = read("$$ \\later = x $$\n\\newcommand{\\later}{x}\n$$ \\later = x $$\n")
    assert derivation.coverage is not None
    assert [d.fate.value for d in derivation.coverage.displays] == ["not read", "chain"]
    assert "\\later" in derivation.coverage.displays[0].reason


def test_a_delimited_def_is_no_macro_and_its_display_is_not_read() -> None:
    derivation = read("\\def\\f(#1){#1}\n$$ \\f(x) = x $$\n")
    assert derivation.coverage is not None
    assert derivation.coverage.displays[0].fate.value == "not read"


def test_a_macro_with_missing_arguments_leaves_its_display_unread() -> None:
    derivation = read("\\newcommand{\\f}[2]{#1 #2}\n$$ x = \\f $$\n$$ x = x $$\n")
    assert derivation.coverage is not None
    assert [d.fate.value for d in derivation.coverage.displays] == ["not read", "chain"]


def test_macros_in_markdown_displays() -> None:
    derivation = load_document_text(
        "<!-- xentproof: symbols: x \\in \\mathbb{R} -->\n$$\\newcommand{\\sq}[1]{#1^2}$$\n"
        "$$ \\sq{x} = x \\cdot x $$\n",
        "doc.md",
        markdown=True,
    )
    assert texts(derivation) == ["x**2", "x*x"]


# -- documents written to do harm -----------------------------------------------------------


def _ends_quickly_as_input_error(action: object, match: str) -> None:
    started = time.monotonic()
    with pytest.raises(DocumentError, match=match):
        action()  # type: ignore[operator]
    assert time.monotonic() - started < BUDGET


@pytest.mark.parametrize(
    "bomb",
    [
        "\\def\\a{\\a}\n$$ \\a = x $$",
        "\\newcommand{\\a}{x\\a}\n$$ \\a = x $$",
        "\\def\\a{\\b\\b}\\def\\b{\\c\\c}\\def\\c{\\d\\d}\\def\\d{\\e\\e}\\def\\e{\\f\\f}"
        "\\def\\f{\\g\\g}\\def\\g{\\h\\h}\\def\\h{\\i\\i}\\def\\i{\\j\\j}\\def\\j{xxxxxxxxxx}"
        "\\def\\k{\\a\\a\\a\\a}\n$$ \\k\\k\\k = x $$",
        "\\newcommand{\\a}[1]{#1#1}\n$$ " + "\\a{" * 15 + "x" + "}" * 15 + " = x $$",
    ],
)
def test_a_macro_bomb_is_an_input_error(bomb: str) -> None:
    _ends_quickly_as_input_error(lambda: read(bomb), "macro expansion")


def test_the_bound_on_expansions_is_the_one_documented() -> None:
    with pytest.raises(DocumentError, match=str(MAX_EXPANSIONS)):
        read("\\def\\a{\\a}\n$$ \\a = x $$")


def test_ten_megabytes_of_dollars_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    path.write_text("$$" * 5_000_000)
    _ends_quickly_as_input_error(lambda: load_document(path), "larger than")


def test_many_small_displays_are_bounded(tmp_path: Path) -> None:
    _ends_quickly_as_input_error(
        lambda: load_document_text("$$ x $$\n" * 6000, "many.md", markdown=True), "more than"
    )


def test_input_reads_macros_from_the_same_folder(tmp_path: Path) -> None:
    (tmp_path / "macros.tex").write_text("\\newcommand{\\sq}[1]{#1^2}\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "more.tex").write_text("\\newcommand{\\cube}[1]{#1^3}\n")
    doc = tmp_path / "paper.tex"
    doc.write_text(
        HEAD + "\\input{macros}\n\\input sub/more.tex\n$$ \\sq{x} \\cdot x = \\cube{x} $$\n"
    )
    assert texts(load_document(doc)) == ["x**2*x", "x**3"]


def test_an_input_loop_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "a.tex").write_text("\\input{b}\n")
    (tmp_path / "b.tex").write_text("\\input{a}\n")
    doc = tmp_path / "paper.tex"
    doc.write_text("\\input{a}\n$$ x = x $$\n")
    _ends_quickly_as_input_error(lambda: load_document(doc), "loop")
    (tmp_path / "self.tex").write_text("\\input{self}\n$$ x = x $$\n")
    _ends_quickly_as_input_error(lambda: load_document(tmp_path / "self.tex"), "loop")


@pytest.mark.parametrize(
    "name", ["/etc/passwd", "../outside", "../../etc/passwd", "sub/../../outside"]
)
def test_input_outside_the_documents_folder_is_an_input_error(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "paper"
    folder.mkdir()
    (tmp_path / "outside.tex").write_text("\\newcommand{\\x}{1}\n")
    doc = folder / "paper.tex"
    doc.write_text(f"\\input{{{name}}}\n$$ 1 = 1 $$\n")
    _ends_quickly_as_input_error(lambda: load_document(doc), "absolute|outside")


def test_input_through_a_symbolic_link_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "paper"
    folder.mkdir()
    (tmp_path / "secret.tex").write_text("\\newcommand{\\x}{1}\n")
    (folder / "link.tex").symlink_to(tmp_path / "secret.tex")
    (folder / "paper.tex").write_text("\\input{link}\n$$ 1 = 1 $$\n")
    _ends_quickly_as_input_error(lambda: load_document(folder / "paper.tex"), "outside")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_input_of_a_fifo_does_not_block(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.tex")
    (tmp_path / "paper.tex").write_text("\\input{pipe}\n$$ 1 = 1 $$\n")
    _ends_quickly_as_input_error(lambda: load_document(tmp_path / "paper.tex"), "regular file")


def test_a_document_that_is_no_utf8_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "latin.tex"
    path.write_bytes(b"$$ \xe9 = 1 $$")
    with pytest.raises(InputError, match="UTF-8") as raised:
        load_document(path)
    assert raised.value.file == str(path)
