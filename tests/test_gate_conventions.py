"""Issue 13: a gate that cannot pass by accident, and the conventions of ruff, mypy and pytest.

Each test names its item; each failed on main at 253d5c5 (checked before the change).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest

from xentproof.cache import ProofCache
from xentproof.cli import main

from .helpers import write

pytest_plugins = ["pytester"]

GOOD = """
title = "good"
[symbols]
x = "positive"
[[chain]]
name = "c"
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

XENTPROOF = (sys.executable, "-m", "xentproof")
SCHEMA = Path(__file__).parent.parent / "xentproof" / "schema" / "report.schema.json"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# item 1: nothing checked is exit 5 in every format, and said


@pytest.mark.parametrize("form", ["text", "json", "junit", "github", "sarif"])
def test_a_folder_without_derivations_exits_5(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], form: str
) -> None:
    (tmp_path / "notes.txt").write_text("nothing here")
    code, out, _ = run(capsys, "check", "--no-cache", "--format", form, str(tmp_path))
    assert code == 5
    if form == "text":
        assert "nothing was checked" in out
    if form == "json":
        assert json.loads(out)["exit_code"] == 5


# item 2: a missing path is an input error beside the others' results (also test_cli.py)


def test_a_missing_path_is_reported_in_sarif_with_the_other_results(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = write(tmp_path, BAD)
    code, out, _ = run(capsys, "check", "--no-cache", "--format", "sarif", "nope", str(bad))
    assert code == 2
    results = json.loads(out)["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"input-error", "refuted"}


# item 3: a lemma name taken is an input error beside the results (done on main: a031518)


def test_a_taken_lemma_name_is_an_input_error_beside_the_results(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, GOOD.replace('name = "c"', 'name = "c"\nlemma = "algebra"'), "a.toml")
    write(tmp_path, BAD, "b.toml")
    code, out, _ = run(capsys, "check", "--no-cache", "--format", "json", str(tmp_path))
    data = json.loads(out)
    assert code == 2
    assert "already taken" in data["errors"][0]["message"]
    assert data["summary"]["relations"] == 2


# item 4: what a derivation file is, the same for the command line and the plugin


def test_a_folder_with_pyproject_reads_only_the_derivations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    write(tmp_path, GOOD)
    code, out, _ = run(capsys, "check", "--no-cache", "--format", "json", str(tmp_path))
    assert code == 0, out
    assert [d["file"] for d in json.loads(out)["derivations"]] == [str(tmp_path / "d.toml")]


INLINE = """
title = "inline chains"
chain = [{ name = "c", steps = ["(x + 1)**2", "= x**2 + 2*x + 1"] }]
[symbols]
x = "real"
"""


def test_the_plugin_and_the_command_line_find_the_same_files(
    pytester: pytest.Pytester, capsys: pytest.CaptureFixture[str]
) -> None:
    # on main the plugin skipped a file whose chains are an inline array (no "[[chain]]"),
    # which the command line checked
    pytester.makefile(".toml", inline=INLINE, pyproject='[project]\nname = "x"\n')
    code, out, _ = run(capsys, "check", "--no-cache", "--format", "json", str(pytester.path))
    assert code == 0
    assert [d["title"] for d in json.loads(out)["derivations"]] == ["inline chains"]
    result = pytester.runpytest("--xentproof", "-p", "no:cacheprovider", str(pytester.path))
    result.assert_outcomes(passed=1)


def test_a_broken_derivation_fails_in_the_plugin_as_in_the_command_line(
    pytester: pytest.Pytester, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = "[[chain]]\nname = 'c'\nsteps = [\n"  # a TOML error after its [[chain]]
    pytester.makefile(".toml", broken=broken)
    assert main(["check", "--no-cache", str(pytester.path)]) == 2
    capsys.readouterr()
    result = pytester.runpytest("--xentproof", "-p", "no:cacheprovider", str(pytester.path))
    result.assert_outcomes(failed=1)


# item 5: the plugin keeps the tests, checks each file once under xdist, uses the cache


def test_xentproof_alone_keeps_the_projects_tests(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\ntestpaths = tests\nxentproof_paths = derivations\n")
    pytester.mkdir("tests")
    (pytester.path / "tests" / "test_unit.py").write_text("def test_unit():\n    pass\n")
    pytester.mkdir("derivations")
    write(pytester.path / "derivations", GOOD)
    result = pytester.runpytest("--xentproof", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=2)


def test_configured_paths_that_hold_nothing_end_with_5(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nxentproof_paths = nosuch\n")
    pytester.makepyfile(test_unit="def test_unit():\n    pass\n")
    result = pytester.runpytest("--xentproof", "-p", "no:cacheprovider")
    assert result.ret == 5
    result.stdout.fnmatch_lines(["*no derivation was checked*nosuch*"])


@pytest.mark.slow
def test_xdist_workers_check_each_file_once(pytester: pytest.Pytester) -> None:
    log = pytester.path / "checked.log"
    pytester.makeconftest(
        f"""
import xentproof.api as api
_check = api.check_paths
def logged(paths, **options):
    with open({str(log)!r}, "a") as out:
        out.write(" ".join(str(p) for p in paths) + "\\n")
    return _check(paths, **options)
api.check_paths = logged
"""
    )
    chains = "".join(
        f'[[chain]]\nname = "c{i}"\nsteps = ["x + {i}", "= {i} + x"]\n' for i in range(6)
    )
    for name in ("a", "b", "c"):
        write(pytester.path, f'title = "t"\n[symbols]\nx = "real"\n{chains}', f"{name}.toml")
    result = pytester.runpytest("--xentproof", "-n", "2", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=18)
    checked = log.read_text().split()
    assert sorted(checked) == sorted(set(checked)) and len(checked) == 3


def test_the_plugin_keeps_verdicts_in_the_proof_cache(pytester: pytest.Pytester) -> None:
    pytester.makefile(".toml", pyproject="[tool.xentproof]\n")
    write(pytester.path, GOOD)
    pytester.runpytest("--xentproof", "-p", "no:cacheprovider").assert_outcomes(passed=1)
    assert list((pytester.path / ".xentproof_cache").glob("*.json"))


# item 7: quiet, verbose, failing only; the piped summary is one line


def test_quiet_prints_a_line_per_failure_and_the_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, GOOD, "a.toml")
    write(tmp_path, BAD, "b.toml")
    code, out, _ = run(capsys, "check", "--no-cache", "-q", str(tmp_path))
    assert code == 1
    lines = out.strip().splitlines()
    assert len(lines) == 2 and "b.toml:7: c: REFUTED" in lines[0]
    code, out, _ = run(capsys, "check", "--no-cache", "--failing", str(tmp_path))
    assert "bad" in out and "good" not in out
    code, out, _ = run(capsys, "check", "--no-cache", "-v", str(tmp_path))
    assert "bad" in out and "good" in out


def test_the_piped_summary_is_one_line(tmp_path: Path) -> None:
    paths = [str(write(tmp_path, GOOD, "a.toml"))]
    env = {**os.environ, "COLUMNS": "40"}
    done = subprocess.run(
        [*XENTPROOF, "check", "--no-cache", *paths],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0
    (summary,) = done.stdout.strip().splitlines()  # a green run, piped: the summary alone
    assert summary.startswith("1 derivation, 1 relation:") and summary.endswith(" s")


# item 8: [tool.xentproof] found upwards; the cache beside it; flags override


def test_configuration_is_found_upwards_and_flags_override_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.xentproof]\npaths = ["proofs"]\nformat = "json"\njobs = 1\n'
    )
    (tmp_path / "proofs").mkdir()
    write(tmp_path / "proofs", GOOD)
    below = tmp_path / "sub" / "deeper"
    below.mkdir(parents=True)
    monkeypatch.chdir(below)
    code, out, _ = run(capsys, "check")
    assert code == 0
    assert json.loads(out)["summary"]["proved"] == 1
    assert list((tmp_path / ".xentproof_cache").glob("*.json"))
    assert not (below / ".xentproof_cache").exists()
    code, out, _ = run(capsys, "check", "--format", "github")
    assert out.startswith("::notice")


# item 9: standard input


def test_stdin_is_read_under_its_given_name(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            *XENTPROOF,
            "check",
            "--no-cache",
            "--format",
            "json",
            "-",
            "--stdin-filename",
            "a/b.toml",
        ],
        input=BAD,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    (derivation,) = json.loads(done.stdout)["derivations"]
    assert derivation["file"] == "a/b.toml"


# item 10: schema_version and the shipped JSON Schema


def test_every_json_report_validates_against_the_shipped_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    write(tmp_path, GOOD, "a.toml")
    write(tmp_path, BAD, "b.toml")
    for paths in ([str(tmp_path)], [str(tmp_path / "nope")], [str(tmp_path / "a.toml")]):
        _, out, _ = run(capsys, "check", "--no-cache", "--format", "json", *paths)
        data = json.loads(out)
        assert data["schema_version"] == 2
        jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)


# item 11: SARIF URIs percent-encoded; passing relations are no results


def test_sarif_uris_are_percent_encoded_and_a_green_run_has_no_results(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "my proofs #1"
    folder.mkdir()
    write(folder, GOOD)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "check", "--no-cache", "--format", "sarif", "my proofs #1")
    assert code == 0
    (sarif_run,) = json.loads(out)["runs"]
    assert sarif_run["results"] == []
    from xentproof.render.sarif import file_uri

    assert file_uri("my proofs #1/d.toml") == "my%20proofs%20%231/d.toml"
    assert file_uri("/a b/c.toml") == "file:///a%20b/c.toml"


# item 12: JUnit names without line numbers


def test_junit_names_do_not_change_when_lines_are_added_above(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, BAD)
    _, before, _ = run(capsys, "check", "--no-cache", "--format", "junit", str(path))
    path.write_text("# a comment\n\n" + path.read_text())
    _, after, _ = run(capsys, "check", "--no-cache", "--format", "junit", str(path))

    def names(xml: str) -> list[str]:
        import xml.etree.ElementTree as ET

        return [c.get("name", "") for c in ET.fromstring(xml).iter("testcase")]

    assert names(before) == names(after) == ["c relation 1"]


# item 13: --version without SymPy; Ctrl-C; the cache's cap and clear


def test_version_does_not_import_sympy() -> None:
    code = (
        "import sys; from xentproof.cli import main; code = main(['--version']); "
        "print(code, 'sympy' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split()[-2:] == ["0", "False"]


@pytest.mark.slow
def test_ctrl_c_ends_with_one_line_and_130(tmp_path: Path) -> None:
    # 10000 chains (700 kB, under the 1 MB limit): far more than 2 s of reading and deciding
    # on any machine, so that the interrupt comes during the run
    chains = "".join(
        f'[[chain]]\nname = "c{i}"\nsteps = ["(x + {i})**2", "= x**2 + {2 * i}*x + {i * i}"]\n'
        for i in range(10000)
    )
    write(tmp_path, f'title = "t"\n[symbols]\nx = "real"\n{chains}')
    process = subprocess.Popen(
        [*XENTPROOF, "check", "--no-cache", "-j", "1", str(tmp_path / "d.toml")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    time.sleep(2)
    os.killpg(process.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole group
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert err.strip().splitlines() == ["xentproof: interrupted"]


def test_the_cache_is_capped_and_cleared(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / ".xentproof_cache"
    folder.mkdir()
    for i in range(10):
        entry = folder / f"{i:064x}.json"
        entry.write_text("x" * 1000)
        os.utime(entry, (1000 + i, 1000 + i))
    (folder / "keep.txt").write_text("not ours")
    assert ProofCache(folder, max_bytes=4500).prune() == 6
    assert sorted(p.name[-6:] for p in folder.glob("*.json")) == [
        f"{i:01x}.json" for i in range(6, 10)
    ]
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "cache", "clear")
    assert code == 0 and "removed 4 entries" in out
    assert [p.name for p in folder.iterdir()] == ["keep.txt"]


# item 14: POSIX only, said clearly


def test_windows_is_declared_unsupported_and_refused_with_a_message() -> None:
    code = (
        "import sys; sys.platform = 'win32'; sys.argv = ['xentproof', 'check']\n"
        "from xentproof.launch import entry; entry()"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 2
    assert "Windows" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    import tomllib

    project = tomllib.loads((SCHEMA.parent.parent.parent / "pyproject.toml").read_text())
    classifiers = project["project"]["classifiers"]
    assert "Operating System :: POSIX :: Linux" in classifiers


# item 6: the example workflow installs what a user can install, and its commands work


def test_the_example_workflow_commands_work(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = SCHEMA.parent.parent.parent
    text = (root / "examples" / "github-actions.yml").read_text()
    runs = [line.split("run:", 1)[1].strip() for line in text.splitlines() if "run:" in line]
    installs = [r for r in runs if r.startswith("pip install")]
    # on main: `pip install xentproof`, which no package index resolves
    assert installs == ['pip install "$XENTPROOF"']
    assert 'XENTPROOF: "."' in text  # the checkout, in this repository
    # "." is this checkout: a project named xentproof that installs the xentproof script
    # (../shared/tools/fresh-venv-check installs it so into a new environment)
    import tomllib

    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    assert project["name"] == "xentproof" and "xentproof" in project["scripts"]
    monkeypatch.chdir(root)
    for command in runs:
        if command.startswith("xentproof "):
            argv = command.split(">")[0].split()[1:]
            assert main(argv) == 0, command
            capsys.readouterr()
