"""Macros a document defines, and their expansion in its displays.

Read: ``\\newcommand``, ``\\renewcommand``, ``\\providecommand`` (starred too), with a number
of arguments and a default for the first (``\\newcommand{\\yi}[1][i]{y^{(#1)}}``);
``\\DeclareMathOperator`` (``\\operatorname`` of its text); and the simple ``\\def`` whose
parameters are ``#1#2…`` without delimiters. Anything else (a delimited ``\\def``,
``\\let``, ``\\edef``) is not a macro here: a display that uses it is *not read*, with
the command named.

Expansion is TeX's: a macro's replacement is read again with the text after it, so a macro
may stand for another. It is bounded, so that a document written to exhaust the machine (a
macro that expands to itself, or doubles at every step) ends as a ``DocumentError``:
at most ``MAX_EXPANSIONS`` expansions and ``MAX_EXPANDED`` characters for one display.
Every character of the result keeps the offset in the document it came from (a macro's
replacement, the offset of its call), so that a row still has its line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..errors import DocumentError, ExpressionError
from .groups import command_at, read_argument, read_group, read_optional, skip_blanks

MAX_EXPANSIONS = 2000
"""Most macro expansions in one display."""
MAX_EXPANDED = 20_000
"""Longest display, in characters, once its macros are expanded."""
MAX_ARGUMENTS = 9  # as TeX

DEFINING_COMMANDS = (
    "\\newcommand",
    "\\renewcommand",
    "\\providecommand",
    "\\DeclareMathOperator",
    "\\def",
)
_PARAMETERS = re.compile(r"(?:#[1-9])*")


@dataclass(frozen=True)
class Macro:
    """A macro: its name (``\\yi``), number of arguments, the default of the first when it
    is optional, and its replacement text with ``#1``…``#9`` in it."""

    name: str
    arity: int
    body: str
    default: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Definition:
    """A definition as written: the macro, and how it was defined (``\\providecommand``
    does not replace a macro already defined)."""

    macro: Macro
    command: str

    def apply(self, macros: dict[str, Macro]) -> None:
        if self.command.startswith("\\providecommand") and self.macro.name in macros:
            return
        macros[self.macro.name] = self.macro


def read_definition(text: str, at: int, command: str, line: int) -> tuple[Definition | None, int]:
    """The definition whose command ``command`` starts at ``at``; None (and the offset
    past the command) for a form this reader does not take."""
    k = at + len(command)
    try:
        if command == "\\def":
            return _plain_def(text, k, line)
        star = k < len(text) and text[k] == "*"
        if star:
            k += 1
        if command == "\\DeclareMathOperator":
            name, k = read_argument(text, k)
            operator, k = read_group(text, k)
            macro = Macro(name, 0, f"\\operatorname{{{operator}}}", None, line)
            return _checked(macro, command, k)
        name, k = read_argument(text, k)
        count, k = read_optional(text, k)
        default, k = read_optional(text, k)
        body, k = read_group(text, k)
    except ExpressionError:
        return None, at + len(command)
    arity = int(count) if count is not None and count.strip().isdigit() else 0
    if count is not None and not count.strip().isdigit():
        return None, k
    return _checked(Macro(name.strip(), arity, body, default, line), command, k)


def _plain_def(text: str, k: int, line: int) -> tuple[Definition | None, int]:
    """``\\def\\name#1#2{body}``; a delimited parameter text is not taken."""
    k = skip_blanks(text, k)
    name = command_at(text, k)
    if name is None:
        return None, k
    k += len(name)
    params = _PARAMETERS.match(text, k)
    assert params is not None  # the pattern matches the empty string
    after = params.end()
    if after >= len(text) or text[after] != "{":
        return None, after
    body, end = read_group(text, after)
    arity = len(params.group(0)) // 2
    if params.group(0) != "".join(f"#{n}" for n in range(1, arity + 1)):
        return None, end
    return _checked(Macro(name, arity, body, None, line), "\\def", end)


def _checked(macro: Macro, command: str, end: int) -> tuple[Definition | None, int]:
    """A usable macro: named by a control sequence, with at most nine arguments."""
    if not re.fullmatch(r"\\(?:[A-Za-z]+|.)", macro.name) or not 0 <= macro.arity <= MAX_ARGUMENTS:
        return None, end
    if macro.default is not None and macro.arity == 0:
        return None, end
    return Definition(macro, command), end


class Expansion:
    """One display's text with its macros expanded, and for every character the offset in
    the document it came from."""

    def __init__(self, text: str, origins: list[int]) -> None:
        self.text = text
        self.origins = origins

    def origin(self, at: int) -> int:
        if not self.origins:
            return 0
        return self.origins[min(max(at, 0), len(self.origins) - 1)]


def expand(text: str, start: int, macros: Mapping[str, Macro]) -> Expansion:
    """``text`` (which starts at offset ``start`` of the document) with every macro of
    ``macros`` expanded; raises ``DocumentError`` past the bounds."""
    origins = list(range(start, start + len(text)))
    if not macros:
        return Expansion(text, origins)
    count = 0
    k = 0
    while True:
        k = text.find("\\", k)
        if k < 0:
            return Expansion(text, origins)
        word = command_at(text, k)
        if word is None:
            return Expansion(text, origins)
        macro = macros.get(word)
        if macro is None:
            k += len(word)
            continue
        count += 1
        if count > MAX_EXPANSIONS:
            raise DocumentError(
                f"macro expansion goes on past {MAX_EXPANSIONS} expansions in one display "
                f"(does {word} expand to itself?)"
            )
        replacement, end = _call(macro, text, k + len(word))
        if len(text) - (end - k) + len(replacement) > MAX_EXPANDED:
            raise DocumentError(
                f"macro expansion makes a display longer than {MAX_EXPANDED} characters (at {word})"
            )
        text = text[:k] + replacement + text[end:]
        origins[k:end] = [origins[k]] * len(replacement)
        # TeX reads the replacement again, with the text after it


def _call(macro: Macro, text: str, at: int) -> tuple[str, int]:
    """The replacement of a call of ``macro`` whose arguments start at ``at``, and the
    offset past them."""
    args: list[str] = []
    k = at
    try:
        if macro.default is not None:
            given, k = read_optional(text, k)
            args.append(macro.default if given is None else given)
        while len(args) < macro.arity:
            arg, k = read_argument(text, k)
            args.append(arg)
    except ExpressionError:
        # the display is not read (the document goes on); only the bounds end the document
        raise ExpressionError(f"{macro.name} takes {macro.arity} argument(s)") from None
    if not args:
        # TeX drops the blanks after a control word: "\lz x" is "\lz" then "x"; keep one
        # blank so that the replacement does not run into the next letter.
        return macro.body + (" " if macro.name[1:].isalpha() else ""), k
    return _substitute(macro.body, args), k


def _substitute(body: str, args: list[str]) -> str:
    out: list[str] = []
    k = 0
    while k < len(body):
        c = body[k]
        if c == "#" and k + 1 < len(body):
            nxt = body[k + 1]
            if nxt == "#":
                out.append("#")
                k += 2
                continue
            if nxt.isdigit() and 1 <= int(nxt) <= len(args):
                out.append(args[int(nxt) - 1])
                k += 2
                continue
        out.append(c)
        k += 1
    return "".join(out)
