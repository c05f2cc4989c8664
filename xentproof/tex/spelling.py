"""How names are spelled in a LaTeX text: where a name's LaTeX is written at a place
(``match_name``), and how a run of letters splits into declared names (``split_run``).
No grammar and no tokens: the lexer asks these as it splits the text."""

from __future__ import annotations

import re
from collections.abc import Mapping

from .names import BUILTIN_FUNCTIONS, DOUBLE_BAR


def match_name(key: str, text: str, k: int) -> int | None:
    """Where the name written ``key`` (canonical LaTeX) ends if it is written at ``k``,
    blanks aside; a script of one token may go without braces (``y_1`` for ``y_{1}``)."""
    j, m = k, 0
    while m < len(key) and j < len(text):
        if key[m] == " ":
            m += 1
            continue
        if text[j].isspace():
            j += 1
            continue
        if key[m] == "{" and m and key[m - 1] in "^_" and text[j] != "{":
            close = key.find("}", m)
            token = re.match(r"\\[A-Za-z]+|\\.|.", text[j:])
            if close < 0 or token is None or token.group(0) != key[m + 1 : close]:
                return None
            m, j = close + 1, j + token.end()
            continue
        bars = DOUBLE_BAR.match(text, j)
        if bars is not None and key.startswith("\\|", m):  # ‖ written \|, || or \Vert
            m, j = m + 2, bars.end()
            continue
        bold = re.match(r"\\bm(?![A-Za-z])", text[j:])
        if bold is not None and key.startswith("\\boldsymbol", m):  # \bm is \boldsymbol
            m, j = m + len("\\boldsymbol"), j + bold.end()
            continue
        if key[m] != text[j]:
            return None
        m, j = m + 1, j + 1
    if m < len(key):
        return None
    if key[-1].isalpha() and j < len(text) and text[j].isalpha() and "\\" in key:
        return None  # \hat{y}a: the name goes on
    return j


def split_run(run: str, words: set[str]) -> list[tuple[int, str]] | str:
    """A letter run as declared names, in the only way it splits; else why not.

    A run that cannot be read becomes an ``unknown`` token, an error only when the
    parser reaches it: the condition in ``P(y|x)`` is compared as text, not read."""
    ways: list[list[tuple[int, str]]] = []

    def go(start: int, acc: list[tuple[int, str]]) -> None:
        if len(ways) > 1:
            return
        if start == len(run):
            ways.append(list(acc))
            return
        for end in range(len(run), start, -1):
            piece = run[start:end]
            if piece in words:
                acc.append((start, piece))
                go(end, acc)
                acc.pop()

    go(0, [])
    if not ways:
        known = sorted(words - set(BUILTIN_FUNCTIONS) - {"e"})
        return (
            f"cannot read {run!r} as declared names (known: {', '.join(known) or 'none'}); "
            "declare the name, or give its LaTeX in [latex]"
        )
    if len(ways) > 1:
        shown = " or ".join("·".join(p for _, p in way) for way in ways)
        return f"{run!r} is ambiguous: it reads as {shown}; write the names apart with \\cdot"
    return ways[0]


def member_alike(
    key: str, names: Mapping[str, tuple[str, ...]], families: Mapping[str, object]
) -> str | None:
    """Why ``key`` (the canonical LaTeX of a declared name, ``y_{1}``) is ambiguous: it is
    also how a member of a declared family is written (``y_{1}`` is ``y[1]``, and ``y_1``
    typesets alike). None if it is not. ``names`` maps LaTeX to the names it stands for."""
    script = re.fullmatch(r"(?P<base>.+?)(?:_\{(?P<sub>[^{}]*)\}|\^\{\((?P<sup>[^{}]*)\)\})", key)
    if script is None:
        return None
    found = [n for n in names.get(script.group("base"), ()) if n in families]
    if not found:
        return None
    index = script.group("sub") or script.group("sup")
    parts = [part.strip() for part in index.split(",")]
    if not all(part.isdigit() or part in names for part in parts):
        return None  # p_{X} with X no declared name: no member of p is written so
    shown = " and ".join(names[key])
    return (
        f"{key} is ambiguous: it is the LaTeX of {shown} and also the member "
        f"{found[0]}[{index}] of the family {found[0]} (they typeset alike); "
        f"give {shown} another LaTeX in [latex]"
    )


def prime_alike(
    key: str, names: Mapping[str, tuple[str, ...]], functions: Mapping[str, object]
) -> str | None:
    """Why ``key`` (the canonical LaTeX of a declared name, ``s'``) is ambiguous: it is
    also the derivative of a declared function written with primes (``s'(z)`` is d/dz
    s(z)). None if it is not."""
    primed = re.fullmatch(r"(?P<base>.+?)'+", key)
    if primed is None:
        return None
    found = [n for n in names.get(primed.group("base"), ()) if n in functions]
    if not found:
        return None
    shown = " and ".join(names[key])
    return (
        f"{key} is ambiguous: it is the LaTeX of {shown} and also the derivative of the "
        f"function {found[0]} ({key}(x) is d/dx {found[0]}(x)); give {shown} another "
        "LaTeX in [latex]"
    )


def blanks_clash(chunks: list[str], words: set[str]) -> str | None:
    """Why letters written apart by blanks (``y z``) are ambiguous: TeX ignores the blanks,
    so they typeset as the run ``yz``, which also reads another way (the name ``yz``).
    None if they are not."""
    if len(chunks) < 2:
        return None
    joined = split_run("".join(chunks), words)
    ends = {sum(len(c) for c in chunks[: n + 1]) for n in range(len(chunks))}
    if isinstance(joined, str):
        ambiguous = "ambiguous" in joined
    else:
        ambiguous = any(start + len(piece) not in ends for start, piece in joined[:-1])
    if not ambiguous:
        return None
    shown = " ".join(chunks)
    return (
        f"{shown!r} typesets as {''.join(chunks)!r} (TeX ignores blanks between letters), "
        "which reads more than one way; write the names apart with \\cdot"
    )
