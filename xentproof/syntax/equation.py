"""An equation step's text, ``"P = a*b"``, split into its two sides before either is read.

The loader reads each side as an expression; the LaTeX printer prints each side.
"""

from __future__ import annotations

from ..errors import FileFormatError


def split_equation(text: str) -> tuple[str, str] | None:
    """``"P = a*b"`` → ("P", "a*b"): the one ``=`` outside brackets that is not part of
    ``<=``, ``>=``, ``==`` or ``!=``; None for a plain expression."""
    depth = 0
    found: list[int] = []
    for k, char in enumerate(text):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "=" and depth == 0:
            before = text[k - 1] if k else ""
            after = text[k + 1] if k + 1 < len(text) else ""
            if before not in "<>=!" and after != "=":
                found.append(k)
    if len(found) != 1:
        if len(found) > 1:
            raise FileFormatError("an equation step has one '=': write a chain of equations")
        return None
    k = found[0]
    return text[:k].strip(), text[k + 1 :].strip()
