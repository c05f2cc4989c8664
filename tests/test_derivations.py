"""The shipped derivations: every relation PROVED (errata REFUTED), every claim covered."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from xentproof import api
from xentproof.result import Report, Verdict

ROOT = Path(__file__).resolve().parent.parent
CLAIMS_FILE = ROOT.parent / "shared" / "seed" / "CLAIMS.md"
CORE_CLAIMS = {"C1", "C2", "C5", "C6", "C7", "C9", "C14", "C15", "C16", "C17", "C18"}


@pytest.fixture(scope="module")
def report() -> Report:
    return api.check_paths([ROOT / "derivations"])


def test_every_relation_is_proved_or_an_erratum_refuted(report: Report) -> None:
    assert not report.errors
    failing = [
        (r.line, r.lhs, r.rhs, r.verdict, r.reason)
        for r in report.relations
        if r.verdict is not (Verdict.REFUTED if r.expect == "refuted" else Verdict.PROVED)
    ]
    assert failing == []
    assert not any(r.accept for r in report.relations)  # no shipped claim rests on numerics
    assert report.exit_code == 0


def test_errata_are_refuted_with_a_counterexample(report: Report) -> None:
    errata = [r for r in report.relations if r.expect == "refuted"]
    assert errata
    assert all(r.counterexample is not None for r in errata)


def test_core_claims_are_covered(report: Report) -> None:
    covered = {c for d in report.derivations for chain in d.chains for c in chain.claims}
    assert covered >= CORE_CLAIMS


def test_claim_ids_exist_in_the_claims_list(report: Report) -> None:
    if not CLAIMS_FILE.exists():
        pytest.skip("the shared claims list is not beside this checkout")
    known = set(re.findall(r"^\| (C\d+|E\d+) \|", CLAIMS_FILE.read_text(), flags=re.M))
    covered = {c for d in report.derivations for chain in d.chains for c in chain.claims}
    assert covered <= known


def test_cited_rules_replay(report: Report) -> None:
    """A cited rule that does not land is a warning; the shipped files must have none."""
    cited = [r for r in report.relations if r.rule is not None and r.expect is None]
    assert cited
    assert [(r.line, r.rule, r.warnings) for r in cited if r.warnings] == []
    assert all(r.method.endswith("(replayed)") for r in cited)


def test_every_proof_names_its_method(report: Report) -> None:
    assert all(r.method for r in report.relations if r.verdict is Verdict.PROVED)


def test_errata_chains_hold_only_their_refuted_steps(report: Report) -> None:
    """A chain tagged with an erratum id is the mistake as written, refuted as expected."""
    errata = [c for d in report.derivations for c in d.chains if any(x[0] == "E" for x in c.claims)]
    ids = {x for c in errata for x in c.claims}
    assert ids == {"E1", "E2", "E3"}
    for chain in errata:
        assert all(r.expected_refuted for r in chain.relations), chain.name
