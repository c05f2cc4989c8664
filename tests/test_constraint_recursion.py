"""The constraints stage does not call itself on the same relation (prover/constraint_use.py):
a softmax Jacobian entry at fixed indices 1 and n (n >= 3, mnn SoftmaxLayer docs) ran the
stage again and again until its budget was spent; it is proved now. Near miss: the sign."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import relation_of
from xentproof.result import Verdict

SYMBOLS = 'n = "integer >= 3"\nk = "{1, ..., n}"\n"x[j]" = "real"'
SOFTMAX = 'sm = "i -> exp(x[i])/Sum(exp(x[j]), (j, 1, n))"'


def test_an_entry_off_the_diagonal_at_fixed_indices_is_proved(tmp_path: Path) -> None:
    result = relation_of(
        tmp_path, SYMBOLS, "Derivative(sm(1), x[n])", "-sm(1)*sm(n)", functions=SOFTMAX
    )
    assert result.verdict is Verdict.PROVED


def test_the_entry_without_its_minus_sign_is_refuted(tmp_path: Path) -> None:
    result = relation_of(
        tmp_path, SYMBOLS, "Derivative(sm(1), x[n])", "sm(1)*sm(n)", functions=SOFTMAX
    )
    assert result.verdict is Verdict.REFUTED
