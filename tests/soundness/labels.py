"""The corpus's labels (``labels.toml``) joined to the relations the reference reads."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from tests.reference import ChainRelations, Relation, read_chains

HERE = Path(__file__).parent
CORPUS = HERE / "corpus"
LABELS = HERE / "labels.toml"


@dataclass(frozen=True)
class Labelled:
    """One labelled relation of the corpus."""

    file: str
    chain: str
    index: int  # from 1; 0 for a chain's conclusion
    cls: str
    truth: bool
    witness: dict[str, str]
    relation: Relation | None  # None: not readable by the reference (should not happen)
    note: str = ""

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.file, self.chain, self.index)


@dataclass
class Corpus:
    labels: list[Labelled] = field(default_factory=list)
    conclusions: list[Labelled] = field(default_factory=list)
    files: dict[str, dict[str, object]] = field(default_factory=dict)

    @property
    def checked_files(self) -> list[Path]:
        return [CORPUS / p for p, info in self.files.items() if not info.get("library")]


def _conclusion(chain: ChainRelations) -> Relation | None:
    """first REL last, calc-style, by the contract (None when the chain concludes nothing)."""
    rels = {r.rel for r in chain.relations if r is not None}
    if any(r is None for r in chain.relations) or rels & {"<=>", "=>"}:
        return None
    kinds = rels - {"="}
    if not kinds:
        rel = "="
    elif kinds <= {"<", "<="}:
        rel = "<" if "<" in kinds else "<="
    elif kinds <= {">", ">="}:
        rel = ">" if ">" in kinds else ">="
    else:
        return None
    first, last = chain.relations[0], chain.relations[-1]
    assert first is not None and last is not None
    return Relation(rel, first.lhs, last.rhs, first.decl, (first.text[0], last.text[1]))


def load_corpus(labels_path: Path = LABELS) -> Corpus:
    data = tomllib.loads(labels_path.read_text(encoding="utf-8"))
    corpus = Corpus(files={f["path"]: f for f in data.get("file", [])})
    chains: dict[tuple[str, str], ChainRelations] = {}
    entries = data.get("relation", []) + data.get("conclusion", [])
    meanings: dict[str, dict[tuple[str, int], str]] = {}
    for entry in entries:
        for k, v in entry.get("meaning", {}).items():
            meanings.setdefault(entry["file"], {})[(entry["chain"], int(k))] = v
    for entry in entries:
        path = entry["file"]
        if (path, entry["chain"]) not in chains:
            for chain in read_chains(CORPUS / path, meanings.get(path, {})):
                chains[(path, chain.name)] = chain
        chain = chains[(path, entry["chain"])]
        index = entry.get("index", 0)
        relation = chain.relations[index - 1] if index else _conclusion(chain)
        labelled = Labelled(
            path,
            entry["chain"],
            index,
            entry["class"],
            entry["truth"],
            dict(entry.get("witness", {})),
            relation,
            entry.get("note", ""),
        )
        (corpus.labels if index else corpus.conclusions).append(labelled)
    return corpus
