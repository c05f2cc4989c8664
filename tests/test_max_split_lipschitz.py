"""Issue 18, class 3: three methods for inequalities and their near misses.

- ``prover/largest``: a Max/Min of n real variables split by which one is the largest
  (smallest), each case shifted by nonnegative gaps: max(x₁, …, xₙ) ≤ LSE ≤ max + log n;
- ``prover/common_factor``: a variable cancelled once each log's common factor is out;
- ``prover/lipschitz``: |f(a) − f(b)| ≤ L·|a − b| from |f′| ≤ L (mean value theorem).

Each method is called alone (no refuter in front of it, only inside the cases it hands to
the cascade) on true relations and on false ones one edit away. Truth by hand:
- LSE(x₁, x₂, x₃) − max = log(1 + e^{−s₂} + e^{−s₃}) ∈ (0, log 3] with sⱼ ≥ 0 the gaps to
  the largest; log 2 in place of log 3 fails at x₁ = x₂ = x₃ = 0 (log 3 > log 2); "<" in
  place of "≤" fails there too (equality); a maximum over x₁, x₂, x₃ against the LSE of x₁,
  x₂ fails at x₃ = 1, x₁ = x₂ = 0 (1 > log 2).
- log(e^a + e^{a+u}) − a − u = log(1 + e^{−u}) ∈ (0, log 2) for u > 0; "< a + log 2" fails
  (log(1 + e^u) > log 2), "≤ a + u" fails (log(1 + e^{−u}) > 0).
- σ′ = σ(1 − σ) ∈ (0, 1/4], tanh(t/3)′ = (1 − tanh²(t/3))/3 ∈ (0, 1/3], sin′ = cos ∈
  [−1, 1]; |σ(x) − σ(u)| ≤ |x − u|/5 fails at u = 0, x = 1/10 (σ′(0) = 1/4 > 1/5); log on
  (0, 1) has no Lipschitz constant (log′ = 1/w is unbounded); tanh(a) − sin(b) is not
  f(a) − f(b) (a = b = 1: 0.762 − 0.841 ≠ 0, while the bound is 0).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy

from xentproof.domains import parse_domain
from xentproof.prover.cascade import prove
from xentproof.prover.common_factor import prove_by_common_factor
from xentproof.prover.declared import DomainInfo
from xentproof.prover.largest import prove_by_largest
from xentproof.prover.lipschitz import prove_lipschitz
from xentproof.result import Verdict

from .helpers import check_text

x1, x2, x3, x4, x, u, a, b = sympy.symbols("x1 x2 x3 x4 x u a b", real=True)
t = sympy.Symbol("t", positive=True)
w, v, p1, p2 = sympy.symbols("w v p1 p2", positive=True)


def _infos() -> dict[sympy.Basic, DomainInfo]:
    infos: dict[sympy.Basic, DomainInfo] = {}
    for symbol, text in (
        *((s, "real") for s in (x1, x2, x3, x4, x, u, a, b)),
        (t, "positive"),
        (w, "(0, 1)"),
        (v, "(0, 1)"),
        (p1, "(0, 1)"),
        (p2, "(0, 1)"),
    ):
        infos[symbol] = DomainInfo(symbol, symbol.name, parse_domain(text))
    return infos


def lse(*args: sympy.Expr) -> sympy.Expr:
    return sympy.log(sympy.Add(*(sympy.exp(z) for z in args)))


MAX3 = sympy.Max(x1, x2, x3)
MIN3 = sympy.Min(x1, x2, x3)


@pytest.mark.parametrize(
    ("lhs", "rel", "rhs"),
    [
        (MAX3, "<=", lse(x1, x2, x3)),
        (MAX3, "<", lse(x1, x2, x3)),
        (lse(x1, x2, x3), "<=", MAX3 + sympy.log(3)),
        (lse(x1, x2, x3, x4), "<=", sympy.Max(x1, x2, x3, x4) + sympy.log(4)),
        (MAX3, "<", lse(t * x1, t * x2, t * x3) / t),
        (lse(t * x1, t * x2, t * x3) / t, "<=", MAX3 + sympy.log(3) / t),
        (MIN3 - sympy.log(3) / t, "<=", lse(-t * x1, -t * x2, -t * x3) / (-t)),
        (lse(-t * x1, -t * x2, -t * x3) / (-t), "<", MIN3),
        (sympy.exp(x2 - MAX3), "<=", sympy.Integer(1)),
        (sympy.Max(x1, x2) - sympy.Min(x1, x2), ">=", sympy.Integer(0)),
    ],
)
def test_max_and_min_of_n_variables_are_split_by_the_largest(
    lhs: sympy.Expr, rel: str, rhs: sympy.Expr
) -> None:
    found = prove_by_largest(rel, lhs, rhs, _infos(), prove)
    assert found is not None
    assert "largest" in found[0]


@pytest.mark.parametrize(
    ("lhs", "rel", "rhs"),
    [
        (lse(x1, x2, x3), "<=", MAX3 + sympy.log(2)),  # log 2 for log 3
        (lse(x1, x2, x3), "<", MAX3 + sympy.log(3)),  # equality at x1 = x2 = x3
        (MAX3, "<=", lse(x1, x2)),  # a member missing from the LSE
        (lse(x1, x2, x3, x4), "<=", sympy.Max(x1, x2, x3, x4) + sympy.log(3)),
        (lse(t * x1, t * x2, t * x3) / t, "<=", MAX3 + sympy.log(3) / (2 * t)),
        (lse(-t * x1, -t * x2, -t * x3) / (-t), "<=", MIN3 - sympy.log(3) / t),
        (sympy.exp(x2 - MAX3), "<", sympy.Integer(1)),  # x2 is the largest somewhere
        (sympy.Max(x1, x2) - sympy.Min(x1, x2), ">", sympy.Integer(0)),  # 0 at x1 = x2
    ],
)
def test_max_split_near_misses(lhs: sympy.Expr, rel: str, rhs: sympy.Expr) -> None:
    assert prove_by_largest(rel, lhs, rhs, _infos(), prove) is None


def test_max_split_takes_only_variables_over_the_whole_line() -> None:
    # p1, p2 in (0, 1): x_j = x_k − s_j would leave the domain; the method does not apply
    infos = _infos()
    assert prove_by_largest("<=", sympy.Max(p1, p2), lse(p1, p2), infos, prove) is None
    # Max of different argument sets: not split here
    mixed = sympy.Max(x1, x2) + sympy.Max(x2, x3)
    assert prove_by_largest("<=", mixed, 2 * sympy.Max(x1, x2, x3), infos, prove) is None


def test_common_factor_loses_a_variable() -> None:
    infos = _infos()
    infos[w] = DomainInfo(w, "u", parse_domain("positive"))
    left = lse(a, a + w)
    found = prove_by_common_factor("<", left, a + w + sympy.log(2), infos, prove)
    assert found is not None
    assert prove_by_common_factor("<", left, a + sympy.log(2), infos, prove) is None
    assert prove_by_common_factor("<=", left, a + w, infos, prove) is None


def _sigmoid(z: sympy.Expr) -> sympy.Expr:
    return 1 / (1 + sympy.exp(-z))


@pytest.mark.parametrize(
    ("lhs", "rhs"),
    [
        (sympy.Abs(_sigmoid(x) - _sigmoid(u)), sympy.Abs(x - u) / 4),
        (sympy.Abs(sympy.tanh(u / 3) - sympy.tanh(a / 3)), sympy.Abs(u - a) / 3),
        (sympy.Abs(sympy.sin(x) - sympy.sin(u)), sympy.Abs(x - u)),
        (sympy.Abs(sympy.atan(x) - sympy.atan(u)), sympy.Abs(u - x)),
    ],
)
def test_lipschitz_bounds_by_the_mean_value_theorem(lhs: sympy.Expr, rhs: sympy.Expr) -> None:
    found = prove_lipschitz("<=", lhs, rhs, _infos(), prove)
    assert found is not None
    assert "mean value theorem" in found[0]
    assert prove_lipschitz(">=", rhs, lhs, _infos(), prove) is not None


@pytest.mark.parametrize(
    ("rel", "lhs", "rhs"),
    [
        ("<=", sympy.Abs(_sigmoid(x) - _sigmoid(u)), sympy.Abs(x - u) / 5),
        ("<", sympy.Abs(_sigmoid(x) - _sigmoid(u)), sympy.Abs(x - u) / 4),  # 0 < 0 at x = u
        ("<=", sympy.Abs(sympy.log(w) - sympy.log(v)), sympy.Abs(w - v)),  # 1/w unbounded
        ("<=", sympy.Abs(sympy.tanh(a) - sympy.sin(b)), sympy.Abs(a - b)),  # not f(a) − f(b)
        ("<=", sympy.Abs(sympy.tanh(u / 3) - sympy.tanh(a / 3)), sympy.Abs(u - a) / 4),
        ("<=", sympy.Abs(sympy.sin(x) - sympy.sin(u)), sympy.Abs(x - u) * sympy.Rational(9, 10)),
    ],
)
def test_lipschitz_near_misses(rel: str, lhs: sympy.Expr, rhs: sympy.Expr) -> None:
    assert prove_lipschitz(rel, lhs, rhs, _infos(), prove) is None


def test_lipschitz_needs_one_interval_for_both_points() -> None:
    # a in (0, 1), b real: |b − a| is bounded by |b − a| on each side, but the method needs
    # both points over the same interval and takes nothing else
    infos = _infos()
    infos[w] = DomainInfo(w, "w", parse_domain("(0, 1)"))
    infos[v] = DomainInfo(v, "v", parse_domain("(1, 2)"))
    lhs = sympy.Abs(sympy.sin(w) - sympy.sin(v))
    assert prove_lipschitz("<=", lhs, sympy.Abs(w - v), infos, prove) is None


SYMBOLS = """\
x1 = "real"
x2 = "real"
x3 = "real"
t = "positive"
a = "real"
b = "real"
"""


def test_the_checker_names_the_methods(tmp_path: Path) -> None:
    chains = (
        '[[chain]]\nname = "lse"\nsteps = ["log(exp(x1) + exp(x2) + exp(x3))",'
        ' "<= Max(x1, x2, x3) + log(3)"]\n'
        '[[chain]]\nname = "lip"\nsteps = ["Abs(tanh(a) - tanh(b))", "<= Abs(a - b)"]\n'
        '[[chain]]\nname = "near"\nsteps = ["log(exp(x1) + exp(x2) + exp(x3))",'
        ' { rel = "<", expr = "Max(x1, x2, x3) + log(3)" }]\n'
    )
    report = check_text(tmp_path, f'title = "t"\n[symbols]\n{SYMBOLS}\n{chains}')
    assert not report.errors, report.errors
    verdicts = [(r.verdict, r.method or "") for r in report.relations]
    assert verdicts[0][0] is Verdict.PROVED and "largest" in verdicts[0][1]
    assert verdicts[1][0] is Verdict.PROVED and "mean value theorem" in verdicts[1][1]
    assert verdicts[2][0] is Verdict.REFUTED
