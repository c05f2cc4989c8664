"""The JSON renderer: the shape is a contract for programs, so it is asserted key by key.

``tests/golden/report.json`` pins the exact text (order, indentation, unescaped unicode);
regenerate it after an intended change with::

    XENTPROOF_UPDATE_GOLDEN=1 python -m pytest tests/test_render_json.py
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from xentproof.render import render_json, report_to_dict
from xentproof.result import Report


def loaded(report: Report) -> Any:
    return json.loads(render_json(report))


def test_golden(report: Report, golden: Callable[[str, str], None]) -> None:
    golden("report.json", render_json(report) + "\n")


def test_top_level(report: Report) -> None:
    data = loaded(report)
    assert list(data)[:3] == ["summary", "exit_code", "errors"]
    assert {"summary", "errors", "derivations"} <= set(data)
    assert data["summary"] == {
        "derivations": 2,
        "relations": 4,
        "proved": 2,
        "refuted": 1,
        "unproved": 1,
        "seconds": 5.05,
        "expected_refuted": 0,
        "accepted_numeric": 0,
        "cached": 0,
        "input_errors": 2,
        "documents": 0,
        "displays": 0,
        "chains_read": 0,
        "not_read": 0,
        "partly_read": 0,
    }
    assert data["exit_code"] == 2
    assert data["errors"] == [
        {"file": "derivations/broken.toml", "line": 3, "message": "expected '=' after key"},
        {"file": "derivations/empty.toml", "line": None, "message": "no chains"},
    ]


def test_derivations_and_chains(report: Report) -> None:
    derivation = loaded(report)["derivations"][0]
    assert derivation["file"] == "derivations/bce.toml"
    assert derivation["title"] == "Binary cross-entropy [seed §2]"
    assert derivation["source"] == "seed/cross-entropy.md"
    chain = derivation["chains"][0]
    assert chain["name"] == "bce-loss"
    assert chain["line"] == 10
    assert chain["claims"] == ["C17", "C18"]
    assert chain["lemma"] is None
    assert loaded(report)["derivations"][1]["chains"][0]["lemma"] == "σ>0"


def test_relation_fields(report: Report) -> None:
    chains = loaded(report)["derivations"][0]["chains"]
    proved, refuted = chains[0]["relations"]
    unproved = chains[1]["relations"][0]
    contract: dict[str, type | tuple[type, ...]] = {
        "index": int,
        "line": int,
        "relation": str,
        "lhs": str,
        "rhs": str,
        "rule": (str, type(None)),
        "verdict": str,
        "method": str,
        "conditions": list,
        "counterexample": (dict, type(None)),
        "evidence": str,
        "reason": str,
        "warnings": list,
        "note": (str, type(None)),
        "seconds": float,
    }
    for relation in (proved, refuted, unproved):
        for key, kind in contract.items():
            assert isinstance(relation[key], kind), key

    assert proved["verdict"] == "proved"
    assert proved["rule"] == "log-product"
    assert proved["conditions"] == ["ŷ > 0 and 1 − ŷ > 0 from ŷ ∈ (0,1)"]
    assert proved["counterexample"] is None
    assert proved["warnings"][0].startswith("rule log-product did not replay")
    assert proved["seconds"] == 0.012

    assert refuted["verdict"] == "refuted"
    assert refuted["counterexample"] == {
        "point": {"y": "1", "yhat": "1/2"},
        "lhs": "-log(2)",
        "rhs": "-2*log(2)",
        "lhs_approx": "-0.693147180559945",
        "rhs_approx": "-1.38629436111989",
    }
    assert refuted["note"] == "a dropped factor [1 − y]"

    assert unproved["verdict"] == "unproved"
    assert unproved["relation"] == "<="
    assert unproved["evidence"] == "holds at 200 sampled points of s ∈ ℝ"
    assert unproved["reason"] == "time-out after 5 s"


def test_deterministic_and_unicode(report: Report) -> None:
    text = render_json(report)
    assert text == render_json(report)
    assert "ŷ" in text and "\\u" not in text
    assert json.loads(text) == report_to_dict(report)


def test_empty_report() -> None:
    data = loaded(Report(derivations=()))
    assert data["summary"]["relations"] == 0
    assert data["errors"] == [] and data["derivations"] == []
    assert data["exit_code"] == 5  # nothing was checked: not a pass (issue 13, item 1)
