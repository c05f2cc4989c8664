"""Issue 18, class 4: two sums over the same outer range are equal when their summands are
(``outer_sums``), the summands holding sums of their own: Σ_i Σ_{k=1}^{K} f = Σ_i
(Σ_{k=1}^{K−1} f + f(K)) (the categorical log-likelihood with its last class separated).

Truth by hand: the inner sum over 1..K is the one over 1..K − 1 plus its last term, for
every i; summing equal terms over the same range gives equal sums. Near misses: the last
term at the wrong index (X[i, K − 1] for X[i, K]: at K = 2, N = 1, X = (1, 0), θ = (1/2,
1/2) the sides are log(1/2) and 2 log(1/2)); outer ranges that differ (1..N against
1..N − 1: at N = 1 the right side is 0).
"""

from __future__ import annotations

from pathlib import Path

from xentproof.result import Verdict

from .helpers import check_text

SYMBOLS = """\
K = "integer >= 2"
N = "positive integer"
"theta[k]" = "simplex(K)"
"X[i, k]" = "real"
"""
LEFT = "Sum(Sum(X[i, k]*log(theta[k]), (k, 1, K)), (i, 1, N))"


def _chain(name: str, rhs: str) -> str:
    return f'[[chain]]\nname = "{name}"\nsteps = ["{LEFT}", "= {rhs}"]\n'


def test_the_last_term_of_an_inner_sum_split_off_under_an_outer_sum(tmp_path: Path) -> None:
    text = _chain(
        "last", "Sum(Sum(X[i, k]*log(theta[k]), (k, 1, K - 1)) + X[i, K]*log(theta[K]), (i, 1, N))"
    )
    report = check_text(tmp_path, f'title = "t"\n[symbols]\n{SYMBOLS}\n{text}')
    assert not report.errors, report.errors
    (result,) = report.relations
    assert result.verdict is Verdict.PROVED
    assert "the same outer range" in (result.method or "")


def test_near_misses_are_never_proved(tmp_path: Path) -> None:
    text = _chain(
        "wrong-index",
        "Sum(Sum(X[i, k]*log(theta[k]), (k, 1, K - 1)) + X[i, K - 1]*log(theta[K]), (i, 1, N))",
    ) + _chain(
        "shorter-outer",
        "Sum(Sum(X[i, k]*log(theta[k]), (k, 1, K - 1)) + X[i, K]*log(theta[K]), (i, 1, N - 1))",
    )
    report = check_text(tmp_path, f'title = "t"\n[symbols]\n{SYMBOLS}\n{text}')
    assert not report.errors, report.errors
    verdicts = [r.verdict for r in report.relations]
    assert Verdict.PROVED not in verdicts
