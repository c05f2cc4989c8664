"""A derivation file's part of the report as JSON values, and back: what a file record of
the proof cache keeps (``xentproof.warm``).

Decoding checks every value's type and rebuilds the frozen results exactly; anything else
raises ``ValueError``. A result read back is marked as coming from the cache; its
``seconds`` are those it took when it was decided (what an UNPROVED relation used of its
budget, which the report shows). Only a derivation file's results are kept: a document's
(with its coverage) never are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from typing import Any

from .result import ChainResult, Counterexample, DerivationResult, RelationResult, Verdict

_RELATION_FIELDS = tuple(f.name for f in fields(RelationResult))
# a relation's field and its type as written (the module reads annotations as text)
_RELATION_TYPES = {f.name: str(f.type) for f in fields(RelationResult)}
_UNKEPT = frozenset({"cached"})  # a record's relations come from the cache
_TEXTS = ("lhs_approx", "rhs_approx", "lhs", "rhs")


def encode_derivation(result: DerivationResult) -> dict[str, Any]:
    """The results of a derivation file as JSON values (cache marks left out)."""
    if result.coverage is not None:
        raise ValueError("a document's results are not kept")
    return {
        "file": result.file,
        "title": result.title,
        "source": result.source,
        "chains": [_encode_chain(c) for c in result.chains],
    }


def _encode_chain(chain: ChainResult) -> dict[str, Any]:
    return {
        "name": chain.name,
        "line": chain.line,
        "relations": [_encode_relation(r) for r in chain.relations],
        "claims": list(chain.claims),
        "first_display": chain.first_display,
        "lemma": chain.lemma,
        "concludes": chain.concludes,
        "last_display": chain.last_display,
    }


def _encode_relation(relation: RelationResult) -> dict[str, Any]:
    encoded: dict[str, Any] = {}
    for name in _RELATION_FIELDS:
        value = getattr(relation, name)
        if name in _UNKEPT:
            continue
        if isinstance(value, Verdict):
            value = value.value
        elif isinstance(value, tuple):
            value = list(value)
        elif isinstance(value, Counterexample):
            value = {"point": dict(value.point), **{t: getattr(value, t) for t in _TEXTS}}
        encoded[name] = value
    return encoded


def decode_derivation(data: Any) -> DerivationResult:
    """The results that ``encode_derivation`` wrote, each relation marked cached; raises
    ``ValueError`` for anything that is not such a record."""
    record = _mapping(data, {"file", "title", "source", "chains"})
    return DerivationResult(
        _text(record["file"]),
        _text(record["title"]),
        tuple(_decode_chain(c) for c in _list(record["chains"])),
        _optional_text(record["source"]),
        None,
    )


def _decode_chain(data: Any) -> ChainResult:
    chain = _mapping(
        data,
        {"name", "line", "relations", "claims", "first_display", "lemma", "concludes"}
        | {"last_display"},
    )
    return ChainResult(
        name=_text(chain["name"]),
        line=_whole(chain["line"]),
        relations=tuple(_decode_relation(r) for r in _list(chain["relations"])),
        claims=_texts(chain["claims"]),
        first_display=_text(chain["first_display"]),
        lemma=_optional_text(chain["lemma"]),
        concludes=_optional_text(chain["concludes"]),
        last_display=_text(chain["last_display"]),
    )


def _decode_relation(data: Any) -> RelationResult:
    relation = _mapping(data, set(_RELATION_FIELDS) - _UNKEPT)
    values = {name: _DECODERS[_RELATION_TYPES[name]](relation[name]) for name in relation}
    return RelationResult(**values, cached=True)


def _decode_counterexample(data: Any) -> Counterexample:
    example = _mapping(data, {"point", *_TEXTS})
    point = _mapping(example["point"], None)
    return Counterexample(
        point={_text(k): _text(v) for k, v in point.items()},
        **{t: _text(example[t]) for t in _TEXTS},
    )


def _mapping(data: Any, keys: set[str] | None) -> dict[str, Any]:
    if not isinstance(data, dict) or (keys is not None and set(data) != keys):
        raise ValueError("not a file record")
    return data


def _list(data: Any) -> list[Any]:
    if not isinstance(data, list):
        raise ValueError("not a file record")
    return data


def _text(data: Any) -> str:
    if not isinstance(data, str):
        raise ValueError("not a file record")
    return data


def _optional_text(data: Any) -> str | None:
    return None if data is None else _text(data)


def _texts(data: Any) -> tuple[str, ...]:
    return tuple(_text(t) for t in _list(data))


def _whole(data: Any) -> int:
    if isinstance(data, bool) or not isinstance(data, int):
        raise ValueError("not a file record")
    return data


def _optional_number(data: Any) -> float | None:
    return None if data is None else _number(data)


def _number(data: Any) -> float:
    if isinstance(data, bool) or not isinstance(data, int | float):
        raise ValueError("not a file record")
    return float(data)


def _verdict(data: Any) -> Verdict:
    return Verdict(_text(data))


def _optional_counterexample(data: Any) -> Counterexample | None:
    return None if data is None else _decode_counterexample(data)


# How each type a relation's field may have is read back; a field of another type is an
# error at import, so that a field added to RelationResult is never left out of records.
_DECODERS: dict[str, Callable[[Any], Any]] = {
    "int": _whole,
    "float": _number,
    "float | None": _optional_number,
    "str": _text,
    "str | None": _optional_text,
    "tuple[str, ...]": _texts,
    "Verdict": _verdict,
    "Counterexample | None": _optional_counterexample,
}
_UNKNOWN = {n: t for n, t in _RELATION_TYPES.items() if n not in _UNKEPT and t not in _DECODERS}
if _UNKNOWN:
    raise TypeError(f"a file record cannot keep these fields of RelationResult: {_UNKNOWN}")
