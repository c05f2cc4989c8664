"""Relations beyond single expressions: sums over a symbolic N, one-hot labels, limits,
inequality chains and dangling indices."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy

from xentproof.prover import limits, sums
from xentproof.result import Verdict

from .helpers import check_text, relation_of

FAMILIES = """
title = "t"
[symbols]
N = "positive integer"
k = "positive integer"
m = "nonnegative integer"
y = "{-1, 1}"
s = "real"
"y[i]" = "{0, 1}"
"yhat[i]" = "(0, 1)"
"z[i]" = "{-1, 1}"
"s[i]" = "real"
"p[i]" = "(0, 1)"
"""


def chain(*steps: str) -> str:
    inner = ", ".join(steps)
    return f'[[chain]]\nname = "c"\nsteps = [{inner}]\n'


def one(tmp_path: Path, *steps: str):  # type: ignore[no-untyped-def]
    report = check_text(tmp_path, FAMILIES + chain(*steps))
    assert not report.errors, report.errors
    return report.relations


def test_log_of_a_product_over_n_samples_is_a_sum(tmp_path: Path) -> None:
    first, second = one(
        tmp_path,
        '"-log(Product(yhat[i]**y[i]*(1 - yhat[i])**(1 - y[i]), (i, 1, N)))"',
        '"= -Sum(log(yhat[i]**y[i]*(1 - yhat[i])**(1 - y[i])), (i, 1, N))"',
        '"= -Sum(y[i]*log(yhat[i]) + (1 - y[i])*log(1 - yhat[i]), (i, 1, N))"',
    )
    assert first.verdict is Verdict.PROVED and second.verdict is Verdict.PROVED


def test_sum_with_a_wrong_term_is_refuted_at_a_concrete_n(tmp_path: Path) -> None:
    (r,) = one(
        tmp_path,
        '"Sum(y[i]*log(yhat[i]) + (1 - y[i])*log(1 - yhat[i]), (i, 1, N))"',
        '"= Sum(y[i]*log(yhat[i]) + log(1 - yhat[i]), (i, 1, N))"',
    )
    assert r.verdict is Verdict.REFUTED
    assert r.counterexample is not None
    assert "N" in r.counterexample.point
    assert any(name.startswith("y[") for name in r.counterexample.point)


def test_sum_that_lost_its_per_sample_index_is_refuted(tmp_path: Path) -> None:
    (r,) = one(
        tmp_path,
        '"Sum(log(1 + exp(-z[i]*s[i])), (i, 1, N))"',
        '"= Sum(log(1 + exp(-y*s)), (i, 1, N))"',
    )
    assert r.verdict is Verdict.REFUTED
    point = r.counterexample.point  # type: ignore[union-attr]
    assert int(point["N"]) >= 1 and "s" in point and "y" in point


def test_a_sum_of_a_constant_is_n_copies(tmp_path: Path) -> None:
    (r,) = one(tmp_path, '"Sum(log(1 + exp(-y*s)), (i, 1, N))"', '"= N*log(1 + exp(-y*s))"')
    assert r.verdict is Verdict.PROVED


def test_index_outside_every_sum_is_reported_with_its_line(tmp_path: Path) -> None:
    (r,) = one(
        tmp_path,
        '"-Sum(y[i]*log(yhat[i]) + (1 - y[i])*log(1 - yhat[i]), (i, 1, N))"',
        '"= -Sum(y[i]*log(yhat[i]), (i, 1, N)) + (1 - y[i])*log(1 - yhat[i])"',
    )
    assert r.verdict is Verdict.REFUTED
    assert any("index i" in w and f"line {r.line}" in w for w in r.warnings)


def test_one_hot_product_reduces_to_the_marked_class(tmp_path: Path) -> None:
    relations = one(
        tmp_path,
        '"Product(p[i]**KroneckerDelta(i, k), (i, 1, k + m))"',
        '"= exp(Sum(KroneckerDelta(i, k)*log(p[i]), (i, 1, k + m)))"',
        '"= p[k]"',
    )
    assert [r.verdict for r in relations] == [Verdict.PROVED, Verdict.PROVED]


def test_log_of_a_one_hot_product_is_the_marked_class_by_the_delta(tmp_path: Path) -> None:
    """log Π p_i^δ(i,k) = Σ δ(i,k)·log p_i, and the delta picks the term i = k (k lies in
    1..k + m under the domains): no simplify. With the range starting at 2, k = 1 falls
    outside it and the step is false."""
    (r,) = one(
        tmp_path, '"-log(Product(p[i]**KroneckerDelta(i, k), (i, 1, k + m)))"', '"= -log(p[k])"'
    )
    assert r.verdict is Verdict.PROVED
    assert r.method == "Kronecker delta summed (one term of the sum)"
    (r,) = one(
        tmp_path, '"-log(Product(p[i]**KroneckerDelta(i, k), (i, 2, k + m)))"', '"= -log(p[k])"'
    )
    assert r.verdict is Verdict.REFUTED


def test_one_hot_product_is_not_another_class(tmp_path: Path) -> None:
    (r,) = one(tmp_path, '"Product(p[i]**KroneckerDelta(i, k), (i, 1, k + m))"', '"= p[k + 1]"')
    assert r.verdict is Verdict.REFUTED


LIMITS = """
title = "t"
[symbols]
s = "real"
yhat = "(0, 1)"
"""


def test_limits_one_sided_and_infinite(tmp_path: Path) -> None:
    report = check_text(
        tmp_path,
        LIMITS
        + chain("\"Limit(-log(yhat), yhat, 0, '+')\"", '"= oo"')
        + chain('"Limit(1/(1 + exp(-s)), s, oo)"', '"= 1"').replace('"c"', '"d"'),
    )
    assert [r.verdict for r in report.relations] == [Verdict.PROVED, Verdict.PROVED]


def test_a_wrong_limit_is_refuted(tmp_path: Path) -> None:
    report = check_text(tmp_path, LIMITS + chain("\"Limit(-log(yhat), yhat, 1, '-')\"", '"= oo"'))
    (r,) = report.relations
    assert r.verdict is Verdict.REFUTED
    assert r.counterexample is not None and sympy.sympify(r.counterexample.lhs) == 0


def test_a_limit_from_outside_the_domain_is_not_proved(tmp_path: Path) -> None:
    report = check_text(tmp_path, LIMITS + chain('"Limit(-log(1 - yhat), yhat, 1)"', '"= oo"'))
    (r,) = report.relations
    assert r.verdict is Verdict.UNPROVED
    assert "outside" in r.reason


def test_inequality_chain_concludes_calc_style(tmp_path: Path) -> None:
    report = check_text(
        tmp_path,
        LIMITS + chain('"Derivative(-log(yhat), yhat, 2)"', '"= 1/yhat**2"', '"> 1"', '">= 1"'),
    )
    assert all(r.verdict is Verdict.PROVED for r in report.relations)
    (c,) = report.derivations[0].chains
    assert " > " in c.conclusion


def test_mixed_directions_conclude_nothing(tmp_path: Path) -> None:
    report = check_text(tmp_path, LIMITS + chain('"yhat"', '"< 1"', '"> 0"'))
    assert all(r.verdict is Verdict.PROVED for r in report.relations)
    assert report.derivations[0].chains[0].conclusion == ""


INDUCTION = """
title = "t"
[symbols]
N = "positive integer"
"a[i]" = "real"
"""


def test_induction_proves_a_closed_form(tmp_path: Path) -> None:
    report = check_text(tmp_path, INDUCTION + chain('"Sum(i, (i, 1, N))"', '"= N*(N + 1)/2"'))
    (r,) = report.relations
    assert r.verdict is Verdict.PROVED
    assert r.method == "induction on N"
    assert any(c.startswith("base case N = 1") for c in r.conditions)


def test_a_closed_form_goes_to_induction_without_simplify(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Σ i² − N(N + 1)(2N + 1)/6 keeps a part with no sum whatever sum_simplify makes of
    the sum, so termwise is not tried (sum_simplify runs simplify on every summand)."""

    def refused(expr: sympy.Expr) -> sympy.Expr:
        raise AssertionError(f"sum_simplify({expr})")

    monkeypatch.setattr(sums, "sum_simplify", refused)
    text = INDUCTION + chain('"Sum(i**2, (i, 1, N))"', '"= N*(N + 1)*(2*N + 1)/6"')
    (r,) = check_text(tmp_path, text).relations
    assert r.verdict is Verdict.PROVED and r.method == "induction on N"


def test_induction_proves_a_telescoping_sum(tmp_path: Path) -> None:
    report = check_text(
        tmp_path, INDUCTION + chain('"Sum(a[i + 1] - a[i], (i, 1, N))"', '"= a[N + 1] - a[1]"')
    )
    (r,) = report.relations
    assert r.verdict is Verdict.PROVED and r.method == "induction on N"


def test_a_wrong_closed_form_is_refuted_not_induced(tmp_path: Path) -> None:
    report = check_text(tmp_path, INDUCTION + chain('"Sum(i, (i, 1, N))"', '"= N**2/2"'))
    (r,) = report.relations
    assert r.verdict is Verdict.REFUTED


# -- limits at ±∞ through t = exp(s) --------------------------------------------------------

_s = sympy.Symbol("s", real=True)


def _sigmoid(z: sympy.Expr) -> sympy.Expr:
    return 1 / (1 + sympy.exp(-z))


@pytest.mark.parametrize(
    "expr",
    [
        _sigmoid(_s) * (1 - _sigmoid(_s)),
        _sigmoid(_s),
        _sigmoid(-_s),
        sympy.log(1 + sympy.exp(-_s)),
        sympy.exp(_s) / (1 + sympy.exp(2 * _s)),
        (sympy.exp(_s) + 3) / (2 * sympy.exp(_s) - 1),
        sympy.sqrt(1 + sympy.exp(-_s)),
        sympy.exp(2 * _s) - sympy.exp(_s),
        -sympy.exp(3 * _s) / (1 + sympy.exp(_s)),
        sympy.exp(_s / 2) - sympy.exp(_s),  # not rational in t: left to Gruntz
        sympy.log(1 + sympy.exp(_s)) - _s,  # s outside exp: left to Gruntz
    ],
)
@pytest.mark.parametrize("point", [sympy.oo, -sympy.oo])
def test_limits_through_exp_agree_with_gruntz(expr: sympy.Expr, point: sympy.Expr) -> None:
    found = limits._through_exp(sympy.Limit(expr, _s, point))
    if found is not None:
        assert found[0] == sympy.limit(expr, _s, point)


def test_the_sigmoid_limit_steps_say_how(tmp_path: Path) -> None:
    functions = 'g = "t -> 1/(1 + exp(-t))"'
    r = relation_of(
        tmp_path, 's = "real"', "Limit(g(s)*(1 - g(s)), s, oo)", "0", functions=functions
    )
    assert r.verdict is Verdict.PROVED
    assert any("t = exp(s) → ∞" in c for c in r.conditions), r.conditions
    r = relation_of(tmp_path, 's = "real"', "Limit(g(s), s, -oo)", "1", functions=functions)
    assert r.verdict is Verdict.REFUTED


_x = sympy.Symbol("x", real=True)

EXACT_LIMITS = [
    (sympy.sin(_x) / _x, 0),
    ((sympy.exp(_x) - 1) / _x, 0),
    ((1 - sympy.cos(_x)) / _x**2, 0),
    ((sympy.exp(_x) - 1 - _x) / _x**2, 0),
    (sympy.log(1 + _x) / _x, 0),
    ((sympy.sqrt(1 + _x) - 1) / _x, 0),
    (sympy.tanh(_x) / sympy.atan(_x), 0),
    (1 - sympy.exp(_x), 0),
    (sympy.log(_x) / (_x - 1), 1),
    (_x**2 - 3 * _x, sympy.oo),
    (_x**2 - 3 * _x, -sympy.oo),
    ((2 * _x**2 + 1) / (1 - _x**2), -sympy.oo),
    (sympy.log(1 + 1 / _x**2), sympy.oo),
    (sympy.log(1 + sympy.exp(_x)) - _x, sympy.oo),  # x as log(t), the logs joined
]
_p = sympy.Symbol("p", positive=True)
_yhat = sympy.Symbol("yhat", positive=True)
# One-sided limits at a finite point of sums of c·uᵝ·log(u)ᵏ·h(u) (u the distance to it).
ONE_SIDED_LIMITS = [
    (_p * sympy.log(_p), _p, 0, "+", 0),
    (-sympy.log(_yhat), _yhat, 0, "+", sympy.oo),
    (_yhat * sympy.log(_yhat) + (1 - _yhat) * sympy.log(1 - _yhat), _yhat, 1, "-", 0),
    (sympy.log(_x) / _x, _x, 0, "+", -sympy.oo),
    (1 / _x - sympy.log(_x), _x, 0, "+", sympy.oo),
    (_x**2 * sympy.log(_x) ** 3, _x, 0, "+", 0),
    (1 / sympy.log(_x), _x, 0, "+", 0),
    (1 / _x, _x, 0, "-", -sympy.oo),
    (sympy.log(2 - _x) * (2 - _x) ** -2, _x, 2, "-", -sympy.oo),
    (sympy.sqrt(_x) * sympy.log(_x) / (1 + _x), _x, 0, "+", 0),
]
# Of no such form, or infinities of both signs: left to Gruntz.
ONE_SIDED_GRUNTZ = [
    (sympy.log(_x) + 1 / _x, _x, 0, "+"),
    (sympy.sin(_x) * sympy.log(_x), _x, 0, "+"),
    (sympy.exp(1 / _x) * _x, _x, 0, "-"),
    (_x**_x, _x, 0, "+"),
]


@pytest.mark.parametrize(("expr", "x", "point", "side", "expected"), ONE_SIDED_LIMITS)
def test_powers_beat_logs(
    expr: sympy.Expr, x: sympy.Symbol, point: int, side: str, expected: sympy.Expr
) -> None:
    value, how = limits.limit_value(sympy.Limit(expr, x, point, side))
    assert how != limits.GRUNTZ
    assert value == expected == sympy.limit(expr, x, point, side)


@pytest.mark.parametrize(("expr", "x", "point", "side"), ONE_SIDED_GRUNTZ)
def test_other_one_sided_limits_go_to_gruntz(
    expr: sympy.Expr, x: sympy.Symbol, point: int, side: str
) -> None:
    value, how = limits.limit_value(sympy.Limit(expr, x, point, side))
    assert how == limits.GRUNTZ
    assert value == sympy.limit(expr, x, point, side)


# Not analytic at the point, or a quotient whose limit is infinite (or needs more
# derivatives than the quotient rule takes): left to Gruntz.
GRUNTZ_LIMITS = [
    (_x / sympy.sin(_x) ** 2, 0),
    (sympy.sin(1 / _x) * _x, 0),
    ((_x**3 - sympy.sin(_x) ** 3) / _x**5, 0),
    ((1 + 1 / _x) ** _x, sympy.oo),
    ((1 + 1 / _x) ** _x, -sympy.oo),
]
# From above (the default side): x = u > 0, a power of u, or Abs(u) = u.
EXACT_LIMITS += [(1 / _x, 0), (sympy.Abs(_x) / _x, 0)]


@pytest.mark.parametrize(("expr", "point"), EXACT_LIMITS + GRUNTZ_LIMITS)
def test_exact_limits_agree_with_gruntz(expr: sympy.Expr, point: sympy.Expr) -> None:
    value, how = limits.limit_value(sympy.Limit(expr, _x, point))
    assert (how != limits.GRUNTZ) == ((expr, point) in EXACT_LIMITS), how
    assert value == sympy.limit(expr, _x, point)
