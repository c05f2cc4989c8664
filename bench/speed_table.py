"""Issue 17's speed figures in ``RESULTS.md``, from what ``bench/speed.py``'s ``measure``
found (as a plain dict, so that ``--report-from`` can show an earlier run's). It only
formats."""

from __future__ import annotations

import dataclasses
import statistics
from typing import Any

from .speed import Figures, budget_used

# Issue 17's targets on the shipped derivations, in seconds of wall time, measured against
# a floor of 0.40–0.47 s: on a busy machine they are judged as ratios to that floor's middle.
# The one-file figure imports SymPy, the floor itself: only a check handed to a running
# `xentproof daemon` (SymPy imported already) can be below it, so that is the one judged.
TARGETS = {"warm": 0.25, "edited, daemon": 0.3, "cold": 1.5}
ISSUE_FLOOR = 0.435
COMMANDS = {
    "floor": '`python -c "import sympy, rich"`',
    "warm": "`xentproof check` with every verdict cached",
    "one file edited": "`xentproof check` after one file gained a relation",
    "edited, daemon": "the same, handed to a running `xentproof daemon`",
    "cold": "`xentproof check --no-cache`",
}


def as_data(figures: Figures) -> dict[str, Any]:
    return dataclasses.asdict(figures)


def speed_lines(data: dict[str, Any] | None) -> list[str]:
    """The section: each figure's median, spread and ratio to the floor, each set's
    throughput, and (with a baseline tree) the ratios between the trees."""
    if not data:
        return []
    figures = data["figures"]
    floor = next(f for f in figures if f["name"] == "floor")
    floor_median = statistics.median(floor["runs"])
    trees = list(dict.fromkeys(f["tree"] for f in figures if f["tree"]))
    load = data["load"]
    out = [
        "## Speed (issue 17), by `bench/speed.py`",
        "",
        f"`bench.speed.measure` on `{' '.join(data['paths'])}`: {data['repeats']} run(s) of "
        "each figure, interleaved (floor, warm, one file edited, cold, then the throughput "
        f"sets, in the first {data['set_repeats']} round(s)); load average {load[0]:.1f} → "
        f"{load[1]:.1f}. Medians, the spread (lowest–highest), and each median's ratio to the "
        "floor's median (on a shared machine the ratios are the figures to compare). The "
        f"issue's targets are seconds against a floor of 0.40–0.47 s: here they are judged "
        f"as ratios to {ISSUE_FLOOR} s (warm ≤ 0.25 s is × {0.25 / ISSUE_FLOOR:.2f}).",
        "",
        "| figure | tree | median | spread | × floor | issue 17 target (as × floor) |",
        "|---|---|---|---|---|---|",
        f"| floor: {COMMANDS['floor']} | — | {floor_median:.2f} s | "
        f"{min(floor['runs']):.2f}–{max(floor['runs']):.2f} s | 1.00 | — |",
    ]
    for f in figures:
        if f["name"] not in TARGETS:
            continue
        median = statistics.median(f["runs"])
        target = TARGETS[f["name"]] / ISSUE_FLOOR
        ratio = median / floor_median
        met = "met" if ratio <= target else "not met"
        out.append(
            f"| {f['name']}: {COMMANDS[f['name']]} | {f['tree']} | {median:.2f} s | "
            f"{min(f['runs']):.2f}–{max(f['runs']):.2f} s | {ratio:.2f} | "
            f"≤ {TARGETS[f['name']]:g} s (× {target:.2f}): {met} |"
        )
    sets = [f for f in figures if f["relations"]]
    if sets:
        out += [
            "",
            "Throughput, cold (`xentproof check --no-cache --format json SET`):",
            "",
            "| set | tree | relations | median | relations / s | × floor | verdicts differing "
            "| UNPROVED: budget used |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for f in sets:
            median = statistics.median(f["runs"])
            differing = len(f["differing"]) if f["tree"] != trees[0] else "—"
            unproved = tuple((a, b) for a, b in f.get("unproved", ()))
            used = budget_used(unproved) if unproved else "none"
            out.append(
                f"| `{f['name']}` | {f['tree']} | {f['relations']} | {median:.1f} s | "
                f"{f['relations'] / median:.2f} | {median / floor_median:.1f} | {differing} "
                f"| {used} |"
            )
    if len(trees) > 1:
        out += ["", *_against(figures, trees)]
    return [*out, ""]


def _against(figures: list[dict[str, Any]], trees: list[str]) -> list[str]:
    ours = {f["name"]: statistics.median(f["runs"]) for f in figures if f["tree"] == trees[0]}
    lines = []
    for f in figures:
        if f["tree"] in ("", trees[0]) or f["name"] not in ours:
            continue
        lines.append(
            f"- {f['name']}: this tree / {f['tree']} = "
            f"{ours[f['name']] / statistics.median(f['runs']):.2f} (time; below 1 is faster)"
        )
    return lines
