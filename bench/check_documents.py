"""How much of a real document does ``xentproof check`` read, and what does it find?

    python -m bench.check_documents               # every document of bench/documents/
    python -m bench.check_documents -v            # and every display not read, with why
    python -m bench.check_documents --only lmu    # documents whose folder contains 'lmu'

Each folder of ``bench/documents/`` holds a public document (its source named in
``SOURCE.md``), unchanged, and beside it a copy ``NAME.checked.EXT`` with the directives a
careful author would add (``symbols:``, ``let:``, ``range:``, ``log-base:``, ``where:``,
``skip``, ``expect: refuted`` for the source's own errata): the copy with its directive
lines removed is the original, byte for byte (``tests/test_bench_documents.py``). A copy
may have a sidecar ``NAME.checked.xentproof.toml`` (macros from preamble files that are not
copied, ``skip-inputs`` for them). Both the original and the copy are checked, each
relation under the time budget, and the table says per document: displays, chains read,
relations proved / refuted / unproved, and displays not read, with the reasons counted.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

DOCUMENTS = Path(__file__).resolve().parent / "documents"
SUFFIXES = (".md", ".tex")


@dataclass
class Measured:
    """What one check of one document found."""

    name: str
    displays: int = 0
    chains: int = 0
    relations: int = 0
    proved: int = 0
    refuted: int = 0
    expected: int = 0  # refuted as expected (an erratum of the source, marked)
    unproved: int = 0
    not_read: list[tuple[int, str]] = field(default_factory=list)
    error: str = ""


def documents(only: str | None) -> list[tuple[Path, Path | None]]:
    """(original, checked copy or None) for every document of the bench."""
    found: list[tuple[Path, Path | None]] = []
    for folder in sorted(p for p in DOCUMENTS.iterdir() if p.is_dir()):
        if only and only not in folder.name:
            continue
        for path in sorted(folder.iterdir()):
            if path.suffix not in SUFFIXES or path.name == "SOURCE.md" or ".checked." in path.name:
                continue
            copy = path.with_name(f"{path.stem}.checked{path.suffix}")
            found.append((path, copy if copy.exists() else None))
    return found


def measure(path: Path, timeout: float, workers: int) -> Measured:
    from xentproof import api
    from xentproof.result import Verdict

    measured = Measured(f"{path.parent.name}/{path.name}")
    report = api.check_paths([path], timeout=timeout, workers=workers)
    if report.errors:
        measured.error = "; ".join(p.message for p in report.errors)
        return measured
    (document,) = report.derivations
    assert document.coverage is not None
    measured.displays = len(document.coverage.displays)
    measured.chains = len(document.chains)
    for relation in document.relations:
        measured.relations += 1
        if relation.verdict is Verdict.PROVED:
            measured.proved += 1
        elif relation.verdict is Verdict.REFUTED:
            measured.refuted += 1
            measured.expected += relation.expected_refuted
        else:
            measured.unproved += 1
    measured.not_read = [(d.line, d.reason) for d in document.coverage.not_read]
    return measured


_CAUSES = [
    (r"^undeclared: ", "undeclared names"),
    (r"LaTeX command (\\[A-Za-z]+)", r"command \1 not understood"),
    (r"environment (\w+)", r"environment \1"),
    (r"text between formulas", "text between formulas"),
    (r"side by side", "equations side by side in columns"),
    (r"≈", "≈ (approximately)"),
    (r"\\sum.*index must be", "\\sum over an index that is no declared name"),
    (r"without a start|write the index's start", "\\sum without a start"),
    (r"expected '\{' after \\sum_|\\sum_\w without", "\\sum_j without a range"),
    (r"is an indexed family", "family without its index"),
    (r"takes \d index", "family member with another number of indices"),
    (r"∈ \(membership\)", "∈ between steps"),
    (r"→", "→ between steps"),
    (r"∝", "∝ between steps"),
]


def cause(reason: str) -> str:
    """The kind of a reason for *not read*, to count them by."""
    text = re.sub(r"^line \d+: ", "", reason)
    text = re.sub(r"^in the LaTeX '.*?', column \d+: ", "", text)
    for pattern, name in _CAUSES:
        found = re.search(pattern, text)
        if found:
            return found.expand(name) if "\\1" in name else name
    return text[:70]


def table(rows: list[tuple[Measured, Measured | None]]) -> str:
    lines = [
        "| document | as published: displays / chains / not read | with directives: displays | "
        "chains read | relations | proved | refuted (expected) | unproved | not read |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for original, checked in rows:
        before = (
            f"error: {original.error[:40]}"
            if original.error
            else f"{original.displays} / {original.chains} / {len(original.not_read)}"
        )
        if checked is None:
            lines.append(f"| {original.name} | {before} | – | – | – | – | – | – | – |")
            continue
        if checked.error:
            lines.append(f"| {original.name} | {before} | error: {checked.error[:60]} |||||||")
            continue
        lines.append(
            f"| {original.name} | {before} | {checked.displays} | {checked.chains} | "
            f"{checked.relations} | {checked.proved} | {checked.refuted} ({checked.expected}) | "
            f"{checked.unproved} | {len(checked.not_read)} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", help="documents whose folder name contains this")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per relation")
    parser.add_argument("-j", "--jobs", type=int, default=2, help="worker processes")
    parser.add_argument("-v", "--verbose", action="store_true", help="every display not read")
    args = parser.parse_args(argv)
    rows: list[tuple[Measured, Measured | None]] = []
    for original, copy in documents(args.only):
        before = measure(original, args.timeout, args.jobs)
        after = measure(copy, args.timeout, args.jobs) if copy is not None else None
        rows.append((before, after))
    print(table(rows))
    causes: Counter[str] = Counter()
    for _, after in rows:
        for _, reason in after.not_read if after is not None else ():
            causes[cause(reason)] += 1
    print(f"\nDisplays not read with the directives, by cause ({sum(causes.values())}):\n")
    for name, count in causes.most_common():
        print(f"- {count:3d}  {name}")
    if args.verbose:
        for _, after in rows:
            if after is None:
                continue
            print(f"\n{after.name}:")
            for line, reason in after.not_read:
                print(f"- line {line}: {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
