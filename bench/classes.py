"""Issue 18's classes of proof power, and the relations of ``bench/corpus`` in each.

A file of the power corpus names its class in its title: ``"Power corpus 3: ..."``,
``"Power corpus 1b: ..."`` (a second file of class 1), ``"Power corpus 3/5: ..."`` (a file
of two classes, counted in both). The issue asks, for each class, for at least
``AT_LEAST`` relations of our own, true and false, all decided correctly.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from pathlib import Path

from .methods import Rows
from .pairs import Pair
from .score import is_right

CLASSES = {
    1: "the refuter must not crash or stall",
    2: "positivity of sums",
    3: "inequalities beyond canonical forms",
    4: "sums and products",
    5: "constraints between symbols",
    6: "derivatives with respect to a member of a family",
    7: "limits with parameters",
    8: "scale",
    9: "equations",
}
AT_LEAST = 15
_TITLE = re.compile(r"Power corpus (\d)[a-z]?((?:/\d)*)")


def file_classes(path: Path) -> tuple[int, ...]:
    """The classes a corpus file's title names (none: not a file of the power corpus)."""
    title = tomllib.loads(path.read_text(encoding="utf-8")).get("title", "")
    found = _TITLE.match(str(title))
    if found is None:
        return ()
    numbers = [found.group(1), *filter(None, found.group(2).split("/"))]
    return tuple(int(n) for n in numbers if int(n) in CLASSES)


def class_table(pairs: Sequence[Pair], xentproof: Rows | None) -> list[str]:
    """Per class: its files, its true and false relations, and (with xentproof's rows)
    how many of each it decided correctly."""
    classes: dict[int, list[Pair]] = {c: [] for c in CLASSES}
    files: dict[int, list[str]] = {c: [] for c in CLASSES}
    for theme in dict.fromkeys(p.file for p in pairs):
        for c in file_classes(Path(theme)):
            files[c].append(Path(theme).name)
            classes[c] += [p for p in pairs if p.file == theme]
    head = "| class | files | true | false | ≥ 15 of each |"
    rule = "|---|---|---|---|---|"
    if xentproof is not None:
        head += " xentproof: true PROVED | false REFUTED | all correct |"
        rule += "---|---|---|"
    lines = [head, rule]
    for c, name in CLASSES.items():
        group = classes[c]
        n_true = sum(p.truth for p in group)
        n_false = len(group) - n_true
        enough = "yes" if min(n_true, n_false) >= AT_LEAST else "**no**"
        row = f"| {c}. {name} | {', '.join(files[c]) or '—'} | {n_true} | {n_false} | {enough} |"
        if xentproof is not None:
            right = [p for p in group if is_right(p, xentproof.get(p.key, {}).get("verdict"))]
            t = sum(p.truth for p in right)
            f = len(right) - t
            every = "yes" if len(right) == len(group) else f"**no** ({len(group) - len(right)} not)"
            row += f" {t}/{n_true} | {f}/{n_false} | {every} |"
        lines.append(row)
    return [*lines, ""]
