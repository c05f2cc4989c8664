"""The formats CI systems read: JUnit XML (read back with junitparser), SARIF 2.1.0 (read
back with the sarif-pydantic object model), GitHub workflow-command annotations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from junitparser import Error, Failure, JUnitXml
from sarif_pydantic import Sarif

from xentproof.cli import main
from xentproof.render import render_github, render_junit, render_sarif
from xentproof.result import Report

from .helpers import write


def test_junit_has_a_case_per_relation_and_a_failure_per_failing_one(
    report: Report, tmp_path: Path
) -> None:
    path = tmp_path / "report.xml"
    path.write_text(render_junit(report), encoding="utf-8")
    xml = JUnitXml.fromfile(str(path))
    cases = [case for suite in xml for case in suite]
    relations = report.relations
    assert len(cases) == len(relations) + len(report.errors)
    failed = [c for c in cases if any(isinstance(r, Failure) for r in c.result)]
    errored = [c for c in cases if any(isinstance(r, Error) for r in c.result)]
    assert len(failed) == sum(1 for r in relations if not r.passed)
    assert len(errored) == len(report.errors)


def test_sarif_is_read_by_the_object_model(report: Report) -> None:
    data = json.loads(render_sarif(report))
    sarif = Sarif.model_validate(data)
    assert sarif.version == "2.1.0"
    (run,) = data["runs"]
    rule_ids = {rule["id"] for rule in run["tool"]["driver"]["rules"]}
    results = run["results"]
    # passing relations are not results (issue 13, item 11)
    assert len(results) == len(report.failing) + len(report.errors)
    assert {r["ruleId"] for r in results} <= rule_ids
    for result in results:
        region = result["locations"][0]["physicalLocation"].get("region")
        assert region is None or region["startLine"] >= 1
    assert sum(1 for r in results if r["level"] == "error") == sum(
        1 for r in report.relations if not r.passed
    ) + len(report.errors)


def test_github_annotations_name_file_and_line(report: Report) -> None:
    lines = render_github(report).splitlines()
    errors = [line for line in lines if line.startswith("::error ")]
    assert len(errors) == sum(1 for r in report.relations if not r.passed) + len(report.errors)
    for line in errors:
        properties, text = line[len("::error ") :].split("::", 1)
        assert "file=" in properties
        assert "\n" not in text
    assert lines[-1].startswith("::notice ")


def test_github_escapes_newlines_and_separators() -> None:
    from xentproof.render.github import _data, _property

    assert _data("a\nb%c") == "a%0Ab%25c"
    assert _property("x: y, z") == "x%3A y%2C z"


@pytest.mark.parametrize("fmt", ["junit", "github", "sarif"])
def test_cli_formats_keep_the_exit_code(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(
        tmp_path,
        'title = "t"\n[symbols]\nx = "real"\n[[chain]]\nname = "c"\n'
        'steps = ["sqrt(x**2)", "= x"]\n',
    )
    assert main(["check", "--format", fmt, str(path)]) == 1
    out = capsys.readouterr().out
    assert str(path) in out
