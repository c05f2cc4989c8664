"""Giving up early where nothing can come (issue 17, item 3): stages that declare by the
shape of the relation that they cannot apply, searches bounded by a count of steps rather
than by the wall clock, shortcuts past ``simplify`` on plainly nonzero numbers, and the
budget an UNPROVED relation used shown in every report, cached or not.

Ground truth here is real analysis (|sin| ≤ 1, tanh < 1, log 6 = log 2 + log 3), never
SymPy's word; no assertion is about time."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
import sympy

from tests.helpers import write
from xentproof import api
from xentproof.domains import parse_domain
from xentproof.prover import cascade, convexity, symbolic
from xentproof.prover.calculus import clearly_nonzero, constant_holds
from xentproof.prover.cases import Case
from xentproof.prover.convexity import prove_on_domain
from xentproof.record import decode_derivation, encode_derivation
from xentproof.render.outcome import budget_used, message
from xentproof.result import ChainResult, DerivationResult, RelationResult, Verdict
from xentproof.timing import Allowance, Deadline

x = sympy.Symbol("x", real=True)
t = sympy.Symbol("t", positive=True)


# -- the sign form rewrite(exp) is no form for circular functions ----------------------


def test_rewrite_exp_still_shows_a_hyperbolic_sign() -> None:
    # 1 − tanh(x) = 2/(e^{2x} + 1) > 0 for every real x
    assert symbolic.prove_sign(1 - sympy.tanh(x), strict=True, thorough=False) is not None


def test_rewrite_exp_near_miss_is_not_shown() -> None:
    # tanh(x) − 1 < 0 everywhere: never > 0, nor ≥ 0
    assert symbolic.prove_sign(sympy.tanh(x) - 1, strict=False, thorough=True) is None


def test_no_exp_form_is_made_of_a_circular_power(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[sympy.Expr] = []
    real = symbolic._rewrite_exp

    def counted(e: sympy.Expr) -> sympy.Expr:
        made.append(e)
        return real(e)

    monkeypatch.setattr(symbolic, "_rewrite_exp", counted)
    monkeypatch.setitem(symbolic._APPLIES, counted, symbolic._rewrites_to_exp)
    value = 1 - sympy.tanh(t) * sympy.sin(x) ** 14  # > 0: tanh(t) < 1, sin² ≤ 1
    symbolic.prove_sign(value, strict=True, thorough=False)
    assert made == []  # through exp(i·x): a complex value whose sign nothing gives


def test_a_circular_identity_is_still_shown_by_the_thorough_pass() -> None:
    # 2 − sin² − cos² = 1 > 0; its negation one edit away is not
    value = 2 - sympy.sin(x) ** 2 - sympy.cos(x) ** 2
    assert symbolic.prove_sign(value, strict=True, thorough=True) is not None
    assert symbolic.prove_sign(-value, strict=False, thorough=True) is None


# -- plainly nonzero numbers ------------------------------------------------------------


def test_clearly_nonzero() -> None:
    assert clearly_nonzero(7 * sympy.sinh(7) + sympy.sin(1))
    assert clearly_nonzero(-sympy.exp(-3) + sympy.Rational(1, 10))
    zero = sympy.log(6) - sympy.log(2) - sympy.log(3)  # 0, not written so
    assert not clearly_nonzero(zero)
    assert not clearly_nonzero(sympy.Integer(0))


def test_a_zero_in_disguise_still_counts_as_zero() -> None:
    zero = sympy.log(6) - sympy.log(2) - sympy.log(3)
    assert constant_holds(zero, strict=False)
    assert not constant_holds(zero, strict=True)  # near miss: 0 > 0 is false
    assert constant_holds(sympy.E - 2, strict=True)
    assert not constant_holds(2 - sympy.E, strict=False)  # near miss: 2 − e < 0


# -- searches bounded by a count of steps -----------------------------------------------


def test_an_allowance_counts_its_steps() -> None:
    allowance = Allowance(2, Deadline(float("inf")))
    assert [allowance.spent() for _ in range(4)] == [False, False, True, True]
    assert Allowance(5, Deadline(0.0)).spent()  # a deadline passed ends it too


def test_an_allowance_without_a_budget_has_no_deadline() -> None:
    # no wall-clock limit is armed in a test: only the count
    assert Allowance.share(3, 0.5).deadline.at == float("inf")


def test_the_convexity_search_is_bounded_by_its_count(monkeypatch: pytest.MonkeyPatch) -> None:
    # exp(t) ≥ 1 + t + t²/2 on t > 0: f, f′, f″ start at 0 and f‴ = exp(t) > 0
    value = sympy.exp(t) - 1 - t - t**2 / 2
    domain = parse_domain("positive")
    assert prove_on_domain(value, False, t, domain) is not None
    monkeypatch.setattr(convexity, "STEPS", 2)  # fewer facts than the proof needs
    assert prove_on_domain(value, False, t, domain) is None


# -- stages that do not apply to the shape are not run ----------------------------------

SUMS = """
title = "t"
[symbols]
N = "positive integer"
[[chain]]
name = "below"
steps = ["Sum(1/i**2, (i, 1, N))", "< 2"]
"""


def test_a_sum_ends_with_methods_exhausted_without_the_methods_for_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # true (Σ 1/i² < π²/6 < 2) and not proved: the inequality methods and calculus take no
    # sum, so they are not asked
    def never(*args: Any) -> None:
        raise AssertionError("a stage that cannot apply was run")

    monkeypatch.setattr(cascade, "prove_inequality", never)
    monkeypatch.setattr(cascade, "by_calculus_or_split", never)
    report = api.check_paths([write(tmp_path, SUMS)], timeout=30.0)
    (relation,) = report.relations
    assert relation.verdict is Verdict.UNPROVED
    assert relation.reason.startswith("methods exhausted")
    assert relation.budget == 30.0
    assert budget_used(relation).startswith("used ")


def test_the_stages_that_apply_by_shape() -> None:
    n = sympy.Symbol("n", integer=True, positive=True)
    i = sympy.Symbol("i", integer=True)
    total = sympy.Sum(1 / i**2, (i, 1, n))
    with_sum = cascade.CaseSplits(total, sympy.Integer(2), [_no_case()], {})
    plain = cascade.CaseSplits(sympy.exp(x), 1 + x, [_no_case()], {})
    assert not cascade._applies("inequalities", "<", with_sum, [])
    assert not cascade._applies("further", "<", with_sum, [])
    assert cascade._applies("further", "<", with_sum, ["a stage cut short"])
    assert cascade._applies("inequalities", ">=", plain, [])
    assert not cascade._applies("inequalities", "=", plain, [])
    assert cascade._applies("further", ">=", plain, [])
    # a sum on both sides that cancels in the difference leaves a value the methods take
    cancelled = cascade.CaseSplits(total + x**2, total - 1, [_no_case()], {})
    assert cascade._applies("inequalities", ">", cancelled, [])


def _no_case() -> Case:
    return Case({}, (), ())


# -- the budget used, in every report ---------------------------------------------------


def _unproved(**changes: Any) -> RelationResult:
    relation = RelationResult(
        index=1,
        line=5,
        relation="<",
        lhs="a",
        rhs="b",
        verdict=Verdict.UNPROVED,
        method="",
        reason="methods exhausted: no canonical form showed it",
        seconds=1.25,
        budget=5.0,
    )
    return dataclasses.replace(relation, **changes)


def test_the_budget_used_is_said_for_an_unproved_relation() -> None:
    assert budget_used(_unproved()) == "used 1.25 s of 5 s"
    assert "budget: used 1.25 s of 5 s" in message(_unproved())
    assert budget_used(_unproved(verdict=Verdict.PROVED, method="expand")) == ""
    assert budget_used(_unproved(budget=None)) == ""


def test_a_cached_unproved_relation_keeps_what_it_used() -> None:
    derivation = DerivationResult(
        "d.toml", "t", (ChainResult(name="c", line=4, relations=(_unproved(),)),), None, None
    )
    (chain,) = decode_derivation(encode_derivation(derivation)).chains
    (relation,) = chain.relations
    assert relation.cached and relation.seconds == 1.25 and relation.budget == 5.0
    assert budget_used(relation) == "used 1.25 s of 5 s when it was decided (cached)"


# -- a probe ends a one-variable search that cannot succeed -----------------------------


def test_a_probe_sees_where_an_inequality_fails() -> None:
    from xentproof.prover.probes import negative_somewhere

    oo = sympy.oo
    assert negative_somewhere(sympy.cos(5 * x), x, sympy.Integer(0), oo)  # cos(15/2) < 0
    assert negative_somewhere(x - 3, x, sympy.Integer(0), sympy.Integer(4))
    assert not negative_somewhere(x**2, x, -oo, oo)
    assert not negative_somewhere(1 - sympy.exp(-(x**2)) * sympy.cos(5 * x), x, -oo, oo)
    assert not negative_somewhere(sympy.log(x), x, -oo, sympy.Integer(0))  # undefined there


def test_a_probe_is_not_fooled_by_cancellation() -> None:
    # identically 0, written as a difference of numbers of 26 digits at x = 30: the
    # working precision leaves noise, which two precisions disagree on; never "negative"
    from xentproof.prover.probes import negative_somewhere

    zero = (sympy.exp(x) + 1) ** 2 - sympy.exp(2 * x) - 2 * sympy.exp(x) - 1
    assert not negative_somewhere(zero, x, sympy.Integer(0), sympy.oo)
    assert not negative_somewhere(zero * 10**40, x, sympy.Integer(0), sympy.oo)


def test_enclosures_are_not_bisected_where_a_point_is_below_zero(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from xentproof.prover import intervals

    enclosed: list[sympy.Expr] = []
    real = intervals.enclose

    def counted(expr: sympy.Expr, box: Any) -> Any:
        enclosed.append(expr)
        return real(expr, box)

    monkeypatch.setattr(intervals, "enclose", counted)
    f = sympy.exp(-(x**2)) * sympy.cos(5 * x)  # below 0 at x = 1/2 + π/10 …
    assert not intervals.nonnegative_on(f, x, sympy.Integer(0), sympy.oo, strict=False)
    assert enclosed == []
    # a true one still is: 1 + x² ≥ 0 by its enclosure
    assert intervals.nonnegative_on(1 + x**2, x, sympy.Integer(0), sympy.oo, strict=False)
    assert enclosed != []


def test_an_oscillating_inequality_still_holds_or_fails_as_before(tmp_path: Path) -> None:
    # exp(-x²)·cos(5x) ≤ 1 is true (UNPROVED is what the cascade can say); the near miss
    # exp(-x²)·cos(5x) ≤ 0 is false (REFUTED at a point)
    path = write(
        tmp_path,
        'title = "t"\n[symbols]\nx = "real"\n'
        '[[chain]]\nname = "true"\nsteps = ["exp(-x**2)*cos(5*x)", "<= 1"]\n'
        '[[chain]]\nname = "false"\nsteps = ["exp(-x**2)*cos(5*x)", "<= 0"]\n',
    )
    report = api.check_paths([path], workers=None)
    verdicts = [c.relations[0].verdict for d in report.derivations for c in d.chains]
    assert verdicts[0] is not Verdict.REFUTED and verdicts[1] is Verdict.REFUTED


def test_no_limit_is_taken_at_an_end_f_cannot_rise_from(monkeypatch: pytest.MonkeyPatch) -> None:
    # 1 − exp(−x²)·cos(5x) ≥ 0 is true, but its slope changes sign: "rises from an end" and
    # "falls to an end" cannot hold, and the limits at ±∞ (SymPy's slowest work here) are
    # not taken for them
    limits: list[sympy.Expr] = []
    real = convexity.end_limit

    def counted(f: sympy.Expr, *args: Any) -> Any:
        limits.append(f)
        return real(f, *args)

    monkeypatch.setattr(convexity, "end_limit", counted)
    f = 1 - sympy.exp(-(x**2)) * sympy.cos(5 * x)
    assert prove_on_domain(f, False, x, parse_domain("real")) is None
    assert limits == []
    # exp(t) ≥ 1 + t + t²/2 on t > 0 still rises from 0, limits taken
    u = sympy.Symbol("u", real=True)
    taylor = sympy.exp(u) - 1 - u - u**2 / 2
    assert prove_on_domain(taylor, False, u, parse_domain("(0, oo)")) is not None
    assert limits != []
