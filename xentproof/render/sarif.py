"""SARIF 2.1.0 for code-scanning tools: one result per relation that fails the gate (a rule
id per kind of outcome), one per input that could not be read and one per display of a
document that was not read, each with a location.

Relations that pass are not results: code-scanning views list every result as a finding to
look at (104 for a green run of the shipped files was noise), and ruff's SARIF likewise
lists only what is wrong. The run's ``properties`` give the counts of the whole run.
File locations are URI references (RFC 3986): a relative path percent-encoded (a space is
``%20``, ``#`` is ``%23``), an absolute one a ``file://`` URI."""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from xentproof.render.outcome import kind, message
from xentproof.result import Report
from xentproof.version import __version__

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

RULES: dict[str, str] = {
    "proved": "The relation was proved for every point of the declared domains.",
    "refuted": "A point inside the declared domains where the relation fails.",
    "unproved": "Neither a proof nor a counterexample within the budget.",
    "expected-refuted": "A known mistake (an erratum), refuted as expected.",
    "erratum-not-refuted": "A step marked as a known mistake that was not refuted.",
    "accepted-numeric": "Not proved; accepted on numeric evidence, as the step asks.",
    "input-error": "An input that could not be read.",
    "not-read": "A display of a document that could not be read as a chain.",
}


def file_uri(file: str) -> str:
    """The URI reference of a path as the report names it."""
    path = PurePosixPath(file)
    if path.is_absolute():
        return "file://" + quote(str(path), safe="/")
    return quote(str(path), safe="/")


def _location(file: str, line: int | None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": file_uri(file)}}
    if line is not None:
        physical["region"] = {"startLine": line}
    return {"physicalLocation": physical}


def report_to_sarif(report: Report) -> dict[str, Any]:
    results: list[dict[str, Any]] = []
    for derivation in report.derivations:
        for chain in derivation.chains:
            for relation in chain.relations:
                if relation.passed:
                    continue
                results.append(
                    {
                        "ruleId": kind(relation),
                        "kind": "fail",
                        "level": "error",
                        "message": {"text": message(relation)},
                        "locations": [_location(derivation.file, relation.line)],
                        "properties": {
                            "chain": chain.name,
                            "index": relation.index,
                            "verdict": relation.verdict.value,
                        },
                    }
                )
    for file, record in report.not_read:
        results.append(
            {
                "ruleId": "not-read",
                "kind": "fail" if report.strict else "review",
                "level": "error" if report.strict else "warning",
                "message": {"text": record.reason},
                "locations": [_location(file, record.line)],
            }
        )
    for problem in report.errors:
        results.append(
            {
                "ruleId": "input-error",
                "kind": "fail",
                "level": "error",
                "message": {"text": problem.message},
                "locations": [_location(problem.file, problem.line)],
            }
        )
    driver = {
        "name": "xentproof",
        "version": __version__,
        "rules": [{"id": rule, "shortDescription": {"text": text}} for rule, text in RULES.items()],
    }
    s = report.summary
    counts = {
        "relations": s.relations,
        "proved": s.proved,
        "refuted": s.refuted,
        "unproved": s.unproved,
        "expected_refuted": s.expected_refuted,
        "accepted_numeric": s.accepted_numeric,
        "input_errors": len(report.errors),
        "exit_code": report.exit_code,
    }
    run = {"tool": {"driver": driver}, "results": results, "properties": counts}
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render_sarif(report: Report) -> str:
    return json.dumps(report_to_sarif(report), indent=2, ensure_ascii=False)
