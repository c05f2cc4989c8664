"""The LaTeX reader reads what TeX typesets, and refuses what reads more than one way
(issue 15's LaTeX list; docs/semantics.md §13): a double superscript, a script of more
than one token without braces, ``1e3``, a product after ``a/b``, a name that typesets like
a member of a family, a ``[latex]`` entry spelled like a number or a constant, and names
written with characters that only look like ASCII."""

from __future__ import annotations

import textwrap

import pytest
import sympy

from xentproof.errors import ExpressionError, InputError
from xentproof.loader import load_text
from xentproof.step_scope import derivation_scope
from xentproof.syntax.reader import read_expression
from xentproof.syntax.scope import Scope
from xentproof.tex.parser import read_latex

XYZ = 'x = "real"\ny = "real"\nz = "real"'


def _source(symbols: str, table: str = "") -> str:
    return (
        'title = "t"\n[symbols]\n'
        + textwrap.dedent(symbols)
        + ("\n[latex]\n" + textwrap.dedent(table) if table else "")
        + '\n[[chain]]\nname = "c"\nsteps = ["1", "= 1"]\n'
    )


def _reads(latex: str, symbols: str = XYZ, table: str = "") -> str:
    derivation = load_text(_source(symbols, table))
    return read_latex(latex, derivation_scope(derivation), derivation.notation)


@pytest.mark.parametrize(
    ("latex", "complaint"),
    [
        ("2^3^2", "double superscript"),
        ("e^x^2", "double superscript"),
        ("2^{3}^2", "double superscript"),
        ("x^{2}^{3}", "double superscript"),
        ("2^10", "only the first digit"),
        ("x^25", "only the first digit"),
        ("1e3", "scientific notation"),
        ("2.5E-4", "scientific notation"),
        ("1 e 3", "scientific notation"),
        ("1/2x", "ambiguous"),
        ("x/yz", "ambiguous"),
        ("x/y z", "ambiguous"),
        (r"1/2 \log x", "ambiguous"),
        ("2²", "unexpected character"),
        ("𝑥 + 1", "unexpected character"),
    ],
)
def test_what_reads_more_than_one_way_is_refused(latex: str, complaint: str) -> None:
    with pytest.raises(ExpressionError, match=complaint) as caught:
        _reads(latex)
    assert caught.value.column is not None and caught.value.column >= 1


@pytest.mark.parametrize(
    ("latex", "reads"),
    [
        ("2^{3^2}", "2**3**2"),
        ("{2^3}^2", "(2**3)**2"),
        ("e^{x^2}", "exp(x**2)"),
        ("2^{10}", "2**10"),
        ("x^2y", "x**2*y"),
        ("2e^{x}", "2*exp(x)"),
        ("2 e", "2*E"),
        (r"\frac{1}{2}x", "1/2*x"),
        (r"x/y \cdot z", "x/y*z"),
        ("x/(yz)", "x/(y*z)"),
        ("x/y/z", "x/y/z"),
    ],
)
def test_the_near_misses_read_as_typeset(latex: str, reads: str) -> None:
    assert _reads(latex) == reads


def test_a_member_and_a_script_read_alike_with_or_without_braces() -> None:
    family = '"y[i]" = "positive"\nx = "real"'
    assert _reads("y_1", family) == _reads("y_{1}", family) == "y[1]"
    assert _reads("y_i^2", 'i = "integer"\n"y[i]" = "positive"') == "y[i]**2"
    symbol = 'y1 = "negative"'
    assert _reads("y_1", symbol) == _reads("y_{1}", symbol) == _reads("y_{ 1 }", symbol) == "y1"


@pytest.mark.parametrize("latex", ["y_1", "y_{1}", "y_1 + 1"])
def test_a_name_that_typesets_like_a_member_is_ambiguous(latex: str) -> None:
    both = 'y1 = "negative"\n"y[i]" = "positive"'
    with pytest.raises(ExpressionError, match="ambiguous"):
        _reads(latex, both)
    # With LaTeX of its own, the symbol is no longer a member's look-alike.
    assert _reads(latex, both, r'y1 = "\\tilde{y}"').startswith("y[1]")
    assert _reads(r"\tilde{y}", both, r'y1 = "\\tilde{y}"') == "y1"


def test_letters_apart_typeset_as_one_run() -> None:
    symbols = 'y = "real"\nz = "real"\nyz = "real"'
    for latex in ("yz", "y z"):
        with pytest.raises(ExpressionError, match="yz"):
            _reads(latex, symbols)
    assert _reads(r"y \cdot z", symbols) == "y*z"
    assert _reads("y z", 'y = "real"\nz = "real"') == "y*z"


@pytest.mark.parametrize(
    ("symbols", "table"),
    [
        ('y = "real"', 'y = "2"'),
        ('y = "real"', 'y = "0.5"'),
        ('p = "real"', 'p = "\\\\pi"'),
        ('p = "real"', 'p = "e"'),
        ('p = "real"', 'p = "\\\\mathrm{e}"'),
        ('p = "real"', 'p = "\\\\infty"'),
        ('p = "real"', 'p = "\\\\log"'),
        ('p = "real"', 'p = "\\\\operatorname{exp}"'),
    ],
)
def test_a_latex_entry_spelled_like_a_literal_is_refused(symbols: str, table: str) -> None:
    with pytest.raises(InputError, match=r"\[latex\]"):
        load_text(_source(symbols, table))


def test_a_family_may_be_written_like_a_constant_since_a_member_has_its_index() -> None:
    symbols = '"pr[i]" = "(0, 1)"\ni = "integer"'
    assert _reads(r"\pi_i", symbols, 'pr = "\\\\pi"') == "pr[i]"
    with pytest.raises(ExpressionError, match="family"):
        _reads(r"\pi", symbols, 'pr = "\\\\pi"')  # not silently the constant


def test_a_symbol_named_e_makes_e_ambiguous() -> None:
    with pytest.raises(ExpressionError, match="Euler"):
        _reads("e^{x}", 'e = "real"\nx = "real"')


@pytest.mark.parametrize("text", ["𝑥 + 1", "ｘ", "log(𝑥)", "𝐸"])
def test_names_that_only_look_like_ascii_are_refused(text: str) -> None:
    # Python reads names in NFKC form (𝑥 is x, 𝐸 is E): refused, with the name to write,
    # also (the case that mattered) where x is declared and would have been read silently.
    for scope in (Scope(symbols={}), Scope(symbols={"x": sympy.Symbol("x", real=True)})):
        with pytest.raises(ExpressionError, match=r"write '(x|E)'") as caught:
            read_expression(text, scope)
        assert caught.value.column is not None
        assert text.split(" ")[0].removeprefix("log(").rstrip(")") in caught.value.message
