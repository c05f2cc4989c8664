"""Shared fixtures: a hand-made ``Report`` covering every verdict, so that renderer and CLI
tests do not depend on the checker; ``private_cache_secret`` for tests that write a proof
cache; and ``golden`` to compare text with a file in ``tests/golden/``
(``XENTPROOF_UPDATE_GOLDEN=1`` rewrites the file instead)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from xentproof.result import (
    ChainResult,
    Counterexample,
    DerivationResult,
    InputProblem,
    RelationResult,
    Report,
    Verdict,
)


def make_report() -> Report:
    """One proved step (with a rule that did not replay), one refuted, one unproved, one
    inequality, a lemma chain, user text with rich markup in it, and an input error."""
    proved = RelationResult(
        index=1,
        line=12,
        relation="=",
        lhs="log(yhat**y*(1 - yhat)**(1 - y))",
        rhs="y*log(yhat) + (1 - y)*log(1 - yhat)",
        rhs_display="y log ŷ + (1 − y) log(1 − ŷ)",
        verdict=Verdict.PROVED,
        method="cases y ∈ {0, 1}, then expand_log",
        rule="log-product",
        conditions=("ŷ > 0 and 1 − ŷ > 0 from ŷ ∈ (0,1)",),
        warnings=("rule log-product did not replay to the next step; proved by expand_log",),
        seconds=0.012,
    )
    refuted = RelationResult(
        index=2,
        line=13,
        relation="=",
        lhs="y*log(yhat) + (1 - y)*log(1 - yhat)",
        rhs="y*log(yhat) + log(1 - yhat)",
        rhs_display="y log ŷ + log(1 − ŷ)",
        rhs_latex="ylog\\ \\hat y+log(1-\\hat y)",
        verdict=Verdict.REFUTED,
        method="sampling at 64 points",
        counterexample=Counterexample(
            point={"y": "1", "yhat": "1/2"},
            lhs="-log(2)",
            rhs="-2*log(2)",
            lhs_approx="-0.693147180559945",
            rhs_approx="-1.38629436111989",
        ),
        note="a dropped factor [1 − y]",
        seconds=0.034,
    )
    unproved = RelationResult(
        index=1,
        line=21,
        relation="<=",
        lhs="log(1 + exp(s))",
        rhs="Max(0, s) + log(2)",
        lhs_display="log(1 + eˢ)",
        rhs_display="max(0, s) + log 2",
        verdict=Verdict.UNPROVED,
        method="sign split on s, then sampling",
        evidence="holds at 200 sampled points of s ∈ ℝ",
        reason="time-out after 5 s",
        seconds=5.0,
        budget=5.0,
    )
    lemma = RelationResult(
        index=1,
        line=31,
        relation=">",
        lhs="1/(1 + exp(-s))",
        rhs="0",
        lhs_display="σ(s)",
        rhs_display="0",
        verdict=Verdict.PROVED,
        method="sign: both terms positive",
        seconds=0.004,
    )
    return Report(
        derivations=(
            DerivationResult(
                file="derivations/bce.toml",
                title="Binary cross-entropy [seed §2]",
                source="seed/cross-entropy.md",
                chains=(
                    ChainResult(
                        name="bce-loss",
                        line=10,
                        claims=("C17", "C18"),
                        first_display="log(ŷ^y (1 − ŷ)^(1 − y))",
                        relations=(proved, refuted),
                    ),
                    ChainResult(name="softplus-bound", line=20, relations=(unproved,)),
                ),
            ),
            DerivationResult(
                file="derivations/sigmoid.toml",
                title="",
                chains=(
                    ChainResult(name="sigmoid-positive", line=30, lemma="σ>0", relations=(lemma,)),
                ),
            ),
        ),
        errors=(
            InputProblem("derivations/broken.toml", 3, "expected '=' after key"),
            InputProblem("derivations/empty.toml", None, "no chains"),
        ),
        seconds=5.0504,
    )


@pytest.fixture
def report() -> Report:
    return make_report()


@pytest.fixture
def private_cache_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The proof cache's signing key made in the test's own folder, not the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))


GOLDEN_DIR = Path(__file__).parent / "golden"


@pytest.fixture
def golden() -> Callable[[str, str], None]:
    def check(name: str, text: str) -> None:
        path = GOLDEN_DIR / name
        if os.environ.get("XENTPROOF_UPDATE_GOLDEN") == "1":
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return
        assert path.exists(), f"{path} is missing; run with XENTPROOF_UPDATE_GOLDEN=1"
        assert text == path.read_text(encoding="utf-8")

    return check
