"""The document reader's reading (no checking): every display form, rows and chains, lines,
notes, labels and what a display that is not read says. Each test reads a small document
with ``load_document_text`` and looks at the ``Derivation`` it makes."""

from __future__ import annotations

import pytest

from xentproof.document import load_document_text
from xentproof.model import Derivation

TEX_HEAD = "% xentproof: symbols: x \\in \\mathbb{R},\\; y \\in \\mathbb{R}\n"


def tex(body: str) -> Derivation:
    return load_document_text(TEX_HEAD + body, "doc.tex")


def md(body: str) -> Derivation:
    head = "<!-- xentproof: symbols: x \\in \\mathbb{R},\\; y \\in \\mathbb{R} -->\n"
    return load_document_text(head + body, "doc.md", markdown=True)


def steps(derivation: Derivation, chain: int = 0) -> list[tuple[int, str | None, str]]:
    """(line, relation, expression text) of every step of one chain."""
    return [(s.line, s.rel, s.text) for s in derivation.chains[chain].steps]


def fates(derivation: Derivation) -> list[str]:
    assert derivation.coverage is not None
    return [d.fate.value for d in derivation.coverage.displays]


def reasons(derivation: Derivation) -> list[str]:
    assert derivation.coverage is not None
    return [d.reason for d in derivation.coverage.displays]


# -- every form of display --------------------------------------------------------------

ENVIRONMENTS = [
    "equation",
    "equation*",
    "align",
    "align*",
    "gather",
    "gather*",
    "multline",
    "multline*",
    "eqnarray",
    "eqnarray*",
    "flalign",
    "flalign*",
    "displaymath",
]


@pytest.mark.parametrize("environment", ENVIRONMENTS)
def test_every_display_environment_is_read_with_its_lines(environment: str) -> None:
    body = (
        f"Text.\n\\begin{{{environment}}}\n  (x + 1)^2\n  = x^2 + 2x + 1\n\\end{{{environment}}}\n"
    )
    derivation = tex(body)
    assert steps(derivation) == [(4, None, "(x + 1)**2"), (5, "=", "x**2 + 2*x + 1")]
    assert fates(derivation) == ["chain"]
    assert derivation.coverage is not None and derivation.coverage.displays[0].line == 3


@pytest.mark.parametrize(
    ("opening", "closing"),
    [("\\[", "\\]"), ("$$", "$$"), ("\\begin{alignat*}{2}", "\\end{alignat*}")],
)
def test_bracket_dollar_and_alignat_displays(opening: str, closing: str) -> None:
    derivation = tex(f"{opening} x + x &= 2x {closing}\n")
    assert steps(derivation) == [(2, None, "x + x"), (2, "=", "2*x")]


@pytest.mark.parametrize("inner", ["aligned", "split", "gathered"])
def test_rows_of_an_inner_environment_are_the_displays_rows(inner: str) -> None:
    derivation = tex(
        f"\\begin{{equation}}\n\\begin{{{inner}}}\n x + x &= 2x \\\\\n &= x \\cdot 2\n"
        f"\\end{{{inner}}}\n\\end{{equation}}\n"
    )
    assert steps(derivation) == [(4, None, "x + x"), (4, "=", "2*x"), (5, "=", "x*2")]


def test_inline_math_and_comments_and_verbatim_hold_no_display() -> None:
    derivation = tex(
        "Inline $x = y$ and \\(x = 1\\) are not displays; 50\\% is text.\n"
        "% $$ x = y $$ is a comment\n"
        "\\begin{verbatim}\n$$ x = 2 $$\n\\end{verbatim}\n"
        "$$ x = x $$\n"
    )
    assert fates(derivation) == ["chain"]
    assert steps(derivation) == [(7, None, "x"), (7, "=", "x")]


def test_a_display_that_never_ends_is_not_read() -> None:
    derivation = tex("$$ x = x $$\n\\begin{align}\n x = 1\n")
    assert fates(derivation) == ["chain", "not read"]
    assert "never ends" in reasons(derivation)[1]


def test_markdown_displays_fenced_math_and_environments() -> None:
    derivation = md(
        "Text with `$$ x = 9 $$` in code and $x$ inline.\n"
        "```python\n$$ x = 3 $$\n```\n"
        "$$\nx + x = 2x\n$$\n"
        "```math\nx \\cdot 1 = x\n```\n"
        "\\begin{align}\nx &= x\n\\end{align}\n"
        "A paragraph with $$ y + y = 2y $$ inside it.\n"
    )
    assert fates(derivation) == ["chain"] * 4
    assert [c.steps[0].line for c in derivation.chains] == [7, 10, 13, 15]


def test_markdown_escapes_of_underscore_are_undone_in_displays() -> None:
    derivation = load_document_text(
        "<!-- xentproof: symbols: f_j \\in \\mathbb{R} -->\n$$\nf\\_j + f\\_j = 2 f\\_j\n$$\n",
        "doc.md",
        markdown=True,
    )
    assert steps(derivation) == [(3, None, "f[j] + f[j]"), (3, "=", "2*f[j]")]


# -- rows and chains ---------------------------------------------------------------------


def test_rows_alignment_labels_tags_and_punctuation_are_stripped() -> None:
    derivation = tex(
        "\\begin{align}\n"
        "  (x+1)^2 &= (x+1)(x+1) \\label{eq:a} \\\\\n"
        "  &= x^2 + 2x + 1 \\notag \\\\[2pt]\n"
        "  &= 1 + 2x + x^2, \\tag{3} \\\\\n"
        "  &= x^2 + 2x + 1 \\nonumber.\n"
        "\\end{align}\n"
    )
    assert [s.rel for s in derivation.chains[0].steps] == [None, "=", "=", "=", "="]
    assert [s.line for s in derivation.chains[0].steps] == [3, 3, 4, 5, 6]
    assert derivation.chains[0].name == "eq:a"


def test_eqnarray_columns_and_a_step_broken_over_rows() -> None:
    derivation = tex(
        "\\begin{eqnarray*}\n"
        "  x + y &=& y + x + \\\\\n"
        "        && 0 \\\\\n"
        "  &=& y\n"
        "     + x\n"
        "\\end{eqnarray*}\n"
    )
    assert steps(derivation) == [(3, None, "x + y"), (3, "=", "y + x + 0"), (5, "=", "y + x")]


def test_a_row_starting_with_an_operator_continues_the_step() -> None:
    derivation = tex("\\begin{align*}\n x + y &= y \\\\\n &\\quad + x\n\\end{align*}\n")
    assert steps(derivation) == [(3, None, "x + y"), (3, "=", "y + x")]


def test_each_row_without_a_leading_relation_starts_a_chain() -> None:
    derivation = tex("\\begin{gather}\n x + x = 2x \\\\\n y \\cdot y = y^2\n\\end{gather}\n")
    assert len(derivation.chains) == 2
    assert steps(derivation, 1) == [(4, None, "y*y"), (4, "=", "y**2")]


@pytest.mark.parametrize(
    ("relation", "expected"),
    [
        ("\\le", "<="),
        ("\\leq", "<="),
        ("\\geq", ">="),
        ("\\ge", ">="),
        ("<", "<"),
        (">", ">"),
        ("<=", "<="),
    ],
)
def test_relations_between_steps(relation: str, expected: str) -> None:
    assert steps(tex(f"$$ x^2 {relation} x^2 + 1 $$"))[1][1] == expected


def test_equations_joined_by_iff_and_implies() -> None:
    derivation = tex("$$ x = y \\iff x - y = 0 \\implies 2x - 2y = 0 $$")
    assert [s.rel for s in derivation.chains[0].steps] == [None, "<=>", "=>"]
    assert derivation.chains[0].steps[0].text == "x = y"


def test_text_annotations_are_notes_and_intertext_the_next_rows() -> None:
    derivation = tex(
        "\\begin{align}\n"
        " x + x &= 2x && \\text{by adding} \\\\\n"
        " \\intertext{and then}\n"
        " &= x \\cdot 2 \\quad\\text{(commuting)}\n"
        "\\end{align}\n"
    )
    notes = [s.note for s in derivation.chains[0].steps]
    assert notes == [None, "by adding", "and then; (commuting)"]


@pytest.mark.parametrize(
    ("body", "why"),
    [
        ("$$ x = 1 \\quad \\text{if } y = 1 $$", "text between formulas"),
        ("\\begin{align} x &= x & y &= y \\end{align}", "side by side"),
        ("$$ x \\approx y $$", "approximately"),
        ("$$ x \\to y $$", "limit"),
        ("$$ x = \\mathscr{y} $$", "\\mathscr"),
        ("$$ = x $$", "starts with a relation"),
        ("$$ x = \\begin{pmatrix} 1 \\end{pmatrix} $$", "pmatrix"),
    ],
)
def test_displays_that_are_not_read_say_why(body: str, why: str) -> None:
    derivation = tex(body)
    assert fates(derivation) == ["not read"]
    assert why in reasons(derivation)[0]
    assert derivation.chains == ()


def test_a_single_expression_is_no_chain() -> None:
    derivation = tex("$$ x + 1 $$")
    assert fates(derivation) == ["expression"] and derivation.chains == ()


def test_undeclared_names_are_named_with_the_directive_to_add() -> None:
    derivation = tex("$$ a + b = c $$")
    reason = reasons(derivation)[0]
    assert reason.startswith("undeclared: a, b, c;")
    assert "% xentproof: symbols: a \\in \\mathbb{R}, b \\in \\mathbb{R}" in reason
    markdown = md("$$ x = a $$")
    assert "<!-- xentproof: symbols: a \\in \\mathbb{R} -->" in reasons(markdown)[0]


def test_an_undeclared_subscripted_name_is_suggested_as_written() -> None:
    # D_{KL} is one name (not D, K, L); ab_j is a times b_j (TeX gives the script to b).
    body = "$$ D_{\\mathrm{KL}} = L_{i} + ab_j + z_i $$"
    reason = reasons(tex(body))[0]
    assert reason.startswith("undeclared: D_{\\mathrm{KL}}, L_{i}, a, b_j, z_i;")
    assert "K \\in" not in reason and "ab_j" not in reason
    # the line suggested, added as it is, declares every name: the display is read
    line = reason.split("add ", 1)[1]
    derivation = tex(f"{line}\n{body}\n")
    assert fates(derivation) == ["chain"] and len(derivation.chains) == 1


def test_a_script_on_a_declared_letter_is_not_suggested_as_a_new_name() -> None:
    reason = reasons(tex("$$ x_i = y $$"))[0]  # x is declared a scalar by TEX_HEAD
    assert not reason.startswith("undeclared") and "x_i \\in" not in reason


# -- definitions -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sign", [":=", "\\coloneqq", "\\triangleq", "\\stackrel{\\text{def}}{=}", "\\overset{def}{=}"]
)
def test_definition_signs_define_the_left_side(sign: str) -> None:
    derivation = tex(f"$$ f(t) {sign} t^2 + 1 $$\n$$ f(x) = x^2 + 1 $$\n")
    assert fates(derivation) == ["definition", "chain"]
    assert "f" in derivation.functions
    assert steps(derivation) == [(3, None, "f(x)"), (3, "=", "x**2 + 1")]


def test_an_undeclared_head_with_equals_defines_a_name_used_after() -> None:
    derivation = tex("$$ L = x^2 $$\n$$ L = x \\cdot x $$\n")
    assert fates(derivation) == ["definition", "chain"]
    step = derivation.chains[0].steps[0]
    assert step.text == "L" and str(step.expr) == "x**2"  # read as L, meaning x²


def test_a_definition_may_start_a_chain() -> None:
    derivation = tex("$$ g(x) := (x + 1)^2 = x^2 + 2x + 1 $$")
    assert derivation.coverage is not None
    assert derivation.coverage.displays[0].defines == ("g(x)",)
    assert [s.rel for s in derivation.chains[0].steps] == [None, "="]


def test_a_definition_of_a_declared_symbol_is_not_read() -> None:
    derivation = tex("$$ x := 2 $$")
    assert fates(derivation) == ["not read"] and "declared symbol" in reasons(derivation)[0]


def test_a_chain_broken_by_a_step_not_read_is_read_in_parts() -> None:
    derivation = tex(
        "\\begin{align}\n x + x &= 2x \\\\\n &= \\mathscr{y} \\\\\n &= 2 \\cdot x \\\\\n"
        " &= x \\cdot 2 \\approx 2.0 x \\\\\n &= x + x\n\\end{align}\n"
    )
    assert fates(derivation) == ["partly read"]
    reason = reasons(derivation)[0]
    assert "line 4:" in reason and "\\mathscr" in reason and "line 6: ≈" in reason
    assert [steps(derivation, k) for k in range(3)] == [
        [(3, None, "x + x"), (3, "=", "2*x")],
        [(5, None, "2*x"), (6, "=", "x*2")],
        [(6, None, "2.0*x"), (7, "=", "x + x")],
    ]


def test_a_chain_with_no_two_steps_read_is_not_read() -> None:
    derivation = tex("$$ x = \\mathscr{y} = \\mathscr{z} $$")
    assert fates(derivation) == ["not read"]


def test_a_functional_of_the_documents_distributions_is_a_name() -> None:
    derivation = load_document_text(
        "% xentproof: symbols: p_i \\in (0,1),\\; q_i \\in (0,1),\\; N \\in \\mathbb{Z}_{>0}\n"
        "$$ D_{KL}(p \\| q) = \\sum_{i=1}^N p_i \\log \\frac{p_i}{q_i} $$\n"
        "$$ H(p) = -\\sum_{i=1}^N p_i \\log p_i $$\n"
        "$$ H_q(p) = -\\sum_{i=1}^N p_i \\log q_i $$\n"
        "$$ H_q(p) = H(p) + D_{KL}(p\\|q) $$\n",
        "doc.tex",
    )
    assert derivation.coverage is not None
    defines = [d for record in derivation.coverage.displays for d in record.defines]
    assert defines == ["D_KL(p‖q)", "H(p)", "H_q(p)"]
    (chain,) = derivation.chains
    assert [s.display for s in chain.steps] == ["H_q(p)", "H(p) + D_KL(p‖q)"]
    assert str(chain.steps[0].expr) == "-Sum(log(q[i])*p[i], (i, 1, N))"  # what it stands for
