"""Verdicts of the checker on true, false and domain-dependent relations."""

from __future__ import annotations

from pathlib import Path

import sympy

from xentproof.result import Verdict

from .helpers import check_text, relation_of


def _point(result, name):  # type: ignore[no-untyped-def]
    return sympy.Rational(result.counterexample.point[name])


def test_log_of_square_is_proved_for_positive_x(tmp_path: Path) -> None:
    r = relation_of(tmp_path, 'x = "positive"', "log(x**2)", "2*log(x)")
    assert r.verdict is Verdict.PROVED
    assert r.method


def test_log_of_square_is_refuted_for_real_x_at_a_negative_point(tmp_path: Path) -> None:
    r = relation_of(tmp_path, 'x = "real"', "log(x**2)", "2*log(x)")
    assert r.verdict is Verdict.REFUTED
    assert _point(r, "x") < 0


def test_sqrt_of_square_depends_on_the_domain(tmp_path: Path) -> None:
    proved = relation_of(tmp_path, 'x = "positive"', "sqrt(x**2)", "x")
    refuted = relation_of(tmp_path, 'x = "real"', "sqrt(x**2)", "x")
    assert proved.verdict is Verdict.PROVED
    assert refuted.verdict is Verdict.REFUTED
    assert _point(refuted, "x") < 0


def test_bernoulli_log_likelihood_needs_the_open_unit_interval(tmp_path: Path) -> None:
    lhs = "log(yhat**y*(1 - yhat)**(1 - y))"
    rhs = "y*log(yhat) + (1 - y)*log(1 - yhat)"
    inside = relation_of(tmp_path, 'y = "{0, 1}"\nyhat = "(0, 1)"', lhs, rhs)
    assert inside.verdict is Verdict.PROVED
    assert any("ŷ" in c for c in inside.conditions)
    # With yhat merely real the step is not an identity: log(yhat) is complex for yhat < 0
    # while yhat**1 ... keeps the same value, so it must not be PROVED.
    outside = relation_of(tmp_path, 'y = "{0, 1}"\nyhat = "real"', lhs, rhs)
    assert outside.verdict is not Verdict.PROVED


def test_counterexample_lies_inside_the_domain(tmp_path: Path) -> None:
    # false for every yhat in (0, 1); a counterexample outside (e.g. yhat = 2) would be a bug
    r = relation_of(tmp_path, 'yhat = "(0, 1)"', "log(1 - yhat)", "log(yhat)")
    assert r.verdict is Verdict.REFUTED
    assert 0 < _point(r, "yhat") < 1


def test_refuted_values_are_reported_for_both_sides(tmp_path: Path) -> None:
    r = relation_of(tmp_path, 's = "real"', "exp(-s)", "exp(s)")
    assert r.verdict is Verdict.REFUTED
    ce = r.counterexample
    assert ce is not None
    s = sympy.Rational(ce.point["s"])
    assert abs(float(sympy.exp(-s)) - float(ce.lhs_approx)) < 1e-9
    assert abs(float(sympy.exp(s)) - float(ce.rhs_approx)) < 1e-9


def test_finite_set_enumeration_proves_a_case_identity(tmp_path: Path) -> None:
    # y**2 = y only for y in {0, 1}
    assert relation_of(tmp_path, 'y = "{0, 1}"', "y**2", "y").verdict is Verdict.PROVED
    r = relation_of(tmp_path, 'y = "{-1, 1}"', "y**2", "y")
    assert r.verdict is Verdict.REFUTED
    assert r.counterexample is not None and r.counterexample.point["y"] == "-1"


def test_max_is_split_by_its_condition_log_sum_exp(tmp_path: Path) -> None:
    # the numerically stable softplus: log(1 + e^s) = max(s, 0) + log(1 + e^(-|s|))
    r = relation_of(tmp_path, 's = "real"', "log(1 + exp(s))", "Max(s, 0) + log(1 + exp(-Abs(s)))")
    assert r.verdict is Verdict.PROVED


def test_stable_form_that_is_wrong_only_far_out_is_refuted(tmp_path: Path) -> None:
    # a "stable" form that drops the correction term: equal nowhere, but close for s >> 0
    r = relation_of(tmp_path, 's = "real"', "log(1 + exp(s))", "Max(s, 0)")
    assert r.verdict is Verdict.REFUTED


def test_closed_interval_end_point_is_a_case(tmp_path: Path) -> None:
    # sqrt(x**2) = x on [0, 1]: the end point 0 is included and must hold too
    r = relation_of(tmp_path, 'x = "[0, 1]"', "sqrt(x**2)", "x")
    assert r.verdict is Verdict.PROVED


def test_inequality_sign_over_the_domain(tmp_path: Path) -> None:
    assert (
        relation_of(tmp_path, 'yhat = "(0, 1)"', "-1/yhat", "0", rel="<").verdict is Verdict.PROVED
    )
    r = relation_of(tmp_path, 's = "real"', "s", "0", rel="<")
    assert r.verdict is Verdict.REFUTED
    assert _point(r, "s") >= 0


def test_derivative_steps_are_carried_out(tmp_path: Path) -> None:
    r = relation_of(tmp_path, 'yhat = "(0, 1)"', "Derivative(-log(yhat), yhat)", "-1/yhat")
    assert r.verdict is Verdict.PROVED


def test_time_out_gives_unproved_and_the_run_goes_on(tmp_path: Path) -> None:
    text = """
    title = "slow"
    [symbols]
    x = "real"
    [[chain]]
    name = "slow"
    steps = ["(1 + x)**400*(1 - x)**400", "= (1 - x**2)**400 + 0*x"]
    [[chain]]
    name = "fast"
    steps = ["x + x", "= 2*x"]
    """
    report = check_text(tmp_path, text, timeout=0.05)
    slow, fast = report.relations
    assert slow.verdict is Verdict.UNPROVED
    assert "time-out" in slow.reason
    assert fast.verdict is Verdict.PROVED or "time-out" in fast.reason
    assert report.exit_code == 1
