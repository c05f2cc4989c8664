"""JUnit XML: one test suite per derivation file, one test case per relation.

A relation that does not pass the gate is a ``<failure>``; an unreadable input is a test
case with an ``<error>``; a display of a document that was not read is a test case
``<skipped>`` (a ``<failure>`` with ``--strict``). CI systems show these in their test
reports. A test case is named by its chain and the relation's position in it (``pm1-loss
relation 2``), never by its line, so that editing a file above a chain does not rename its
tests; the line is in the ``line`` attribute and in the failure's message.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from xentproof.render.outcome import kind, message
from xentproof.result import DerivationResult, Report

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render_junit(report: Report) -> str:
    root = ET.Element("testsuites", name="xentproof")
    total = failures = errors = 0
    for derivation in report.derivations:
        suite = ET.SubElement(root, "testsuite", name=derivation.file)
        cases = fails = 0
        seconds = 0.0
        for chain in derivation.chains:
            for relation in chain.relations:
                cases += 1
                seconds += relation.seconds
                case = ET.SubElement(
                    suite,
                    "testcase",
                    classname=f"{derivation.file}::{chain.name}",
                    # no line number in the name: a test keeps its name (and its CI history)
                    # when lines are added above it; the line is in its attribute
                    name=f"{chain.name} relation {relation.index}",
                    file=derivation.file,
                    line=str(relation.line),
                    time=f"{relation.seconds:.3f}",
                )
                if not relation.passed:
                    fails += 1
                    failure = ET.SubElement(
                        case,
                        "failure",
                        type=kind(relation),
                        message=f"{kind(relation)}: line {relation.line}",
                    )
                    failure.text = message(relation)
                else:
                    ET.SubElement(case, "system-out").text = message(relation)
        not_read, failed = _not_read(suite, derivation, report.strict)
        cases += not_read
        fails += failed
        suite.set("tests", str(cases))
        suite.set("failures", str(fails))
        suite.set("errors", "0")
        suite.set("time", f"{seconds:.3f}")
        total += cases
        failures += fails
    if report.errors:
        suite = ET.SubElement(
            root,
            "testsuite",
            name="input",
            tests=str(len(report.errors)),
            failures="0",
            errors=str(len(report.errors)),
        )
        for problem in report.errors:
            case = ET.SubElement(
                suite,
                "testcase",
                classname="input",
                name=problem.file,
                file=problem.file,
                line=str(problem.line or 0),
            )
            ET.SubElement(case, "error", type="input-error", message=problem.message).text = str(
                problem
            )
            errors += 1
            total += 1
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", str(errors))
    root.set("time", f"{report.seconds:.3f}")
    ET.indent(root)
    text = ET.tostring(root, encoding="unicode")
    # XML 1.0 has no way to write most control characters (ElementTree writes them as they
    # are, and the document no longer parses): a file's text shows them as escapes
    text = _NOT_XML.sub(lambda m: f"\\x{ord(m.group(0)):02x}", text)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + text


def _not_read(suite: ET.Element, derivation: DerivationResult, strict: bool) -> tuple[int, int]:
    """A test case for each display of a document that was not read: skipped, or failed
    when ``strict``. Returns (cases, failures)."""
    records = derivation.coverage.not_read if derivation.coverage else ()
    for record in records:
        case = ET.SubElement(
            suite,
            "testcase",
            classname=f"{derivation.file}::not-read",
            name=f"display at line {record.line} not read",
            file=derivation.file,
            line=str(record.line),
            time="0.000",
        )
        if strict:
            failure = ET.SubElement(case, "failure", type="not-read", message=record.reason)
            failure.text = record.reason
        else:
            ET.SubElement(case, "skipped", message=record.reason)
    return len(records), len(records) if strict else 0
