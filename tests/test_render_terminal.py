"""The terminal renderer: the annotated proof, checked against a golden file.

The golden file is ``tests/golden/terminal_report.txt``. After an intended change of the
output, regenerate it and review the diff::

    XENTPROOF_UPDATE_GOLDEN=1 python -m pytest tests/test_render_terminal.py

The console has a fixed width and no colours, and the report carries fixed timings, so the
golden does not depend on the machine or its terminal. Trailing blanks are dropped before
comparing, so that editors which strip them do not break the test.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable

import pytest
from rich.cells import cell_len
from rich.console import Console

from xentproof.render import render_rules, render_terminal, summary_line
from xentproof.result import (
    ChainResult,
    DerivationResult,
    RelationResult,
    Report,
    RuleInfo,
    Verdict,
)


def plain_console(width: int = 100) -> Console:
    return Console(
        file=io.StringIO(),
        width=width,
        color_system=None,
        force_terminal=False,
        legacy_windows=False,
    )


def rendered(report: Report, width: int = 100) -> str:
    console = plain_console(width)
    render_terminal(report, console)
    return output_of(console)


def output_of(console: Console) -> str:
    assert isinstance(console.file, io.StringIO)
    return "\n".join(line.rstrip() for line in console.file.getvalue().splitlines()) + "\n"


def one_relation(**changes: object) -> Report:
    relation = RelationResult(
        index=1, line=5, relation="=", lhs="a", rhs="b", verdict=Verdict.PROVED, method="expand"
    )
    relation = dataclasses.replace(relation, **changes)  # type: ignore[arg-type]
    chain = ChainResult(name="c", line=4, relations=(relation,))
    return Report(derivations=(DerivationResult(file="d.toml", title="T", chains=(chain,)),))


def test_golden(report: Report, golden: Callable[[str, str], None]) -> None:
    golden("terminal_report.txt", rendered(report))


def test_every_verdict_and_its_evidence_is_shown(report: Report) -> None:
    text = rendered(report)
    assert "✔ PROVED" in text and "✘ REFUTED" in text and "? UNPROVED" in text
    assert "by log-product" in text
    assert "under: ŷ > 0 and 1 − ŷ > 0 from ŷ ∈ (0,1)" in text
    assert "counterexample: y = 1, yhat = 1/2" in text
    assert "lhs = -log(2) ≈ -0.693147180559945" in text
    assert "evidence: holds at 200 sampled points" in text
    assert "reason: time-out after 5 s" in text
    assert "warning: rule log-product did not replay" in text
    assert "claims C17, C18" in text and "lemma σ>0" in text
    assert "derivations/broken.toml:3: expected '=' after key" in text


def test_user_text_is_not_read_as_markup(report: Report) -> None:
    text = rendered(report)
    assert "Binary cross-entropy [seed §2]" in text
    assert "note: a dropped factor [1 − y]" in text


def test_display_falls_back_to_plain_expressions() -> None:
    text = rendered(one_relation(lhs="x**2", rhs="x*x"))
    assert "    x**2\n" in text
    assert "  = x*x " in text


@pytest.mark.parametrize(("relation", "symbol"), [("<=", "≤"), (">=", "≥"), ("<", "<"), (">", ">")])
def test_relation_symbols(relation: str, symbol: str) -> None:
    assert f"  {symbol} b " in rendered(one_relation(relation=relation))


def test_proved_step_hides_evidence() -> None:
    text = rendered(one_relation(evidence="agrees at 200 points"))
    assert "evidence" not in text


def test_narrow_console_wraps_within_its_width(report: Report) -> None:
    long_rhs = " + ".join(f"log(1 − ŷ_{i})" for i in range(30))
    narrow = dataclasses.replace(
        report,
        derivations=(
            *report.derivations,
            one_relation(
                rhs_display=long_rhs, conditions=("ŷ_i ∈ (0,1) for every i",) * 5
            ).derivations[0],
        ),
    )
    text = rendered(narrow, width=60)
    # every line but the summary, which is never wrapped when not on a terminal (a log is
    # read by line; issue 13, item 7)
    *proofs, summary = text.rstrip("\n").splitlines()
    assert max(cell_len(line) for line in proofs) <= 60
    assert summary.startswith(f"{len(narrow.derivations)} derivations")
    assert "✔ PROVED" in text


def test_wide_console_keeps_verdicts_near_their_steps(report: Report) -> None:
    text = rendered(report, width=200)
    assert max(cell_len(line) for line in text.splitlines() if "PROVED" in line) <= 100


@pytest.mark.parametrize(
    ("changes", "style"),
    [
        ({}, "bold green"),
        ({"verdict": Verdict.UNPROVED}, "bold yellow"),
        ({"verdict": Verdict.REFUTED}, "bold red"),
    ],
)
def test_summary_line_is_coloured_by_outcome(changes: dict[str, object], style: str) -> None:
    line = summary_line(one_relation(**changes))
    assert line.style == style


def test_summary_line_counts(report: Report) -> None:
    assert summary_line(report).plain == (
        "2 derivations, 4 relations: 2 proved, 1 refuted, 1 unproved in 5.05 s; 2 input errors"
    )
    assert summary_line(one_relation()).plain == (
        "1 derivation, 1 relation: 1 proved, 0 refuted, 0 unproved in 0.00 s"
    )


def test_colours_on_a_terminal_and_none_with_no_color(
    report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    coloured = Console(file=io.StringIO(), width=100, force_terminal=True, color_system="standard")
    render_terminal(report, coloured)
    assert "\x1b[1;32m✔ PROVED" in output_of(coloured)

    monkeypatch.setenv("NO_COLOR", "1")
    uncoloured = Console(
        file=io.StringIO(), width=100, force_terminal=True, color_system="standard"
    )
    render_terminal(report, uncoloured)
    assert "\x1b[1;32m" not in output_of(uncoloured)
    assert "\x1b[31m" not in output_of(uncoloured)


def test_render_rules() -> None:
    console = plain_console()
    render_rules(
        [
            RuleInfo("log-product", "log(a b) = log a + log b", "a > 0 and b > 0"),
            RuleInfo("[odd]", "x = x", "", origin="derivations/d.toml:3"),
        ],
        console,
    )
    text = output_of(console)
    lines = text.splitlines()
    assert any("log-product" in line and "a > 0 and b > 0" in line for line in lines)
    assert any(
        "[odd]" in line and "none" in line and "derivations/d.toml:3" in line for line in lines
    )


def test_render_no_rules() -> None:
    console = plain_console()
    render_rules([], console)
    assert output_of(console) == "no rules\n"
