"""The command line, in process: exit codes, JSON shape, error lines."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

from xentproof.cli import main

from .helpers import write

ROOT = Path(__file__).resolve().parent.parent

GOOD = """
title = "good"
[symbols]
x = "positive"
[[chain]]
name = "c"
claims = ["X1"]
steps = ["log(x**2)", { rel = "=", expr = "2*log(x)", by = "log-power" }]
"""

BAD = """
title = "bad"
[symbols]
x = "real"
[[chain]]
name = "c"
steps = ["log(x**2)", "= 2*log(x)"]
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_all_proved_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "-v", str(write(tmp_path, GOOD)))
    assert code == 0
    assert "PROVED" in out


def test_refuted_exits_1_with_counterexample(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "check", "--format", "json", str(write(tmp_path, BAD)))
    assert code == 1
    data = json.loads(out)
    (relation,) = data["derivations"][0]["chains"][0]["relations"]
    assert relation["verdict"] == "refuted"
    assert Fraction(relation["counterexample"]["point"]["x"]) < 0


def test_json_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--format", "json", str(write(tmp_path, GOOD)))
    assert code == 0
    data = json.loads(out)
    assert set(data["summary"]) >= {
        "derivations",
        "relations",
        "proved",
        "refuted",
        "unproved",
        "seconds",
    }
    assert data["summary"]["relations"] == data["summary"]["proved"] == 1
    assert data["errors"] == []
    chain = data["derivations"][0]["chains"][0]
    assert chain["name"] == "c" and chain["claims"] == ["X1"]
    relation = chain["relations"][0]
    for key in (
        "index",
        "line",
        "relation",
        "lhs",
        "rhs",
        "rule",
        "verdict",
        "method",
        "conditions",
        "counterexample",
    ):
        assert key in relation
    assert relation["index"] == 1
    assert relation["line"] == 8
    assert relation["rule"] == "log-power"
    assert relation["counterexample"] is None


def test_unreadable_file_exits_2_and_others_are_still_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, GOOD, "a_good.toml")
    write(
        tmp_path,
        'title = "x"\n[symbols]\nx = "real"\n[[chain]]\nname = "c"\nsteps = ["lgo(x)", "= x"]\n',
        "b_bad.toml",
    )
    code, out, _ = run(capsys, "check", "--format", "json", str(tmp_path))
    assert code == 2
    data = json.loads(out)
    assert data["summary"]["proved"] == 1
    (error,) = data["errors"]
    assert error["file"].endswith("b_bad.toml")
    assert error["line"] == 6
    assert "log" in error["message"]


def test_hostile_file_exits_2_with_one_line_and_runs_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    canary = tmp_path / "canary"
    payload = f"__import__('os').system('touch {canary}')"
    path = write(tmp_path, f'title = "x"\n[[chain]]\nname = "c"\nsteps = ["{payload}", "= 1"]\n')
    code, out, err = run(capsys, "check", str(path))
    assert code == 2
    assert not canary.exists()
    assert "Traceback" not in out + err
    assert f"{path}:4" in out + err


def test_a_missing_path_is_an_input_error_and_the_others_are_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # issue 13, item 2: on main the run stopped at the missing path (exit 2, nothing checked,
    # nothing printed in --format json)
    good = write(tmp_path, GOOD)
    missing = str(tmp_path / "nope.toml")
    code, out, err = run(capsys, "check", "--format", "json", missing, str(good))
    assert code == 2
    data = json.loads(out)
    assert data["exit_code"] == 2
    assert [e["file"] for e in data["errors"]] == [missing]
    assert data["summary"]["relations"] == 1 and data["summary"]["proved"] == 1
    assert err == ""


def test_default_path_is_the_derivations_folder(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    code, out, _ = run(capsys, "check", "--format", "json")
    assert code == 0
    assert json.loads(out)["summary"]["derivations"] >= 3


def test_rules_lists_builtins_and_lemmas(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    code, out, _ = run(capsys, "rules")
    assert code == 0
    for name in (
        "unfold",
        "log-product",
        "log-power",
        "log-reciprocal",
        "substitute",
        "exp-log",
        "algebra",
        "sigmoid-complement",
    ):
        assert name in out


def test_check_without_a_derivations_folder_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "check")
    assert code == 2
    assert "derivations" in err and "PATH" in err


def test_rules_without_a_derivations_folder_lists_the_built_ins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "rules")
    assert code == 0
    assert "log-product" in out


START_UP = """
import gc, sys, types
import xentproof
assert "sympy" not in sys.modules, "import xentproof imported SymPy"
assert xentproof.Verdict.PROVED.value == "proved"  # the public names load on first use
assert "check_paths" in dir(xentproof)
# What the command line finds when the launcher hands over to it:
cli = types.ModuleType("xentproof.cli")
cli.entry = lambda: print(gc.get_threshold()[0])
sys.modules["xentproof.cli"] = cli
from xentproof.launch import entry
entry()
"""


@pytest.mark.subprocess
def test_the_script_tunes_the_collector_before_it_runs() -> None:
    import subprocess
    import sys

    from xentproof.settings import GC_THRESHOLD

    done = subprocess.run(
        [sys.executable, "-c", START_UP], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(GC_THRESHOLD)]


@pytest.mark.subprocess
def test_python_m_xentproof_runs_the_command_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "xentproof", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("xentproof ")


def test_a_library_check_gives_the_collector_back_as_it_was(tmp_path: Path) -> None:
    import gc

    from xentproof import api
    from xentproof.settings import GC_THRESHOLD

    seen: list[int] = []
    before = gc.get_threshold()
    path = write(tmp_path, 'title = "t"\n[symbols]\nx = "real"\n[[chain]]\nname = "c"\n'
                 'steps = ["x + x", "= 2*x"]\n')  # fmt: skip
    api.check_paths([str(path)], progress=lambda *a: seen.append(gc.get_threshold()[0]))
    assert seen and all(t >= GC_THRESHOLD for t in seen)
    assert gc.get_threshold() == before


def test_an_input_error_stays_on_one_line_however_long_its_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # rich wrapped it at the console's width, splitting "file:line" for whoever parses it
    folder = tmp_path / ("a-long-folder-name-" * 6)
    folder.mkdir()
    path = write(folder, 'title = "x"\n[[chain]]\nname = "c"\nsteps = ["x +", "= 1"]\n')
    code, out, err = run(capsys, "check", str(path))
    assert code == 2
    assert any(line.startswith(f"{path}:4") for line in (out + err).splitlines())
