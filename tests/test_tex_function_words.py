"""A declared function whose name is a word, typed bare as plain-text mathematics writes it
(``2*sigmoid(z)-1``, yanfenglee/dl_demo): the run of letters typesets as
``\\mathit{sigmoid}`` does, which already reads as the function. A run that also splits into
other declared names is refused, and a function given other LaTeX is not read from its word.

Ground truth: 2σ(z) − 1 = tanh(z/2) (the logistic function's written identity), checked with
mpmath at sample points."""

from __future__ import annotations

import json
from pathlib import Path

import mpmath
import pytest

from xentproof import load_text
from xentproof.errors import XentproofError
from xentproof.result import Verdict

from .helpers import check_text

HEAD = 'title = "t"\n[symbols]\nz = "real"\n'
FUNCTIONS = '[functions]\nsigmoid = "t -> 1/(1 + exp(-t))"\n'


def text(first: str, second: str, head: str = HEAD, functions: str = FUNCTIONS) -> str:
    steps = f"[{{ latex = {json.dumps(first)} }}, {{ latex = {json.dumps(second)} }}]"
    return f'{head}{functions}[[chain]]\nname = "c"\nsteps = {steps}\n'


@pytest.mark.parametrize("z", ["-2.5", "0.4", "3"])
def test_the_identity_holds_at_sample_points(z: str) -> None:
    x = mpmath.mpf(z)
    assert mpmath.almosteq(2 / (1 + mpmath.e**-x) - 1, mpmath.tanh(x / 2))
    assert not mpmath.almosteq(2 / (1 + mpmath.e**-x) - 1, mpmath.tanh(x))


def test_a_function_word_typed_bare_is_the_function(tmp_path: Path) -> None:
    right = text("2*sigmoid(z)-1", "\\tanh(z/2)")
    wrong = text("2*sigmoid(z)-1", "\\tanh(z)")
    assert [r.verdict for r in check_text(tmp_path, right, timeout=20).relations] == [
        Verdict.PROVED
    ]
    assert [r.verdict for r in check_text(tmp_path, wrong, timeout=20).relations] == [
        Verdict.REFUTED
    ]


def test_a_word_that_also_splits_into_declared_letters_is_refused() -> None:
    letters = "".join(f'{c} = "real"\n' for c in "sigmod")
    with pytest.raises(XentproofError):
        load_text(text("sigmoid(z)", "0", HEAD + letters))


def test_a_function_given_other_latex_is_not_read_from_its_word() -> None:
    other = FUNCTIONS + "[latex]\nsigmoid = '\\sigma'\n"
    with pytest.raises(XentproofError):
        load_text(text("sigmoid(z)", "0", functions=other))
    assert load_text(text("\\sigma(z)", "0", functions=other)).chains


def test_an_undeclared_word_is_still_refused() -> None:
    with pytest.raises(XentproofError):
        load_text(text("relu(z)", "0"))
