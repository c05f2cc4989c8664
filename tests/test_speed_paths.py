"""The shortcuts that make a cold run fast keep every verdict: the sample search resumes
where it stopped, a step that is not proved still meets every sample point, workers that
share the parent's derivations decide as the parent would."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
import sympy

from xentproof import api
from xentproof.model import Domain
from xentproof.prover import at_once, by_cases, cascade
from xentproof.prover.declared import DomainInfo
from xentproof.prover.outcome import Attempt, Evidence
from xentproof.prover.refute import Search
from xentproof.result import Verdict

from .helpers import relation_of

ROOT = Path(__file__).resolve().parent.parent


def _infos(x: sympy.Symbol) -> dict[sympy.Basic, DomainInfo]:
    domain = Domain(text="real", lo=-sympy.oo, hi=sympy.oo, lo_open=True, hi_open=True)
    return {x: DomainInfo(x, "x", domain)}


def test_a_resumed_search_tries_the_same_points_as_one_search() -> None:
    x = sympy.Symbol("x", real=True)
    lhs, rhs = sympy.Abs(x), x  # fails for x < 0 only
    whole, parts = Evidence(), Evidence()
    one = Search("=", lhs, rhs, _infos(x), random.Random(7), whole).run()
    search = Search("=", lhs, rhs, _infos(x), random.Random(7), parts)
    resumed = search.run(1) or search.run()
    assert one == resumed
    assert (whole.tried, whole.agreeing) == (parts.tried, parts.agreeing)


def test_an_unproved_step_meets_every_sample_point(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without canonical forms a true step is UNPROVED, after every sample point.
    for stage in (at_once, by_cases):
        monkeypatch.setattr(stage, "prove_zero", lambda *args, **kwargs: None)
    r = relation_of(tmp_path, 'x = "real"', "(x + 1)**2", "x**2 + 2*x + 1")
    assert r.verdict is Verdict.UNPROVED
    assert r.agreeing > cascade.QUICK_POINTS


def test_a_late_counterexample_is_still_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With no quick points at all, every counterexample is a late one.
    monkeypatch.setattr(cascade, "QUICK_POINTS", 0)
    monkeypatch.setattr(cascade, "ALL_SAMPLE_POINTS", 0)
    r = relation_of(tmp_path, 'x = "real"', "sqrt(x**2)", "x")
    assert r.verdict is Verdict.REFUTED
    r = relation_of(tmp_path, 'x = "real"', "exp(x)", "1 + x + x**2/2")
    assert r.verdict is Verdict.REFUTED


def test_a_cheap_point_is_tried_before_the_symbolic_stages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # tanh(u/3) < 1 - 10^-30 fails only past u = 105: at a sample point far out, after the
    # first few; with no sum or family member each point is cheap, so every sample point
    # is tried before calculus, sign splits and derivatives are (they prove nothing here)
    staged: list[str] = []
    real = cascade._symbolic_stages

    def recorded(relation: str, *args: Any, **kwargs: Any) -> Any:
        staged.append(relation)
        return real(relation, *args, **kwargs)

    monkeypatch.setattr(cascade, "_symbolic_stages", recorded)
    r = relation_of(tmp_path, 'u = "real"', "tanh(u/3)", "1 - 10**(-30)", rel="<")
    assert r.verdict is Verdict.REFUTED and staged == []
    # a true one still goes through the stages, after every sample point agreed
    r = relation_of(tmp_path, 'u = "real"', "tanh(u/3)", "1", rel="<")
    assert r.verdict is Verdict.PROVED and r.agreeing > cascade.QUICK_POINTS


def test_points_with_sums_or_members_are_tried_a_few_first() -> None:
    # and those of an equality (its canonical forms decide it)
    i, n = sympy.Symbol("i", integer=True), sympy.Symbol("N", integer=True, positive=True)
    y, x = sympy.IndexedBase("y"), sympy.Symbol("x", real=True)
    assert not cascade._points_first("<=", sympy.Sum(y[i], (i, 1, n)), sympy.Integer(0))
    assert not cascade._points_first(">", x, y[1])
    assert not cascade._points_first("=", sympy.tanh(x / 3), 1 - sympy.Integer(10) ** -30)
    assert cascade._points_first("<", sympy.tanh(x / 3), 1 - sympy.Integer(10) ** -30)


def test_a_step_asked_on_the_way_tries_a_few_points_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a stage's own question (most of which hold) is not searched through before its stages
    tried: list[int | None] = []
    real = Search.run

    def counted(self: Search, limit: int | None = None) -> Any:
        tried.append(limit)
        return real(self, limit)

    monkeypatch.setattr(Search, "run", counted)
    x = sympy.Symbol("x", real=True)
    outcome = cascade.prove("<=", sympy.tanh(x), sympy.Integer(1), _infos(x), Attempt())
    assert outcome.verdict is Verdict.PROVED and tried[0] == cascade.QUICK_POINTS


def test_joined_sums_that_differ_are_not_proved(tmp_path: Path) -> None:
    symbols = 'N = "positive integer"\n"y[i]" = "(0, 1)"'
    r = relation_of(
        tmp_path,
        symbols,
        "Sum(y[i], (i, 1, N)) + Sum(y[i]**2, (i, 1, N))",
        "Sum(2*y[i], (i, 1, N))",
    )
    assert r.verdict is Verdict.REFUTED
    r = relation_of(
        tmp_path, symbols, "Sum(y[i], (i, 1, N)) + Sum(y[i], (i, 1, N))", "Sum(2*y[i], (i, 1, N))"
    )
    assert r.verdict is Verdict.PROVED and r.method == "linearity of sums"


@pytest.mark.slow
def test_the_pool_decides_the_shipped_derivations_as_this_process_does() -> None:
    # forked workers share the parent's derivations; the lemma a step cites is made in the
    # worker from the chain the parent names
    paths = [str(ROOT / "derivations")]
    here, pool = api.check_paths(paths), api.check_paths(paths, workers=2)
    rows = [
        [(r.line, r.verdict, r.method, r.conditions, r.warnings) for r in report.relations]
        for report in (here, pool)
    ]
    assert rows[0] == rows[1]
    assert any(r.method == "sigmoid-complement (replayed)" for r in pool.relations)


@pytest.mark.slow
def test_proofs_at_once_state_what_the_cascade_would(monkeypatch: pytest.MonkeyPatch) -> None:
    # The at-once proof skips the sample points, not the argument: every relation it
    # proves, the cascade proves with the same side conditions (and the same method, but
    # for sums over a symbolic range, which expand splits where the cascade joins them, or
    # compares their summands over the same outer range and says so).
    paths = [str(ROOT / "derivations")]
    fast = api.check_paths(paths)
    monkeypatch.setattr(cascade, "proved_at_once", lambda *args, **kwargs: None)
    full = api.check_paths(paths)
    pairs = [
        (a, b)
        for da, db in zip(fast.derivations, full.derivations, strict=True)
        for ca, cb in zip(da.chains, db.chains, strict=True)
        for a, b in zip(ca.relations, cb.relations, strict=True)
    ]
    at_once = [(a, b) for a, b in pairs if a.verdict is Verdict.PROVED and not a.agreeing]
    assert len(at_once) > 30
    for a, b in pairs:
        assert a.verdict is b.verdict, (a.line, a.method, b.method)
    for a, b in at_once:
        if a.method != b.method:
            assert "Sum" in a.lhs + a.rhs, a.line
            assert b.method in ("linearity of sums", "termwise (the same outer range)"), a.line
        # the same side conditions; the outer-range method also states its own argument
        own = tuple(c for c in b.conditions if c.startswith("the summands equal for every"))
        assert a.conditions == tuple(c for c in b.conditions if c not in own), a.line
        assert len(own) <= (b.method == "termwise (the same outer range)"), a.line


@pytest.mark.parametrize(
    ("symbols", "lhs", "rhs"),
    [
        ('x = "real"', "(x**2 - 1)/(x - 1)", "x + 1"),  # cancel would, x = 1 is excluded
        ('x = "real"', "x*(x + 1)/x", "x + 1"),  # SymPy cancels it as it builds
        ('x = "real"', "log(x**2)", "2*log(x)"),
        ('u = "[0, 1]"', "exp(log(u))", "u"),
        ('N = "nonnegative integer"', "Sum(1, (i, 1, N))", "N + 1"),
    ],
)
def test_nothing_false_is_proved_at_once(tmp_path: Path, symbols: str, lhs: str, rhs: str) -> None:
    r = relation_of(tmp_path, symbols, lhs, rhs)
    assert r.verdict is Verdict.REFUTED
