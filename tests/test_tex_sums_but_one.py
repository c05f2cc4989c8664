"""A sum or product over every index of its declared range but one, ``\\sum_{k \\neq i}``
(documents-7, yanfenglee/dl_demo's softmax derivative): the skipped term is the operation's
neutral element, so the reading holds whatever i is (inside the range or not). The range is
the declared one (``range: k = 1..K``); without it the sum is refused, never guessed.

Ground truth: the sums and products written out with mpmath at K = 3."""

from __future__ import annotations

import json
from pathlib import Path

import mpmath
import pytest
import sympy

from xentproof import load_text
from xentproof.errors import XentproofError
from xentproof.result import Verdict

from .helpers import check_text

SYMBOLS = """K = "positive integer"
k = "positive integer"
i = "{1, ..., K}"
"y[k]" = "real"
"a[k]" = "positive"
"""
RANGE = '[latex]\nindex = "subscript"\nrange = { k = "1..K" }\n'
NO_RANGE = '[latex]\nindex = "subscript"\n'
Y = ["0.3", "-1.2", "2.5"]
A = ["0.5", "4", "1.5"]


def text(first: str, second: str, latex: str = RANGE) -> str:
    steps = f"[{{ latex = {json.dumps(first)} }}, {{ latex = {json.dumps(second)} }}]"
    return f'title = "t"\n[symbols]\n{SYMBOLS}{latex}[[chain]]\nname = "c"\nsteps = {steps}\n'


def value_at(latex: str, i: int) -> sympy.Float:
    """The step read, at K = 3 and the members Y, A, index i."""
    expr = load_text(text(latex, "0")).chains[0].steps[0].expr
    put: dict[sympy.Basic, sympy.Basic] = {}
    for s in expr.free_symbols:
        if s.name == "K":
            put[s] = sympy.Integer(3)
        elif s.name == "i":
            put[s] = sympy.Integer(i)
    done = expr.xreplace(put).doit()
    members = {}
    for m in done.atoms(sympy.Indexed):
        table = Y if m.base.name == "y" else A
        members[m] = sympy.Rational(table[int(m.indices[0]) - 1])
    return sympy.N(done.xreplace(members), 30)


@pytest.mark.parametrize("i", [1, 2, 3])
def test_the_sum_skips_the_one_index(i: int) -> None:
    expected = mpmath.fsum(mpmath.mpf(Y[k]) for k in range(3) if k != i - 1)
    for written in ("\\sum_{k \\neq i} y_k", "\\sum_{k\\ne i} y_k", "\\sum_{k \\neq i}^{K} y_k"):
        assert mpmath.almosteq(mpmath.mpf(str(value_at(written, i))), expected, 1e-12)


@pytest.mark.parametrize("i", [1, 3])
def test_the_product_skips_the_one_index(i: int) -> None:
    expected = mpmath.fprod(mpmath.mpf(A[k]) for k in range(3) if k != i - 1)
    got = value_at("\\prod_{k \\neq i} a_k", i)
    assert mpmath.almosteq(mpmath.mpf(str(got)), expected, 1e-12)


def test_a_skipped_term_the_step_needs_is_refuted(tmp_path: Path) -> None:
    """The near misses: the whole sum, and dl_demo's last step with the sign of y_i changed."""
    whole = text("\\sum_{k \\neq i} y_k", "\\sum_{k=1}^{K} y_k")
    (relation,) = check_text(tmp_path, whole, timeout=20).relations
    assert relation.verdict is Verdict.REFUTED
    sign = text("-y_i+y_ia_i + \\sum_{k\\neq i} y_k a_i", "a_i \\sum_ky_k + y_i")
    (relation,) = check_text(tmp_path, sign, timeout=20).relations
    assert relation.verdict is Verdict.REFUTED


def test_the_true_step_is_never_refuted(tmp_path: Path) -> None:
    right = text("-y_i+y_ia_i + \\sum_{k\\neq i} y_k a_i", "a_i \\sum_ky_k - y_i")
    (relation,) = check_text(tmp_path, right, timeout=20).relations
    assert relation.verdict is not Verdict.REFUTED


def test_without_a_declared_range_it_is_refused() -> None:
    with pytest.raises(XentproofError) as caught:
        load_text(text("\\sum_{k \\neq i} y_k", "0", NO_RANGE))
    assert "range: k = 1..N" in str(caught.value)


def test_only_not_equal_skips() -> None:
    with pytest.raises(XentproofError):
        load_text(text("\\sum_{k < i} y_k", "0"))
