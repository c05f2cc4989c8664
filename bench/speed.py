"""How fast ``xentproof check`` is on the shipped corpus, warm and cold, and where the time
goes.

    python -m bench.speed [--rounds N] [--jobs N] [--against REV | --baseline TREE]
                          [--throughput SETS] [--throughput-repeats N] [PATH ...]

    # the issue's figures, against the floor and the previous commit, 5 rounds interleaved:
    python -m bench.speed --rounds 5 --against HEAD~1 --throughput bench/corpus,bench/stress

1. Five whole-process figures, each run ``--repeats`` times, interleaved run by run (so
   that the load of the machine falls on all alike), with the median, the spread (lowest
   and highest) and the ratio of the median to the floor's:
   - floor: ``python -c "import sympy, rich"``, what any run that decides must import;
   - warm: ``xentproof check PATH`` with every file's record in the proof cache;
   - one file edited: the same, after a new one-relation chain is added to one file that
     declares no lemma (that relation is decided, the file's others come from the cache);
   - edited, daemon: the same, handed to a ``xentproof daemon`` of the tree (started once,
     before the first round's run is timed; a tree without the daemon skips it);
   - cold: ``xentproof check --no-cache PATH``.
   Each runs in a copy of the paths in a temporary folder, with a proof cache and a signing
   key of its own. With ``--baseline TREE`` (a copy of the source tree holding another
   ``xentproof/`` package, e.g. the last commit's), the three checks run from that tree
   too, interleaved with ours, and the ratios of our medians to its are printed;
   ``--against REV`` makes that tree from a commit (``git archive REV``, e.g. ``HEAD~1``,
   the previous commit) in a temporary folder. ``--rounds`` is ``--repeats``.
   With ``--throughput bench/corpus,bench/stress`` (comma-separated paths), each set is
   also checked cold (``--no-cache``), interleaved with the rest, and its throughput is
   printed in relations per second, with its median run's ratio to the floor and (with
   ``--baseline``) to the baseline tree; the verdicts of each set are compared between
   the trees (they must not differ where the budget was not the limit). ``bench/stress``
   holds relations the cascade cannot prove: it measures what giving up costs.
2. A breakdown in a fresh process: import time of SymPy and of xentproof, reading the
   files, the lemmas, then every relation decided in that process (``-j1``), with the
   stage each spent its time in; the ten slowest relations with file:line; and the
   in-process total against the cold command line's median (what the workers and the
   start of the process cost or save).

Times are wall clock on a machine that may be busy: compare ratios from one run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# As an installed package runs: with its modules' bytecode kept (PYTHONDONTWRITEBYTECODE,
# set in some environments, would compile every module of the package on every run).
_ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
MODES = ("floor", "warm", "one file edited", "edited, daemon", "cold")
DAEMON = "edited, daemon"  # one file edited, the check handed to `xentproof daemon`
FLOOR = [sys.executable, "-c", "import sympy, rich"]


class Workspace:
    """A copy of the paths checked, with a proof cache and a signing key of its own, for
    one source tree's runs."""

    def __init__(self, tree: Path, paths: list[str], jobs: int | None, edited: bool = True) -> None:
        self.tree = tree
        self.folder = Path(tempfile.mkdtemp(prefix="xentproof-speed-"))
        self.paths = paths
        for path in paths:
            source = ROOT / path
            target = self.folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                shutil.copytree(source, target)
            else:
                shutil.copy2(source, target)
        self.jobs = [] if jobs is None else ["-j", str(jobs)]
        self.env = dict(
            _ENVIRONMENT,
            PYTHONPATH=str(tree),
            NO_COLOR="1",
            XDG_CACHE_HOME=str(self.folder / ".home"),
            XENTPROOF_NO_DAEMON="1",  # no user's daemon answers these runs
        )
        self.daemon_dir: Path | None = None  # the daemon's folder, once started
        self.edits = 0
        self.edited = _edited_file(self.folder, paths) if edited else self.folder
        self.output = ""  # the standard output of the last check

    def check(self, *flags: str) -> float:
        """Wall seconds of one ``xentproof check`` with this tree's package."""
        command = [sys.executable, "-P", "-m", "xentproof", "check", *self.jobs, *flags]
        started = time.perf_counter()
        done = subprocess.run(
            [*command, *self.paths], cwd=self.folder, env=self.env, capture_output=True, text=True
        )
        seconds = time.perf_counter() - started
        if done.returncode not in (0, 1):
            sys.exit(f"xentproof check failed ({done.returncode}):\n{done.stderr[-2000:]}")
        self.output = done.stdout
        return seconds

    def edit(self) -> None:
        """Add a new one-relation chain to the edited file: its record no longer holds."""
        self.edits += 1
        with self.edited.open("a", encoding="utf-8") as out:
            out.write(
                f'\n[[chain]]\nname = "speed edit {self.edits}"\n'
                f'steps = ["{self.edits} + 1", "= {self.edits + 1}"]\n'
            )

    def supports(self, mode: str) -> bool:
        """Whether this tree can run ``mode`` (trees before the daemon cannot run it)."""
        return mode != DAEMON or (self.tree / "xentproof" / "daemon.py").exists()

    def run(self, mode: str) -> float:
        if mode == "cold":
            return self.check("--no-cache")
        if mode in ("one file edited", DAEMON):
            self.edit()
        if mode == DAEMON:
            saved = self.env
            self.env = self._daemon_env()
            try:
                return self.check()
            finally:
                self.env = saved
        return self.check()

    def _daemon_env(self) -> dict[str, str]:
        """The environment of a check handed to this tree's daemon, started at first use
        (and waited for: its start is no part of the figure)."""
        env = {k: v for k, v in self.env.items() if k != "XENTPROOF_NO_DAEMON"}
        if self.daemon_dir is None:
            self.daemon_dir = self.folder / ".daemon"
            self.daemon_dir.mkdir(mode=0o700)
            env["XENTPROOF_DAEMON_DIR"] = str(self.daemon_dir)
            subprocess.run(
                [sys.executable, "-P", "-m", "xentproof", "daemon", "start", "--idle", "900"],
                cwd=self.folder,
                env=env,
                check=True,
                capture_output=True,
            )
        env["XENTPROOF_DAEMON_DIR"] = str(self.daemon_dir)
        return env

    def remove(self) -> None:
        if self.daemon_dir is not None:
            subprocess.run(
                [sys.executable, "-P", "-m", "xentproof", "daemon", "stop"],
                cwd=self.folder,
                env=self._daemon_env(),
                capture_output=True,
            )
        shutil.rmtree(self.folder, ignore_errors=True)


def _edited_file(folder: Path, paths: list[str]) -> Path:
    """The first derivation file of the paths that declares no lemma."""
    for path in paths:
        found = sorted((folder / path).rglob("*.toml")) if (folder / path).is_dir() else []
        for file in found or [folder / path]:
            if "lemma" not in file.read_text(encoding="utf-8"):
                return file
    sys.exit("no derivation file without a lemma to edit")


def _floor_once() -> float:
    started = time.perf_counter()
    subprocess.run(FLOOR, check=True, capture_output=True, env=_ENVIRONMENT)
    return time.perf_counter() - started


class Throughput:
    """Cold runs of one set of relations with one tree: their times and verdicts."""

    def __init__(self, tree: Path, path: str, jobs: int | None) -> None:
        self.space = Workspace(tree, [path], jobs, edited=False)
        self.relations = 0
        self.verdicts: dict[str, str] = {}  # by file::chain::index, from the last run
        # what each UNPROVED relation of the last run used of its budget (issue 17, item 3)
        self.unproved: list[tuple[float, float]] = []  # (seconds, budget)

    def run(self) -> float:
        seconds = self.space.check("--no-cache", "--format", "json")
        report = json.loads(self.space.output)
        self.relations = report["summary"]["relations"]
        rows = [
            (f"{d['file']}::{c['name']}::{r['index']}", r)
            for d in report["derivations"]
            for c in d["chains"]
            for r in c["relations"]
        ]
        self.verdicts = {key: r["verdict"] for key, r in rows}
        self.unproved = [
            (r["seconds"], r["budget"])
            for _, r in rows
            if r["verdict"] == "unproved" and r.get("budget") is not None
        ]
        return seconds


def _interleaved(
    workspaces: dict[str, Workspace],
    repeats: int,
    sets: dict[tuple[str, str], Throughput],
    set_repeats: int,
) -> dict[tuple[str, str], list[float]]:
    """Every mode of every tree, ``repeats`` times, interleaved run by run; each set of
    ``sets`` (by set and tree) in the first ``set_repeats`` rounds."""
    for space in workspaces.values():
        space.check()  # fills the proof cache: warm and edited runs start from it
    times: dict[tuple[str, str], list[float]] = {}
    for round_ in range(max(repeats, set_repeats)):
        times.setdefault(("floor", ""), []).append(_floor_once())
        for mode in MODES[1:] if round_ < repeats else ():
            for label, space in workspaces.items():
                if space.supports(mode):
                    times.setdefault((mode, label), []).append(space.run(mode))
        for key, runs in sets.items() if round_ < set_repeats else ():
            times.setdefault(key, []).append(runs.run())
    return times


def _report_throughput(measured: Figures, labels: list[str]) -> None:
    """Relations per second of each set, against the floor and the baseline tree, and
    the verdicts that differ between the trees."""
    floor = measured.floor
    for path in dict.fromkeys(f.name for f in measured.figures if f.relations):
        for label in labels:
            done = measured.get(path, label)
            assert done is not None
            median = done.median
            line = (
                f"  {path:16} {label:10} {done.relations} relations, "
                f"{done.relations / median:6.2f} relations/s  {_spread(list(done.runs))}  "
                f"× floor {median / floor:.1f}"
            )
            if label != labels[0]:
                ours = measured.get(path, labels[0])
                assert ours is not None
                line += f"  throughput this tree / {label}: {median / ours.median:.2f}"
            print(line)
            if done.unproved:
                print(f"  {'':16} {'':10} {budget_used(done.unproved)}")
        for label in labels[1:]:
            other = measured.get(path, label)
            assert other is not None
            print(f"  {path:16} verdicts differing from {label}: {len(other.differing)}")
            for key in other.differing:
                print(f"    {key}")


def budget_used(unproved: tuple[tuple[float, float], ...]) -> str:
    """What the UNPROVED relations of a set used of their budget (issue 17, item 3): their
    number, the median and largest share, and how many used it all (a time-out)."""
    shares = [seconds / budget for seconds, budget in unproved if budget > 0]
    spent = sum(1 for share in shares if share >= 0.95)
    return (
        f"{len(unproved)} UNPROVED: budget used median {statistics.median(shares):.0%}, "
        f"largest {max(shares):.0%}, {spent} at the limit"
        if shares
        else f"{len(unproved)} UNPROVED"
    )


def _spread(runs: list[float]) -> str:
    return f"median {statistics.median(runs):5.2f} s  (spread {min(runs):.2f}–{max(runs):.2f})"


def _report(times: dict[tuple[str, str], list[float]], labels: list[str]) -> None:
    floor = statistics.median(times[("floor", "")])
    print(f"  {'floor':16} {'':10} {_spread(times[('floor', '')])}  × floor 1.00")
    for mode in MODES[1:]:
        for label in labels:
            if (mode, label) not in times:
                print(f"  {mode:16} {label:10} (this tree has no daemon)")
                continue
            runs = times[(mode, label)]
            ratio = statistics.median(runs) / floor
            line = f"  {mode:16} {label:10} {_spread(runs)}  × floor {ratio:.2f}"
            if label != labels[0] and (mode, labels[0]) in times:
                ours = statistics.median(times[(mode, labels[0])])
                line += f"  this tree / {label}: {ours / statistics.median(runs):.2f}"
            print(line)


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
    decide_here(Schedule(Plan((), [*library, *derivations], every_lemma=True), decider, book))
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
    parser.add_argument("--repeats", "--rounds", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=None, help="-j for the CLI (default: its own)")
    parser.add_argument("--baseline", type=Path, default=None, help="another source tree")
    parser.add_argument("--against", metavar="REV", help="a commit: its tree is the baseline")
    parser.add_argument("--throughput", default="", help="comma-separated sets, checked cold")
    parser.add_argument("--throughput-repeats", type=int, default=None)
    parser.add_argument("--no-breakdown", action="store_true")
    parser.add_argument("--breakdown", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.breakdown:
        print(json.dumps(_breakdown(args.paths)))
        return 0

    if args.against is not None and args.baseline is not None:
        parser.error("--against and --baseline both name the baseline: give one")
    trees = {"this tree": ROOT}
    exported = export(args.against) if args.against is not None else None
    if exported is not None:
        trees["baseline"] = exported
    elif args.baseline is not None:
        trees["baseline"] = args.baseline.resolve()
    try:
        return _measure(args, trees)
    finally:
        if exported is not None:
            shutil.rmtree(exported, ignore_errors=True)


def export(revision: str) -> Path:
    """The source tree of a commit of this repository, in a temporary folder."""
    folder = Path(tempfile.mkdtemp(prefix="xentproof-speed-tree-"))
    archive = subprocess.run(
        ["git", "archive", "--format=tar", revision],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        sys.exit(f"git archive {revision} failed: {archive.stderr.decode(errors='replace')}")
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", revision], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    print(f"baseline: {revision} ({commit}), exported to {folder}")
    return folder


@dataclass(frozen=True)
class Figure:
    """One figure of one tree: its runs in seconds (a throughput set: with its relations)."""

    name: str  # a mode of MODES, or a throughput set's path
    tree: str  # "this tree", "baseline" ("" for the floor)
    runs: tuple[float, ...]
    relations: int = 0  # a throughput set's relations (0: not a set)
    differing: tuple[str, ...] = ()  # a set's verdicts that differ from this tree's
    # a set's UNPROVED relations in its last run: (seconds used, budget) of each
    unproved: tuple[tuple[float, float], ...] = ()

    @property
    def median(self) -> float:
        return statistics.median(self.runs)


@dataclass(frozen=True)
class Figures:
    """What ``measure`` found: the figures, and how they were taken."""

    paths: tuple[str, ...]
    repeats: int
    set_repeats: int
    figures: tuple[Figure, ...]
    load: tuple[float, float]  # the load average (1 min) before and after

    def get(self, name: str, tree: str = "this tree") -> Figure | None:
        tree = "" if name == "floor" else tree
        return next((f for f in self.figures if f.name == name and f.tree == tree), None)

    @property
    def floor(self) -> float:
        found = self.get("floor")
        assert found is not None
        return found.median


def measure(
    paths: list[str],
    repeats: int,
    throughput: list[str],
    set_repeats: int,
    jobs: int | None = None,
    trees: dict[str, Path] | None = None,
) -> Figures:
    """The floor, warm, one-file-edited and cold figures on ``paths`` (``repeats`` runs,
    interleaved) and the cold throughput of each set of ``throughput`` (in the first
    ``set_repeats`` rounds), for each tree of ``trees`` (default: this tree alone)."""
    trees = trees if trees is not None else {"this tree": ROOT}
    load_before = os.getloadavg()[0]
    spaces = {label: Workspace(tree, paths, jobs) for label, tree in trees.items()}
    sets = {
        (path, label): Throughput(tree, path, jobs)
        for path in throughput
        for label, tree in trees.items()
    }
    try:
        times = _interleaved(spaces, repeats, sets, set_repeats)
    finally:
        for space in [*spaces.values(), *(s.space for s in sets.values())]:
            space.remove()
    labels = list(trees)
    found = [Figure("floor", "", tuple(times[("floor", "")]))]
    found += [
        Figure(m, t, tuple(times[(m, t)])) for m in MODES[1:] for t in labels if (m, t) in times
    ]
    for (path, label), done in sets.items():
        first = sets[(path, labels[0])].verdicts
        changed = [
            f"{k}: {done.verdicts.get(k)} -> {first.get(k)}"
            for k in sorted(set(first) | set(done.verdicts))
            if first.get(k) != done.verdicts.get(k)
        ]
        runs = tuple(times[(path, label)])
        unproved = tuple(done.unproved)
        found.append(Figure(path, label, runs, done.relations, tuple(changed), unproved))
    return Figures(
        tuple(paths), repeats, set_repeats, tuple(found), (load_before, os.getloadavg()[0])
    )


def _measure(args: argparse.Namespace, trees: dict[str, Path]) -> int:
    throughput = [p for p in args.throughput.split(",") if p]
    set_repeats = args.repeats if args.throughput_repeats is None else args.throughput_repeats
    measured = measure(args.paths, args.repeats, throughput, set_repeats, args.jobs, trees)
    times = {(f.name, f.tree): list(f.runs) for f in measured.figures}
    print(
        f"xentproof check {' '.join(args.paths)}: {args.repeats} runs interleaved, "
        f"{os.cpu_count()} CPUs, load average {measured.load[1]:.1f} at the end"
    )
    _report(times, list(trees))
    if throughput:
        print(f"throughput, cold (--no-cache), {set_repeats} runs interleaved")
        _report_throughput(measured, list(trees))
    if args.no_breakdown:
        return 0
    cold = statistics.median(times[("cold", "this tree")])

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
    print(f"  cold CLI median / in-process -j1 total: {cold / total:.2f}")
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
