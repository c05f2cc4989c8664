"""How fast ``xentproof check`` is on the shipped corpus, cold, and where the time goes.

    python -m bench.speed [--repeats N] [--jobs N] [--baseline TREE] [PATH ...]

1. The command line, cold: ``python -m xentproof check --no-cache PATH`` in a fresh
   process, ``--repeats`` times; the median and every run's wall time.
   With ``--baseline TREE`` (a copy of the source tree holding another ``xentproof/``
   package, e.g. the last commit's), the same command runs from that tree too,
   interleaved with ours run by run, so that the load of the machine falls on both
   alike; the ratio of the medians is printed.
2. A breakdown in a fresh process: import time of SymPy and of xentproof, reading the
   files, the lemmas, then every relation decided in that process (``-j1``), with the
   stage each spent its time in; the ten slowest relations with file:line; and the
   in-process total against the command line's median (what the workers and the start
   of the process cost or save).

Times are wall clock on a machine that may be busy: compare ratios from one run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _cli_once(tree: Path, paths: list[str], jobs: int | None) -> float:
    """Wall seconds of one cold ``xentproof check --no-cache`` run with ``tree``'s package."""
    env = dict(os.environ, PYTHONPATH=str(tree), NO_COLOR="1")
    command = [sys.executable, "-P", "-m", "xentproof", "check", "--no-cache", *paths]
    if jobs is not None:
        command[6:6] = ["-j", str(jobs)]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        sys.exit(f"xentproof check failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return seconds


def _breakdown(paths: list[str]) -> dict[str, object]:
    """Run in a fresh process (``--breakdown``): import, load, lemma and relation times."""
    started = time.perf_counter()
    import sympy  # noqa: F401

    sympy_seconds = time.perf_counter() - started
    from xentproof import api
    from xentproof.checker import Plan, Schedule, decide_here
    from xentproof.decide import Decider
    from xentproof.lemmas import RuleBook

    imported = time.perf_counter()
    derivations, _, library = api.load_paths(paths)
    loaded = time.perf_counter()
    decider, book = Decider(), RuleBook()
    decide_here(Schedule(Plan((), [*library, *derivations]), decider, book))
    lemmas = time.perf_counter()
    rows = []
    for d in derivations:
        for c in d.chains:
            for k in range(1, len(c.steps)):
                stages: dict[str, float] = {}
                cited = c.steps[k].by
                lemma = book.lemmas.get(cited) if cited is not None else None
                began = time.perf_counter()
                decision = decider.decide(d, c, k, lemma, timings=stages)
                seconds = time.perf_counter() - began
                slowest = max(stages.items(), key=lambda item: item[1], default=("?", 0.0))
                rows.append(
                    {
                        "where": f"{d.path}:{c.steps[k].line}",
                        "seconds": round(seconds, 4),
                        "verdict": decision.verdict.value,
                        "method": decision.method,
                        "stage": slowest[0],
                        "stage_seconds": round(slowest[1], 4),
                        "stages": {s: round(t, 4) for s, t in stages.items()},
                    }
                )
    finished = time.perf_counter()
    return {
        "import_sympy": sympy_seconds,
        "import_xentproof": imported - started - sympy_seconds,
        "load": loaded - imported,
        "lemmas": lemmas - loaded,
        "relations": finished - lemmas,
        "total": finished - started,
        "rows": rows,
    }


def _breakdown_in_fresh_process(paths: list[str]) -> dict[str, object]:
    """``_breakdown`` in a fresh process, with this tree's package."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "bench.speed", "--breakdown", *paths]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    data: dict[str, object] = json.loads(done.stdout)
    return data


def _times(label: str, runs: list[float]) -> str:
    shown = ", ".join(f"{t:.2f}" for t in runs)
    return f"{label}: median {statistics.median(runs):.2f} s  (runs: {shown})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", default=["derivations"])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=None, help="-j for the CLI (default: its own)")
    parser.add_argument("--baseline", type=Path, default=None, help="another source tree")
    parser.add_argument("--no-breakdown", action="store_true")
    parser.add_argument("--breakdown", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.breakdown:
        print(json.dumps(_breakdown(args.paths)))
        return 0

    ours: list[float] = []
    base: list[float] = []
    for _ in range(args.repeats):  # interleaved: the machine's load falls on both alike
        ours.append(_cli_once(ROOT, args.paths, args.jobs))
        if args.baseline is not None:
            base.append(_cli_once(args.baseline.resolve(), args.paths, args.jobs))
    command = f"xentproof check --no-cache {' '.join(args.paths)}"
    print(f"cold CLI, {command!r}, {args.repeats} runs, {os.cpu_count()} CPUs")
    print("  " + _times("this tree", ours))
    if base:
        print("  " + _times(f"baseline {args.baseline}", base))
        ratio = statistics.median(ours) / statistics.median(base)
        print(f"  this tree / baseline: {ratio:.2f}")
    if args.no_breakdown:
        return 0

    data = _breakdown_in_fresh_process(args.paths)
    rows = data["rows"]
    assert isinstance(rows, list)
    print("\nin-process breakdown (-j1, one fresh process)")
    for key in ("import_sympy", "import_xentproof", "load", "lemmas", "relations", "total"):
        value = data[key]
        assert isinstance(value, float)
        print(f"  {key:18} {value:6.3f} s")
    total = data["total"]
    assert isinstance(total, float)
    print(f"  CLI median / in-process -j1 total: {statistics.median(ours) / total:.2f}")
    verdicts: dict[str, int] = {}
    for row in rows:
        verdicts[row["verdict"]] = verdicts.get(row["verdict"], 0) + 1
    print(f"  {len(rows)} relations: {verdicts}")
    stage_totals: dict[str, float] = {}
    for row in rows:
        for stage, seconds in row["stages"].items():
            stage_totals[stage] = stage_totals.get(stage, 0.0) + seconds
    print("  time by stage, summed over relations:")
    for stage, seconds in sorted(stage_totals.items(), key=lambda item: -item[1]):
        print(f"    {seconds:6.3f} s  {stage}")
    print("  slowest 10 relations:")
    for row in sorted(rows, key=lambda r: -r["seconds"])[:10]:
        print(
            f"    {row['seconds']:6.3f} s  {row['where']:32} {row['verdict']:8} "
            f"most in {row['stage']} ({row['stage_seconds']:.3f} s); {row['method'][:40]}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
