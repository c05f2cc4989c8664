"""GitHub Actions workflow commands: an annotation on the pull request for every relation
that fails the gate, every input that could not be read, and every display of a document
that was not read (a warning; an error with ``--strict``)."""

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
    level = "error" if report.strict else "warning"
    for file, record in report.not_read:
        lines.append(
            f"::{level} file={_property(file)},line={record.line},"
            f"title=xentproof: display {record.fate.value}::{_data(record.reason)}"
        )
    s = report.summary
    read = f"{s.displays} displays, {s.chains_read} chains read, " if s.documents else ""
    not_read = (
        f", {s.not_read} displays not read, {s.partly_read} read in part" if s.documents else ""
    )
    lines.append(
        f"::notice title=xentproof::{read}{s.relations} relations: {s.proved} proved, "
        f"{s.refuted} refuted, {s.unproved} unproved ({len(report.errors)} input errors"
        f"{not_read})"
    )
    return "\n".join(lines)
