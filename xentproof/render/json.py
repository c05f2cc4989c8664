"""The report as JSON, for CI and other programs.

The shape is a contract (keys may be added, never renamed or removed)::

    {"summary": {...}, "exit_code": 0, "errors": [...], "derivations": [...],
     "extra": {...}, "strict": false, "schema_version": 2}

A derivation read from a document has ``coverage``: every display with its line, what
became of it (``chain``, ``definition``, ``expression``, ``skipped``, ``continued``,
``not read``) and why; a derivation file has ``coverage: null``.

``schema_version`` changes when a key is renamed or removed, and when one is added (2 added
each relation's ``budget``: its time budget in seconds, beside the ``seconds`` it used), and the
JSON Schema of this version ships with the package: ``xentproof/schema/report.schema.json``.

Output is deterministic for a given report: keys in a fixed order, ``indent=2``, and
non-ASCII text (ŷ, ≤) written as it is.
"""

from __future__ import annotations

import json
from typing import Any

from xentproof.coverage import Coverage
from xentproof.result import (
    ChainResult,
    Counterexample,
    DerivationResult,
    InputProblem,
    RelationResult,
    Report,
)

SCHEMA_VERSION = 2


def render_json(report: Report) -> str:
    """The report as a JSON document (without a trailing newline)."""
    return json.dumps(report_to_dict(report), indent=2, ensure_ascii=False)


def report_to_dict(report: Report) -> dict[str, Any]:
    """The report as plain dicts, lists, strings and numbers, ready for ``json.dumps``."""
    s = report.summary
    return {
        "summary": {
            "derivations": s.derivations,
            "relations": s.relations,
            "proved": s.proved,
            "refuted": s.refuted,
            "unproved": s.unproved,
            "seconds": s.seconds,
            "expected_refuted": s.expected_refuted,
            "accepted_numeric": s.accepted_numeric,
            "cached": s.cached,
            "input_errors": len(report.errors),
            "documents": s.documents,
            "displays": s.displays,
            "chains_read": s.chains_read,
            "not_read": s.not_read,
            "partly_read": s.partly_read,
        },
        "exit_code": report.exit_code,
        "errors": [_problem(p) for p in report.errors],
        "derivations": [_derivation(d) for d in report.derivations],
        "extra": dict(report.extra),
        "strict": report.strict,
        "schema_version": SCHEMA_VERSION,
    }


def _problem(problem: InputProblem) -> dict[str, Any]:
    return {"file": problem.file, "line": problem.line, "message": problem.message}


def _derivation(derivation: DerivationResult) -> dict[str, Any]:
    return {
        "file": derivation.file,
        "title": derivation.title,
        "source": derivation.source,
        "chains": [_chain(c) for c in derivation.chains],
        "coverage": _coverage(derivation.coverage),
    }


def _coverage(coverage: Coverage | None) -> list[dict[str, Any]] | None:
    """A document's displays, each with what became of it; None for a derivation file."""
    if coverage is None:
        return None
    return [
        {
            "line": d.line,
            "fate": d.fate.value,
            "reason": d.reason,
            "defines": list(d.defines),
            "latex": d.latex,
        }
        for d in coverage.displays
    ]


def _chain(chain: ChainResult) -> dict[str, Any]:
    return {
        "name": chain.name,
        "line": chain.line,
        "claims": list(chain.claims),
        "lemma": chain.lemma,
        "first_display": chain.first_display,
        "conclusion": chain.conclusion,
        "relations": [_relation(r) for r in chain.relations],
    }


def _relation(relation: RelationResult) -> dict[str, Any]:
    example = relation.counterexample
    return {
        "index": relation.index,
        "line": relation.line,
        "relation": relation.relation,
        "lhs": relation.lhs,
        "rhs": relation.rhs,
        "lhs_display": relation.lhs_display,
        "rhs_display": relation.rhs_display,
        "rhs_latex": relation.rhs_latex,
        "rule": relation.rule,
        "verdict": relation.verdict.value,
        "method": relation.method,
        "conditions": list(relation.conditions),
        "counterexample": None if example is None else _counterexample(example),
        "evidence": relation.evidence,
        "reason": relation.reason,
        "warnings": list(relation.warnings),
        "note": relation.note,
        "expect": relation.expect,
        "accept": relation.accept,
        "passed": relation.passed,
        "cached": relation.cached,
        # Rounded so that float noise (0.009999…) does not show; timings vary anyway.
        "seconds": round(relation.seconds, 3),
        # the relation's time budget (seconds, null where not known): with ``seconds``,
        # how much of it was used
        "budget": relation.budget,
    }


def _counterexample(example: Counterexample) -> dict[str, Any]:
    return {
        "point": dict(example.point),
        "lhs": example.lhs,
        "rhs": example.rhs,
        "lhs_approx": example.lhs_approx,
        "rhs_approx": example.rhs_approx,
    }
