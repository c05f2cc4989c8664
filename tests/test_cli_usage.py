"""The command line without the checker: help, version, argument errors, and the one place
where ``XentproofError`` is caught. ``xentproof.api`` is replaced by fakes here; the tests
that run the real checker through the CLI live elsewhere."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pytest

from xentproof import api, cli
from xentproof.errors import InputError, UsageError
from xentproof.result import (
    ChainResult,
    DerivationResult,
    RelationResult,
    Report,
    RuleInfo,
    Verdict,
)

ROOT = Path(__file__).resolve().parent.parent


def run(argv: Sequence[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def fake_check(report: Report, calls: list[tuple[list[str], float]]) -> Callable[..., Report]:
    def check_paths(
        paths: Sequence[str],
        *,
        timeout: float = 5.0,
        progress: Callable[[int, int, str], None] | None = None,
        cache_dir: str | None = None,
        workers: int | None = None,
        memory_mb: int | None = None,
        strict: bool = False,
        texts: Mapping[str, bytes] | None = None,
    ) -> Report:
        calls.append((list(paths), timeout))
        return report

    return check_paths


def report_with(verdict: Verdict) -> Report:
    relation = RelationResult(
        index=1, line=3, relation="=", lhs="a", rhs="a", verdict=verdict, method="expand"
    )
    chain = ChainResult(name="c", line=2, relations=(relation,))
    return Report(derivations=(DerivationResult(file="d.toml", title="T", chains=(chain,)),))


@pytest.mark.parametrize("argv", [["--help"], ["check", "--help"], ["rules", "--help"]])
def test_help_explains_verdicts_and_exit_codes(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(argv, capsys)
    assert code == 0
    assert out.startswith("usage: xentproof")
    for word in ("PROVED", "REFUTED", "UNPROVED", "exit codes:"):
        assert word in out
    assert "0  every relation is PROVED" in out
    assert "1  some relation is REFUTED or UNPROVED" in out
    assert "2  some input could not be read" in out


def test_check_help_lists_options(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(["check", "--help"], capsys)
    assert "--format {text,json,junit,github,sarif}" in out
    assert "--timeout SECONDS" in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--version"], capsys)
    assert code == 0
    assert out.startswith("xentproof ")


def test_missing_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run([], capsys)
    assert code == 2
    assert "usage: xentproof" in err


@pytest.mark.parametrize("value", ["0", "-1", "abc", "nan", "inf"])
def test_bad_timeout(
    value: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[list[str], float]] = []
    monkeypatch.setattr(api, "check_paths", fake_check(report_with(Verdict.PROVED), calls))
    code, out, err = run(["check", "--timeout", value], capsys)
    assert code == 2
    assert out == ""
    assert err == (
        f"xentproof: error: --timeout expects a positive number of seconds, got {value!r}\n"
    )
    assert calls == []


def test_error_from_the_api_is_one_line_without_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing(paths: Sequence[str], **_: object) -> Report:
        raise UsageError("no such file or folder: nowhere")

    monkeypatch.setattr(api, "check_paths", missing)
    code, out, err = run(["check", "nowhere"], capsys)
    assert code == 2
    assert out == ""
    assert err == "xentproof: error: no such file or folder: nowhere\n"


def test_input_error_shows_its_place(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(paths: Sequence[str]) -> list[RuleInfo]:
        raise InputError("unknown rule 'x'", file="d.toml", line=7)

    monkeypatch.setattr(api, "list_rules", broken)
    code, _, err = run(["rules"], capsys)
    assert code == 2
    assert err == "xentproof: error: d.toml:7: unknown rule 'x'\n"


@pytest.mark.parametrize(
    ("verdict", "expected"), [(Verdict.PROVED, 0), (Verdict.REFUTED, 1), (Verdict.UNPROVED, 1)]
)
def test_check_returns_the_report_exit_code(
    verdict: Verdict,
    expected: int,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[tuple[list[str], float]] = []
    monkeypatch.setattr(api, "check_paths", fake_check(report_with(verdict), calls))
    code, out, _ = run(["check", "-v"], capsys)
    assert code == expected
    assert calls == [(["derivations"], 5.0)]
    assert verdict.value.upper() in out
    assert "1 derivation, 1 relation" in out


def test_check_with_input_errors_exits_2(
    report: Report, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[list[str], float]] = []
    monkeypatch.setattr(api, "check_paths", fake_check(report, calls))
    code, out, _ = run(["check", "a.toml", "dir", "--timeout", "0.5"], capsys)
    assert code == 2
    assert calls == [(["a.toml", "dir"], 0.5)]
    assert "derivations/broken.toml:3: expected '=' after key" in out


def test_check_json(
    report: Report, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(api, "check_paths", fake_check(report, []))
    code, out, _ = run(["check", "--format", "json"], capsys)
    assert code == 2
    data = json.loads(out)
    assert data["summary"]["refuted"] == 1
    assert data["errors"][0]["line"] == 3


def test_rules(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[str]] = []

    def list_rules(paths: Sequence[str]) -> list[RuleInfo]:
        seen.append(list(paths))
        return [RuleInfo("log-product", "log(a b) = log a + log b", "a > 0 and b > 0")]

    monkeypatch.setattr(api, "list_rules", list_rules)
    code, out, _ = run(["rules"], capsys)
    assert code == 0
    assert seen == [["derivations"]]
    assert "log-product" in out and "a > 0 and b > 0" in out


@pytest.mark.subprocess
def test_python_dash_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "xentproof", "--version"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("xentproof ")


@pytest.mark.subprocess
@pytest.mark.parametrize(("text", "code"), [("= x + 1", 0), ("= x + 2", 1), ("= x +", 2)])
def test_the_script_flushes_everything_and_keeps_the_exit_code(
    tmp_path: Path, text: str, code: int
) -> None:
    """The script leaves with os._exit: all output must be out and the code kept."""
    path = tmp_path / "d.toml"
    path.write_text(
        f'title = "t"\n[symbols]\nx = "real"\n[[chain]]\nname = "c"\nsteps = ["x + 1", "{text}"]\n',
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "xentproof", "check", "--format", "json", "--no-cache", str(path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == code
    report = json.loads(done.stdout)
    assert report["summary"]["derivations"] == (0 if code == 2 else 1)
