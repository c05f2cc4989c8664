"""How results are written for people, where more than one renderer (or a result's own
summary) needs the same text: the symbols of the relations between steps."""

from __future__ import annotations

# How a relation is written between two steps; others (<=>, =>) are shown as they are.
RELATION_SYMBOLS = {"=": "=", "==": "=", "<=": "≤", ">=": "≥", "<": "<", ">": ">", "!=": "≠"}


def relation_symbol(relation: str) -> str:
    """``<=`` as ``≤``, ``>=`` as ``≥``; a relation without a symbol of its own as it is."""
    return RELATION_SYMBOLS.get(relation, relation)
