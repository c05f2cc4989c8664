"""Issue 18, class 5: a sum over a simplex or one-hot family with members left out at the
ends of its range (Fano's grouping: Σ_{j=1}^{m−1} P[j + 1] = 1 − P[1] for P over
simplex(m)), by ``constraint_use``.

Truth by hand: the members 1..C sum to 1, so those from 1 + a to C − b sum to 1 minus the
a first and b last ones, when C ≥ a + b (the left-out members are distinct). Near misses:
a range one member short (m − 2: at m = 3, P = (1/2, 1/4, 1/4) the sum is 1/4, not 1/2); a
range past the last member (Σ_{j=1}^{m} P[j + 1] has P[m + 1], no member); C ≥ 1 where two
members are left out (C = 1: the range 2..0 is empty, 0, while 1 − y[1] − y[C] = −1).
"""

from __future__ import annotations

from pathlib import Path

import sympy

from xentproof.domains import parse_domain
from xentproof.prover.constraint_use import use_constraints
from xentproof.prover.declared import DomainInfo
from xentproof.result import Verdict

from .helpers import check_text

m = sympy.Symbol("m", integer=True, positive=True)
C = sympy.Symbol("C", integer=True, positive=True)
j = sympy.Symbol("j", integer=True)
P = sympy.IndexedBase("P")
y = sympy.IndexedBase("y")


def _infos(size_domain: str = "integer >= 2") -> dict[sympy.Basic, DomainInfo]:
    return {
        m: DomainInfo(m, "m", parse_domain("integer >= 2")),
        C: DomainInfo(C, "C", parse_domain(size_domain)),
        P: DomainInfo(P, "P", parse_domain("simplex(m)")),
        y: DomainInfo(y, "y", parse_domain("one-hot(C)")),
    }


def _rewritten(lhs: sympy.Expr, infos: dict[sympy.Basic, DomainInfo]) -> str | None:
    """The rewritten side as text (a member outside the sums may come back as a symbol of
    its narrowed domain, named as it is written)."""
    used = use_constraints(lhs, sympy.Integer(0), infos)
    return None if used is None else sympy.sstr(sympy.expand(used[0]))


def _text(expr: sympy.Expr) -> str:
    return sympy.sstr(sympy.expand(expr))


def test_a_range_with_members_left_out_sums_to_one_minus_them() -> None:
    shifted = _rewritten(sympy.Sum(P[j + 1], (j, 1, m - 1)), _infos())
    assert shifted == _text(1 - P[1])
    ends = _rewritten(sympy.Sum(y[j], (j, 2, C - 1)), _infos())
    assert ends == _text(1 - y[1] - y[C])
    whole = _rewritten(sympy.Sum(P[j], (j, 1, m)), _infos())
    assert whole == "1"


def test_near_misses_are_left_alone() -> None:
    short = _rewritten(sympy.Sum(P[j + 1], (j, 1, m - 2)), _infos())
    assert short != _text(1 - P[1])
    assert _rewritten(sympy.Sum(P[j + 1], (j, 1, m)), _infos()) is None  # past P[m]
    assert _rewritten(sympy.Sum(y[j], (j, 2, C - 1)), _infos("positive integer")) is None


SYMBOLS = """\
m = "integer >= 2"
"P[j]" = "simplex(m)"
C = "positive integer"
"y[j]" = "one-hot(C)"
"""


def test_fano_grouping_is_proved_and_near_misses_refuted(tmp_path: Path) -> None:
    chains = (
        '[[chain]]\nname = "grouping"\nsteps = ['
        '"-(1 - P[1])*Sum(P[j + 1]/(1 - P[1])*(log(P[j + 1]/(1 - P[1])) + log(1 - P[1])),'
        ' (j, 1, m - 1))", "= -(1 - P[1])*log(1 - P[1]) - (1 - P[1])*Sum(P[j + 1]/(1 - P[1])'
        '*log(P[j + 1]/(1 - P[1])), (j, 1, m - 1))"]\n'
        '[[chain]]\nname = "short"\nsteps = ["Sum(P[j + 1], (j, 1, m - 2))", "= 1 - P[1]"]\n'
        '[[chain]]\nname = "ends"\nsteps = ["Sum(y[j], (j, 2, C - 1))", "= 1 - y[1] - y[C]"]\n'
    )
    report = check_text(tmp_path, f'title = "t"\n[symbols]\n{SYMBOLS}\n{chains}')
    assert not report.errors, report.errors
    verdicts = [r.verdict for r in report.relations]
    assert verdicts == [Verdict.PROVED, Verdict.REFUTED, Verdict.REFUTED]
