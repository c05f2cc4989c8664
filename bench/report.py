"""The report, ``RESULTS.md``: how the run was made, the issue's targets, then per data set
the ground truth, the tables and xentproof's misses. It only formats what ``run.py``
measured and ``score.py`` counted.
"""

from __future__ import annotations

import json
import os
import platform
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .classes import class_table
from .methods import Rows
from .pairs import Pair
from .score import is_right, score
from .speed_table import speed_lines
from .tables import (
    against_simplify_lines,
    baseline_errors,
    derivation_table,
    method_table,
    per_type_table,
    targets,
    theme_table,
    verdicts_that_differed,
)
from .truth import DESCRIPTION, Truth


@dataclass(frozen=True)
class RunInfo:
    """What the report says about the run itself."""

    argv: Sequence[str]  # the options given to ``python -m bench.run``
    timeout: float  # seconds per relation
    rounds: int
    wall: float  # seconds, the whole run
    date: str
    git: str  # ``git describe --always --dirty`` when the run started
    truth: Mapping[str, Any] | None = None  # how the ground truth was obtained (Summary)
    load: Sequence[float] = ()  # the load average (1, 5, 15 min) at the start and at the end
    speed: dict[str, Any] | None = None  # bench.speed.measure's figures, as a dict
    rewritten: str = ""  # the date the report was rewritten by --report-from


def report(
    info: RunInfo,
    data: Mapping[str, Sequence[Pair]],
    results: Mapping[str, Mapping[str, Rows]],
    checked: Mapping[str, Truth],
) -> str:
    """``data``: the pairs of each data set; ``results``: per data set, each method's rows;
    ``checked``: the ground truth by evaluation, by the pair's key."""
    out = [*_how_it_was_run(info), *_how_each_method_is_run(), *targets(data, results)]
    out += speed_lines(info.speed)
    for dataset, pairs in data.items():
        methods = results.get(dataset, {})
        if methods and pairs:
            out += _data_set(dataset, pairs, methods, checked)
    return "\n".join(out) + "\n"


def _how_it_was_run(info: RunInfo) -> list[str]:
    import sympy

    try:
        from importlib.metadata import version

        pcm = version("pycodemath")
    except Exception:
        pcm = "not installed"
    command = "python -m bench.run " + " ".join(info.argv)
    return [
        "# Benchmark: xentproof against the baselines and pycodemath",
        "",
        "How to run it (from the repository root):",
        "",
        "```sh",
        "pip install -e '.[bench]'               # xentproof, pycodemath, mpmath",
        "python -m bench.convert_pycodemath      # regenerate bench/pycodemath_data (optional)",
        "python -m bench.run                     # full run, 5 s per relation; rewrites this file",
        "python -m bench.run --quick --only xentproof,simplify --timeout 2   # a quick look",
        "python -m bench.run --rounds 3          # every method 3 times, interleaved; medians",
        "```",
        "",
        f"- command: `{command.strip()}`",
        f"- date: {info.date}",
        f"- machine: {os.cpu_count()} cores, {platform.machine()}, Python "
        f"{platform.python_version()}, SymPy {sympy.__version__}, pycodemath {pcm}",
        f"- budget: {info.timeout:g} s per relation (pycodemath: {info.timeout:g} s × the "
        "relations of the derivation, its budget being per derivation)",
        f"- wall time of the whole run: {info.wall:.1f} s",
        f"- rounds: {info.rounds} (each method run {info.rounds} time(s) in a fresh process, "
        "methods interleaved and their order turned each round; every time in the tables is "
        "the median over the rounds)",
        f"- xentproof: `git describe --always --dirty` = `{info.git}` (the working tree as it "
        "was when the run started; others edit xentproof/ concurrently)",
        *_load_lines(info.load),
        *_truth_summary(info.truth),
        *_rewritten(info.rewritten),
        "",
        "Timing caveat: the 2-core machine may be shared, and its speed drifts within minutes "
        "(see the load-average column). Within a round methods run one after the "
        "other, so a method that ran under heavier load looks slower (more rounds, interleaved, "
        "even this out): the *process CPU* column "
        "(user + system seconds of the method's process and its children) is the figure least "
        "affected, and the ratios are given on the sum of relation times, on wall time and on "
        "CPU time.",
        "",
    ]


def _load_lines(load: Sequence[float]) -> list[str]:
    if len(load) < 6:
        return []
    return [
        f"- machine load: load average (1, 5, 15 min) {load[0]:.1f}, {load[1]:.1f}, "
        f"{load[2]:.1f} at the start and {load[3]:.1f}, {load[4]:.1f}, {load[5]:.1f} at the "
        f"end, on {os.cpu_count()} cores shared with other work (a load above the cores "
        "means processes waited for a core: times are longer than on an idle machine)"
    ]


def _rewritten(date: str) -> list[str]:
    if not date:
        return []
    return [
        f"- report rewritten on {date} by `--report-from` (the methods' rows and times are "
        "those of the run above; the ground truth was evaluated again then, as the line "
        "above says)"
    ]


def _truth_summary(truth: Mapping[str, Any] | None) -> list[str]:
    if not truth:
        return []
    slowest = ", ".join(f"`{key}` {seconds:.1f} s" for key, seconds in truth["slowest"][:3])
    return [
        f"- ground truth: {truth['relations']} relations; {truth['evaluated']} evaluated in "
        f"this run in {truth['workers']} worker processes ({truth['wall']:.1f} s wall, "
        f"{truth['work']:.1f} s summed over the relations), {truth['cached']} from the cache "
        "of `bench/truth_cache.py` (keyed by the relation, its declarations and the "
        "evaluator's code)" + (f"; slowest evaluated: {slowest}" if slowest else "")
    ]


def _how_each_method_is_run() -> list[str]:
    return [
        "## How each method is run",
        "",
        "- **xentproof**: `xentproof.api.check_paths(files, timeout=T, workers=None)`, in "
        "process, no cache (the default), in a fresh Python process; time per relation is "
        "`RelationResult.seconds`, the time the checker records for deciding it. While it runs, "
        "`check_paths` raises the garbage collector's first-generation threshold to 20,000 "
        "(and restores it after); the baselines run at Python's default. The ratios "
        "compare this in-process run. **xentproof-j2** (when run) is the same call with "
        "`workers=2`, xentproof's documented pool (as `xentproof check -j 2`); its per-relation "
        "times are measured inside the workers and its run wall is the comparable figure.",
        "- **simplify**: `simplify(lhs - rhs) == 0` → PROVED, anything else → REFUTED (the check "
        "fails; so a true pair it cannot simplify counts as *true wrongly REFUTED*); for "
        "inequalities `simplify(Lt(lhs, rhs))` etc.: True → PROVED, False → REFUTED, a "
        "relational left → undecided.",
        "- **equals**: `lhs.equals(rhs)`: True → PROVED, False → REFUTED, None → undecided; "
        "inequalities → undecided (`equals` does not decide them).",
        "- Both baselines get the SymPy expressions xentproof's loader builds from the same "
        "files, with the symbol assumptions the domains imply (`real`, `positive`, "
        "`nonnegative`, `integer`); declared functions unfolded, and `doit()` applied to both "
        "sides (derivatives, limits, sums) first. What SymPy assumptions cannot say is lost: "
        "an interval such as `(0, 1)` becomes only `positive` (`1 - yhat > 0` is unknown), a "
        "finite set such as `{0, 1}` or `{-1, 1}` only `integer` (and `nonnegative`). Each pair "
        "runs under `signal.setitimer` with the same budget; a time-out is undecided. Equation "
        "steps (`<=>`, pycodemath's data) are n/a for the baselines and left out of their rows.",
        "- **pycodemath**: its own runner `pycodemath.bench.verify_bench.run_one` (so "
        "`check_steps`, and `certify_diff` for the first step of a derivative record), per "
        "derivation; its per-step verdicts are scored per relation, its time per derivation.",
        '- Ground truth: the files (`expect = "refuted"` marks a false pair; for pycodemath\'s '
        "data, the labelled error step of a wrong record is false and every other step true, "
        "as its generator carries the mistake forward). It is checked by the reference "
        "evaluator of `tests/reference` (`bench/truth.py`: its own reader, mpmath, no SymPy, "
        "the contract of `docs/semantics.md`) at points of the domains, equations included; "
        "the pairs where the two disagree are listed under each data set. It is evaluated "
        "in 2 worker processes and kept in a cache keyed by the relation, its declarations "
        "and the evaluator's code (`bench/truth_cache.py`); no verdict of a method enters it.",
        "",
    ]


def _data_set(
    dataset: str, pairs: Sequence[Pair], methods: Mapping[str, Rows], checked: Mapping[str, Truth]
) -> list[str]:
    """One data set's section: its ground truth, the tables, and xentproof's misses."""
    name = "Own identity corpus" if dataset == "corpus" else "pycodemath's VERIFY data"
    folder = "bench/corpus" if dataset == "corpus" else "bench/pycodemath_data"
    n_true = sum(p.truth for p in pairs)
    out = [
        f"## {name} (`{folder}`)",
        "",
        f"{len(pairs)} relations: {n_true} true, {len(pairs) - n_true} false.",
        "",
        *truth_lines(checked, pairs),
        *method_table("Per relation", {m: score(pairs, rows) for m, rows in methods.items()}),
        *against_simplify_lines(pairs, methods),
        *["#### Wrong answers of the other methods", "", *baseline_errors(pairs, methods), ""],
        *verdicts_that_differed(methods),
    ]
    if dataset == "corpus":
        out += ["#### Per theme", "", *theme_table(pairs, methods)]
        out += [
            "#### Issue 18's classes (the power corpus, by the class its file's title names)",
            "",
            *class_table(pairs, methods.get("xentproof")),
        ]
    else:
        out += [
            "#### Per derivation (pycodemath's scoring)",
            "",
            *derivation_table(pairs, methods),
            *per_type_table(pairs, methods),
        ]
    if "xentproof" in methods:
        out += _xentproof_misses(pairs, methods["xentproof"])
    return out


def _xentproof_misses(pairs: Sequence[Pair], x: Rows) -> list[str]:
    """What xentproof got wrong or left open on a data set, with a repro file for each,
    its slowest relations and the files it could not read."""
    false_proved = [p for p in pairs if not p.truth and x.get(p.key, {}).get("verdict") == "proved"]
    out = ["#### xentproof: false pairs PROVED (must be none)", ""]
    out += misses(false_proved, x) if false_proved else ["- none", ""]
    out += ["", "#### xentproof: true pairs not PROVED, false pairs not REFUTED", ""]
    out += [*misses(pairs, x), ""]
    missed = [p for p in pairs if not is_right(p, x.get(p.key, {}).get("verdict"))]
    if missed:
        out += ["<details><summary>Repro files for these misses (one chain each)</summary>", ""]
        for p in missed:
            out += ["```toml", repro(p), "```", ""]
        out += ["</details>", ""]
    out += ["#### xentproof: slowest relations", "", *slowest(pairs, x), ""]
    problems = x.get("__errors__", {}).get("problems", [])
    if problems:
        out += [
            "#### xentproof: files it could not read in this run",
            "",
            *(f"- {p}" for p in problems),
            "",
        ]
    w = x.get("__wall__", {})
    out += [
        f"xentproof `check_paths` wall time on this data set: "
        f"{w.get('seconds', 0):.1f} s (process incl. imports "
        f"{w.get('process_seconds', 0):.1f} s).",
        "",
    ]
    return out


def truth_lines(checked: Mapping[str, Truth], pairs: Sequence[Pair]) -> list[str]:
    """How many pairs evaluation confirms, and every pair whose label it contradicts."""
    bad = []
    statuses: dict[str, int] = {}
    for p in pairs:
        t = checked[p.key]
        statuses[t.status] = statuses.get(t.status, 0) + 1
        if (p.truth and t.status == "differs") or (not p.truth and t.status != "differs"):
            bad.append(
                f"- `{p.key}`: labelled {'true' if p.truth else 'false'}, evaluation: "
                f"{t.status} {t.point} {t.detail}"
            )
    summary = ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items()))
    return [f"Ground truth by {DESCRIPTION} — {summary}.", *bad, ""]


def misses(pairs: Sequence[Pair], rows: Rows) -> list[str]:
    """The pairs a method did not get right: a true one not PROVED, a false one not REFUTED."""
    lines: list[str] = []
    for p in pairs:
        r = rows.get(p.key, {})
        verdict = r.get("verdict", "missing")
        if is_right(p, verdict):
            continue
        want = "PROVED" if p.truth else "REFUTED"
        why = "; ".join(str(r[k]) for k in ("method", "reason", "evidence") if r.get(k))
        lines.append(
            f"- `{p.file}` · `{p.chain}` (relation {p.index}): want {want}, got "
            f"**{verdict.upper()}** in {r.get('seconds', 0) or 0:.2f} s — {why}".rstrip(" —")
        )
        lines.append(f"  `{p.lhs_text}` **{p.rel}** `{p.rhs_text}`")
    return lines or ["- none"]


def repro(p: Pair) -> str:
    """A minimal derivation file that shows the relation on its own."""
    text = f"{p.lhs_text} {p.rhs_text}"
    names = set(re.findall(r"[A-Za-z_]\w*", text))
    lines = ['title = "repro"', "", "[symbols]"]
    for decl in p.derivation.symbols.values():
        if decl.name in names:
            key = f'"{decl.name}[{", ".join(decl.indices)}]"' if decl.is_family else decl.name
            lines.append(f'{key} = "{decl.domain.text}"')
    used = [f for f in p.derivation.functions.values() if f.name in names]
    if used:
        lines += ["", "[functions]", *(f'{f.name} = "{f.text}"' for f in used)]
    lines += [
        "",
        "[[chain]]",
        f'name = "{p.chain}"',
        f"steps = [{json.dumps(p.lhs_text)}, {json.dumps(p.rel + ' ' + p.rhs_text)}]",
    ]
    return "\n".join(lines)


def slowest(pairs: Sequence[Pair], rows: Rows, n: int = 10) -> list[str]:
    timed = sorted(
        (p for p in pairs if p.key in rows and rows[p.key].get("seconds") is not None),
        key=lambda p: -rows[p.key]["seconds"],
    )[:n]
    lines = []
    for p in timed:
        r = rows[p.key]
        why = "; ".join(x for x in (r.get("method"), r.get("reason")) if x)
        lines.append(f"- {r['seconds']:.2f} s `{p.file}` · `{p.chain}` ({r['verdict']}: {why})")
    return lines
