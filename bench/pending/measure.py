"""Run ``xentproof check --format json`` on the power corpus and tabulate the verdicts by
class: true relations PROVED / UNPROVED / REFUTED, false ones (``expect = "refuted"``)
REFUTED / UNPROVED / PROVED, and the wall-clock time of each run.

Usage: python -m bench.pending.measure [--jobs 2] [--timeout 5] [FILE ...]
(default: every bench/corpus/power_*.toml, one run per file). A true relation REFUTED or a
false one PROVED is a soundness problem: they are listed after the table.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted((ROOT / "bench" / "corpus").glob("power_*.toml"))
UNPROVED: list[tuple[str, bool, str, str]] = []


def run(path: Path, jobs: int, timeout: float) -> tuple[dict[str, Any], float]:
    exe = Path(sys.executable).parent / "xentproof"
    command = [
        str(exe),
        "check",
        "--no-cache",
        "-j",
        str(jobs),
        "--timeout",
        str(timeout),
        "--format",
        "json",
        str(path),
    ]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    wall = time.perf_counter() - start
    if not done.stdout.strip():
        raise SystemExit(f"{path.name}: no report (exit {done.returncode}): {done.stderr[-2000:]}")
    return json.loads(done.stdout), wall


REASONS = (
    ("time-out", "time-out"),
    ("refuter failed", "SymPy failed during refutation"),
    ("limit not computed", "SymPy could not compute"),
    ("possibly undefined", " needs "),
    ("methods exhausted", "methods exhausted"),
)


def reason_of(rel: dict[str, Any]) -> str:
    text = rel.get("reason") or ""
    for label, needle in REASONS:
        if needle in text:
            return label
    return "other"


def tabulate(report: dict[str, Any]) -> tuple[dict[str, int], list[str]]:
    counts = dict.fromkeys(
        ("t_proved", "t_unproved", "t_refuted", "f_refuted", "f_unproved", "f_proved"), 0
    )
    problems: list[str] = []
    for derivation in report["derivations"]:
        for chain in derivation["chains"]:
            for rel in chain["relations"]:
                truth = rel["expect"] != "refuted"
                key = ("t_" if truth else "f_") + rel["verdict"]
                counts[key] += 1
                where = f"{Path(derivation['file']).name}::{chain['name']}::{rel['index']}"
                if rel["verdict"] == "unproved":
                    UNPROVED.append((where, truth, reason_of(rel), (rel.get("reason") or "")[:160]))
                if key in ("t_refuted", "f_proved"):
                    label = "true" if truth else "false"
                    method = rel.get("method") or ""
                    problems.append(
                        f"{where}: {label} relation {rel['verdict'].upper()} ({method})"
                    )
                if "crash" in (rel.get("reason") or "") or "memory" in (rel.get("reason") or ""):
                    problems.append(f"{where}: {rel['reason']}")
    for error in report.get("errors", []):
        problems.append(f"input error: {error}")
    return counts, problems


def row(name: str, counts: dict[str, int], wall: float) -> str:
    t = counts["t_proved"] + counts["t_unproved"] + counts["t_refuted"]
    f = counts["f_refuted"] + counts["f_unproved"] + counts["f_proved"]
    cells = [name, t, counts["t_proved"], counts["t_unproved"], counts["t_refuted"], f]
    cells += [counts["f_refuted"], counts["f_unproved"], counts["f_proved"], f"{wall:.1f}"]
    return "| " + " | ".join(str(c) for c in cells) + " |"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=5)
    parser.add_argument(
        "--list", action="store_true", help="list every UNPROVED relation with its reason"
    )
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args()
    header = (
        "| class (file) | true | PROVED | UNPROVED | REFUTED "
        "| false | REFUTED | UNPROVED | PROVED | wall s |"
    )
    print(header)
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    all_problems: list[str] = []
    total = dict.fromkeys(
        ("t_proved", "t_unproved", "t_refuted", "f_refuted", "f_unproved", "f_proved"), 0
    )
    total_wall = 0.0
    for path in args.files or FILES:
        report, wall = run(path, args.jobs, args.timeout)
        counts, problems = tabulate(report)
        all_problems += problems
        for key in total:
            total[key] += counts[key]
        total_wall += wall
        print(row(path.stem, counts, wall), flush=True)
    print(row("**all**", total, total_wall))
    print("\nUNPROVED by reason (true / false):")
    for label in [r[0] for r in REASONS] + ["other"]:
        rows = [u for u in UNPROVED if u[2] == label]
        if rows:
            print(f"- {label}: {sum(u[1] for u in rows)} / {sum(not u[1] for u in rows)}")
    if args.list:
        for where, truth, label, text in UNPROVED:
            print(f"  {'true ' if truth else 'false'} {where}: {label}: {text}")
    for problem in all_problems:
        print(f"PROBLEM {problem}")
    return 1 if all_problems else 0


if __name__ == "__main__":
    sys.exit(main())
