"""Run ``xentproof check --format json --no-cache`` on the outside measurement set and
tabulate the verdicts per source (file) and per issue-18 class (``labels.toml``):
true relations PROVED / UNPROVED / REFUTED, false ones (``expect = "refuted"``) REFUTED /
UNPROVED / PROVED. Every UNPROVED relation is listed with its reason. A true relation
REFUTED or a false one PROVED is a soundness problem: it is flagged after the tables (and
must be checked by hand with mpmath before it is reported).

Usage: python -m bench.sources.measure [--jobs 2] [--timeout 5] [FOLDER]
(default folder: bench/sources; one run of xentproof over the whole folder, so that its
lemmas are found as in any run).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import tomllib
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench.pending.measure import REASONS, reason_of

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
KEYS = ("t_proved", "t_unproved", "t_refuted", "f_refuted", "f_unproved", "f_proved")
CLASS_NAMES = {
    "1": "1 refuter",
    "2": "2 positivity of sums",
    "3": "3 inequalities",
    "4": "4 sums/products",
    "5": "5 constraints",
    "6": "6 member derivatives",
    "7": "7 parametric limits",
    "8": "8 scale",
    "9": "9 equations",
    "other": "other",
}


def run(folder: Path, jobs: int, timeout: float) -> tuple[dict[str, Any], float]:
    exe = Path(sys.executable).parent / "xentproof"
    command = [str(exe), "check", "--no-cache", "-j", str(jobs), "--timeout", str(timeout)]
    command += ["--format", "json", str(folder)]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    wall = time.perf_counter() - start
    if not done.stdout.strip():
        raise SystemExit(f"no report (exit {done.returncode}): {done.stderr[-2000:]}")
    return json.loads(done.stdout), wall


def class_of(classes: dict[str, str], stem: str, chain: str, index: int) -> str:
    key = f"{stem}::{chain}"
    return classes.get(f"{key}::{index}", classes.get(key, "other"))


def row(name: str, counts: dict[str, int]) -> str:
    t = counts["t_proved"] + counts["t_unproved"] + counts["t_refuted"]
    f = counts["f_refuted"] + counts["f_unproved"] + counts["f_proved"]
    cells = [name, t, counts["t_proved"], counts["t_unproved"], counts["t_refuted"], f]
    cells += [counts["f_refuted"], counts["f_unproved"], counts["f_proved"]]
    return "| " + " | ".join(str(c) for c in cells) + " |"


def table(title: str, groups: dict[str, dict[str, int]], order: list[str]) -> list[str]:
    lines = [
        f"| {title} | true | PROVED | UNPROVED | REFUTED | false | REFUTED | UNPROVED | PROVED |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    total = dict.fromkeys(KEYS, 0)
    for name in order:
        lines.append(row(name, groups[name]))
        for key in KEYS:
            total[key] += groups[name][key]
    lines.append(row("**all**", total))
    return lines


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=5)
    parser.add_argument("folder", nargs="?", type=Path, default=HERE)
    args = parser.parse_args()
    labels_path = args.folder / "labels.toml"
    labels = tomllib.loads(labels_path.read_text("utf-8")) if labels_path.exists() else {}
    classes: dict[str, str] = labels.get("class", {})
    report, wall = run(args.folder, args.jobs, args.timeout)
    by_source: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(KEYS, 0))
    by_class: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(KEYS, 0))
    unproved: list[tuple[str, str, str, str]] = []
    problems: list[str] = []
    for derivation in report["derivations"]:
        stem = Path(derivation["file"]).stem
        for chain in derivation["chains"]:
            for rel in chain["relations"]:
                truth = rel["expect"] != "refuted"
                key = ("t_" if truth else "f_") + rel["verdict"]
                cls = class_of(classes, stem, chain["name"], rel["index"])
                by_source[stem][key] += 1
                by_class[CLASS_NAMES.get(cls, cls)][key] += 1
                where = f"{stem}::{chain['name']}::{rel['index']} (line {rel['line']})"
                label = "true" if truth else "false"
                reason = (rel.get("reason") or "").replace("\n", " ")
                if rel["verdict"] == "unproved":
                    unproved.append((reason_of(rel), label, where, reason[:200]))
                if key in ("t_refuted", "f_proved"):
                    shown = rel.get("method") or ""
                    problems.append(f"{where}: {label} relation {rel['verdict'].upper()} ({shown})")
    for error in report.get("errors", []):
        problems.append(f"input error: {error}")
    print("\n".join(table("source", by_source, sorted(by_source))))
    print()
    order = [n for n in CLASS_NAMES.values() if n in by_class]
    print("\n".join(table("class", by_class, order + sorted(set(by_class) - set(order)))))
    print(f"\nwall time {wall:.1f} s (one run, -j {args.jobs}, --timeout {args.timeout:g})")
    print("\nUNPROVED by reason:")
    for label in [r[0] for r in REASONS] + ["other"]:
        rows = sorted(u for u in unproved if u[0] == label)
        if rows:
            true_n = sum(u[1] == "true" for u in rows)
            print(f"- {label}: {true_n} true / {len(rows) - true_n} false")
            for _, truth, where, text in rows:
                print(f"    {truth:5} {where}: {text}")
    for problem in problems:
        print(f"SOUNDNESS PROBLEM {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
