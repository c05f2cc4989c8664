"""A run answered by the proof cache's file records: it imports no SymPy, reports what the
cold run reported in every format, reads again exactly the files whose inputs changed,
and ignores a record that was tampered with."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from xentproof import api, engine
from xentproof.record import decode_derivation, encode_derivation
from xentproof.render import render_github, render_json, render_junit, render_sarif
from xentproof.render.terminal import render_terminal
from xentproof.result import (
    ChainResult,
    Counterexample,
    DerivationResult,
    RelationResult,
    Report,
    Verdict,
)

ROOT = Path(__file__).resolve().parent.parent
# the proof cache's signing key in a folder of the test's own, not the user's
pytestmark = pytest.mark.usefixtures("private_cache_secret")
OPTIONS: dict[str, Any] = {"timeout": 10.0, "workers": 1, "memory_mb": 512}
FLAGS = ["--timeout", "10", "-j", "1", "--memory", "512"]
FORMATS = ("json", "junit", "github", "sarif", "text")


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "derivations", tmp_path / "derivations")
    return tmp_path / "derivations"


def _check(paths: list[Path], cache: Path) -> Report:
    return api.check_paths(paths, cache_dir=cache, **OPTIONS)


def _planned(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The files each run decides again (those ``engine.Plan`` reports), one list a run."""
    runs: list[list[str]] = []
    real = engine.Plan

    def spy(derivations: Any, library: Any = ()) -> engine.Plan:
        runs.append([d.path for d in derivations])
        return real(derivations, library)

    monkeypatch.setattr(engine, "Plan", spy)
    return runs


_WARM = """
import contextlib, io, json, sys
from xentproof.cli import main
out = {}
for name in sys.argv[2:]:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        main(["check", *sys.argv[1].split(), *(["--format", name] if name != "text" else ["-v"])])
    out[name] = buffer.getvalue()
out["sympy imported"] = "sympy" in sys.modules
print(json.dumps(out))
"""


def _untimed(text: str) -> str:
    """Text without its timings: JSON and SARIF seconds, JUnit times, "in 0.12 s"."""
    text = re.sub(r'"seconds": [0-9.e-]+', '"seconds": 0', text)
    text = re.sub(r'time="[0-9.]+"', 'time="0"', text)
    return re.sub(r"[0-9]+\.[0-9]+ ?s\b", "0 s", text)


def _rendered(report: Report, name: str) -> str:
    if name == "text":
        buffer = io.StringIO()
        console = Console(file=buffer, width=120, force_terminal=False, color_system=None)
        render_terminal(report, console, show="all")
        return buffer.getvalue()
    renderers = {
        "json": render_json,
        "junit": render_junit,
        "github": render_github,
        "sarif": render_sarif,
    }
    return renderers[name](report) + "\n"


def _as_cached(report: Report) -> Report:
    """The cold report as a warm one tells it: every relation from the cache, untimed."""
    derivations = tuple(
        replace(
            d,
            chains=tuple(
                replace(
                    c,
                    relations=tuple(replace(r, cached=True, seconds=0.0) for r in c.relations),
                )
                for c in d.chains
            ),
        )
        for d in report.derivations
    )
    return replace(report, derivations=derivations)


def test_a_warm_run_imports_no_sympy_and_reports_as_the_cold_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _copy(tmp_path)
    monkeypatch.chdir(tmp_path)
    cold = _check([Path("derivations")], tmp_path / ".xentproof_cache")
    assert cold.summary.relations > cold.summary.cached  # decided, not read
    env = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", _WARM, " ".join([*FLAGS, "derivations"]), *FORMATS],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    warm = json.loads(done.stdout)
    assert warm["sympy imported"] is False
    expected = _as_cached(cold)
    for name in FORMATS:
        assert _untimed(warm[name]) == _untimed(_rendered(expected, name)), name
    report = json.loads(warm["json"])
    assert report["summary"]["cached"] == report["summary"]["relations"] == cold.summary.relations


def test_an_edit_decides_again_only_the_file_edited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, cache = _copy(tmp_path), tmp_path / "cache"
    _check([folder], cache)
    planned = _planned(monkeypatch)
    assert _check([folder], cache).summary.cached > 0
    assert planned == []  # nothing read, nothing decided
    edited = folder / "binary.toml"
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text + '\n[[chain]]\nname = "new"\nsteps = ["Pyx + Pyx", "= 3*Pyx"]\n')
    report = _check([folder], cache)
    assert planned == [[str(edited)]]
    fresh = [r for d in report.derivations for r in d.relations if not r.cached]
    assert [(r.lhs, r.rhs) for r in fresh] == [("Pyx + Pyx", "3*Pyx")]
    assert fresh[0].verdict.value == "refuted"


def test_an_edit_to_a_lemma_neighbour_decides_the_citing_file_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, cache = _copy(tmp_path), tmp_path / "cache"
    citing = folder / "pm1.toml"
    _check([citing], cache)
    planned = _planned(monkeypatch)
    _check([citing], cache)
    assert planned == []
    lemma = folder / "sigmoid.toml"
    text = lemma.read_text(encoding="utf-8")
    broken = text.replace('"1/(exp(s) + 1)"', '"1/(exp(s) + 2)"')
    assert broken != text
    lemma.write_text(broken, encoding="utf-8")
    warm = _check([citing], cache)
    assert planned == [[str(citing)]]
    fresh = api.check_paths([citing], **OPTIONS)  # no cache at all
    assert [(r.verdict, r.method) for r in warm.relations] == [
        (r.verdict, r.method) for r in fresh.relations
    ]


@pytest.mark.parametrize("damage", ["flip-verdict", "foreign"])
def test_a_tampered_record_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    folder, cache = _copy(tmp_path), tmp_path / "cache"
    path = folder / "binary.toml"
    cold = _check([path], cache)
    refuted = [r for r in cold.relations if r.verdict.value == "refuted"]
    assert refuted  # the erratum
    records = 0
    for entry in cache.glob("*.json"):
        data = json.loads(entry.read_text(encoding="utf-8"))
        if "record" not in data:
            continue
        records += 1
        for chain in data["record"]["file"]["chains"]:
            for relation in chain["relations"]:
                relation["verdict"], relation["counterexample"] = "proved", None
        if damage == "foreign":  # signed elsewhere: a cache folder from another machine
            data["signature"] = "0" * 64
        entry.write_text(json.dumps(data), encoding="utf-8")
    assert records == 1
    planned = _planned(monkeypatch)
    again = _check([path], cache)
    assert planned == [[str(path)]]
    assert [r.verdict for r in again.relations] == [r.verdict for r in cold.relations]


def test_a_record_keeps_every_field_of_a_result() -> None:
    example = Counterexample({"x": "-1"}, "1", "-1", "1.0", "-1.0")
    relation = RelationResult(
        index=2,
        line=7,
        relation="<=",
        lhs="a",
        rhs="b",
        verdict=Verdict.REFUTED,
        method="m",
        lhs_display="A",
        rhs_display="B",
        rule="unfold",
        conditions=("c",),
        counterexample=example,
        evidence="e",
        reason="r",
        warnings=("w",),
        note="n",
        seconds=1.5,
        expect="refuted",
        accept="numeric",
        agreeing=3,
        undefined_points=4,
        numeric_objection="o",
        cached=False,
        rhs_latex="b",
        budget=5.0,
    )
    unset = [f.name for f in fields(RelationResult) if getattr(relation, f.name) == f.default]
    # every field set (but the cache's mark), so that one left out of records is seen
    assert unset == ["cached"]
    chain = ChainResult("c", 3, (relation,), ("C1",), "A", "lemma", "<=", "B")
    result = DerivationResult("f.toml", "t", (chain,), "s")
    back = decode_derivation(json.loads(json.dumps(encode_derivation(result))))
    # the seconds it took when decided are kept: what an UNPROVED relation used of its budget
    cached = replace(relation, cached=True)
    assert back == replace(result, chains=(replace(chain, relations=(cached,)),))


def test_a_file_with_a_time_out_keeps_no_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a second try may finish: a time-out is never kept, nor the file's record around it
    folder, cache = tmp_path / "alone", tmp_path / "cache"
    folder.mkdir()  # no lemma beside them: only the files' own relations are decided
    for name in ("binary.toml", "gradients.toml"):
        shutil.copy(ROOT / "derivations" / name, folder / name)
    paths = [folder / "binary.toml", folder / "gradients.toml"]
    first = api.check_paths(paths, cache_dir=cache, timeout=0.001, workers=1)
    stopped = {
        d.file for d in first.derivations for r in d.relations if r.reason.startswith("time-out")
    }
    assert stopped  # the budget is too short for some relation
    planned = _planned(monkeypatch)
    api.check_paths(paths, cache_dir=cache, timeout=0.001, workers=1)
    assert set(planned[0]) >= stopped
