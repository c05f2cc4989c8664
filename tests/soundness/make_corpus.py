"""Write the soundness corpus: ``cases/*.py`` → ``corpus/**/*.toml`` and ``labels.toml``.

    python -m tests.soundness.make_corpus

The derivation files are ordinary files in the README's format; the labels are kept apart,
one per relation (file, chain, relation index from 1), so that the checker never sees them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from .cases import Chain, File, Label, catalogue

HERE = Path(__file__).parent
CORPUS = HERE / "corpus"
LABELS = HERE / "labels.toml"


def _string(text: str, literal: bool = False) -> str:
    if literal and "'" not in text and "\n" not in text:
        return f"'{text}'"
    return json.dumps(text, ensure_ascii=False)


def _value(value: Any, key: str = "") -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return _string(value, literal=key == "latex")
    if isinstance(value, dict):
        inner = ", ".join(f"{_key(k)} = {_value(v, k)}" for k, v in value.items())
        return "{ " + inner + " }"
    raise TypeError(value)


def _key(key: str) -> str:
    plain = key.replace("_", "").replace("-", "").isalnum()
    return key if plain else json.dumps(key)


def _chain(chain: Chain) -> list[str]:
    lines = ["", "[[chain]]", f"name = {_string(chain.name)}"]
    if chain.note:
        lines.append(f"note = {_string(chain.note)}")
    if chain.where:
        lines.append(f"where = {_value(chain.where)}")
    if chain.assume:
        lines.append(f"assume = {_value(chain.assume)}")
    if chain.lemma:
        lines.append(f"lemma = {_string(chain.lemma)}")
    lines.append("steps = [")
    lines.extend(f"  {_value(step)}," for step in chain.steps)
    lines.append("]")
    return lines


def derivation_text(file: File) -> str:
    lines = [f"title = {_string('Soundness corpus: ' + file.path.removesuffix('.toml'))}"]
    for table, entries in (
        ("symbols", file.symbols),
        ("functions", file.functions),
        ("constraints", file.constraints),
        ("latex", file.latex),
    ):
        if entries:
            lines += ["", f"[{table}]"]
            lines += [
                f"{_key(k)} = {_value(v) if isinstance(v, dict) else _string(v, table == 'latex')}"
                for k, v in entries.items()
            ]
    for chain in file.chains:
        lines += _chain(chain)
    return "\n".join(lines) + "\n"


def _label(file: File, chain: Chain, index: int, label: Label, table: str) -> list[str]:
    lines = [
        "",
        f"[[{table}]]",
        f"file = {_string(file.path)}",
        f"chain = {_string(chain.name)}",
    ]
    if table == "relation":
        lines.append(f"index = {index}")
    lines += [f"class = {_string(file.cls)}", f"truth = {_value(label.truth)}"]
    if not label.truth:
        lines.append(f"witness = {_value(label.witness)}")
    if chain.meanings:
        lines.append(f"meaning = {_value({str(k): v for k, v in chain.meanings.items()})}")
    if label.note:
        lines.append(f"note = {_string(label.note)}")
    return lines


def labels_text(files: list[File]) -> str:
    lines = [
        "# Labels of the soundness corpus (written by make_corpus.py from cases/; do not edit).",
        "# truth: the relation by the contract of docs/semantics.md; witness: a point where a",
        "# false one does not hold; meaning: what a LaTeX step means (by step number from 1).",
    ]
    for file in files:
        lines += ["", "[[file]]", f"path = {_string(file.path)}", f"class = {_string(file.cls)}"]
        lines += [f"library = {_value(file.library)}"]
        lines += [f"input_error_ok = {_value(file.input_error_ok)}"]
    for file in files:
        for chain in file.chains:
            if len(chain.labels) != len(chain.steps) - 1:
                raise ValueError(f"{file.path}::{chain.name}: one label per relation")
            if file.library:
                continue
            for index, label in enumerate(chain.labels, start=1):
                lines += _label(file, chain, index, label, "relation")
            if chain.conclusion is not None:
                lines += _label(file, chain, 0, chain.conclusion, "conclusion")
    return "\n".join(lines) + "\n"


def main() -> None:
    files = catalogue()
    names = [f.path for f in files]
    if len(set(names)) != len(names):
        raise ValueError("two files with the same path")
    if CORPUS.exists():
        shutil.rmtree(CORPUS)
    for file in files:
        target = CORPUS / file.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(derivation_text(file), encoding="utf-8")
    LABELS.write_text(labels_text(files), encoding="utf-8")
    relations = sum(len(c.labels) for f in files if not f.library for c in f.chains)
    print(f"wrote {len(files)} files, {relations} labelled relations")


if __name__ == "__main__":
    main()
