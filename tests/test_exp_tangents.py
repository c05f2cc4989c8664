"""Jensen's inequality for exp by its tangent lines (``exp_tangents``, issue 18, class 3):
weighted and three-point forms proved; near misses one edit away (weights swapped, a
weight that may be negative, weights summing to more than 1, strict where equality is
attained) are not proved by the method and are refuted."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy

from xentproof.domains import parse_domain
from xentproof.prover.cascade import prove
from xentproof.prover.declared import DomainInfo
from xentproof.prover.exp_tangents import exp_tangent_bound
from xentproof.result import Verdict

from .calculus_cases import decide

SYMBOLS = 'x = "real"\ny = "real"\nz = "real"\np = "(0, 1)"\nr = "(-1, 2)"'
WEIGHTED = "p*exp(x) + (1 - p)*exp(y)"


@pytest.mark.parametrize(
    ("lhs", "rel", "rhs", "verdict"),
    [
        ("exp(p*x + (1 - p)*y)", "<=", WEIGHTED, Verdict.PROVED),
        ("exp((x + y + z)/3)", "<=", "(exp(x) + exp(y) + exp(z))/3", Verdict.PROVED),
        ("exp(p*x + (1 - p)*y)", "<=", "(1 - p)*exp(x) + p*exp(y)", Verdict.REFUTED),
        ("exp((x + y + z)/3)", "<=", "(exp(x) + exp(y) + exp(z))/4", Verdict.REFUTED),
        ("exp((x + y)/2)", "<", "(exp(x) + exp(y))/2", Verdict.REFUTED),
        ("exp(r*x + (1 - r)*y)", "<=", "r*exp(x) + (1 - r)*exp(y)", Verdict.REFUTED),
    ],
)
def test_jensen_for_exp(tmp_path: Path, lhs: str, rel: str, rhs: str, verdict: Verdict) -> None:
    assert decide(tmp_path, SYMBOLS, lhs, rhs, rel).verdict is verdict


def test_near_misses_are_not_proved_by_tangent_lines() -> None:
    x, y = sympy.symbols("x y", real=True)
    p = sympy.Symbol("p", positive=True)
    r = sympy.Symbol("r", real=True)
    infos = {
        x: DomainInfo(x, "x", parse_domain("real")),
        y: DomainInfo(y, "y", parse_domain("real")),
        p: DomainInfo(p, "p", parse_domain("(0, 1)")),
        r: DomainInfo(r, "r", parse_domain("(-1, 2)")),
    }
    ex, ey = sympy.exp(x), sympy.exp(y)
    assert exp_tangent_bound(
        "<=", sympy.exp(p * x + (1 - p) * y), p * ex + (1 - p) * ey, infos, prove
    )
    # the weights swapped: the point of tangency is not their mean
    swapped = (1 - p) * ex + p * ey
    assert exp_tangent_bound("<=", sympy.exp(p * x + (1 - p) * y), swapped, infos, prove) is None
    # a weight that may be negative: no tangent line is used for it
    mixed = r * ex + (1 - r) * ey
    assert exp_tangent_bound("<=", sympy.exp(r * x + (1 - r) * y), mixed, infos, prove) is None
    # strict: the bound is 0 at x = y
    half = sympy.exp((x + y) / 2)
    assert exp_tangent_bound("<", half, (ex + ey) / 2, infos, prove) is None
    # weights summing to 1/2: the bound is negative
    assert exp_tangent_bound("<=", half, (ex + ey) / 4, infos, prove) is None
