"""Mutation testing of the shipped derivations: single-edit mutants of every step must be
REFUTED, never PROVED.

    python -m bench.mutate [--timeout SECONDS] [--limit N]

Each operator makes one edit in one step (a sign flip, a dropped term, swapped operands,
exp(-x) -> exp(x), log(1 - x) -> log(x), a lost index, a bound off by one, y <-> 1 - y, ...).
A mutant is kept only when SymPy's own high-precision evaluation (``evalf`` at 40 digits,
independent of xentproof's evaluator) tells it apart from the original step at a point of
the declared domains; xentproof must then REFUTE the relation from the previous step to
the mutant. Exit status 1 if any kept mutant is PROVED.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
import tomllib
from collections import Counter
from pathlib import Path

import sympy

from xentproof import api
from xentproof.checker import domain_infos, prepare
from xentproof.domains import sample_values
from xentproof.loader import load_file
from xentproof.result import Verdict

ROOT = Path(__file__).resolve().parent.parent

# (name, pattern, replacement): each applied at one occurrence at a time.
OPERATORS: list[tuple[str, str, str]] = [
    ("sign flip", r"(?<![(*/e])- ", "+ "),
    ("sign flip", r"(?<=[ (])\+ ", "- "),
    ("exp(-x) -> exp(x)", r"exp\(-", "exp("),
    ("log(1 - x) -> log(x)", r"log\(1 - ", "log("),
    ("y <-> 1 - y", r"\(1 - y\)", "y"),
    ("y <-> 1 - y", r"(?<![\w\[])y\*log", "(1 - y)*log"),
    ("index dropped", r"\[i\]", ""),
    ("bound off by one", r"\(i, 1, N\)", "(i, 2, N)"),
    ("bound off by one", r"\(i, 1, N\)", "(i, 1, N + 1)"),
    ("power changed", r"\*\*2\b", "**3"),
    ("constant changed", r"\b1/2\b", "1/3"),
    ("dropped term", r" \+ [^()+\-]+\)$", ")"),
    ("swapped operands", r"(\w+)/\((.+?)\)", r"(\2)/\1"),
]


def _steps(chain: dict[str, object], read: list[str]) -> list[tuple[str, str, dict[str, object]]]:
    """The chain's steps as (relation, expression text, table); a step written in LaTeX is
    mutated in the expression syntax it reads as (``read``: the loader's text per step)."""
    out = []
    for k, step in enumerate(chain["steps"]):  # type: ignore[attr-defined]
        if isinstance(step, str):
            match = re.match(r"\s*(<=>|=>|<=|>=|=|<|>)", step)
            rel = match.group(1) if match else ""
            out.append((rel, step[match.end() :].strip() if match else step.strip(), {}))
        else:
            table = {key: value for key, value in step.items() if key != "latex"}
            out.append((step.get("rel", "="), step.get("expr", read[k]), table))
    return out


def differ(
    original: sympy.Basic, mutant: sympy.Basic, infos: dict[sympy.Basic, object], rng: random.Random
) -> bool:
    """Whether SymPy's evalf tells the two apart at some point of the domains."""
    if isinstance(original, sympy.Eq) or isinstance(mutant, sympy.Eq):
        return original != mutant
    symbols = sorted(
        (s for s in original.free_symbols | mutant.free_symbols if s in infos), key=str
    )
    members = sorted({a for e in (original, mutant) for a in e.atoms(sympy.Indexed)}, key=str)
    for _ in range(12):
        point = {s: rng.choice(sample_values(infos[s].domain, rng)) for s in symbols}  # type: ignore[attr-defined]
        try:
            a = original.subs(point).doit()
            b = mutant.subs(point).doit()
            extra = {
                m: sympy.Rational(rng.randint(1, 99), 100)
                for m in (a.atoms(sympy.Indexed) | b.atoms(sympy.Indexed) | set(members))
            }
            value = (a.subs(extra) - b.subs(extra)).evalf(40)
        except (TypeError, ValueError, ZeroDivisionError, AttributeError):
            continue
        if value.is_number and value.is_finite and abs(value) > 1e-20:
            return True
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=5.0)
    parser.add_argument("--limit", type=int, default=0, help="stop after N kept mutants")
    args = parser.parse_args()
    rng = random.Random(0)
    tally: Counter[str] = Counter()
    by_operator: Counter[tuple[str, str]] = Counter()
    proved: list[str] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        for source in sorted((ROOT / "derivations").glob("*.toml")):
            text = source.read_text(encoding="utf-8")
            header = text.split("[[chain]]")[0]
            loaded = {c.name: [s.text for s in c.steps] for c in load_file(source).chains}
            for chain in tomllib.loads(text)["chain"]:
                steps = _steps(chain, loaded[chain["name"]])
                for k in range(1, len(steps)):
                    rel, expr, table = steps[k]
                    if table.get("expect"):
                        continue
                    for name, pattern, replacement in OPERATORS:
                        for match in re.finditer(pattern, expr):
                            mutated = (
                                expr[: match.start()]
                                + match.expand(replacement)
                                + expr[match.end() :]
                            )
                            if mutated == expr:
                                continue
                            where = chain.get("where")
                            where_text = (
                                (
                                    "where = { "
                                    + ", ".join(f'{a} = "{b}"' for a, b in where.items())
                                    + " }\n"
                                )
                                if where
                                else ""
                            )
                            body = (
                                header
                                + '[[chain]]\nname = "m"\n'
                                + where_text
                                + f"steps = [{json.dumps(steps[k - 1][1])}, "
                                f"{{ rel = {json.dumps(rel)}, expr = {json.dumps(expr)} }}, "
                                f"{{ rel = {json.dumps(rel)}, expr = {json.dumps(mutated)} }}]\n"
                            )
                            path = Path(scratch) / f"m{sum(tally.values())}.toml"
                            path.write_text(body, encoding="utf-8")
                            try:
                                derivation = load_file(path)
                            except Exception:
                                tally["unreadable"] += 1
                                continue
                            chain_m = derivation.chains[0]
                            infos = domain_infos(derivation, chain_m)
                            original, mutant = (
                                prepare(s.expr, derivation.definitions()) for s in chain_m.steps[1:]
                            )
                            if not differ(original, mutant, infos, rng):
                                tally["equivalent (dropped)"] += 1
                                continue
                            # the relation from the previous step to the mutant
                            single = body.replace(
                                f"{{ rel = {json.dumps(rel)}, expr = {json.dumps(expr)} }}, ", ""
                            )
                            path.write_text(single, encoding="utf-8")
                            report = api.check_paths([path], timeout=args.timeout)
                            if report.errors:
                                tally["unreadable"] += 1
                                continue
                            verdict = report.relations[0].verdict
                            tally[verdict.value] += 1
                            by_operator[(name, verdict.value)] += 1
                            if verdict is Verdict.PROVED:
                                proved.append(f"{source.name} {chain['name']}: {mutated}")
                            kept = sum(tally[v.value] for v in Verdict)
                            if args.limit and kept >= args.limit:
                                break
    kept = sum(tally[v.value] for v in Verdict)
    print(
        f"mutants kept: {kept}; REFUTED {tally['refuted']}, PROVED {tally['proved']}, "
        f"UNPROVED {tally['unproved']}; equivalent and dropped: "
        f"{tally['equivalent (dropped)']}; unreadable: {tally['unreadable']}; "
        f"{time.perf_counter() - started:.1f} s"
    )
    for (name, verdict), count in sorted(by_operator.items()):
        print(f"  {name:24s} {verdict:9s} {count}")
    for line in proved:
        print(f"PROVED (must not happen): {line}")
    return 1 if proved else 0


if __name__ == "__main__":
    sys.exit(main())
