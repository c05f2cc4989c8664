"""GitHub Actions workflow commands: an annotation on the pull request for every relation
that fails the gate and every input that could not be read."""

from __future__ import annotations

from xentproof.render.outcome import kind, message
from xentproof.result import Report


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: Report) -> str:
    lines: list[str] = []
    for problem in report.errors:
        where = f"file={_property(problem.file)}"
        if problem.line is not None:
            where += f",line={problem.line}"
        lines.append(f"::error {where},title=xentproof input error::{_data(problem.message)}")
    for derivation in report.derivations:
        for chain in derivation.chains:
            for relation in chain.relations:
                if relation.passed:
                    continue
                title = _property(f"xentproof {kind(relation)}: {chain.name}")
                lines.append(
                    f"::error file={_property(derivation.file)},line={relation.line},"
                    f"title={title}::{_data(message(relation))}"
                )
    s = report.summary
    lines.append(
        f"::notice title=xentproof::{s.relations} relations: {s.proved} proved, "
        f"{s.refuted} refuted, {s.unproved} unproved ({len(report.errors)} input errors)"
    )
    return "\n".join(lines)
