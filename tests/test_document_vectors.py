"""Notation the document reader reads since documents-4: bold vectors declared with their
dimension (``\\mathbf{w} \\in \\mathbb{R}^{d}``) in an inner product, ``\\underbrace`` and
``\\overbrace`` (the body; the label is a note), and a number given in bits or nats.

Each notation must give the relation a derivation file would write (the same verdicts as the
TOML chain written by hand), and a wrong step written in it must be refuted. Ground truth for
the values is plain arithmetic with mpmath, not SymPy."""

from __future__ import annotations

import json
import re
from pathlib import Path

import mpmath
import pytest

from xentproof import api, load_text
from xentproof.document import load_document_text
from xentproof.result import Verdict

HEAD = (
    "<!-- xentproof: symbols: n \\in \\mathbb{Z}_{>0},\\; d \\in \\mathbb{Z}_{>0},\\; "
    "i \\in \\{1, \\dots, n\\},\\; b \\in \\mathbb{R},\\; x \\in \\mathbb{R},\\; "
    "y \\in \\mathbb{R} -->\n"
    "<!-- xentproof: symbols: \\mathbf{w} \\in \\mathbb{R}^{d},\\; "
    "\\mathbf{x}_i \\in \\mathbb{R}^{d} -->\n"
)
TOML = """title = "t"
[symbols]
n = "positive integer"
d = "positive integer"
i = "{1, ..., n}"
b = "real"
"w[l]" = "real"
"x[i, l]" = "real"
"""


def document(display: str, head: str = HEAD) -> str:
    return f"{head}\n$$\n{display}\n$$\n"


def verdicts(text: str, tmp_path: Path) -> list[Verdict]:
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    report = api.check_paths([path], timeout=30)
    assert not report.errors, [e.message for e in report.errors]
    return [r.verdict for r in report.relations]


def toml_verdicts(first: str, second: str) -> list[Verdict]:
    steps = f"[{json.dumps(first)}, {json.dumps('= ' + second)}]"
    text = TOML + f'[[chain]]\nname = "c"\nsteps = {steps}\n'
    return [r.verdict for r in api.check([load_text(text)], timeout=30).relations]


def read_steps(text: str) -> list[str]:
    derivation = load_document_text(text, "doc.md", markdown=True)
    return [s.text for chain in derivation.chains for s in chain.steps]


def not_read(text: str) -> list[str]:
    derivation = load_document_text(text, "doc.md", markdown=True)
    assert derivation.coverage is not None
    return [d.reason for d in derivation.coverage.not_read]


# -- vectors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "\\mathbf{w}^\\top \\mathbf{x}_i",
        "\\mathbf{w}^T \\mathbf{x}_i",
        "\\mathbf{w}^{\\top} \\mathbf{x}_{i}",
        "\\boldsymbol{w}^\\intercal \\mathbf{x}_i",
        "\\bm{w}^\\top \\mathbf{x}_i",
        "\\mathbf{w} \\cdot \\mathbf{x}_i",
    ],
)
def test_an_inner_product_of_declared_vectors_is_the_sum_over_the_components(
    written: str,
) -> None:
    (first, _) = read_steps(document(f"{written} = b"))
    assert first.replace(" ", "") == "Sum(w[j]*x[i,j],(j,1,d))"


def test_the_transpose_of_the_second_vector_reads_the_other_order() -> None:
    (first, _) = read_steps(document("\\mathbf{x}_i^\\top \\mathbf{w} = b"))
    assert first.replace(" ", "") == "Sum(x[i,j]*w[j],(j,1,d))"


def test_the_vector_is_the_family_of_its_components(tmp_path: Path) -> None:
    """``w_j`` and ``x_{i,j}`` are the components of the declared vectors: the inner product
    written both ways is proved, as the same chain in a derivation file is."""
    text = document("\\mathbf{w}^\\top \\mathbf{x}_i + b = \\sum_{j=1}^{d} x_{i,j} w_j + b")
    assert verdicts(text, tmp_path) == [Verdict.PROVED]
    assert toml_verdicts(
        "Sum(w[l]*x[i, l], (l, 1, d)) + b", "Sum(x[i, j]*w[j], (j, 1, d)) + b"
    ) == [Verdict.PROVED]


def test_a_wrong_step_written_with_vectors_is_refuted(tmp_path: Path) -> None:
    """Near miss: the sum stops one component short. Ground truth: with d = 2 and every
    component 1, the inner product is 2 and the short sum 1."""
    assert mpmath.fsum([1 * 1, 1 * 1]) != mpmath.fsum([1 * 1])
    text = document("\\mathbf{w}^\\top \\mathbf{x}_i = \\sum_{j=1}^{d-1} w_j x_{i,j}")
    assert verdicts(text, tmp_path) == [Verdict.REFUTED]
    assert toml_verdicts("Sum(w[l]*x[i, l], (l, 1, d))", "Sum(w[j]*x[i, j], (j, 1, d - 1))") == [
        Verdict.REFUTED
    ]


def test_components_declared_before_keep_their_set(tmp_path: Path) -> None:
    """A one-hot label ``y_j`` declared before its vector keeps its set; the inner product
    is the chain a derivation file writes, and ``y^T y = 2`` is refuted (one 1, the rest 0)."""
    head = (
        "<!-- xentproof: symbols: q \\in \\mathbb{Z}_{>0},\\; y_j \\in \\text{one-hot}(q),\\; "
        "o_j \\in \\mathbb{R} -->\n"
        "<!-- xentproof: symbols: \\mathbf{y} \\in \\mathbb{R}^{q},\\; "
        "\\mathbf{o} \\in \\mathbb{R}^{q} -->\n"
    )
    text = document("\\mathbf{y}^\\top \\mathbf{o} = \\sum_{j=1}^{q} o_j y_j", head)
    derivation = load_document_text(text, "doc.md", markdown=True)
    assert derivation.symbols["y[]"].domain.joint == "one-hot"
    assert verdicts(text, tmp_path) == [Verdict.PROVED]
    wrong = document("\\mathbf{y}^\\top \\mathbf{y} = 2", head)
    assert verdicts(wrong, tmp_path) == [Verdict.REFUTED]


@pytest.mark.parametrize(
    ("written", "why"),
    [
        ("\\mathbf{w} \\mathbf{x}_i", "is a vector"),  # side by side: which product?
        ("\\mathbf{w} \\times \\mathbf{x}_i", "is a vector"),  # the cross product
        ("\\mathbf{w} + b", "is a vector"),
        ("\\mathbf{w}^2", "transpose"),
        ("\\mathbf{x}^\\top \\mathbf{w}", "family of vectors"),  # x_i without its index
        ("\\log \\mathbf{w}^\\top \\mathbf{x}_i", "ambiguous|is a vector"),
    ],
)
def test_a_vector_outside_an_inner_product_is_not_read(written: str, why: str) -> None:
    (reason,) = not_read(document(f"{written} = b"))
    assert re.search(why, reason), reason


@pytest.mark.parametrize(
    ("symbols", "why"),
    [
        ("\\mathbf{v} \\in \\mathbb{R}^{m}", "declare the dimension m before"),
        ("v \\in \\mathbb{R}^{d}", "written in bold"),
        ("\\mathbf{v} \\ge \\mathbb{R}^{d}", "write \\\\in"),
    ],
)
def test_a_vector_declaration_that_cannot_be_read_is_an_input_error(symbols: str, why: str) -> None:
    from xentproof.errors import InputError

    text = HEAD + f"<!-- xentproof: symbols: {symbols} -->\n\n$$\nb = b\n$$\n"
    with pytest.raises(InputError, match=why):
        load_document_text(text, "doc.md", markdown=True)


def test_vectors_of_different_dimensions_have_no_inner_product() -> None:
    head = HEAD + "<!-- xentproof: symbols: \\mathbf{v} \\in \\mathbb{R}^{3} -->\n"
    (reason,) = not_read(document("\\mathbf{w}^\\top \\mathbf{v} = b", head))
    assert "no inner product" in reason


# -- \underbrace, \overbrace --------------------------------------------------------------

BRACE_HEAD = (
    "<!-- xentproof: symbols: x \\in \\mathbb{R},\\; y \\in \\mathbb{R},\\; "
    "N \\in \\mathbb{Z}_{>0},\\; k \\in \\mathbb{Z}_{>0},\\; L_k \\in \\mathbb{R} -->\n"
)


@pytest.mark.parametrize(
    ("written", "text"),
    [
        ("\\underbrace{x + y}_{\\text{sum}} \\cdot 2", "(x + y)*2"),
        ("\\underbrace{ \\frac{1}{N} \\sum_{k=1}^{N} L_k }_\\text{data loss} + x", None),
        ("\\overbrace{x + y}^{a} \\cdot 2", "(x + y)*2"),
        ("\\underbrace{x}_y y", "x*y"),
    ],
)
def test_a_brace_keeps_its_body_and_drops_its_label(written: str, text: str | None) -> None:
    (first, _) = read_steps(document(f"{written} = x", BRACE_HEAD))
    if text is not None:
        assert first == text
    else:
        assert first.replace(" ", "") == "(1/N*Sum(L[k],(k,1,N)))+x"


def test_a_step_under_a_brace_is_checked_as_written(tmp_path: Path) -> None:
    right = document("\\underbrace{x + y}_{\\text{sum}} \\cdot 2 = 2x + 2y", BRACE_HEAD)
    wrong = document("\\underbrace{x + y}_{\\text{sum}} \\cdot 2 = 2x + y", BRACE_HEAD)
    assert verdicts(right, tmp_path) == [Verdict.PROVED]
    assert verdicts(wrong, tmp_path) == [Verdict.REFUTED]


def test_a_brace_without_its_body_is_not_read() -> None:
    (reason,) = not_read(document("\\underbrace x_{a} = x", BRACE_HEAD))
    assert "needs its body in braces" in reason


# -- units ------------------------------------------------------------------------------

UNIT_HEAD = "<!-- xentproof: symbols: x \\in \\mathbb{R} -->\n"


def test_bits_are_read_where_the_log_has_base_2(tmp_path: Path) -> None:
    head = UNIT_HEAD + "<!-- xentproof: log-base: 2 -->\n"
    assert mpmath.log(16, 2) == 4  # the ground truth of the step
    assert verdicts(document("\\log 16 = 4 \\text{ bits}", head), tmp_path) == [Verdict.PROVED]
    assert verdicts(document("\\log 16 = 3 \\text{ bits}", head), tmp_path) == [Verdict.REFUTED]


def test_nats_are_read_where_the_log_is_natural(tmp_path: Path) -> None:
    text = document("\\log e^{2} = 2 \\text{ nats}", UNIT_HEAD)
    assert verdicts(text, tmp_path) == [Verdict.PROVED]


def test_a_unit_that_is_not_the_logs_is_not_read() -> None:
    """``\\log 16 = 4`` bits, in a text whose log is natural: log 16 ≈ 2.77 nats, and
    reading the 4 as the value would compare a number in bits with one in nats."""
    (reason,) = not_read(document("\\log 16 = 4 \\text{ bits}", UNIT_HEAD))
    assert "log-base: 2" in reason


@pytest.mark.parametrize("depth", [80, 330, 3000])
def test_nested_braces_are_refused_quickly(depth: int) -> None:
    """Hostile input: braces nested past the reader's depth, or past its length, are *not
    read* with the limit named, not a hang or a crash."""
    display = "\\underbrace{" * depth + "x" + "}_{a}" * depth + " = x"
    (reason,) = not_read(document(display, BRACE_HEAD))
    assert "nested deeper" in reason or "characters long" in reason


# -- the multi-index power ----------------------------------------------------------------

POWER_HEAD = (
    "<!-- xentproof: symbols: k \\in \\mathbb{Z}_{>0},\\; p_j \\in (0, 1),\\; "
    "z_j \\in \\{0, 1\\} -->\n"
    "<!-- xentproof: symbols: \\mathbf{p} \\in \\mathbb{R}^{k},\\; "
    "\\mathbf{z} \\in \\mathbb{R}^{k} -->\n"
)


def test_a_vector_to_the_power_of_a_vector_is_the_product_of_the_powers(tmp_path: Path) -> None:
    """``\\mathbf{p}^\\mathbf{z} = \\prod_j p_j^{z_j}`` (multi-index notation, as d2l defines
    the multinoulli p.m.f.); the near miss, a sum of the powers, is refuted (ground truth:
    p = (1/2, 1/2), z = (1, 0): the product is 1/2, the sum 3/2)."""
    half = mpmath.mpf(1) / 2
    assert half**1 * half**0 != half**1 + half**0
    (first, _) = read_steps(document("\\mathbf{p}^\\mathbf{z} = 1", POWER_HEAD))
    assert first.replace(" ", "") == "Product(p[j]**z[j],(j,1,k))"
    right = document("\\mathbf{p}^{\\mathbf{z}} = \\prod_{j=1}^{k} p_{j}^{z_{j}}", POWER_HEAD)
    wrong = document("\\mathbf{p}^{\\mathbf{z}} = \\sum_{j=1}^{k} p_{j}^{z_{j}}", POWER_HEAD)
    assert verdicts(right, tmp_path) == [Verdict.PROVED]
    assert verdicts(wrong, tmp_path) == [Verdict.REFUTED]


# -- \max_j, \min_j over a declared range of numbers ----------------------------------------

MAX_HEAD = (
    "<!-- xentproof: symbols: j \\in \\mathbb{Z}_{>0},\\; f_j \\in \\mathbb{R},\\; "
    "K \\in \\mathbb{Z}_{>0} -->\n"
)


@pytest.mark.parametrize(
    ("written", "text"),
    [
        ("\\max_j f_j", "Max(f[1], f[2], f[3])"),
        ("-\\max\\limits_{j} f_j", "-Max(f[1], f[2], f[3])"),
        ("\\min_j (f_j^2)", "Min((f[1]**2), (f[2]**2), (f[3]**2))"),
    ],
)
def test_a_maximum_over_a_declared_range_of_numbers_is_written_out(written: str, text: str) -> None:
    head = MAX_HEAD + "<!-- xentproof: range: j = 1..3 -->\n"
    (first, _) = read_steps(document(f"{written} = f_1", head))
    assert first == text


def test_a_maximum_step_is_checked_as_written(tmp_path: Path) -> None:
    head = MAX_HEAD + "<!-- xentproof: range: j = 1..2 -->\n"
    # ground truth: max(1, 2) = 2, not 1
    assert max(mpmath.mpf(1), mpmath.mpf(2)) == 2
    assert verdicts(document("\\max_j f_j = f_1", head), tmp_path) == [Verdict.REFUTED]
    assert verdicts(document("\\max_j f_j \\ge f_2", head), tmp_path) != [Verdict.REFUTED]


@pytest.mark.parametrize(
    ("range_", "written", "why"),
    [
        ("j = 1..K", "\\max_j f_j", "range of numbers only"),  # no Max over a family
        ("", "\\max_j f_j", "leaves the range of j unsaid"),
        ("j = 1..3", "\\max_j f_j f_1", "ambiguous"),
        # redteam-6: read as Max(f)·x, \max_j f_j \cdot x = x \max_j f_j was PROVED (false
        # where x < 0 if the body runs on over the product, as a \sum's does)
        ("j = 1..3", "\\max_j f_j \\cdot f_1", "ambiguous"),
        ("j = 1..3", "\\min_j f_j \\times f_1", "ambiguous"),
        ("j = 1..3", "\\max_j f_j / f_1", "ambiguous"),
        ("j = 1..3", "\\max_K f_1", "must be a declared name|range of K unsaid"),
    ],
)
def test_a_maximum_that_cannot_be_written_out_is_not_read(
    range_: str, written: str, why: str
) -> None:
    head = MAX_HEAD + (f"<!-- xentproof: range: {range_} -->\n" if range_ else "")
    (reason,) = not_read(document(f"{written} = f_1", head))
    assert re.search(why, reason), reason


# -- the gradient by a declared vector ------------------------------------------------------

GRADIENT_HEAD = (
    "<!-- xentproof: symbols: n \\in \\mathbb{Z}_{>0},\\; d \\in \\mathbb{Z}_{>0},\\; "
    "i \\in \\mathbb{Z}_{>0},\\; j \\in \\{1, \\dots, d\\},\\; y_i \\in \\{0, 1\\} -->\n"
    "<!-- xentproof: symbols: \\boldsymbol{\\theta} \\in \\mathbb{R}^{d},\\; "
    "\\mathbf{x}_i \\in \\mathbb{R}^{d} -->\n"
    "<!-- xentproof: let: s(t) = \\frac{1}{1 + e^{-t}} -->\n"
)
LOG_LIKELIHOOD = (
    "\\sum_{i=1}^{n} \\left(y_i \\boldsymbol{\\theta}^\\top \\mathbf{x}_i "
    "- \\log(1 + e^{\\boldsymbol{\\theta}^\\top \\mathbf{x}_i})\\right)"
)


@pytest.mark.parametrize(
    "by", ["\\nabla_{\\boldsymbol{\\theta}}", "\\frac{\\partial}{\\partial \\bm{\\theta}}"]
)
def test_the_gradient_by_a_vector_is_its_component_at_the_declared_index(
    by: str, tmp_path: Path
) -> None:
    """The logistic regression log-likelihood's gradient, component j: Σ_i (y_i − s(θᵀx_i))
    x_ij, proved; the near miss with x_{i,1} for x_{i,j} refuted. Ground truth (mpmath, one
    sample, d = 2): the derivative by θ_2 of y θᵀx − log(1 + e^{θᵀx}) is (y − s(θᵀx))·x_2."""
    theta, x, y = [mpmath.mpf("0.3"), mpmath.mpf("-1.2")], [mpmath.mpf(2), mpmath.mpf("0.5")], 1

    def loglik(t2: mpmath.mpf) -> mpmath.mpf:
        z = theta[0] * x[0] + t2 * x[1]
        return y * z - mpmath.log(1 + mpmath.e**z)

    z = theta[0] * x[0] + theta[1] * x[1]
    assert mpmath.almosteq(mpmath.diff(loglik, theta[1]), (y - 1 / (1 + mpmath.e**-z)) * x[1])
    gradient = (
        "\\sum_{i=1}^{n} \\left(y_i - s(\\boldsymbol{\\theta}^\\top \\mathbf{x}_i)\\right) x_{i,j}"
    )
    right = f"{by} {LOG_LIKELIHOOD} = {gradient}"
    wrong = right.replace("x_{i,j}", "x_{i,1}")
    assert verdicts(document(right, GRADIENT_HEAD), tmp_path) == [Verdict.PROVED]
    assert verdicts(document(wrong, GRADIENT_HEAD), tmp_path) == [Verdict.REFUTED]


def test_the_gradient_reads_as_the_member_derivative_a_file_writes() -> None:
    (first, _) = read_steps(
        document(f"\\nabla_{{\\boldsymbol{{\\theta}}}} {LOG_LIKELIHOOD} = 0", GRADIENT_HEAD)
    )
    assert first.startswith("Derivative(") and first.replace(" ", "").endswith(",theta[j])")
    assert "(l, 1, d)" in first  # the inner product binds a name of its own, not the free j


@pytest.mark.parametrize(
    ("head", "written", "why"),
    [
        (HEAD, "\\nabla_{\\mathbf{w}} b", "declare j over the components"),  # j undeclared
        (GRADIENT_HEAD, "\\nabla^2_{\\boldsymbol{\\theta}} s(1)", "Hessian"),
        (GRADIENT_HEAD, "\\nabla_{\\mathbf{x}_i} s(1)", "family of vectors|not a declared"),
        (GRADIENT_HEAD, "\\nabla s(1)", "alone"),
    ],
)
def test_a_gradient_that_cannot_be_read_is_not_read(head: str, written: str, why: str) -> None:
    (reason,) = not_read(document(f"{written} = 0", head))
    assert re.search(why, reason), reason


def test_an_undeclared_bold_name_is_suggested_as_a_vector() -> None:
    head = "<!-- xentproof: symbols: b \\in \\mathbb{R} -->\n"
    (reason,) = not_read(document("\\mathbf{u}^\\top \\mathbf{v} = b", head))
    assert "\\mathbf{u} \\in \\mathbb{R}^{d}" in reason
    assert "\\mathbf{v} \\in \\mathbb{R}^{d}" in reason


# -- a primed name ----------------------------------------------------------------------

PRIME_HEAD = (
    "<!-- xentproof: symbols: m \\in \\mathbb{Z}_{>0},\\; x \\in \\mathbb{Z}_{>0},\\; "
    "p(x) \\in (0, 1),\\; q(x) \\in (0, 1),\\; x^\\prime \\in \\{1, \\dots, m\\} -->\n"
)


def test_a_primed_name_is_a_name_of_its_own(tmp_path: Path) -> None:
    """LMU's ``x^\\prime`` (one outcome, "the symbol dog"): p(x') is the member at x'. The
    near miss swaps the fraction (ground truth: p = 1/2, q = 1/4 gives log 2, not log 1/2)."""
    assert mpmath.log(mpmath.mpf(4)) - mpmath.log(2) != mpmath.log(mpmath.mpf(1) / 2)
    left = (
        "\\log \\left( \\frac{1}{q(x^\\prime)} \\right) "
        "- \\log \\left( \\frac{1}{p(x^\\prime)} \\right)"
    )
    right = document(f"{left} = \\log \\frac{{p(x^{{\\prime}})}}{{q(x^\\prime)}}", PRIME_HEAD)
    wrong = document(f"{left} = \\log \\frac{{q(x^\\prime)}}{{p(x^\\prime)}}", PRIME_HEAD)
    assert read_steps(right)[0].replace(" ", "") == "log(1/q[xprime])-log(1/p[xprime])"
    assert verdicts(right, tmp_path) == [Verdict.PROVED]
    assert verdicts(wrong, tmp_path) == [Verdict.REFUTED]


# -- a family defined member by member (a vector function's component) ------------------

MEMBER_HEAD = (
    "<!-- xentproof: symbols: q \\in \\mathbb{Z}_{>0},\\; j \\in \\{1, \\dots, q\\},\\; "
    "k \\in \\mathbb{Z}_{>0},\\; o_j \\in \\mathbb{R},\\; y_j \\in \\text{one-hot}(q) -->\n"
    "<!-- xentproof: let: \\mathrm{softmax}(\\mathbf{o})_j = "
    "\\frac{\\exp(o_j)}{\\sum_{k=1}^q \\exp(o_k)} -->\n"
)
SOFTMAX = "\\frac{\\exp(o_j)}{\\sum_{k=1}^q \\exp(o_k)}"


def test_a_component_of_a_defined_vector_function_is_its_body(tmp_path: Path) -> None:
    """d2l's ``\\mathrm{softmax}(\\mathbf{o})_j - y_j``: the defined component, at j and at
    a summation index k. Ground truth: softmax components sum to 1 (mpmath, o = (0.3, -2,
    1.5)); the near miss adds y_j to one side."""
    o = [mpmath.mpf("0.3"), mpmath.mpf(-2), mpmath.mpf("1.5")]
    total = mpmath.fsum(mpmath.e**v for v in o)
    assert mpmath.almosteq(mpmath.fsum(mpmath.e**v / total for v in o), 1)
    same = document(f"\\mathrm{{softmax}}(\\mathbf{{o}})_j - y_j = {SOFTMAX} - y_j", MEMBER_HEAD)
    summed = document("\\sum_{k=1}^{q} \\mathrm{softmax}(\\mathbf{o})_k = 1", MEMBER_HEAD)
    wrong = document(f"\\mathrm{{softmax}}(\\mathbf{{o}})_j = {SOFTMAX} + y_j", MEMBER_HEAD)
    assert verdicts(same, tmp_path) == [Verdict.PROVED]
    assert verdicts(summed, tmp_path) == [Verdict.PROVED]
    assert verdicts(wrong, tmp_path) == [Verdict.REFUTED]
    assert toml_verdicts("b", "b") == [Verdict.PROVED]  # the file path is alive


def test_a_plain_family_defined_member_by_member(tmp_path: Path) -> None:
    head = MEMBER_HEAD + f"<!-- xentproof: let: \\hat{{y}}_j = {SOFTMAX} -->\n"
    right = document(
        "\\sum_{j=1}^{q} y_j \\log \\hat{y}_j = \\sum_{j=1}^{q} y_j o_j "
        "- \\log \\sum_{k=1}^{q} \\exp(o_k)",
        head,
    )
    wrong = document("\\sum_{j=1}^{q} y_j \\log \\hat{y}_j = \\sum_{j=1}^{q} y_j o_j", head)
    assert verdicts(right, tmp_path) == [Verdict.PROVED]
    assert verdicts(wrong, tmp_path) == [Verdict.REFUTED]


def test_a_member_read_at_an_index_its_definition_binds_inside_is_not_read() -> None:
    """``g_j = \\sum_k o_k o_j``: g_k would put k inside the sum over k (captured)."""
    head = MEMBER_HEAD + "<!-- xentproof: let: g_j = \\sum_{k=1}^{q} o_k o_j -->\n"
    (reason,) = not_read(document("g_k = 0", head))
    assert "sums over k" in reason


@pytest.mark.parametrize(
    ("let", "why"),
    [
        ("g_z = 1", "index must be a declared name"),
        ("o_j = 1", "already declared"),
    ],
)
def test_a_member_definition_that_cannot_be_read_is_an_input_error(let: str, why: str) -> None:
    from xentproof.errors import InputError

    with pytest.raises(InputError, match=why):
        load_document_text(
            document("q = q", MEMBER_HEAD + f"<!-- xentproof: let: {let} -->\n"),
            "doc.md",
            markdown=True,
        )


@pytest.mark.parametrize("written", ["s'(x)", "s''(x)"])
def test_a_primed_function_head_is_still_the_derivative(written: str, tmp_path: Path) -> None:
    """Regression: with primed names, ``s'(x) = 3x^2`` must stay the derivative of the
    defined s, not define a new function s′."""
    head = "<!-- xentproof: symbols: x \\in \\mathbb{R} -->\n<!-- xentproof: let: s(t) = t^3 -->\n"
    value = "3x^2" if written == "s'(x)" else "6x"
    text = document(f"{written} = {value}", head)
    derivation = load_document_text(text, "doc.md", markdown=True)
    assert "Derivative" in derivation.chains[0].steps[0].text
    assert verdicts(text, tmp_path) == [Verdict.PROVED]


def test_a_primed_head_of_a_function_defines_nothing() -> None:
    """``s^\\prime(x)`` is not read (as before primed names), never a new function s′."""
    head = "<!-- xentproof: symbols: x \\in \\mathbb{R} -->\n<!-- xentproof: let: s(t) = t^3 -->\n"
    derivation = load_document_text(document("s^\\prime(x) = 3x^2", head), "doc.md", markdown=True)
    assert derivation.coverage is not None
    assert [d.fate.value for d in derivation.coverage.displays] == ["not read"]
