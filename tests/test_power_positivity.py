"""Issue 18, class 2: positivity of sums. A sum of positive terms over a range shown
non-empty is positive, of nonnegative terms nonnegative (``positivity``); used by the
definedness of a log of a softmax over c + m classes and by "X > 0" steps.

Truth by hand: exp is positive, so Σ_{k=1}^{n} exp(o[k]) > 0 exactly when n ≥ 1; with c a
positive and m a nonnegative integer, c + m ≥ 1 while m alone may be 0 and c + m − 1 may
be 0 (c = 1, m = 0), where the sum is empty and 0 by the contract.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from xentproof.result import Verdict

from .helpers import relation_of

SYMBOLS = """\
c = "positive integer"
m = "nonnegative integer"
"o[k]" = "real"
"z[k]" = "real"
"p[k]" = "(0, 1)"
"y[k]" = "{0, 1}"
"""


@pytest.mark.parametrize(
    ("lhs", "rel"),
    [
        ("Sum(exp(o[k]), (k, 1, c + m))", ">"),
        ("Sum(exp(o[k]), (k, 2, c + m + 1))", ">"),
        ("1/Sum(exp(o[k]) + z[k]**2, (k, 1, c + m))", ">"),
        ("Sum(p[k]*exp(o[k]), (k, 3, c + m + 2))", ">"),
        ("-Sum(y[k]*log(p[k]) + (1 - y[k])*log(1 - p[k]), (k, 1, c))", ">"),
    ],
)
def test_sums_of_positive_terms_over_a_non_empty_range(tmp_path: Path, lhs: str, rel: str) -> None:
    result = relation_of(tmp_path, SYMBOLS, lhs, "0", rel=rel, timeout=5)
    assert result.verdict is Verdict.PROVED, result.reason
    assert result.method == "signs of the parts"


@pytest.mark.parametrize(
    ("lhs", "rel"),
    [
        ("Sum(exp(o[k]), (k, 1, m))", ">"),  # m = 0: empty, 0
        ("Sum(exp(o[k]), (k, 2, c + m))", ">"),  # c = 1, m = 0: 2 .. 1 is empty
        ("Sum(z[k]**2, (k, 1, c + m))", ">"),  # every z[k] = 0
        ("Sum(exp(o[k]) - 1, (k, 1, c))", ">="),  # o[1] = −1: e⁻¹ − 1 < 0
        ("-Sum(y[k]*log(p[k]) + (1 - y[k])*log(1 - p[k]), (k, 1, m))", ">"),  # m = 0
    ],
)
def test_near_misses_are_not_proved(tmp_path: Path, lhs: str, rel: str) -> None:
    result = relation_of(tmp_path, SYMBOLS, lhs, "0", rel=rel, timeout=5)
    assert result.verdict is Verdict.REFUTED


def test_log_of_a_softmax_over_c_plus_m_classes_is_defined(tmp_path: Path) -> None:
    softmax = "exp(o[1])/Sum(exp(o[k]), (k, 1, c + m))"
    result = relation_of(
        tmp_path, SYMBOLS, f"log({softmax})", "o[1] - log(Sum(exp(o[k]), (k, 1, c + m)))"
    )
    assert result.verdict is Verdict.PROVED, result.reason
    assert any("non-empty range" in condition for condition in result.conditions)
    # near miss: the log of the sum taken for the sum of the logs (c = 2, m = 0, o = 0:
    # −log 2 against 0)
    wrong = relation_of(tmp_path, SYMBOLS, f"log({softmax})", "o[1] - Sum(o[k], (k, 1, c + m))")
    assert wrong.verdict is Verdict.REFUTED
