"""Every verdict of a run, row by row, for comparing two commits (no timings).

    python -m bench.snapshot -o before.json                 # shipped, corpus, pycodemath data
    python -m bench.snapshot -o after.json && python -m bench.snapshot --diff before.json after.json

A row is one relation: its file, chain and index with every field of its result that says
what was decided and why (verdict, method, conditions, counterexample, evidence, reason,
warnings); ``seconds`` and ``cached`` are left out. Runs with no cache, in worker processes.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

DEFAULT_PATHS = ("derivations", "bench/corpus", "bench/pycodemath_data")
VOLATILE = {"seconds", "cached"}


def snapshot(paths: list[str], timeout: float, workers: int) -> dict[str, Any]:
    from xentproof import check_paths
    from xentproof.render.json import report_to_dict

    report = report_to_dict(check_paths(paths, timeout=timeout, workers=workers))
    rows: dict[str, Any] = {}
    for derivation in report["derivations"]:
        for chain in derivation["chains"]:
            for relation in chain["relations"]:
                key = f"{derivation['file']}::{chain['name']}::{relation['index']}"
                rows[key] = {k: v for k, v in relation.items() if k not in VOLATILE}
    return {"errors": report["errors"], "rows": rows}


def diff(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    out: list[str] = []
    if before["errors"] != after["errors"]:
        out.append(f"errors differ: {before['errors']} != {after['errors']}")
    for key in sorted(set(before["rows"]) | set(after["rows"])):
        a, b = before["rows"].get(key), after["rows"].get(key)
        if a is None or b is None:
            out.append(f"{key}: only {'after' if a is None else 'before'}")
            continue
        for field in sorted(set(a) | set(b)):
            if a.get(field) != b.get(field):
                out.append(f"{key}: {field}: {a.get(field)!r} -> {b.get(field)!r}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=list(DEFAULT_PATHS))
    parser.add_argument("-o", "--output", help="write the snapshot here (default: stdout)")
    parser.add_argument("--timeout", type=float, default=5.0)
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--diff", nargs=2, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args(argv)
    if args.diff:
        before, after = (json.loads(Path(p).read_text()) for p in args.diff)
        lines = diff(before, after)
        print("\n".join(lines) if lines else f"identical: {len(before['rows'])} rows")
        return 1 if lines else 0
    text = json.dumps(snapshot(args.paths, args.timeout, args.jobs), indent=1, sort_keys=True)
    if args.output:
        Path(args.output).write_text(text + "\n")
    else:
        sys.stdout.write(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
