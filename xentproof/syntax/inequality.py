"""An inequality step's text, ``"log(x) <= x - 1"``, split into its two sides and its
comparison before either side is read (a step of a chain of statements joined by ``<=>``
or ``=>``, as papers prove an inequality by rewriting it: docs/semantics.md §8).
"""

from __future__ import annotations

from ..errors import FileFormatError

COMPARISONS = ("<=", ">=", "<", ">")


def split_inequality(text: str) -> tuple[str, str, str] | None:
    """``"a*x <= b"`` → ("a*x", "<=", "b"): the one comparison outside brackets (``<=``,
    ``>=``, ``<``, ``>``; never part of ``<=>``, ``=>``, ``==`` or ``!=``); None for text
    without one."""
    depth = 0
    found: list[tuple[int, str]] = []
    k = 0
    while k < len(text):
        char = text[k]
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char in "<>" and depth == 0:
            two = text[k : k + 2]
            three = text[k : k + 3]
            before = text[k - 1] if k else ""
            if three == "<=>" or before == "=":
                k += 3 if three == "<=>" else 1
                continue
            operator = two if two in ("<=", ">=") else char
            found.append((k, operator))
            k += len(operator)
            continue
        k += 1
    if not found:
        return None
    if len(found) > 1:
        raise FileFormatError(
            "an inequality step has one comparison (<, <=, >, >=): write a chain of them"
        )
    k, operator = found[0]
    left, right = text[:k].strip(), text[k + len(operator) :].strip()
    if not left or not right:
        raise FileFormatError(f"{operator} needs an expression on each side")
    return left, operator, right
