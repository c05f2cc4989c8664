"""Every directive of a document (``% xentproof: …``, ``<!-- xentproof: … -->``) and the
sidecar ``FILE.xentproof.toml``: what each sets in the ``Derivation`` read."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy

from xentproof.document import load_document, load_document_text
from xentproof.errors import DocumentError, InputError
from xentproof.model import Derivation


def tex(text: str) -> Derivation:
    return load_document_text(text, "doc.tex")


def fates(derivation: Derivation) -> list[str]:
    assert derivation.coverage is not None
    return [d.fate.value for d in derivation.coverage.displays]


# -- symbols: ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "name", "domain"),
    [
        ("\\hat y \\in (0,1)", "yhat", "(0, 1)"),
        ("y \\in \\{0, 1\\}", "y", "{0, 1}"),
        ("y \\in \\{-1, 1\\}", "y", "{-1, 1}"),
        ("s \\in \\mathbb{R}", "s", "real"),
        ("s \\in \\mathbb R", "s", "real"),
        ("\\sigma > 0", "sigma", "positive"),
        ("u \\ge 0", "u", "nonnegative"),
        ("u \\neq 0", "u", "nonzero"),
        ("p \\in [0, 1)", "p", "[0, 1)"),
        ("0 < p \\le 1", "p", "(0, 1]"),
        ("t \\in [1, \\infty)", "t", "[1, oo)"),
        ("N \\in \\mathbb{Z}_{>0}", "N", "positive integer"),
        ("n \\in \\mathbb{N}_0", "n", "nonnegative integer"),
        ("x_1 \\in \\mathbb{R}", "x1", "real"),
        ("\\alpha \\in (0, 1)", "alpha", "(0, 1)"),
    ],
)
def test_symbols_declares_names_over_their_sets(written: str, name: str, domain: str) -> None:
    derivation = tex(f"% xentproof: symbols: {written}\n")
    assert derivation.symbols[name].domain.text == domain


def test_symbols_families_and_a_shared_set() -> None:
    derivation = tex(
        "% xentproof: symbols: y_i \\in \\{0,1\\},\\; \\pi_i \\in (0, 1),\\; a, b > 0,\\;"
        " p_{n,k} \\in (0,1), z^{(i)} \\in \\mathbb{R}, w_{ij} \\in \\mathbb{R}\n"
    )
    symbols = derivation.symbols
    assert symbols["y[]"].indices == ("i",) and symbols["pi_[]"].indices == ("i",)
    assert symbols["a"].domain.text == symbols["b"].domain.text == "positive"
    assert symbols["p[]"].indices == ("n", "k") and symbols["w[]"].indices == ("i", "j")
    assert symbols["z[]"].indices == ("i",)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("N \\in \\mathbb{N}", "starts at 0 in some texts"),
        ("x \\in \\mathbb{R}_+", "includes 0 in some texts"),
        # a range up to a symbol not declared before (a declared K makes it a range)
        ("x \\in \\{1, \\ldots, K\\}", "must be a declared integer symbol"),
        ("x", "without a set"),
        ("x \\in \\mathbb{C}", "not understood"),
    ],
)
def test_symbols_that_say_too_little_are_input_errors(written: str, message: str) -> None:
    with pytest.raises(DocumentError, match=message) as raised:
        tex(f"\n% xentproof: symbols: {written}\n")
    assert raised.value.line == 2 and raised.value.file == "doc.tex"


def test_a_symbol_declared_again_is_a_symbol_of_its_own_from_there_on() -> None:
    derivation = tex(
        "% xentproof: symbols: y \\in \\{0, 1\\}\n$$ y^2 = y $$\n"
        "% xentproof: symbols: y \\in \\{-1, 1\\}\n$$ y^2 = 1 $$\n"
    )
    first, second = (c.steps[0].expr for c in derivation.chains)
    (y0,), (y1,) = first.free_symbols, second.free_symbols
    assert y0 != y1 and y0.name == y1.name == "y"
    domains = {d.symbol: d.domain.text for d in derivation.symbols.values()}
    assert domains[y0] == "{0, 1}" and domains[y1] == "{-1, 1}"


# -- let:, define, where: -----------------------------------------------------------------


def test_let_defines_functions_with_a_condition_and_names() -> None:
    derivation = tex(
        "% xentproof: symbols: \\hat y \\in (0,1),\\; y \\in \\{0, 1\\}\n"
        "% xentproof: let: P(y|x) = \\hat y^y (1-\\hat y)^{1-y}\n"
        "% xentproof: let: L = -\\log P(y \\mid x)\n"
        "$$ P(y=1|x) = \\hat y $$\n$$ L = -y \\log \\hat y - (1-y)\\log(1-\\hat y) $$\n"
    )
    assert derivation.functions["P"].arity == 1
    assert [c.steps[0].text for c in derivation.chains] == ["P(1)", "L"]
    assert "P" in str(derivation.chains[1].steps[0].expr)  # L stands for -log P(y)


def test_a_later_let_is_a_function_of_its_own() -> None:
    derivation = tex(
        "% xentproof: symbols: x \\in \\mathbb{R}\n% xentproof: let: f(t) = t\n$$ f(x) = x $$\n"
        "% xentproof: let: f(t) = 2t\n$$ f(x) = 2x $$\n"
    )
    first, second = (c.steps[0].expr for c in derivation.chains)
    assert first.func != second.func
    definitions = derivation.definitions()
    assert definitions[first.func](sympy.Integer(3)) == 3
    assert definitions[second.func](sympy.Integer(3)) == 6


def test_define_makes_the_next_display_a_definition_anew() -> None:
    derivation = tex(
        "% xentproof: symbols: x \\in \\mathbb{R}\n$$ L = x $$\n"
        "% xentproof: define\n$$ L = 2x $$\n$$ L = x + x $$\n"
    )
    assert fates(derivation) == ["definition", "definition", "chain"]
    assert str(derivation.chains[0].steps[0].expr) == "2*x"


def test_where_fixes_values_and_gives_names_a_meaning_for_one_display() -> None:
    derivation = tex(
        "% xentproof: symbols: y \\in \\{0, 1\\},\\; x \\in \\mathbb{R}\n$$ L = x $$\n"
        "% xentproof: where: y = 1, L = x + 1\n$$ L = x + y $$\n$$ L = x $$\n"
    )
    first, second = derivation.chains
    assert list(first.where.values()) == [1] and str(first.steps[0].expr) == "x + 1"
    assert second.where == {} and str(second.steps[0].expr) == "x"


def test_where_outside_the_domain_is_an_input_error() -> None:
    with pytest.raises(DocumentError, match="outside its domain"):
        tex("% xentproof: symbols: y \\in \\{0, 1\\}\n% xentproof: where: y = 2\n$$ y = y $$\n")


# -- the next display and the next relation ------------------------------------------------


def test_skip_check_name_claims_and_continue() -> None:
    derivation = tex(
        "% xentproof: symbols: x \\in \\mathbb{R}\n"
        "% xentproof: skip\n$$ x = \\bm{x} $$\n"
        "% xentproof: name: square; claims: C1, C2\n$$ (x+1)^2 = (x+1)(x+1) $$\n"
        "and so\n% xentproof: continue\n$$ = x^2 + 2x + 1 $$\n"
    )
    assert fates(derivation) == ["skipped", "chain", "continued"]
    (chain,) = derivation.chains
    assert chain.name == "square" and chain.claims == ("C1", "C2")
    assert [s.line for s in chain.steps] == [5, 5, 8]


def test_check_makes_a_display_that_is_not_read_an_input_error() -> None:
    with pytest.raises(DocumentError, match="marked check") as raised:
        tex("% xentproof: check\n$$ x = y $$\n")
    assert raised.value.line == 2


def test_rule_expect_accept_and_note_apply_to_the_next_relation() -> None:
    derivation = tex(
        "% xentproof: symbols: x > 0\n"
        "% xentproof: rule: log-product\n"
        "\\begin{align}\n \\log(x \\cdot x) &= \\log x + \\log x \\\\\n"
        " % xentproof: expect: refuted; note: a slip\n"
        " &= 3 \\log x \\\\\n"
        " % xentproof: accept: numeric\n"
        " &= \\log x^2\n\\end{align}\n"
    )
    steps = derivation.chains[0].steps
    assert [s.by for s in steps] == [None, "log-product", None, None]
    assert [s.expect for s in steps] == [None, None, "refuted", None]
    assert [s.note for s in steps] == [None, None, "a slip", None]
    assert [s.accept for s in steps] == [None, None, None, "numeric"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("% xentproof: symbol: x \\in \\mathbb{R}\n", "did you mean 'symbols'"),
        ("% xentproof: expect: proved\n$$ 1 = 1 $$\n", "not known"),
        ("% xentproof: skip\n", "applies to no display"),
        ("% xentproof: rule: algebra\n$$ 1 + 1 $$\n", "no relation after it"),
        ("$$ 1 = 1 \\\\ % xentproof: name: x\n = 1 $$\n", "before a display"),
        ("% xentproof: continue\n$$ 1 = 1 $$\n", None),
    ],
)
def test_directives_that_cannot_apply_are_errors(text: str, message: str | None) -> None:
    if message is None:  # continue with no chain before it: that display is not read
        assert fates(tex(text)) == ["not read"]
        return
    with pytest.raises(DocumentError, match=message):
        tex(text)


def test_markdown_comments_hold_several_directives() -> None:
    derivation = load_document_text(
        "<!-- xentproof:\nsymbols: x \\in \\mathbb{R}\ntitle: Squares\n-->\n"
        "$$ x^2 = x \\cdot x $$\n",
        "post.md",
        markdown=True,
    )
    assert derivation.title == "Squares" and len(derivation.chains) == 1


# -- the sidecar ---------------------------------------------------------------------------

SIDECAR = """\
title = "From the sidecar"
directives = '''
symbols: y \\in \\{0, 1\\}
'''
macros = '''\\newcommand{\\sq}[1]{#1^2}'''
skip-inputs = ["../../style/preamble"]

[symbols]
yhat = "(0, 1)"

[latex]
yhat = "\\\\hat{y}"

[labels."eq:slip"]
expect = "refuted"
note = "on purpose"

[labels."eq:skipped"]
skip = true
"""


def test_a_sidecar_declares_defines_and_sets_labels(tmp_path: Path) -> None:
    (tmp_path / "paper.xentproof.toml").write_text(SIDECAR)
    (tmp_path / "paper.tex").write_text(
        "\\input{../../style/preamble}\n"
        "\\begin{align}\n \\sq{\\hat y} &= \\hat y \\cdot \\hat y \\\\\n"
        " &= 2\\hat y \\label{eq:slip}\n\\end{align}\n"
        "\\begin{equation} y = \\bm{y} \\label{eq:skipped} \\end{equation}\n"
    )
    derivation = load_document(tmp_path / "paper.tex")
    assert derivation.title == "From the sidecar"
    assert set(derivation.symbols) == {"yhat", "y"}
    steps = derivation.chains[0].steps
    assert [s.expect for s in steps] == [None, None, "refuted"]
    assert steps[2].note == "on purpose"
    assert fates(derivation) == ["chain", "skipped"]


def test_a_sidecar_with_an_unknown_key_names_itself(tmp_path: Path) -> None:
    (tmp_path / "post.xentproof.toml").write_text('titel = "x"\n')
    (tmp_path / "post.md").write_text("$$ 1 = 1 $$\n")
    with pytest.raises(InputError, match="did you mean 'title'") as raised:
        load_document(tmp_path / "post.md")
    assert raised.value.file == str(tmp_path / "post.xentproof.toml")


def test_under_where_an_undeclared_head_is_a_case_not_a_definition() -> None:
    derivation = tex(
        "% xentproof: symbols: y \\in \\{0, 1\\},\\; x \\in \\mathbb{R}\n"
        "% xentproof: where: y = 1\n$$ L = x + y $$\n"
        "% xentproof: where: y = 1\n% xentproof: define\n$$ M = x + y $$\n"
    )
    assert fates(derivation) == ["not read", "definition"]


def test_a_continued_display_takes_the_chains_where() -> None:
    derivation = tex(
        "% xentproof: symbols: y \\in \\{0, 1\\}\n$$ y^2 = y $$\n"
        "% xentproof: continue; where: y = 1\n$$ = 1 $$\n"
    )
    assert fates(derivation) == ["chain", "not read"]


# -- a distribution written p(x) -------------------------------------------------------------


def _verdicts(text: str) -> list[str]:
    from xentproof import api

    derivation = load_document_text(text, "post.md", markdown=True)
    return [r.verdict.value for r in api.check([derivation], timeout=20).relations]


P_OF_X = (
    "<!-- xentproof: symbols: N \\in \\mathbb{Z}_{>0},\\; x \\in \\mathbb{Z}_{>0},\\;"
    " p(x) \\in (0, 1),\\; q(x) \\in (0, 1) -->\n"
)


def test_a_family_declared_as_p_of_x_is_read_member_by_member() -> None:
    # log p - log q = log(p/q) for every p, q in (0, 1); p - q = 0 is false at p = 1/2, q = 1/4
    text = P_OF_X + (
        "$$ \\sum_{x=1}^N p(x) (\\log p(x) - \\log q(x))"
        " = \\sum_{x=1}^N p(x) \\log \\frac{p(x)}{q(x)} $$\n"
        "$$ p(x) - q(x) = 0 $$\n"
    )
    assert _verdicts(text) == ["proved", "refuted"]


def test_without_the_declaration_p_of_x_is_not_read() -> None:
    text = (
        "<!-- xentproof: symbols: x \\in \\mathbb{Z}_{>0},\\; p_x \\in (0, 1) -->\n"
        "$$ p(x) = p_x $$\n"
    )
    derivation = load_document_text(text, "post.md", markdown=True)
    assert fates(derivation) == ["not read"]


def test_let_defines_a_functional_of_a_distribution() -> None:
    text = P_OF_X + (
        "<!-- xentproof: range: x = 1..N -->\n"
        "<!-- xentproof: let: H(p) = - \\sum_x p(x) \\log p(x) -->\n"
        "$$ H(p) = \\sum_{x=1}^N p(x) \\log \\frac{1}{p(x)} $$\n"
    )
    assert _verdicts(text) == ["proved"]


def test_two_letters_index_a_family_declared_with_two_indices() -> None:
    # y_{ij} of y_{ij} \in \mathbb{R} is y[i, j]; y_{ij} - y_{ji} = 0 is false at y[1, 2] = 1
    text = (
        "<!-- xentproof: symbols: n \\in \\mathbb{Z}_{>0},\\; i \\in \\mathbb{Z}_{>0},\\;"
        " j \\in \\mathbb{Z}_{>0},\\; y_{ij} \\in \\mathbb{R} -->\n"
        "$$ \\sum_{j=1}^n y_{ij} = \\sum_{j=1}^n y_{i,j} $$\n"
        "$$ y_{ij} - y_{ji} = 0 $$\n"
    )
    assert _verdicts(text) == ["proved", "refuted"]


P_AND_Q = (
    "<!-- xentproof: symbols: k \\in \\mathbb{Z}_{>0},\\; i \\in \\mathbb{Z}_{>0},\\;"
    " p_i \\in (0, 1),\\; q_i \\in (0, 1) -->\n"
    "<!-- xentproof: range: i = 1..k -->\n"
)


def test_a_head_whose_arguments_name_nothing_is_one_quantity_written_so() -> None:
    # H(X) of a random variable X the text names in words, D_KL(P||Q) of distributions it
    # names P and Q: the body does not use them, so each head is one number written so.
    # H + D_KL is the cross-entropy -sum p log q (Gibbs); it is not -sum q log p (p = 1/2,
    # q = 1/4 at k = 1: 0.693 vs 0.347 in mpmath's logs)
    text = P_AND_Q + (
        "<!-- xentproof: let: H(X) = -\\sum_i p_i \\log p_i -->\n"
        "<!-- xentproof: let: D_{\\mathrm{KL}}(P\\|Q) = \\sum_i p_i \\log \\frac{p_i}{q_i} -->\n"
        "$$ H(X) + D_{\\mathrm{KL}}(P\\|Q) = -\\sum_i p_i \\log q_i $$\n"
        "$$ H(X) + D_{\\mathrm{KL}}(P\\|Q) = -\\sum_i q_i \\log p_i $$\n"
    )
    assert _verdicts(text) == ["proved", "refuted"]


def test_a_quantity_written_with_brackets_reads_back_only_as_written() -> None:
    # H(X) is no function: H(Y) and H(p_1) mean nothing, and are not read
    text = P_AND_Q + (
        "<!-- xentproof: let: H(X) = -\\sum_i p_i \\log p_i -->\n"
        "$$ H(Y) = 0 + H(Y) $$\n"
        "$$ H(p_1) = 0 + H(p_1) $$\n"
    )
    derivation = load_document_text(text, "post.md", markdown=True)
    assert fates(derivation) == ["not read", "not read"]


def test_a_head_whose_body_uses_its_argument_stays_a_function() -> None:
    # g(t) = t^2 with t undeclared is a function: g(3) = 9 holds, g(3) = 6 does not
    text = "$$ g(t) = t^2 $$\n$$ g(3) = 9 $$\n$$ g(3) = 6 $$\n"
    assert _verdicts(text) == ["proved", "refuted"]


@pytest.mark.parametrize(
    ("written", "domain"),
    [
        ("\\text{one-hot}(q)", "one-hot(q)"),
        ("\\operatorname{one-hot}(C)", "one-hot(C)"),
        ("\\text{simplex}(K)", "simplex(K)"),
        ("\\{1, \\dots, C\\}", "{1, ..., C}"),
        ("\\{1, \\ldots, 4\\}", "{1, ..., 4}"),
    ],
)
def test_joint_sets_are_the_domain_forms_the_domain_parser_knows(
    written: str, domain: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the document says it in LaTeX; whether the form is known is the domain parser's
    # (xentproof.domains.KNOWN_DOMAIN_FORMS): while it is not, the set is refused as before
    from xentproof.document import names

    with pytest.raises(DocumentError):
        monkeypatch.setattr(names, "KNOWN_DOMAIN_FORMS", ("real",))
        names.set_domain(written)
    forms = ("one-hot(C)", "simplex(K)", "{1, ..., C}")
    monkeypatch.setattr(names, "KNOWN_DOMAIN_FORMS", forms)
    assert names.set_domain(written) == domain


def test_a_range_up_to_a_declared_bound_is_read() -> None:
    derivation = tex(
        "\n% xentproof: symbols: K \\in \\mathbb{Z}_{>0},\\; x \\in \\{1, \\ldots, K\\}\n"
    )
    assert {d.domain.text for d in derivation.symbols.values()} >= {"{1, ..., K}"}
