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
and is confirmed by high-precision evaluation (``bench/truth.py``).
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .methods import printer, run_baseline, run_pycodemath, run_xentproof
from .pairs import Pair, dataset_files, load_pairs, pycodemath_index, relative
from .truth import Truth, evaluate

HERE = Path(__file__).resolve().parent

METHODS = ("xentproof", "simplify", "equals", "pycodemath", "xentproof-j2")
DEFAULT_METHODS = ("xentproof", "simplify", "equals", "pycodemath")
DATASETS = ("corpus", "pycodemath")
Rows = dict[str, dict[str, Any]]


# --- running the methods, each in a process of its own ----------------------------------
def worker(method: str, dataset: str, quick: bool, timeout: float, out: Path) -> int:
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


# --- scoring --------------------------------------------------------------------------
def pct(num: int, den: int) -> str:
    return "—" if den == 0 else f"{100 * num / den:.1f}%"


def quantile(values: Sequence[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)]


def ms(v: float | None) -> str:
    return "—" if v is None else f"{1000 * v:.0f} ms"


def secs(v: float | None) -> str:
    return "—" if v is None else f"{v:.1f} s"


def score(pairs: Sequence[Pair], rows: Rows) -> dict[str, Any]:
    """Counts over the pairs a method answered (``n/a`` pairs are left out)."""
    true_pairs = [p for p in pairs if p.truth and rows.get(p.key, {}).get("verdict") != "n/a"]
    false_pairs = [p for p in pairs if not p.truth and rows.get(p.key, {}).get("verdict") != "n/a"]

    def count(group: list[Pair], verdict: str) -> int:
        return sum(1 for p in group if rows.get(p.key, {}).get("verdict", "undecided") == verdict)

    times = [
        rows[p.key]["seconds"]
        for p in [*true_pairs, *false_pairs]
        if p.key in rows and rows[p.key].get("seconds") is not None
    ]
    answered = len(true_pairs) + len(false_pairs)
    return {
        "n_true": len(true_pairs),
        "n_false": len(false_pairs),
        "true_proved": count(true_pairs, "proved"),
        "true_refuted": count(true_pairs, "refuted"),
        "false_refuted": count(false_pairs, "refuted"),
        "false_proved": count(false_pairs, "proved"),
        "undecided": count(true_pairs, "undecided") + count(false_pairs, "undecided"),
        "answered": answered,
        "na": len(pairs) - answered,
        "median": statistics.median(times) if times else None,
        "p90": quantile(times, 0.9),
        "total": sum(times) if times else None,
        "true_total": sum(rows[p.key]["seconds"] or 0 for p in true_pairs if p.key in rows),
        "wall": rows.get("__wall__", {}).get("seconds"),
        "cpu": rows.get("__wall__", {}).get("process_cpu"),
        "load": rows.get("__wall__", {}).get("load"),
    }


def method_table(title: str, scores: dict[str, dict[str, Any]]) -> list[str]:
    lines = [
        f"#### {title}",
        "",
        "| method | pairs (true/false) | true PROVED | false REFUTED | false wrongly PROVED "
        "| true wrongly REFUTED | undecided | median / relation | p90 / relation "
        "| total (sum of relations) | run wall | process CPU | load avg (start → end) "
        "| xentproof ÷ method (sum · wall · CPU) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    x = scores.get("xentproof", {})
    for method, s in scores.items():
        by_sum = f"{x['total'] / s['total']:.2f}" if x.get("total") and s["total"] else "—"
        by_wall = f"{x['wall'] / s['wall']:.2f}" if x.get("wall") and s["wall"] else "—"
        by_cpu = f"{x['cpu'] / s['cpu']:.2f}" if x.get("cpu") and s["cpu"] else "—"
        ratio = f"{by_sum} · {by_wall} · {by_cpu}"
        load = "—" if not s["load"] else f"{s['load'][0]:.1f} → {s['load'][1]:.1f}"
        na = f" (+{s['na']} n/a)" if s["na"] else ""
        lines.append(
            f"| {method} | {s['n_true']}/{s['n_false']}{na} "
            f"| {s['true_proved']}/{s['n_true']} ({pct(s['true_proved'], s['n_true'])}) "
            f"| {s['false_refuted']}/{s['n_false']} ({pct(s['false_refuted'], s['n_false'])}) "
            f"| {s['false_proved']} | {s['true_refuted']} "
            f"| {s['undecided']} ({pct(s['undecided'], s['answered'])}) "
            f"| {ms(s['median'])} | {ms(s['p90'])} | {secs(s['total'])} | {secs(s['wall'])} "
            f"| {secs(s['cpu'])} | {load} | {ratio} |"
        )
    return [*lines, ""]


def theme_table(pairs: Sequence[Pair], results: dict[str, Rows]) -> list[str]:
    themes = list(dict.fromkeys(p.theme for p in pairs))
    methods = [m for m in results if m != "pycodemath"]
    head = "| theme | pairs (true/false) | " + " | ".join(
        f"{m}: true PROVED / false REFUTED" for m in methods
    )
    lines = [head + " |", "|---|---|" + "---|" * len(methods)]
    for theme in themes:
        group = [p for p in pairs if p.theme == theme]
        cells = []
        for m in methods:
            s = score(group, results[m])
            cells.append(f"{s['true_proved']}/{s['n_true']} · {s['false_refuted']}/{s['n_false']}")
        n_true = sum(p.truth for p in group)
        lines.append(f"| {theme} | {n_true}/{len(group) - n_true} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def derivation_level(pairs: Sequence[Pair], results: dict[str, Rows]) -> list[str]:
    """pycodemath's own scoring: a wrong derivation REFUTED at its labelled step, a correct
    one with every relation PROVED (VERIFIED)."""
    index = pycodemath_index()
    chains: dict[str, list[Pair]] = {}
    for p in pairs:
        chains.setdefault(p.chain, []).append(p)
    lines = [
        "| method | correct: all PROVED | wrong: REFUTED at labelled step "
        "| wrong: REFUTED elsewhere | wrong: derivation VERIFIED (false proof) "
        "| correct: some relation REFUTED | median / derivation | p90 / derivation "
        "| total (sum of derivations) | run wall | xentproof ÷ method (sum · wall) |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    totals: dict[str, float] = {}
    walls: dict[str, float] = {}
    body: list[tuple[str, list[str]]] = []
    for method, rows in results.items():
        if method == "equals" or method == "simplify":
            continue  # not defined for equation chains (n/a): scored per relation only
        ok_proved = wrong_at = wrong_else = wrong_verified = ok_refuted = 0
        n_ok = n_wrong = 0
        times: list[float] = []
        for rid, group in chains.items():
            info = index[rid]
            verdicts = [rows.get(p.key, {}).get("verdict", "undecided") for p in group]
            first = next(
                (p.index for p, v in zip(group, verdicts, strict=True) if v == "refuted"), None
            )
            if method == "pycodemath":
                t = rows.get(f"derivation::{rid}", {}).get("seconds")
            else:
                t = sum(rows.get(p.key, {}).get("seconds") or 0 for p in group)
            if t is not None:
                times.append(t)
            if info["label"] == "correct":
                n_ok += 1
                ok_proved += all(v == "proved" for v in verdicts)
                ok_refuted += first is not None
            else:
                n_wrong += 1
                if first is not None and first + 1 == info["error_step"]:
                    wrong_at += 1
                elif first is not None:
                    wrong_else += 1
                wrong_verified += all(v == "proved" for v in verdicts)
        totals[method] = sum(times)
        walls[method] = rows.get("__wall__", {}).get("seconds") or 0.0
        body.append(
            (
                method,
                [
                    f"{ok_proved}/{n_ok} ({pct(ok_proved, n_ok)})",
                    f"{wrong_at}/{n_wrong} ({pct(wrong_at, n_wrong)})",
                    str(wrong_else),
                    str(wrong_verified),
                    str(ok_refuted),
                    ms(statistics.median(times) if times else None),
                    ms(quantile(times, 0.9)),
                    secs(sum(times)),
                    secs(walls[method]),
                ],
            )
        )
    for method, cells in body:
        ratio = "—"
        if "xentproof" in totals and totals.get(method) and walls.get(method):
            ratio = (
                f"{totals['xentproof'] / totals[method]:.2f} · "
                f"{walls['xentproof'] / walls[method]:.2f}"
            )
        lines.append(f"| {method} | " + " | ".join(cells) + f" | {ratio} |")
    return [*lines, ""]


def per_type(pairs: Sequence[Pair], results: dict[str, Rows]) -> list[str]:
    """Per error type of pycodemath's data: correct derivations all PROVED, wrong ones
    REFUTED at the labelled step, and the time, for xentproof and pycodemath."""
    index = pycodemath_index()
    methods = [m for m in ("xentproof", "pycodemath") if m in results]
    chains: dict[str, list[Pair]] = {}
    for p in pairs:
        chains.setdefault(p.chain, []).append(p)
    lines = [
        "| error type | "
        + " | ".join(f"{m}: correct PROVED · wrong located · time" for m in methods)
        + " |",
        "|---|" + "---|" * len(methods),
    ]
    for etype in dict.fromkeys(p.theme for p in pairs):
        cells = []
        for m in methods:
            rows = results[m]
            ok = ok_n = located = wrong_n = 0
            t = 0.0
            for rid, group in chains.items():
                if group[0].theme != etype:
                    continue
                info = index[rid]
                verdicts = [rows.get(p.key, {}).get("verdict") for p in group]
                first = next(
                    (p.index for p, v in zip(group, verdicts, strict=True) if v == "refuted"), None
                )
                if m == "pycodemath":
                    t += rows.get(f"derivation::{rid}", {}).get("seconds") or 0
                else:
                    t += sum(rows.get(p.key, {}).get("seconds") or 0 for p in group)
                if info["label"] == "correct":
                    ok_n += 1
                    ok += all(v == "proved" for v in verdicts)
                else:
                    wrong_n += 1
                    located += first is not None and first + 1 == info["error_step"]
            cells.append(f"{ok}/{ok_n} · {located}/{wrong_n} · {t:.1f} s")
        lines.append(f"| {etype} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def speed_on_true(pairs: Sequence[Pair], results: dict[str, Rows]) -> list[str]:
    """xentproof against simplify over the same true pairs (those both answered)."""
    if "xentproof" not in results or "simplify" not in results:
        return []
    x, s = results["xentproof"], results["simplify"]
    common = [
        p
        for p in pairs
        if p.truth and s.get(p.key, {}).get("verdict") not in (None, "n/a") and p.key in x
    ]
    tx = sum(x[p.key]["seconds"] for p in common)
    ts = sum(s[p.key]["seconds"] for p in common)
    px = sum(x[p.key]["verdict"] == "proved" for p in common)
    ps = sum(s[p.key]["verdict"] == "proved" for p in common)
    speed = f"{ts / tx:.2f}×" if tx else "—"
    return [
        f"Over the same {len(common)} true pairs: xentproof {tx:.1f} s, proves {px}; "
        f"`simplify(lhs - rhs) == 0` {ts:.1f} s, proves {ps}; xentproof is {speed} as fast "
        "(target ≥ 3×).",
        "",
    ]


def misses(pairs: Sequence[Pair], rows: Rows) -> list[str]:
    lines: list[str] = []
    for p in pairs:
        r = rows.get(p.key, {})
        verdict = r.get("verdict", "missing")
        if (p.truth and verdict == "proved") or (not p.truth and verdict == "refuted"):
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


def baseline_errors(pairs: Sequence[Pair], results: dict[str, Rows]) -> list[str]:
    """Wrong answers of the other methods: a false pair PROVED, or (equals, pycodemath) a
    true pair REFUTED — for simplify a true pair it cannot reduce to 0 is REFUTED by design."""
    lines: list[str] = []
    for method, rows in results.items():
        if method == "xentproof":
            continue
        for p in pairs:
            v = rows.get(p.key, {}).get("verdict")
            wrong = (not p.truth and v == "proved") or (
                p.truth and v == "refuted" and method != "simplify"
            )
            if wrong:
                lines.append(
                    f"- {method}: `{p.chain}` ({'true' if p.truth else 'false'}) "
                    f"→ {v}: `{p.lhs_text}` {p.rel} `{p.rhs_text}` "
                    f"({rows[p.key].get('method', '')})"
                )
    return lines or ["- none"]


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


def truth_lines(checked: dict[str, Truth], pairs: Sequence[Pair]) -> list[str]:
    bad = []
    statuses: dict[str, int] = {}
    for p in pairs:
        t = checked[p.key]
        statuses[t.status] = statuses.get(t.status, 0) + 1
        if (p.truth and t.status == "differs") or (
            not p.truth and t.status not in ("differs", "skipped")
        ):
            bad.append(
                f"- `{p.key}`: labelled {'true' if p.truth else 'false'}, evaluation: "
                f"{t.status} {t.point} {t.detail}"
            )
    summary = ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items()))
    return [f"Ground truth by evaluation at 50 (confirmed 80) digits — {summary}.", *bad, ""]


def describe() -> str:
    done = subprocess.run(
        ["git", "describe", "--always", "--dirty"],
        capture_output=True,
        text=True,
        check=False,
        cwd=HERE,
    )
    return done.stdout.strip() or "unknown"


def targets(data: dict[str, list[Pair]], results: dict[str, dict[str, Rows]]) -> list[str]:
    """The issue's targets, each with the number measured in this run."""
    rows: list[tuple[str, str, bool]] = []

    def verdict(dataset: str, method: str, p: Pair) -> str:
        got: str = results.get(dataset, {}).get(method, {}).get(p.key, {}).get("verdict", "")
        return got

    corpus = data.get("corpus", [])
    if corpus and "xentproof" in results.get("corpus", {}):
        s = score(corpus, results["corpus"]["xentproof"])
        rate = s["true_proved"] / max(s["n_true"], 1)
        rows.append(
            (
                "own corpus: ≥ 98% of true pairs PROVED",
                f"{s['true_proved']}/{s['n_true']} ({100 * rate:.1f}%)",
                rate >= 0.98,
            )
        )
        rows.append(
            (
                "own corpus: 100% of false pairs REFUTED",
                f"{s['false_refuted']}/{s['n_false']}",
                s["false_refuted"] == s["n_false"],
            )
        )
        rows.append(
            ("own corpus: 0 false pairs PROVED", str(s["false_proved"]), s["false_proved"] == 0)
        )
    pcm = data.get("pycodemath", [])
    if pcm and "xentproof" in results.get("pycodemath", {}):
        index = pycodemath_index()
        by_chain: dict[str, list[Pair]] = {}
        for p in pcm:
            by_chain.setdefault(p.chain, []).append(p)
        wrong = [c for c in by_chain if index[c]["label"] == "wrong"]
        correct = [c for c in by_chain if index[c]["label"] == "correct"]
        located = sum(
            next(
                (
                    p.index
                    for p in by_chain[c]
                    if verdict("pycodemath", "xentproof", p) == "refuted"
                ),
                None,
            )
            == index[c]["error_step"] - 1
            for c in wrong
        )
        proved = sum(
            all(verdict("pycodemath", "xentproof", p) == "proved" for p in by_chain[c])
            for c in correct
        )
        s = score(pcm, results["pycodemath"]["xentproof"])
        rows.append(
            (
                "pycodemath data: every wrong derivation REFUTED at its labelled step",
                f"{located}/{len(wrong)}",
                located == len(wrong),
            )
        )
        rows.append(
            (
                "pycodemath data: every correct derivation PROVED",
                f"{proved}/{len(correct)}",
                proved == len(correct),
            )
        )
        rows.append(
            ("pycodemath data: 0 false PROVED", str(s["false_proved"]), s["false_proved"] == 0)
        )
        x_wall = results["pycodemath"]["xentproof"].get("__wall__", {})
        p_wall = results["pycodemath"].get("pycodemath", {}).get("__wall__", {})
        if p_wall:
            rows.append(
                (
                    "pycodemath data: xentproof's total time ≤ pycodemath's (wall · CPU)",
                    f"{x_wall.get('seconds', 0):.1f} s vs {p_wall.get('seconds', 0):.1f} s · "
                    f"{x_wall.get('process_cpu', 0):.1f} s vs {p_wall.get('process_cpu', 0):.1f} s",
                    x_wall.get("seconds", 0) <= p_wall.get("seconds", 0),
                )
            )
    tx = ts = 0.0
    px = ps = n = 0
    for dataset, pairs in data.items():
        x = results.get(dataset, {}).get("xentproof", {})
        b = results.get(dataset, {}).get("simplify", {})
        for p in pairs:
            if p.truth and p.key in x and b.get(p.key, {}).get("verdict") not in (None, "n/a"):
                n += 1
                tx += x[p.key]["seconds"]
                ts += b[p.key]["seconds"]
                px += x[p.key]["verdict"] == "proved"
                ps += b[p.key]["verdict"] == "proved"
    if n:
        rows.append(
            (
                "≥ 3× faster than simplify(lhs - rhs) == 0 on the same true pairs, proving more",
                f"{n} pairs: xentproof {tx:.1f} s, proves {px}; simplify {ts:.1f} s, proves {ps} "
                f"({ts / tx if tx else 0:.2f}×)",
                ts >= 3 * tx and px > ps,
            )
        )
    lines = [
        "## The issue's targets, as measured in this run",
        "",
        "| target | measured | met |",
        "|---|---|---|",
    ]
    lines += [f"| {t} | {m} | {'yes' if ok else '**no**'} |" for t, m, ok in rows]
    return [*lines, ""]


def stamp() -> str:
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")


# --- the report -----------------------------------------------------------------------
def report(
    args: argparse.Namespace,
    data: dict[str, list[Pair]],
    results: dict[str, dict[str, Rows]],
    checked: dict[str, Truth],
    wall: float,
    date: str,
    git: str,
) -> str:
    import sympy

    try:
        from importlib.metadata import version

        pcm = version("pycodemath")
    except Exception:
        pcm = "not installed"
    command = "python -m bench.run " + " ".join(sys.argv[1:])
    out = [
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
        f"- date: {date}",
        f"- machine: {os.cpu_count()} cores, {platform.machine()}, Python "
        f"{platform.python_version()}, SymPy {sympy.__version__}, pycodemath {pcm}",
        f"- budget: {args.timeout:g} s per relation (pycodemath: {args.timeout:g} s × the "
        "relations of the derivation, its budget being per derivation)",
        f"- wall time of the whole run: {wall:.1f} s",
        f"- rounds: {args.rounds} (each method run {args.rounds} time(s) in a fresh process, "
        "methods interleaved and their order turned each round; every time in the tables is "
        "the median over the rounds)",
        f"- xentproof: `git describe --always --dirty` = `{git}` (the working tree as it was "
        "when the run started; others edit xentproof/ concurrently)",
        "",
        "Timing caveat: the 2-core machine may be shared, and its speed drifts within minutes "
        "(see the load-average column). Within a round methods run one after the "
        "other, so a method that ran under heavier load looks slower (more rounds, interleaved, "
        "even this out): the *process CPU* column "
        "(user + system seconds of the method's process and its children) is the figure least "
        "affected, and the ratios are given on the sum of relation times, on wall time and on "
        "CPU time.",
        "",
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
        "as its generator carries the mistake forward). It is checked by high-precision "
        "evaluation at points of the domains (`bench/truth.py`); equation steps keep the "
        "data's label (pycodemath ships a witness for each).",
        "",
    ]
    out += targets(data, results)
    for dataset, pairs in data.items():
        methods = results.get(dataset, {})
        if not methods or not pairs:
            continue
        name = "Own identity corpus" if dataset == "corpus" else "pycodemath's VERIFY data"
        folder = "bench/corpus" if dataset == "corpus" else "bench/pycodemath_data"
        out += [f"## {name} (`{folder}`)", ""]
        n_true = sum(p.truth for p in pairs)
        out += [f"{len(pairs)} relations: {n_true} true, {len(pairs) - n_true} false.", ""]
        out += truth_lines(checked, pairs)
        scores = {m: score(pairs, rows) for m, rows in methods.items()}
        out += method_table("Per relation", scores)
        out += speed_on_true(pairs, methods)
        out += ["#### Wrong answers of the other methods", "", *baseline_errors(pairs, methods), ""]
        unstable = [
            f"- {method}: `{key}`: {' / '.join(row['verdicts_differ'])}"
            for method, rows in methods.items()
            for key, row in rows.items()
            if isinstance(row, dict) and "verdicts_differ" in row
        ]
        if unstable:
            out += [
                "#### Verdicts that differed between rounds",
                "",
                "(`equals` tests at random points; the first round's verdict is scored)",
                "",
                *unstable,
                "",
            ]
        if dataset == "corpus":
            out += ["#### Per theme", "", *theme_table(pairs, methods)]
        else:
            out += [
                "#### Per derivation (pycodemath's scoring)",
                "",
                *derivation_level(pairs, methods),
                *per_type(pairs, methods),
            ]
        if "xentproof" in methods:
            x = methods["xentproof"]
            false_proved = [
                p for p in pairs if not p.truth and x.get(p.key, {}).get("verdict") == "proved"
            ]
            out += ["#### xentproof: false pairs PROVED (must be none)", ""]
            out += misses(false_proved, x) if false_proved else ["- none", ""]
            out += ["", "#### xentproof: true pairs not PROVED, false pairs not REFUTED", ""]
            out += [*misses(pairs, x), ""]
            missed = [
                p
                for p in pairs
                if x.get(p.key, {}).get("verdict") != ("proved" if p.truth else "refuted")
            ]
            if missed:
                out += [
                    "<details><summary>Repro files for these misses (one chain each)</summary>",
                    "",
                ]
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
    return "\n".join(out) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
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
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--dataset", help=argparse.SUPPRESS)
    ap.add_argument("--rows", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        return worker(args.worker, args.dataset, args.quick, args.timeout, args.rows)

    methods = [m.strip() for m in args.only.split(",") if m.strip()]
    datasets = [d.strip() for d in args.datasets.split(",") if d.strip()]
    for m in methods:
        if m not in METHODS:
            ap.error(f"unknown method {m!r}; expected some of {', '.join(METHODS)}")
    started = time.perf_counter()
    git = describe()
    data: dict[str, list[Pair]] = {}
    checked: dict[str, Truth] = {}
    for dataset in datasets:
        pairs = load_pairs(dataset, dataset_files(dataset, args.quick))
        data[dataset] = pairs
        print(
            f"{dataset}: {len(pairs)} relations ({sum(p.truth for p in pairs)} true); "
            "checking the ground truth by evaluation …",
            flush=True,
        )
        for p in pairs:
            checked[p.key] = evaluate(p)
    results: dict[str, dict[str, Rows]] = {}
    if args.report_from is not None:
        saved = json.loads(args.report_from.read_text())
        results, wall = saved["results"], saved["wall"]
        recorded = ap.parse_args(saved["argv"])  # the run's settings, not this command's
        for setting in ("rounds", "timeout", "only", "quick"):
            setattr(args, setting, getattr(recorded, setting))
        sys.argv = [sys.argv[0], *saved["argv"]]
        text = report(args, data, results, checked, wall, saved["date"], saved["git"])
        if str(args.out) == "-":
            print(text)
        else:
            args.out.write_text(text, encoding="utf-8")
            print(f"wrote {relative(args.out)} from {args.report_from}")
        return 0
    for dataset in datasets:
        runs: dict[str, list[Rows]] = {}
        for number in range(args.rounds):
            # Methods interleaved, and their order turned each round, so that a change in
            # the machine's speed during the run falls on every method alike.
            turn = number % len(methods)
            for method in methods[turn:] + methods[:turn]:
                if method == "pycodemath" and dataset != "pycodemath":
                    continue  # no domains, sums, limits or inequalities: its data set only
                print(f"running {method} on {dataset} (round {number + 1}) …", flush=True)
                runs.setdefault(method, []).append(
                    run_method(method, dataset, args.quick, args.timeout)
                )
        for method in methods:
            if method in runs:
                results.setdefault(dataset, {})[method] = merge_rounds(method, runs[method])
    wall = time.perf_counter() - started
    date = stamp()
    text = report(args, data, results, checked, wall, date, git)
    if str(args.out) == "-":
        print(text)
    else:
        args.out.write_text(text, encoding="utf-8")
        print(f"wrote {relative(args.out)} ({wall:.1f} s)")
    if args.json is not None:
        saved = {"argv": sys.argv[1:], "wall": wall, "date": date, "git": git}
        args.json.write_text(json.dumps({**saved, "results": results}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
