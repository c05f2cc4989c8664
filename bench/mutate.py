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
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sympy

from xentproof import api
from xentproof.domains import sample_values
from xentproof.loader import load_file
from xentproof.model import Domain
from xentproof.prepared import domain_infos, prepare
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


def _steps(chain: Mapping[str, Any], read: list[str]) -> list[tuple[str, str, dict[str, Any]]]:
    """The chain's steps as (relation, expression text, table); a step written in LaTeX is
    mutated in the expression syntax it reads as (``read``: the loader's text per step)."""
    out: list[tuple[str, str, dict[str, Any]]] = []
    for k, step in enumerate(chain["steps"]):
        if isinstance(step, str):
            match = re.match(r"\s*(<=>|=>|<=|>=|=|<|>)", step)
            rel = match.group(1) if match else ""
            out.append((rel, step[match.end() :].strip() if match else step.strip(), {}))
        else:
            table = {key: value for key, value in step.items() if key != "latex"}
            out.append((step.get("rel", "="), step.get("expr", read[k]), table))
    return out


def differ(
    original: sympy.Basic,
    mutant: sympy.Basic,
    domains: Mapping[sympy.Basic, Domain],
    rng: random.Random,
) -> bool:
    """Whether SymPy's evalf tells the two apart at some point of the domains."""
    if isinstance(original, sympy.Eq) or isinstance(mutant, sympy.Eq):
        return bool(original != mutant)
    symbols = sorted(
        (s for s in original.free_symbols | mutant.free_symbols if s in domains), key=str
    )
    members = sorted({a for e in (original, mutant) for a in e.atoms(sympy.Indexed)}, key=str)
    for _ in range(12):
        point = {s: rng.choice(sample_values(domains[s], rng)) for s in symbols}
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


@dataclass
class Tally:
    """What became of the mutants: per outcome (a verdict, ``unreadable`` or ``equivalent
    (dropped)``), per operator and verdict, and every mutant PROVED."""

    outcomes: Counter[str] = field(default_factory=Counter)
    by_operator: Counter[tuple[str, str]] = field(default_factory=Counter)
    proved: list[str] = field(default_factory=list)

    @property
    def kept(self) -> int:
        """The mutants checked: those evaluation told apart from the original step."""
        return sum(self.outcomes[v.value] for v in Verdict)


@dataclass(frozen=True)
class Mutant:
    """One edit of one step: ``expr`` (reached from ``previous`` by ``rel``) became
    ``mutated`` by ``operator``."""

    operator: str
    source: str  # the shipped file's name
    chain: dict[str, Any]  # the chain's table as written
    previous: str
    rel: str
    expr: str
    mutated: str

    def file_text(self, header: str) -> str:
        """A derivation file with ``header``'s declarations and one chain: the previous
        step, the original step, the mutant."""
        where = self.chain.get("where")
        where_text = (
            "where = { " + ", ".join(f'{a} = "{b}"' for a, b in where.items()) + " }\n"
            if where
            else ""
        )
        return (
            header
            + '[[chain]]\nname = "m"\n'
            + where_text
            + f"steps = [{json.dumps(self.previous)}, "
            f"{{ rel = {json.dumps(self.rel)}, expr = {json.dumps(self.expr)} }}, "
            f"{{ rel = {json.dumps(self.rel)}, expr = {json.dumps(self.mutated)} }}]\n"
        )


def mutate_file(
    source: Path, scratch: Path, timeout: float, limit: int, rng: random.Random, tally: Tally
) -> None:
    """Every operator at every place it applies in every step of a shipped file that is not
    expected to fail, each mutant checked (``check``)."""
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
                        expr[: match.start()] + match.expand(replacement) + expr[match.end() :]
                    )
                    if mutated == expr:
                        continue
                    mutant = Mutant(name, source.name, chain, steps[k - 1][1], rel, expr, mutated)
                    check(mutant, header, scratch, timeout, rng, tally)
                    if limit and tally.kept >= limit:
                        return


def check(
    mutant: Mutant, header: str, scratch: Path, timeout: float, rng: random.Random, tally: Tally
) -> None:
    """Keep the mutant if evaluation tells it apart from the original step, then check the
    relation from the previous step to it with xentproof; counted in ``tally``."""
    body = mutant.file_text(header)
    path = scratch / f"m{sum(tally.outcomes.values())}.toml"
    path.write_text(body, encoding="utf-8")
    try:
        derivation = load_file(path)
    except Exception:
        tally.outcomes["unreadable"] += 1
        return
    chain_m = derivation.chains[0]
    domains = {s: info.domain for s, info in domain_infos(derivation, chain_m).items()}
    original, changed = (prepare(s.expr, derivation.definitions()) for s in chain_m.steps[1:])
    if not differ(original, changed, domains, rng):
        tally.outcomes["equivalent (dropped)"] += 1
        return
    # the relation from the previous step to the mutant
    original_step = f"{{ rel = {json.dumps(mutant.rel)}, expr = {json.dumps(mutant.expr)} }}, "
    path.write_text(body.replace(original_step, ""), encoding="utf-8")
    report = api.check_paths([path], timeout=timeout)
    if report.errors:
        tally.outcomes["unreadable"] += 1
        return
    verdict = report.relations[0].verdict
    tally.outcomes[verdict.value] += 1
    tally.by_operator[(mutant.operator, verdict.value)] += 1
    if verdict is Verdict.PROVED:
        tally.proved.append(f"{mutant.source} {mutant.chain['name']}: {mutant.mutated}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=5.0)
    parser.add_argument("--limit", type=int, default=0, help="stop after N kept mutants")
    args = parser.parse_args()
    rng = random.Random(0)
    tally = Tally()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        for source in sorted((ROOT / "derivations").glob("*.toml")):
            mutate_file(source, Path(scratch), args.timeout, args.limit, rng, tally)
            if args.limit and tally.kept >= args.limit:
                break
    counts = tally.outcomes
    print(
        f"mutants kept: {tally.kept}; REFUTED {counts['refuted']}, PROVED {counts['proved']}, "
        f"UNPROVED {counts['unproved']}; equivalent and dropped: "
        f"{counts['equivalent (dropped)']}; unreadable: {counts['unreadable']}; "
        f"{time.perf_counter() - started:.1f} s"
    )
    for (name, verdict), count in sorted(tally.by_operator.items()):
        print(f"  {name:24s} {verdict:9s} {count}")
    for line in tally.proved:
        print(f"PROVED (must not happen): {line}")
    return 1 if tally.proved else 0


if __name__ == "__main__":
    sys.exit(main())
