"""Issue 18, class 5: a fact shown on the domains through the simplex constraint
(``establish`` with ``constraint_sums``): 1 − Σ_{k=1}^{K−1} θ[k] is θ[K] for θ over
simplex(K), so log(1 − Σ_{k<K} θ[k]) is defined (the categorical log-likelihood with its last
class separated, stats.stackexchange 552867).

Truth by hand: the members of simplex(K) are positive and sum to 1, so 1 minus the first
K − 1 of them is the last one, positive. Near misses: the whole range (1 − Σ_{k=1}^{K} θ[k]
is 0, log(0) undefined at every point); twice the sum (1 − 2(1 − θ[K]) = 2θ[K] − 1, negative
at θ = (3/4, 1/4)); the sum minus 1 (−θ[K] < 0); a family that is not a simplex ((0, 1)
members need not sum to 1: θ = (1/2, 1/2, 1/2) gives 1 − 1 = 0 at K = 3).
"""

from __future__ import annotations

from pathlib import Path

import sympy

from xentproof.domains import parse_domain
from xentproof.prover.declared import DomainInfo
from xentproof.prover.establish import establish
from xentproof.result import Verdict

from .helpers import check_text, relation_of

K = sympy.Symbol("K", integer=True, positive=True)
k = sympy.Symbol("k", integer=True)
theta = sympy.IndexedBase("theta")


def _infos(family: str = "simplex(K)") -> dict[sympy.Basic, DomainInfo]:
    return {
        K: DomainInfo(K, "K", parse_domain("integer >= 2")),
        theta: DomainInfo(theta, "theta", parse_domain(family)),
    }


def test_one_minus_all_but_the_last_member_is_positive() -> None:
    rest = 1 - sympy.Sum(theta[k], (k, 1, K - 1))
    shown = establish(rest, "positive", _infos())
    assert shown is not None
    assert any("simplex(K)" in fact for fact in shown)  # the constraint is named


def test_near_misses_are_not_shown() -> None:
    infos = _infos()
    assert establish(1 - sympy.Sum(theta[k], (k, 1, K)), "positive", infos) is None
    assert establish(1 - 2 * sympy.Sum(theta[k], (k, 1, K - 1)), "positive", infos) is None
    assert establish(sympy.Sum(theta[k], (k, 1, K - 1)) - 1, "positive", infos) is None
    rest = 1 - sympy.Sum(theta[k], (k, 1, K - 1))
    assert establish(rest, "positive", _infos("(0, 1)")) is None


SYMBOLS = """\
K = "integer >= 2"
"theta[k]" = "simplex(K)"
"t[k]" = "(0, 1)"
"""


def test_the_log_of_the_last_member_is_defined(tmp_path: Path) -> None:
    result = relation_of(
        tmp_path, SYMBOLS, "log(1 - Sum(theta[k], (k, 1, K - 1)))", "log(theta[K])"
    )
    assert result.verdict is Verdict.PROVED


def test_near_misses_are_never_proved(tmp_path: Path) -> None:
    chains = (
        '[[chain]]\nname = "all"\nsteps = ["log(1 - Sum(theta[k], (k, 1, K)))", "= 0"]\n'
        '[[chain]]\nname = "twice"\nsteps = ["log(1 - 2*Sum(theta[k], (k, 1, K - 1)))",'
        ' "= log(2*theta[K] - 1)"]\n'
        '[[chain]]\nname = "plain"\nsteps = ["log(1 - Sum(t[k], (k, 1, K - 1)))",'
        ' "= log(t[K])"]\n'
    )
    report = check_text(tmp_path, f'title = "t"\n[symbols]\n{SYMBOLS}\n{chains}')
    assert not report.errors, report.errors
    verdicts = [r.verdict for r in report.relations]
    assert Verdict.PROVED not in verdicts
    assert verdicts[0] is Verdict.REFUTED  # log(0) at every point
