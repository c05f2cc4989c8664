"""Convert pycodemath's VERIFY benchmark data into xentproof derivation files.

    python -m bench.convert_pycodemath            # writes bench/pycodemath_data/*.toml

The data is ``pycodemath/bench/data/derivations.jsonl`` as shipped in the installed package
(210 derivations: expression chains, equation chains and derivatives, each wrong one with a
labelled error step). Nothing here evaluates the data: the step texts are already SymPy
syntax except for three notations, which are rewritten as text:

* ``^`` becomes ``**``;
* a derivative record ``d/dx f = g1 = g2`` becomes the chain ``Derivative(f, x) = g1 = g2``
  (pycodemath numbers ``f`` as step 1, so its labelled step 2 is the first relation);
* a disjunction step ``x = a or x = b`` (xentproof has no "or" between equations) becomes
  the equation ``(x - (a))*(x - (b)) = 0``, which has the same real solutions.

Every symbol (``x``, ``y``) is declared ``real``: pycodemath checks over the reals, where
both sides are defined. A symbol that a derivation divides by (``1/x``, ``x**(-2)``) is
declared ``nonzero`` instead, so that the step is judged where it is defined, as pycodemath
judges it; such derivations go to a file of their own (``<type>-nonzero.toml``). One file
per error type (and domain); one chain per derivation, named by its id; the labelled
wrong step carries ``expect = "refuted"`` so that ``xentproof check`` on these files
passes exactly when every wrong step is refuted and every other step proved. The manifest
``index.json`` keeps, per chain, the record's label and labelled step for the benchmark's
scoring (``bench/score.py``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = HERE / "pycodemath_data"

_OR = re.compile(r"\s+or\s+", re.IGNORECASE)
_NAME = re.compile(r"[A-Za-z_]\w*")
_FUNCTIONS = {"sin", "cos", "tan", "exp", "log", "sqrt"}


def data_path() -> Path:
    import pycodemath.bench.verify_bench as vb  # the installed package's own data

    return Path(vb.DATA)


def load_records(path: Path | None = None) -> list[dict[str, Any]]:
    with (path or data_path()).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def sympy_text(text: str) -> str:
    """A step as xentproof reads it: ``^`` as ``**``."""
    return text.replace("^", "**").strip()


def equation_text(text: str) -> str:
    """An equation step; a disjunction of ``x = a`` becomes a product equal to zero."""
    alternatives = _OR.split(text)
    if len(alternatives) == 1:
        return sympy_text(text)
    factors = []
    for alternative in alternatives:
        left, right = alternative.split("=")
        factors.append(f"({sympy_text(left)} - ({sympy_text(right)}))")
    return "*".join(factors) + " = 0"


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a TOML basic string is a JSON string here


def chain_steps(rec: dict[str, Any]) -> tuple[list[str], str]:
    """The chain's steps (first without relation) and the relation that joins them."""
    if rec["kind"] == "derivative":
        first = f"Derivative({sympy_text(rec['function'])}, {rec['var']})"
        return [first, *(sympy_text(s) for s in rec["steps"])], "="
    if rec["kind"] == "equations":
        return [equation_text(s) for s in rec["steps"]], "<=>"
    return [sympy_text(s) for s in rec["steps"]], "="


def symbols_of(steps: list[str]) -> list[str]:
    names = {n for s in steps for n in _NAME.findall(s)}
    return sorted(names - _FUNCTIONS - {"Derivative"})


def divisors(steps: list[str]) -> set[str]:
    """The symbols the steps divide by, as written: ``/x``, ``/x**2``, ``x**(-3)``."""
    found: set[str] = set()
    for step in steps:
        found |= set(re.findall(r"/\s*([A-Za-z_]\w*)\b(?!\s*\()", step))
        found |= set(re.findall(r"\b([A-Za-z_]\w*)\s*\*\*\s*\(?\s*-", step))
    return found - _FUNCTIONS


def chain_toml(rec: dict[str, Any]) -> str:
    steps, rel = chain_steps(rec)
    wrong = rec["label"] == "wrong"
    error = rec["error_step"]  # pycodemath's number: step n is checked against step n - 1
    lines = [
        "[[chain]]",
        f"name = {_quote(rec['id'])}",
        f"note = {_quote(rec['template'] + ' · ' + rec['label'])}",
        "steps = [",
        f"  {_quote(steps[0])},",
    ]
    for number, expr in enumerate(steps[1:], start=2):
        if wrong and number == error:
            lines.append(
                f'  {{ rel = "{rel}", expr = {_quote(expr)}, expect = "refuted", '
                f'note = "labelled error step {error}" }},'
            )
        else:
            lines.append(f"  {_quote(rel + ' ' + expr)},")
    lines.append("]")
    return "\n".join(lines)


def convert(records: list[dict[str, Any]], out: Path = OUT) -> dict[str, dict[str, Any]]:
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.toml"):
        old.unlink()
    by_type: dict[str, list[dict[str, Any]]] = {}
    for rec in records:
        divided = divisors(chain_steps(rec)[0])
        group = rec["error_type"] + ("-nonzero" if divided else "")
        by_type.setdefault(group, []).append(rec)
    index: dict[str, dict[str, Any]] = {}
    for etype, recs in by_type.items():
        steps = [s for r in recs for s in chain_steps(r)[0]]
        header = [
            f'title = "pycodemath VERIFY data: {etype} errors"',
            'source = "pycodemath 0.4.0, bench/data/derivations.jsonl '
            '(converted by bench/convert_pycodemath.py)"',
            "",
            "[symbols]",
            *(
                f'{name} = "{"nonzero" if name in divisors(steps) else "real"}"'
                for name in symbols_of(steps)
            ),
            "",
        ]
        body = "\n\n".join(chain_toml(r) for r in recs)
        path = out / f"{etype}.toml"
        path.write_text("\n".join(header) + "\n" + body + "\n", encoding="utf-8")
        for r in recs:
            index[r["id"]] = {
                "file": path.name,
                "label": r["label"],
                "kind": r["kind"],
                "template": r["template"],
                "error_step": r["error_step"],
                "boundary": r["boundary"],
                "relations": len(chain_steps(r)[0]) - 1,
            }
    (out / "index.json").write_text(json.dumps(index, indent=1, sort_keys=True) + "\n")
    return index


def main() -> int:
    records = load_records()
    index = convert(records)
    print(f"wrote {len(index)} derivations to {OUT} ({len(list(OUT.glob('*.toml')))} files)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
