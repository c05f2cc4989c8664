"""The gate: expected refutations (errata) and numeric acceptance, in results and outputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xentproof.cli import main
from xentproof.prover import at_once, by_cases
from xentproof.result import Verdict

from .helpers import check_text, write

ERRATUM = """
title = "t"
[symbols]
x = "real"
[[chain]]
name = "c"
steps = ["log(x**2)", { rel = "=", expr = "2*log(x)", expect = "refuted" }]
"""


def test_expected_refutation_passes_only_when_refuted(tmp_path: Path) -> None:
    report = check_text(tmp_path, ERRATUM)
    (r,) = report.relations
    assert r.verdict is Verdict.REFUTED and r.expected_refuted and r.passed
    assert report.exit_code == 0
    assert report.summary.expected_refuted == 1


def test_expected_refutation_that_is_proved_fails_the_gate(tmp_path: Path) -> None:
    report = check_text(tmp_path, ERRATUM.replace('"real"', '"positive"'))
    (r,) = report.relations
    assert r.verdict is Verdict.PROVED and not r.passed
    assert report.exit_code == 1


def test_expected_refutation_that_is_unproved_fails_the_gate(tmp_path: Path) -> None:
    text = ERRATUM.replace('"log(x**2)"', '"(1 + x)**300*(1 - x)**300"').replace(
        '"2*log(x)"', '"(1 - x**2)**300"'
    )
    report = check_text(tmp_path, text, timeout=0.05)
    (r,) = report.relations
    assert r.verdict is not Verdict.REFUTED
    assert report.exit_code == 1


NUMERIC = """
title = "t"
[symbols]
x = "(0, 1)"
[[chain]]
name = "c"
steps = ["(1 + x)**300*(1 - x)**300", { rel = "=", expr = "(1 - x**2)**300", accept = "numeric" }]
"""


def test_numeric_acceptance_is_counted_separately(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No canonical form may prove it (a fast machine once did within a short budget, and the
    # test skipped): it is left to the numeric evidence.
    for stage in (at_once, by_cases):
        monkeypatch.setattr(stage, "prove_zero", lambda *args, **kwargs: None)
    report = check_text(tmp_path, NUMERIC)
    (r,) = report.relations
    assert r.verdict is Verdict.UNPROVED
    assert r.accepted_numeric and r.passed
    assert report.summary.accepted_numeric == 1
    assert report.exit_code == 0


def test_numeric_acceptance_never_hides_a_counterexample(tmp_path: Path) -> None:
    report = check_text(tmp_path, NUMERIC.replace("(1 - x**2)**300", "(1 - x**2)**301"))
    (r,) = report.relations
    assert r.verdict is Verdict.REFUTED and not r.passed
    assert report.exit_code == 1


KINK = """
title = "t"
[symbols]
x = "real"
[[chain]]
name = "c"
steps = ["Derivative(Abs(x), x)**2", { rel = "=", expr = "1", accept = "numeric" }]
"""


def test_numeric_acceptance_needs_both_sides_defined_at_every_point(tmp_path: Path) -> None:
    """(d/dx |x|)² = 1 agrees wherever the derivative exists; at x = 0 it does not, so the
    relation fails there (a side is undefined), though SymPy's sign(0) = 0 keeps that from
    being confirmed exactly: numeric agreement elsewhere does not pass it."""
    report = check_text(tmp_path, KINK)
    (r,) = report.relations
    assert r.verdict is not Verdict.PROVED
    assert not r.accepted_numeric and not r.passed
    assert report.exit_code == 1
    # its near miss over the positive reals, where the derivative is 1 everywhere
    near = check_text(tmp_path, KINK.replace('"real"', '"positive"'))
    assert near.relations[0].passed


def test_json_and_terminal_show_both_marks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, ERRATUM)
    assert main(["check", "--format", "json", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    relation = data["derivations"][0]["chains"][0]["relations"][0]
    assert relation["expect"] == "refuted" and relation["accept"] is None
    assert data["summary"]["expected_refuted"] == 1
    assert main(["check", str(path)]) == 0
    assert "expected" in capsys.readouterr().out


@pytest.mark.parametrize(
    "step",
    [
        '{ rel = "=", expr = "x", expect = "proved" }',
        '{ rel = "=", expr = "x", accept = "yes" }',
        '{ rel = "=", expr = "x", accept = "numeric", expect = "refuted" }',
    ],
)
def test_bad_marks_are_input_errors(tmp_path: Path, step: str) -> None:
    text = f'title = "t"\n[symbols]\nx = "real"\n[[chain]]\nname = "c"\nsteps = ["x", {step}]\n'
    report = check_text(tmp_path, text)
    assert report.exit_code == 2 and report.errors[0].line == 6
