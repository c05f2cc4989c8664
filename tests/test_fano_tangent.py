"""Issue 18, class 3: Fano's bound by tangent lines of log, with the weight taken through
the simplex constraint (``tangent_bounds`` with ``constraint_sums``): the logs outside the
sum, (1 − P[1])·(log(m − 1) − log(1 − P[1])), are taken into Σ_{j=1}^{m−1} with the weight
P[j + 1]/(1 − P[1]) (Σ_{j=1}^{m−1} P[j + 1] = 1 − P[1]), whose factor then cancels, so each
summand is one log, P[j + 1]·log((m − 1)·P[j + 1]/(1 − P[1])) ≥ P[j + 1] − (1 − P[1])/(m − 1),
and the bound sums to 0.

Truth by hand (jerrylicious-fano): H(P) = H_b(P[1]) + (1 − P[1])·H(Y) with Y =
P[j + 1]/(1 − P[1]) over m − 1 values, and H(Y) ≤ log(m − 1). Near misses: log(m − 2) for
log(m − 1) and P[1] for the weight 1 − P[1] (false at P uniform over 3 outcomes), strict <
(equality when P[2..m] is uniform), a family not declared a simplex (m = 2, u = (1/10, 3/10)).
"""

from __future__ import annotations

from pathlib import Path

from xentproof.result import Verdict

from .helpers import check_text

SYMBOLS = """\
m = "integer >= 2"
"P[j]" = "simplex(m)"
"u[j]" = "(0, 1)"
"""
H = "-Sum(P[j]*log(P[j]), (j, 1, m))"


def _chain(name: str, lhs: str, rel: str, rhs: str) -> str:
    return f'[[chain]]\nname = "{name}"\nsteps = ["{lhs}", "{rel} {rhs}"]\n'


def test_fano_bound_and_its_second_part_are_proved(tmp_path: Path) -> None:
    text = _chain(
        "rest",
        "-Sum(P[j + 1]*log(P[j + 1]), (j, 1, m - 1))",
        "<=",
        "-(1 - P[1])*log(1 - P[1]) + (1 - P[1])*log(m - 1)",
    ) + _chain(
        "bound", H, "<=", "-P[1]*log(P[1]) - (1 - P[1])*log(1 - P[1]) + (1 - P[1])*log(m - 1)"
    )
    report = check_text(tmp_path, f'title = "t"\n[symbols]\n{SYMBOLS}\n{text}', timeout=20)
    assert not report.errors, report.errors
    for result in report.relations:
        assert result.verdict is Verdict.PROVED
        assert "tangent lines of log" in (result.method or "")


def test_near_misses_are_never_proved(tmp_path: Path) -> None:
    bound = "-P[1]*log(P[1]) - (1 - P[1])*log(1 - P[1])"
    text = (
        _chain("short", H, "<=", f"{bound} + (1 - P[1])*log(m - 2)")
        + _chain("weight", H, "<=", f"{bound} + P[1]*log(m - 1)")
        + _chain("strict", H, "<", f"{bound} + (1 - P[1])*log(m - 1)")
        + _chain(
            "plain",
            "-Sum(u[j]*log(u[j]), (j, 1, m))",
            "<=",
            "-u[1]*log(u[1]) - (1 - u[1])*log(1 - u[1]) + (1 - u[1])*log(m - 1)",
        )
    )
    report = check_text(tmp_path, f'title = "t"\n[symbols]\n{SYMBOLS}\n{text}', timeout=20)
    assert not report.errors, report.errors
    assert Verdict.PROVED not in [r.verdict for r in report.relations]


POSTERIOR_SYMBOLS = """\
n = "integer >= 2"
"a[k]" = "positive"
"q[k]" = "simplex(n)"
"w[k]" = "positive"
"""


def test_kl_to_a_posterior_written_with_its_normaliser(tmp_path: Path) -> None:
    """KL(q ‖ a/Σ a) ≥ 0: the tangent bound Σ_k q[k] − Σ_k a[k]/Σ_j a[j] is 0 once the two
    sums over 1..n share their index name (whatandwhy.net's ELBO gap). Near misses: the
    normaliser one member short (n = 2, a = (1, 1), q = (1/2, 1/2): log(1/2) < 0), weights
    that are not a simplex (w = (1/4, 1/4)), the strict relation (0 at q = a/Σ a)."""
    kl = "Sum(q[k]*log(q[k]/(a[k]/Sum(a[j], (j, 1, n)))), (k, 1, n))"
    text = _chain("kl", kl, ">=", "0")
    report = check_text(tmp_path, f'title = "t"\n[symbols]\n{POSTERIOR_SYMBOLS}\n{text}')
    assert [r.verdict for r in report.relations] == [Verdict.PROVED]
    misses = (
        _chain("short", kl.replace("(j, 1, n)", "(j, 1, n - 1)"), ">=", "0")
        + _chain("weights", kl.replace("q[k]", "w[k]"), ">=", "0")
        + _chain("strict", kl, ">", "0")
    )
    report = check_text(tmp_path, f'title = "t"\n[symbols]\n{POSTERIOR_SYMBOLS}\n{misses}')
    assert not report.errors, report.errors
    assert Verdict.PROVED not in [r.verdict for r in report.relations]
