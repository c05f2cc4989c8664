"""Chains of inequalities conclude calc-style: ``a = b < c`` concludes ``a < c``, and mixed
directions conclude nothing."""

from __future__ import annotations

from pathlib import Path

from xentproof.result import Verdict

from .helpers import chain, check_text

LIMITS = """
title = "t"
[symbols]
s = "real"
yhat = "(0, 1)"
"""


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
