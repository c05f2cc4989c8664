"""Benchmark: xentproof against simplify(a - b) == 0, a.equals(b) and pycodemath's check_steps.

    python -m bench.run                       # everything, 5 s per relation; writes RESULTS.md
    python -m bench.run --quick               # a few files of each data set
    python -m bench.run --only xentproof,simplify --timeout 2

Two data sets: the identity corpus ``bench/corpus/*.toml`` (true and false pairs; a false one
carries ``expect = "refuted"``), and pycodemath's VERIFY data converted to derivation files
by ``bench/convert_pycodemath.py`` (``bench/pycodemath_data``). Every method runs in a fresh
Python process of its own, one after the other (so no method inherits another's SymPy cache
and no two compete for the 2 cores); each writes its rows to a JSON file that this process
reads and scores against the ground truth, which comes from the files, never from a verdict,
and is confirmed by high-precision evaluation (``bench/truth.py``). Scoring is
``bench/score.py``, the report ``bench/report.py`` and ``bench/tables.py``.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import speed
from .methods import Rows, printer, run_baseline, run_pycodemath, run_xentproof
from .pairs import Pair, dataset_files, load_pairs, relative
from .report import RunInfo, report
from .speed_table import as_data
from .truth import Truth
from .truth_cache import CACHE, WORKERS, Summary, evaluate_all

HERE = Path(__file__).resolve().parent

METHODS = ("xentproof", "simplify", "equals", "pycodemath", "xentproof-j2")
DEFAULT_METHODS = ("xentproof", "simplify", "equals", "pycodemath")
DATASETS = ("corpus", "pycodemath")
Results = dict[str, dict[str, Rows]]  # per data set, each method's rows


# --- running the methods, each in a process of its own ----------------------------------
def worker(method: str, dataset: str, quick: bool, timeout: float, out: Path) -> int:
    """In the worker process (``--worker``): one method on one data set, its rows written
    to ``out`` as JSON."""
    files = [relative(f) for f in dataset_files(dataset, quick)]
    show = printer(f"{method}/{dataset}")
    if method in ("xentproof", "xentproof-j2"):
        rows = run_xentproof(files, timeout, show, None if method == "xentproof" else 2)
    elif method == "pycodemath":
        rows = run_pycodemath(files, timeout, show)
    else:
        rows = run_baseline(method, load_pairs(dataset, [Path(f) for f in files]), timeout, show)
    out.write_text(json.dumps(rows))
    return 0


def run_method(method: str, dataset: str, quick: bool, timeout: float) -> Rows:
    """One method on one data set in a fresh process, with that process's wall and CPU
    time and the load average before and after in its ``__wall__`` row ({}: it failed)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "rows.json"
        command = [sys.executable, "-m", "bench.run", "--worker", method]
        command += ["--dataset", dataset, "--timeout", str(timeout), "--rows", str(out)]
        if quick:
            command.append("--quick")
        started = time.perf_counter()
        cpu_before = _children_cpu()
        load_before = os.getloadavg()[0]
        done = subprocess.run(command, check=False)
        wall = time.perf_counter() - started
        cpu = _children_cpu() - cpu_before
        load_after = os.getloadavg()[0]
        if done.returncode != 0 or not out.exists():
            print(f"  {method}/{dataset}: worker failed (exit {done.returncode})", flush=True)
            return {}
        rows: Rows = json.loads(out.read_text())
    info = rows.setdefault("__wall__", {})
    info |= {"process_seconds": wall, "process_cpu": cpu, "load": [load_before, load_after]}
    print(
        f"  {method}/{dataset}: {wall:.1f} s wall, {cpu:.1f} s CPU (process; load average "
        f"{load_before:.1f} → {load_after:.1f})",
        flush=True,
    )
    return rows


def merge_rounds(method: str, runs: Sequence[Rows]) -> Rows:
    """One method's rows over several rounds: each time the median of the rounds (the
    verdicts must agree; a relation whose verdict differs between rounds is reported)."""
    if len(runs) == 1:
        return runs[0]
    merged: Rows = {}
    for key, first in runs[0].items():
        seen = [r[key] for r in runs if key in r]
        if key == "__wall__":
            wall = {
                field: statistics.median(w[field] for w in seen)
                for field in ("seconds", "report_seconds", "process_seconds", "process_cpu")
                if all(field in w for w in seen)
            }
            loads = [w["load"] for w in seen if "load" in w]
            if loads:
                wall["load"] = [loads[0][0], loads[-1][1]]
            merged[key] = {**wall, "rounds": len(runs)}
            continue
        row = dict(first)
        times = [r["seconds"] for r in seen if isinstance(r.get("seconds"), (int, float))]
        if times:
            row["seconds"] = statistics.median(times)
        verdicts = sorted({str(r.get("verdict", r.get("status"))) for r in seen})
        if len(verdicts) > 1:
            row["verdicts_differ"] = verdicts
            print(
                f"  warning: {method}: {key} has different verdicts in different rounds: {verdicts}"
            )
        merged[key] = row
    return merged


def _children_cpu() -> float:
    """User + system CPU seconds of every finished child process (and their children)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_all(
    methods: Sequence[str], datasets: Sequence[str], quick: bool, timeout: float, rounds: int
) -> Results:
    """Every method on every data set, ``rounds`` times, each run in a fresh process."""
    results: Results = {}
    for dataset in datasets:
        runs: dict[str, list[Rows]] = {}
        for number in range(rounds):
            # Methods interleaved, and their order turned each round, so that a change in
            # the machine's speed during the run falls on every method alike.
            turn = number % len(methods)
            for method in [*methods[turn:], *methods[:turn]]:
                if method == "pycodemath" and dataset != "pycodemath":
                    continue  # no domains, sums, limits or inequalities: its data set only
                print(f"running {method} on {dataset} (round {number + 1}) …", flush=True)
                runs.setdefault(method, []).append(run_method(method, dataset, quick, timeout))
        for method in methods:
            if method in runs:
                results.setdefault(dataset, {})[method] = merge_rounds(method, runs[method])
    return results


def load_data(
    datasets: Sequence[str], quick: bool, fresh: bool = False, workers: int = WORKERS
) -> tuple[dict[str, list[Pair]], dict[str, Truth], Summary]:
    """The pairs of each data set, and the ground truth of each pair by evaluation (in
    ``workers`` processes; from the cache of ``bench/truth_cache.py`` unless ``fresh``)."""
    data: dict[str, list[Pair]] = {}
    for dataset in datasets:
        pairs = load_pairs(dataset, dataset_files(dataset, quick))
        data[dataset] = pairs
        print(f"{dataset}: {len(pairs)} relations ({sum(p.truth for p in pairs)} true)")
    everything = [p for pairs in data.values() for p in pairs]
    print(f"checking the ground truth by evaluation ({workers} workers) …", flush=True)
    if fresh and CACHE.exists():
        CACHE.unlink()
    checked, summary = evaluate_all(everything, workers, CACHE, lambda s: print(s, flush=True))
    print(
        f"  ground truth: {summary.wall:.1f} s wall, {summary.evaluated} relations evaluated "
        f"({summary.work:.1f} s summed over them), {summary.cached} from the cache",
        flush=True,
    )
    return data, checked, summary


def describe() -> str:
    done = subprocess.run(
        ["git", "describe", "--always", "--dirty"],
        capture_output=True,
        text=True,
        check=False,
        cwd=HERE,
    )
    return done.stdout.strip() or "unknown"


def stamp() -> str:
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")


# --- the command line -----------------------------------------------------------------
def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    ap.add_argument("--timeout", type=float, default=5.0, help="seconds per relation (5)")
    ap.add_argument(
        "--only",
        default=",".join(DEFAULT_METHODS),
        help=f"comma-separated methods, some of {','.join(METHODS)} "
        f"(default {','.join(DEFAULT_METHODS)}; xentproof-j2 is xentproof's "
        "documented pool of 2 worker processes)",
    )
    ap.add_argument("--datasets", default=",".join(DATASETS), help="corpus,pycodemath")
    ap.add_argument("--quick", action="store_true", help="a few files of each data set")
    ap.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="run every method this many times, interleaved; times are medians (1)",
    )
    ap.add_argument(
        "--out",
        type=Path,
        default=HERE / "RESULTS.md",
        help="where the report goes (bench/RESULTS.md); '-' for stdout only",
    )
    ap.add_argument(
        "--json",
        type=Path,
        default=HERE / "results.json",
        help="every row of every method is written here (bench/results.json)",
    )
    ap.add_argument(
        "--report-from",
        type=Path,
        default=None,
        help="rewrite the report from a --json file of an earlier run, running nothing",
    )
    ap.add_argument(
        "--fresh-truth",
        action="store_true",
        help="evaluate the ground truth of every relation again (the cache is emptied)",
    )
    ap.add_argument(
        "--truth-workers",
        type=int,
        default=WORKERS,
        help=f"worker processes for the ground truth ({WORKERS}; 1: in this process)",
    )
    ap.add_argument(
        "--speed-rounds",
        type=int,
        default=3,
        help="issue 17's figures by bench/speed.py, this many runs each, interleaved (3; 0: none)",
    )
    ap.add_argument("--speed-paths", default="derivations", help="their paths (derivations)")
    ap.add_argument(
        "--speed-sets",
        default="bench/corpus,bench/stress",
        help="the sets whose cold throughput is measured (bench/corpus,bench/stress; '': none)",
    )
    ap.add_argument("--speed-set-rounds", type=int, default=1, help="rounds that run the sets (1)")
    ap.add_argument("--speed-against", metavar="REV", help="also measure this commit's tree")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--dataset", help=argparse.SUPPRESS)
    ap.add_argument("--rows", type=Path, help=argparse.SUPPRESS)
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    ap = parser()
    args = ap.parse_args(argv)
    if args.worker:
        return worker(args.worker, args.dataset, args.quick, args.timeout, args.rows)
    given = list(sys.argv[1:] if argv is None else argv)
    methods = [m.strip() for m in args.only.split(",") if m.strip()]
    datasets = [d.strip() for d in args.datasets.split(",") if d.strip()]
    for m in methods:
        if m not in METHODS:
            ap.error(f"unknown method {m!r}; expected some of {', '.join(METHODS)}")
    started = time.perf_counter()
    load = list(os.getloadavg())
    git = describe()
    data, checked, truth = load_data(datasets, args.quick, args.fresh_truth, args.truth_workers)
    if args.report_from is not None:
        text = report_from(ap, args.report_from, data, checked, dataclasses.asdict(truth))
        write(text, args.out, f"from {args.report_from}")
        return 0
    results = run_all(methods, datasets, args.quick, args.timeout, args.rounds)
    speed = measure_speed(args)
    wall = time.perf_counter() - started
    date = stamp()
    load += os.getloadavg()
    summary = dataclasses.asdict(truth)
    info = RunInfo(given, args.timeout, args.rounds, wall, date, git, summary, load, speed)
    write(report(info, data, results, checked), args.out, f"({wall:.1f} s)")
    if args.json is not None:
        saved = {"argv": given, "wall": wall, "date": date, "git": git, "load": load}
        saved |= {"truth": summary, "speed": speed}
        args.json.write_text(json.dumps({**saved, "results": results}))
    return 0


def measure_speed(args: argparse.Namespace) -> dict[str, Any] | None:
    """Issue 17's figures by ``bench/speed.py`` (``--speed-rounds``; None: not asked)."""
    if args.speed_rounds <= 0:
        return None
    paths = [p for p in args.speed_paths.split(",") if p]
    sets = [p for p in args.speed_sets.split(",") if p]
    print(f"measuring speed (bench/speed.py) on {', '.join(paths + sets)} …", flush=True)
    trees = {"this tree": speed.ROOT}
    exported = speed.export(args.speed_against) if args.speed_against else None
    if exported is not None:
        trees[args.speed_against] = exported
    try:
        figures = speed.measure(paths, args.speed_rounds, sets, args.speed_set_rounds, None, trees)
    finally:
        if exported is not None:
            shutil.rmtree(exported, ignore_errors=True)
    return as_data(figures)


def report_from(
    ap: argparse.ArgumentParser,
    path: Path,
    data: dict[str, list[Pair]],
    checked: dict[str, Truth],
    truth: dict[str, Any],
) -> str:
    """The report of an earlier run from its ``--json`` file, with that run's settings and
    the ground truth as evaluated now (``truth``: how)."""
    saved = json.loads(path.read_text())
    recorded = ap.parse_args(saved["argv"])  # the run's settings, not this command's
    info = RunInfo(
        argv=saved["argv"],
        timeout=recorded.timeout,
        rounds=recorded.rounds,
        wall=saved["wall"],
        date=saved["date"],
        git=saved["git"],
        truth=truth,
        load=saved.get("load", ()),
        speed=saved.get("speed"),
        rewritten=stamp(),
    )
    return report(info, data, saved["results"], checked)


def write(text: str, out: Path, note: str) -> None:
    """The report to ``out``, or to stdout when ``out`` is ``-``."""
    if str(out) == "-":
        print(text)
    else:
        out.write_text(text, encoding="utf-8")
        print(f"wrote {relative(out)} {note}")


if __name__ == "__main__":
    raise SystemExit(main())
