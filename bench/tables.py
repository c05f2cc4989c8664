"""The tables of ``RESULTS.md``, as Markdown lines, from the scores of ``score.py``.

Each function returns the lines of one table or list, ending with a blank line where the
report puts one.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence

from .methods import Rows
from .pairs import Pair, pycodemath_index
from .score import (
    Score,
    against_simplify,
    by_chain,
    derivation_score,
    quantile,
    score,
)


def pct(num: int, den: int) -> str:
    return "—" if den == 0 else f"{100 * num / den:.1f}%"


def ms(v: float | None) -> str:
    return "—" if v is None else f"{1000 * v:.0f} ms"


def secs(v: float | None) -> str:
    return "—" if v is None else f"{v:.1f} s"


def _ratio(x: float | None, s: float | None) -> str:
    """xentproof's figure over another method's; — when either is missing or zero."""
    return f"{x / s:.2f}" if x and s else "—"


def method_table(title: str, scores: Mapping[str, Score]) -> list[str]:
    lines = [
        f"#### {title}",
        "",
        "| method | pairs (true/false) | true PROVED | false REFUTED | false wrongly PROVED "
        "| true wrongly REFUTED | undecided | median / relation | p90 / relation "
        "| total (sum of relations) | run wall | process CPU | load avg (start → end) "
        "| xentproof ÷ method (sum · wall · CPU) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    x = scores.get("xentproof")
    for method, s in scores.items():
        by_sum = _ratio(x.total if x else None, s.total)
        by_wall = _ratio(x.wall if x else None, s.wall)
        by_cpu = _ratio(x.cpu if x else None, s.cpu)
        ratio = f"{by_sum} · {by_wall} · {by_cpu}"
        load = "—" if not s.load else f"{s.load[0]:.1f} → {s.load[1]:.1f}"
        na = f" (+{s.na} n/a)" if s.na else ""
        lines.append(
            f"| {method} | {s.n_true}/{s.n_false}{na} "
            f"| {s.true_proved}/{s.n_true} ({pct(s.true_proved, s.n_true)}) "
            f"| {s.false_refuted}/{s.n_false} ({pct(s.false_refuted, s.n_false)}) "
            f"| {s.false_proved} | {s.true_refuted} "
            f"| {s.undecided} ({pct(s.undecided, s.answered)}) "
            f"| {ms(s.median)} | {ms(s.p90)} | {secs(s.total)} | {secs(s.wall)} "
            f"| {secs(s.cpu)} | {load} | {ratio} |"
        )
    return [*lines, ""]


def theme_table(pairs: Sequence[Pair], results: Mapping[str, Rows]) -> list[str]:
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
            cells.append(f"{s.true_proved}/{s.n_true} · {s.false_refuted}/{s.n_false}")
        n_true = sum(p.truth for p in group)
        lines.append(f"| {theme} | {n_true}/{len(group) - n_true} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def derivation_table(pairs: Sequence[Pair], results: Mapping[str, Rows]) -> list[str]:
    """pycodemath's own scoring: a wrong derivation REFUTED at its labelled step, a correct
    one with every relation PROVED (VERIFIED)."""
    index = pycodemath_index()
    chains = by_chain(pairs)
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
        d = derivation_score(method, chains, rows, index)
        totals[method] = sum(d.times)
        walls[method] = rows.get("__wall__", {}).get("seconds") or 0.0
        cells = [
            f"{d.correct_proved}/{d.correct} ({pct(d.correct_proved, d.correct)})",
            f"{d.wrong_located}/{d.wrong} ({pct(d.wrong_located, d.wrong)})",
            str(d.wrong_elsewhere),
            str(d.wrong_verified),
            str(d.correct_refuted),
            ms(statistics.median(d.times) if d.times else None),
            ms(quantile(d.times, 0.9)),
            secs(sum(d.times)),
            secs(walls[method]),
        ]
        body.append((method, cells))
    for method, cells in body:
        ratio = "—"
        if "xentproof" in totals and totals.get(method) and walls.get(method):
            ratio = (
                f"{totals['xentproof'] / totals[method]:.2f} · "
                f"{walls['xentproof'] / walls[method]:.2f}"
            )
        lines.append(f"| {method} | " + " | ".join(cells) + f" | {ratio} |")
    return [*lines, ""]


def per_type_table(pairs: Sequence[Pair], results: Mapping[str, Rows]) -> list[str]:
    """Per error type of pycodemath's data: correct derivations all PROVED, wrong ones
    REFUTED at the labelled step, and the time, for xentproof and pycodemath."""
    index = pycodemath_index()
    methods = [m for m in ("xentproof", "pycodemath") if m in results]
    chains = by_chain(pairs)
    lines = [
        "| error type | "
        + " | ".join(f"{m}: correct PROVED · wrong located · time" for m in methods)
        + " |",
        "|---|" + "---|" * len(methods),
    ]
    for etype in dict.fromkeys(p.theme for p in pairs):
        of_type = {c: group for c, group in chains.items() if group[0].theme == etype}
        cells = []
        for m in methods:
            d = derivation_score(m, of_type, results[m], index)
            cells.append(
                f"{d.correct_proved}/{d.correct} · {d.wrong_located}/{d.wrong} · "
                f"{sum(d.times, 0.0):.1f} s"
            )
        lines.append(f"| {etype} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def against_simplify_lines(pairs: Sequence[Pair], results: Mapping[str, Rows]) -> list[str]:
    """xentproof against simplify over the same true pairs (those both answered)."""
    if "xentproof" not in results or "simplify" not in results:
        return []
    a = against_simplify(pairs, results["xentproof"], results["simplify"])
    tx, ts = a.xentproof_seconds, a.simplify_seconds
    speed = f"{ts / tx:.2f}×" if tx else "—"
    return [
        f"Over the same {a.pairs} true pairs: xentproof {tx:.1f} s, proves "
        f"{a.xentproof_proved}; `simplify(lhs - rhs) == 0` {ts:.1f} s, proves "
        f"{a.simplify_proved}; xentproof is {speed} as fast (target ≥ 3×).",
        "",
    ]


def baseline_errors(pairs: Sequence[Pair], results: Mapping[str, Rows]) -> list[str]:
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


def verdicts_that_differed(results: Mapping[str, Rows]) -> list[str]:
    """The relations whose verdict differed between rounds (``run.merge_rounds``)."""
    unstable = [
        f"- {method}: `{key}`: {' / '.join(row['verdicts_differ'])}"
        for method, rows in results.items()
        for key, row in rows.items()
        if isinstance(row, dict) and "verdicts_differ" in row
    ]
    if not unstable:
        return []
    return [
        "#### Verdicts that differed between rounds",
        "",
        "(`equals` tests at random points; the first round's verdict is scored)",
        "",
        *unstable,
        "",
    ]


# --- the targets ----------------------------------------------------------------
Target = tuple[str, str, bool]  # what is aimed at, what was measured, whether it is met


def targets(
    data: Mapping[str, Sequence[Pair]], results: Mapping[str, Mapping[str, Rows]]
) -> list[str]:
    """The issue's targets, each with the number measured in this run."""
    rows: list[Target] = []
    corpus = data.get("corpus", [])
    if corpus and "xentproof" in results.get("corpus", {}):
        rows += _corpus_targets(score(corpus, results["corpus"]["xentproof"]))
    pcm = data.get("pycodemath", [])
    if pcm and "xentproof" in results.get("pycodemath", {}):
        rows += _pycodemath_targets(pcm, results["pycodemath"])
    rows += _simplify_target(data, results)
    lines = [
        "## The issue's targets, as measured in this run",
        "",
        "| target | measured | met |",
        "|---|---|---|",
    ]
    lines += [f"| {t} | {m} | {'yes' if ok else '**no**'} |" for t, m, ok in rows]
    return [*lines, ""]


def _corpus_targets(s: Score) -> list[Target]:
    rate = s.true_proved / max(s.n_true, 1)
    return [
        (
            "own corpus: ≥ 98% of true pairs PROVED",
            f"{s.true_proved}/{s.n_true} ({100 * rate:.1f}%)",
            rate >= 0.98,
        ),
        (
            "own corpus: 100% of false pairs REFUTED",
            f"{s.false_refuted}/{s.n_false}",
            s.false_refuted == s.n_false,
        ),
        ("own corpus: 0 false pairs PROVED", str(s.false_proved), s.false_proved == 0),
    ]


def _pycodemath_targets(pairs: Sequence[Pair], methods: Mapping[str, Rows]) -> list[Target]:
    x = methods["xentproof"]
    d = derivation_score("xentproof", by_chain(pairs), x, pycodemath_index())
    s = score(pairs, x)
    rows: list[Target] = [
        (
            "pycodemath data: every wrong derivation REFUTED at its labelled step",
            f"{d.wrong_located}/{d.wrong}",
            d.wrong_located == d.wrong,
        ),
        (
            "pycodemath data: every correct derivation PROVED",
            f"{d.correct_proved}/{d.correct}",
            d.correct_proved == d.correct,
        ),
        ("pycodemath data: 0 false PROVED", str(s.false_proved), s.false_proved == 0),
    ]
    x_wall = x.get("__wall__", {})
    p_wall = methods.get("pycodemath", {}).get("__wall__", {})
    if p_wall:
        rows.append(
            (
                "pycodemath data: xentproof's total time ≤ pycodemath's (wall · CPU)",
                f"{x_wall.get('seconds', 0):.1f} s vs {p_wall.get('seconds', 0):.1f} s · "
                f"{x_wall.get('process_cpu', 0):.1f} s vs {p_wall.get('process_cpu', 0):.1f} s",
                x_wall.get("seconds", 0) <= p_wall.get("seconds", 0),
            )
        )
    return rows


def _simplify_target(
    data: Mapping[str, Sequence[Pair]], results: Mapping[str, Mapping[str, Rows]]
) -> list[Target]:
    """Over both data sets at once: their rows are merged (a pair's key names its file)."""
    pairs = [p for dataset_pairs in data.values() for p in dataset_pairs]
    x: Rows = {}
    s: Rows = {}
    for dataset in data:
        x |= results.get(dataset, {}).get("xentproof", {})
        s |= results.get(dataset, {}).get("simplify", {})
    a = against_simplify(pairs, x, s)
    if not a.pairs:
        return []
    tx, ts = a.xentproof_seconds, a.simplify_seconds
    return [
        (
            "≥ 3× faster than simplify(lhs - rhs) == 0 on the same true pairs, proving more",
            f"{a.pairs} pairs: xentproof {tx:.1f} s, proves {a.xentproof_proved}; simplify "
            f"{ts:.1f} s, proves {a.simplify_proved} ({ts / tx if tx else 0:.2f}×)",
            ts >= 3 * tx and a.xentproof_proved > a.simplify_proved,
        )
    ]
