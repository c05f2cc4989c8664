"""Small pieces of TeX's own syntax, as the document reader needs them: a group ``{…}``, an
argument (a group or one token), an optional ``[…]``, a control sequence. Nothing here
knows mathematics; the expression grammar is ``xentproof.tex``'s.

Every function takes the text and an offset and returns what it read with the offset just
past it, so that callers keep the author's positions (for line numbers).
"""

from __future__ import annotations

import re

from ..errors import ExpressionError

_COMMAND = re.compile(r"\\(?:[A-Za-z]+|.)", re.DOTALL)


def escaped(text: str, at: int) -> bool:
    """Whether the character at ``at`` is escaped by an odd run of backslashes before it."""
    count = 0
    k = at - 1
    while k >= 0 and text[k] == "\\":
        count += 1
        k -= 1
    return count % 2 == 1


def skip_blanks(text: str, at: int) -> int:
    while at < len(text) and text[at].isspace():
        at += 1
    return at


def command_at(text: str, at: int) -> str | None:
    """The control sequence starting at ``at`` (``\\frac``, ``\\{``), or None."""
    match = _COMMAND.match(text, at)
    return match.group(0) if match else None


def group_end(text: str, at: int) -> int:
    """``at`` is at ``{``: the offset just past its matching ``}``."""
    depth = 0
    k = at
    while k < len(text):
        c = text[k]
        if c == "\\":
            k += 2  # an escaped character (\{, \}, \\) is no brace
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return k + 1
        k += 1
    raise ExpressionError("a '{' is never closed", column=at + 1)


def read_group(text: str, at: int) -> tuple[str, int]:
    """``{…}`` at ``at`` (blanks before it skipped): its content and the offset past it."""
    at = skip_blanks(text, at)
    if at >= len(text) or text[at] != "{":
        raise ExpressionError("expected '{'", column=at + 1)
    end = group_end(text, at)
    return text[at + 1 : end - 1], end


def read_argument(text: str, at: int) -> tuple[str, int]:
    """One argument as TeX takes it: a group's content, a control sequence, or one
    character (blanks before it skipped)."""
    at = skip_blanks(text, at)
    if at >= len(text):
        raise ExpressionError("an argument is missing at the end", column=at + 1)
    if text[at] == "{":
        return read_group(text, at)
    word = command_at(text, at)
    if word is not None:
        return word, at + len(word)
    return text[at], at + 1


_FRACTION = re.compile(r"\\[dt]?frac(?![A-Za-z])")


def braced_fraction_arguments(text: str) -> str:
    """``\\frac12``, ``\\frac1x``, ``\\frac{a}2``: each argument of a fraction as TeX takes
    it (``read_argument``: a group, a control sequence or one character), written in braces
    (``\\frac{1}{2}``), so that the reader sees one form. A missing argument is left for the
    reader to report."""
    out: list[str] = []
    k = 0
    for match in _FRACTION.finditer(text):
        if match.start() < k:
            continue
        out.append(text[k : match.end()])
        k = match.end()
        for _ in range(2):
            at = skip_blanks(text, k)
            if at >= len(text) or text[at] == "}":
                break
            argument, k = read_argument(text, at)
            out.append("{" + argument + "}")
    out.append(text[k:])
    return "".join(out)


_SCRIPT_FONT = re.compile(
    r"[_^]\s*\\(?:text|textrm|textit|textnormal|mathrm|mathit|mathbf|mathsf|boldsymbol"
    r"|operatorname|mbox)(?![A-Za-z])\s*(?=\{)"
)


def braced_script_arguments(text: str) -> str:
    """``n_\\text{samples}``: a script that is a font command with its group, as TeX takes
    it, written in braces (``n_{\\text{samples}}``), so that the reader sees one form."""
    out: list[str] = []
    k = 0
    for match in _SCRIPT_FONT.finditer(text):
        if match.start() < k or escaped(text, match.start()):
            continue
        try:
            close = group_end(text, match.end())
        except ExpressionError:
            continue  # a group never closed: the reader reports it
        out.append(text[k : match.start() + 1] + "{" + text[match.start() + 1 : close] + "}")
        k = close
    out.append(text[k:])
    return "".join(out)


def read_optional(text: str, at: int) -> tuple[str | None, int]:
    """An optional argument ``[…]`` at ``at`` (blanks before it skipped), or None. Brackets
    inside braces do not end it (``[{a]}]``)."""
    k = skip_blanks(text, at)
    if k >= len(text) or text[k] != "[":
        return None, at
    depth = 0
    j = k + 1
    while j < len(text):
        c = text[j]
        if c == "\\":
            j += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == "]" and depth == 0:
            return text[k + 1 : j], j + 1
        j += 1
    raise ExpressionError("a '[' is never closed", column=k + 1)


def environment_at(text: str, at: int) -> tuple[str, str, int] | None:
    """``\\begin{name}`` or ``\\end{name}`` at ``at``: ("begin" or "end", name, offset past)."""
    match = re.compile(r"\\(begin|end)\s*\{\s*([A-Za-z]+\*?)\s*\}").match(text, at)
    if match is None:
        return None
    return match.group(1), match.group(2), match.end()


def shorten(text: str, width: int = 60) -> str:
    """One line of at most ``width`` characters, to recognise a display by in a report."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"
