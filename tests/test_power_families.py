"""Issue 18, classes 3 and 5 over families: inequalities with weighted logs (Gibbs, KL ≥ 0,
entropy ≤ log K) by tangent lines of log (``prover/tangent_bounds``), sums compared term by
term through nested ranges, and the near misses of each, which must not be proved: weights
off the simplex, a sign flipped, log(K − 1) for log K.

The truth of each relation is by hand (the point where a false one fails is in its comment),
never from SymPy's evaluation.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy

from xentproof.domains import parse_domain
from xentproof.prover.cascade import prove
from xentproof.prover.declared import DomainInfo
from xentproof.prover.tangent_bounds import tangent_bound
from xentproof.result import Verdict

from .helpers import check_text

SYMBOLS = """\
K = "integer >= 2"
C = "integer >= 2"
N = "positive integer"
"p[i]" = "simplex(K)"
"q[i]" = "simplex(K)"
"r[i]" = "(0, 1)"
"w[i]" = "positive"
"Y[n, j]" = "one-hot(C)"
"P[n, j]" = "simplex(C)"
"""


def verdicts(tmp_path: Path, *steps: tuple[str, str, str]) -> list[tuple[Verdict, str]]:
    chains = "".join(
        f'[[chain]]\nname = "c{n}"\nsteps = ["{lhs}", {{ rel = "{rel}", expr = "{rhs}" }}]\n'
        for n, (lhs, rel, rhs) in enumerate(steps)
    )
    report = check_text(tmp_path, f'title = "t"\n[symbols]\n{SYMBOLS}\n{chains}')
    assert not report.errors, report.errors
    return [(r.verdict, r.method or "") for r in report.relations]


ENTROPY = "-Sum(p[i]*log(p[i]), (i, 1, K))"


def test_gibbs_kl_and_entropy_are_proved_by_tangent_lines(tmp_path: Path) -> None:
    found = verdicts(
        tmp_path,
        (ENTROPY, "<=", "log(K)"),
        (ENTROPY, "<=", "-Sum(p[i]*log(q[i]), (i, 1, K))"),
        ("Sum(p[i]*log(p[i]/q[i]), (i, 1, K))", ">=", "0"),
        ("Sum(p[i]*log(q[i]/p[i]), (i, 1, K))", "<=", "0"),
    )
    assert all(v is Verdict.PROVED for v, _ in found), found
    assert all("tangent lines of log" in m for _, m in found), found


def test_the_side_conditions_name_each_use(tmp_path: Path) -> None:
    report = check_text(
        tmp_path,
        f'title = "t"\n[symbols]\n{SYMBOLS}\n[[chain]]\nname = "c"\n'
        f'steps = ["{ENTROPY}", "<= log(K)"]\n',
    )
    (result,) = report.relations
    shown = " ".join(result.conditions)
    assert "tangent of log at 1" in shown
    assert "Σ[i=1..K] p[i] = 1" in shown
    assert "p[i] ≥ 0" in shown


@pytest.mark.parametrize(
    ("lhs", "rel", "rhs"),
    [
        # weights that need not sum to 1: w = (1/10, 1/10), q = (1/2, 1/2): 0.1·log(0.2)·2 < 0
        ("Sum(w[i]*log(w[i]/q[i]), (i, 1, K))", ">=", "0"),
        # the other distribution off the simplex: r = (0.999, 0.999), p = (1/2, 1/2)
        (ENTROPY, "<=", "-Sum(p[i]*log(r[i]), (i, 1, K))"),
        # the ratio upside down: p = (0.9, 0.1), q = (1/2, 1/2) gives −0.37
        ("Sum(p[i]*log(q[i]/p[i]), (i, 1, K))", ">=", "0"),
        # log(K − 1): K = 2, p uniform: log 2 > 0
        (ENTROPY, "<=", "log(K - 1)"),
        # strict where equality holds: the uniform p
        (ENTROPY, "<", "log(K)"),
        # p = q: 0 > 0 fails
        ("Sum(p[i]*log(p[i]/q[i]), (i, 1, K))", ">", "0"),
    ],
)
def test_near_misses_are_refuted(tmp_path: Path, lhs: str, rel: str, rhs: str) -> None:
    ((verdict, _),) = verdicts(tmp_path, (lhs, rel, rhs))
    assert verdict is Verdict.REFUTED


def _infos() -> dict[sympy.Basic, DomainInfo]:
    K = sympy.Symbol("K", integer=True, positive=True)
    infos: dict[sympy.Basic, DomainInfo] = {K: DomainInfo(K, "K", parse_domain("integer >= 2"))}
    for name, text in (("p", "simplex(K)"), ("q", "simplex(K)"), ("w", "positive")):
        base = sympy.IndexedBase(name)
        infos[base] = DomainInfo(base, name, parse_domain(text))
    return infos


def test_the_method_alone_proves_nothing_false() -> None:
    """Without the refuter in front: the tangent bound of a false relation is not proved."""
    infos = _infos()
    K, i = sympy.Symbol("K", integer=True, positive=True), sympy.Symbol("i", integer=True)
    p, q, w = (sympy.IndexedBase(n) for n in "pqw")
    kl = sympy.Sum(p[i] * sympy.log(p[i] / q[i]), (i, 1, K))
    assert tangent_bound(">=", kl, sympy.Integer(0), infos, prove) is not None
    off = sympy.Sum(w[i] * sympy.log(w[i] / q[i]), (i, 1, K))
    assert tangent_bound(">=", off, sympy.Integer(0), infos, prove) is None
    flipped = sympy.Sum(p[i] * sympy.log(q[i] / p[i]), (i, 1, K))
    assert tangent_bound(">=", flipped, sympy.Integer(0), infos, prove) is None
    entropy = -sympy.Sum(p[i] * sympy.log(p[i]), (i, 1, K))
    assert tangent_bound("<=", entropy, sympy.log(K), infos, prove) is not None
    assert tangent_bound("<=", entropy, sympy.log(K - 1), infos, prove) is None


def test_nested_sums_are_compared_term_by_term(tmp_path: Path) -> None:
    found = verdicts(
        tmp_path,
        ("-Sum(Sum(Y[n, j]*log(P[n, j]), (j, 1, C)), (n, 1, N))", ">=", "0"),
        # one sample, the label on a class of probability 1/2: log 2 < log C only for C > 2
        ("-Sum(Sum(Y[n, j]*log(P[n, j]), (j, 1, C)), (n, 1, N))", ">=", "N*log(C)"),
        # the sign flipped: every term is ≤ 0 and some < 0
        ("Sum(Sum(Y[n, j]*log(P[n, j]), (j, 1, C)), (n, 1, N))", ">=", "0"),
    )
    assert found[0][0] is Verdict.PROVED, found
    assert [v for v, _ in found[1:]] == [Verdict.REFUTED, Verdict.REFUTED], found


CONSTRAINED = """\
title = "t"
[symbols]
a = "real"
b = "real"
x = "real"
K = "integer >= 2"
"p[i]" = "simplex(K)"
"q[i]" = "(0, 1)"
[constraints]
ordered = "a < b"
subnormal = "Sum(q[i], (i, 1, K)) <= 1"
"""


def _constrained(tmp_path: Path, *steps: tuple[str, str, str], timeout: float = 30) -> list:
    chains = "".join(
        f'[[chain]]\nname = "c{n}"\nsteps = ["{lhs}", {{ rel = "{rel}", expr = "{rhs}" }}]\n'
        for n, (lhs, rel, rhs) in enumerate(steps)
    )
    report = check_text(tmp_path, CONSTRAINED + chains, timeout)
    assert not report.errors, report.errors
    return list(report.relations)


def test_a_constraint_is_used_and_shown(tmp_path: Path) -> None:
    found = _constrained(
        tmp_path,
        ("a", "<", "b"),
        ("Sum(q[i], (i, 1, K))", "<=", "1"),
        (ENTROPY, "<=", "-Sum(p[i]*log(q[i]), (i, 1, K))"),  # statproofbook's Gibbs
        ("x**2", ">=", "0"),
    )
    assert [r.verdict for r in found] == [Verdict.PROVED] * 4, [r.reason for r in found]
    assert "constraint ordered: a < b" in found[0].conditions
    assert any(c.startswith("constraint subnormal") for c in found[2].conditions)
    assert not any(c.startswith("constraint") for c in found[3].conditions)


def test_constraint_near_misses_are_refuted_at_points_that_keep_to_them(tmp_path: Path) -> None:
    found = _constrained(
        tmp_path,
        ("b", "<", "a"),  # a = 0, b = 1
        ("log(exp(a) + exp(b))", "<", "a + log(2)"),  # the maximum of a < b is b
        ("Sum(q[i], (i, 1, K))", "<", "1/2"),  # q = (0.3, 0.3)
        # Σ q ≤ 1 is not Σ q = 1: K = 2, p = q/Σq at q = (1/4, 1/4): Gibbs the other way
        (ENTROPY, ">=", "-Sum(p[i]*log(q[i]), (i, 1, K))"),
    )
    assert [r.verdict for r in found] == [Verdict.REFUTED] * 4, [r.reason for r in found]
    for r in found:
        assert r.counterexample is not None
        point = r.counterexample.point
        if "a" in point and "b" in point:
            assert sympy.Rational(point["a"]) < sympy.Rational(point["b"])


def test_gibbs_without_the_subnormal_constraint_is_not_proved(tmp_path: Path) -> None:
    text = CONSTRAINED.replace('subnormal = "Sum(q[i], (i, 1, K)) <= 1"\n', "")
    report = check_text(
        tmp_path,
        text + f'[[chain]]\nname = "c"\nsteps = ["{ENTROPY}", '
        '"<= -Sum(p[i]*log(q[i]), (i, 1, K))"]\n',
        30,
    )
    (result,) = report.relations
    assert result.verdict is Verdict.REFUTED  # q = (0.999, 0.999)


def test_constraints_nobody_satisfies_prove_nothing(tmp_path: Path) -> None:
    text = CONSTRAINED.replace('ordered = "a < b"', 'ordered = "a < b"\nreversed = "b < a"')
    report = check_text(tmp_path, text + '[[chain]]\nname = "c"\nsteps = ["a", "< b"]\n', 10)
    (result,) = report.relations
    assert result.verdict is Verdict.UNPROVED
    assert "constraints" in (result.reason or "")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('c = "a"', "one relation"),
        ('c = "1 < 2"', "holds everywhere"),
        ('c = "2 < 1"', "holds nowhere"),
        ('c = "Eq(a, b)"', "one relation"),
        ('c = "a < undeclared"', "undeclared"),
    ],
)
def test_a_constraint_that_is_not_a_relation_is_an_input_error(
    tmp_path: Path, line: str, message: str
) -> None:
    text = 'title = "t"\n[symbols]\na = "real"\nb = "real"\n[constraints]\n' + line
    report = check_text(tmp_path, text + '\n[[chain]]\nname = "c"\nsteps = ["a", "= a"]\n')
    assert report.errors
    assert message in str(report.errors[0])


def test_a_lemma_in_a_file_with_constraints_is_an_input_error(tmp_path: Path) -> None:
    text = CONSTRAINED + '[[chain]]\nname = "c"\nlemma = "ab"\nsteps = ["a", "< b"]\n'
    report = check_text(tmp_path, text)
    assert report.errors
    assert "constraints" in str(report.errors[0])


def test_jensen_for_log_with_simplex_weights(tmp_path: Path) -> None:
    found = verdicts(
        tmp_path,
        ("Sum(p[i]*log(w[i]), (i, 1, K))", "<=", "log(Sum(p[i]*w[i], (i, 1, K)))"),
        # weights off the simplex: w = (1/10, 1/10) as weights and values: log 0.1 > log 0.02
        ("Sum(w[i]*log(w[i]), (i, 1, K))", "<=", "log(Sum(w[i]*w[i], (i, 1, K)))"),
        # reversed: p uniform, w = (1, 2): log √2 < log 3/2
        ("Sum(p[i]*log(w[i]), (i, 1, K))", ">=", "log(Sum(p[i]*w[i], (i, 1, K)))"),
    )
    assert found[0] == (Verdict.PROVED, "tangent lines of log (weighted)"), found
    assert [v for v, _ in found[1:]] == [Verdict.REFUTED, Verdict.REFUTED], found


def test_an_equality_under_a_constraint_by_elimination(tmp_path: Path) -> None:
    found = _constrained(tmp_path, ("Max(a, b)", "=", "b"), ("Max(a, b)", "=", "a"))
    assert [r.verdict for r in found] == [Verdict.PROVED, Verdict.REFUTED]
    assert any("used: b = a + b_slack" in c for c in found[0].conditions), found[0].conditions


def test_every_kept_point_satisfies_the_constraints() -> None:
    """Sampling keeps to a [constraints] relation by rejection, drawing what it uses."""
    import random

    from xentproof.model import Constraint
    from xentproof.prover.constrained import keep_to_constraints
    from xentproof.prover.constraint_table import constraints_in_force

    infos = _infos()
    K, i = sympy.Symbol("K", integer=True, positive=True), sympy.Symbol("i", integer=True)
    a, b = sympy.Symbol("a", real=True), sympy.Symbol("b", real=True)
    infos[a] = DomainInfo(a, "a", parse_domain("real"))
    infos[b] = DomainInfo(b, "b", parse_domain("real"))
    w = sympy.IndexedBase("w")
    ordered = Constraint("ordered", "a < b", sympy.StrictLessThan(a, b), 1)
    small = Constraint("small", "Σ w ≤ 1", sympy.Sum(w[i], (i, 1, K)) <= 1, 2)
    rng = random.Random(1)
    kept_points = 0
    with constraints_in_force([ordered, small]):
        for value in (-3, 0, sympy.Rational(1, 2), 7):
            for size in range(2, 7):  # K given: the sum's members are drawn until they fit
                start = {a: sympy.Integer(value) if isinstance(value, int) else value}
                kept = keep_to_constraints({**start, K: sympy.Integer(size)}, infos, rng)
                if kept is None:
                    continue
                kept_points += 1
                assert kept[a] < kept[b]
                total = sum(kept[w[k]] for k in range(1, size + 1))
                assert total <= 1
    assert kept_points >= 5
    # a point that touches neither keeps its values: the constraints bear on it not at all
    with constraints_in_force([ordered, small]):
        x = sympy.Symbol("x", real=True)
        assert keep_to_constraints({x: sympy.Integer(1)}, infos, rng) == {x: 1}


LEMMA = """\
title = "lemmas"
[symbols]
t = "positive"
[[chain]]
name = "log-below-tangent"
lemma = "log-below-tangent"
steps = ["log(t)", "<= t - 1"]
"""


def test_a_cited_lemma_is_closed_by_the_simplex_in_one_step(tmp_path: Path) -> None:
    (tmp_path / "lemmas.toml").write_text(LEMMA, encoding="utf-8")
    cite = '{ rule = "log-below-tangent", at = { t = "q[i]/p[i]" } }'
    off = '{ rule = "log-below-tangent", at = { t = "r[i]/p[i]" } }'
    text = (
        f'title = "t"\n[symbols]\n{SYMBOLS}\n'
        '[[chain]]\nname = "kl"\nsteps = ["Sum(p[i]*log(q[i]/p[i]), (i, 1, K))", '
        f'{{ rel = "<=", expr = "0", by = {cite} }}]\n'
        # r is no simplex: Σ r − Σ p is not 0 (r = (0.999, 0.999), p uniform: log 1.998 > 0)
        '[[chain]]\nname = "off"\nsteps = ["Sum(p[i]*log(r[i]/p[i]), (i, 1, K))", '
        f'{{ rel = "<=", expr = "0", by = {off} }}]\n'
    )
    report = check_text(tmp_path, text, 20)
    assert not report.errors, report.errors
    kl, wrong = report.relations
    assert kl.verdict is Verdict.PROVED
    assert "closed by the declared constraints" in (kl.method or "")
    assert any("p simplex(K)" in c for c in kl.conditions)
    assert wrong.verdict is Verdict.REFUTED


def test_logs_to_base_two_keep_the_constant_in_the_weight(tmp_path: Path) -> None:
    bits = "-Sum(p[i]*log(p[i])/log(2), (i, 1, K))"
    found = verdicts(
        tmp_path,
        (bits, "<=", "log(K)/log(2)"),
        (bits, "<=", "log(K - 1)/log(2)"),  # K = 2, p uniform: 1 bit > 0 bits
        ("Sum(p[i]*log(q[i]/p[i])/log(2), (i, 1, K))", ">=", "0"),  # p = (0.9, 0.1), q uniform
    )
    assert found[0] == (Verdict.PROVED, "tangent lines of log (weighted)"), found
    assert [v for v, _ in found[1:]] == [Verdict.REFUTED, Verdict.REFUTED], found
