"""A LaTeX document → its displays, directives and macro definitions, in order.

Displays: the environments of ``DISPLAY_ENVIRONMENTS`` (``equation``, ``align``, ``gather``,
``multline``, ``eqnarray``, ``flalign``, ``alignat``, ``displaymath``, starred or not),
``\\[ … \\]`` and ``$$ … $$``; inline math (``$…$``, ``\\( … \\)``) is passed over.
Comments are blanked (a ``%`` that is not ``\\%``), keeping every offset and line, and a
comment ``% xentproof: …`` is a directive. Verbatim text (``verbatim``, ``lstlisting``,
``minted``, ``comment``, ``\\verb``) is blanked too: nothing in it is mathematics.
``\\input`` and ``\\include`` read another file through ``read_input`` (which the caller
bounds to the document's folder): its macro definitions take effect where it is input.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..errors import DocumentError, ExpressionError
from ..tex.groups import read_group, skip_blanks
from ..tex.macros import DEFINING_COMMANDS, read_definition
from .records import Directive, Display, Event, Lines, MacroEvent, Scan, Unterminated

DISPLAY_ENVIRONMENTS = frozenset(
    f"{name}{star}"
    for name in (
        "equation",
        "align",
        "gather",
        "multline",
        "eqnarray",
        "flalign",
        "alignat",
        "displaymath",
        "dmath",
    )
    for star in ("", "*")
)
MAX_DISPLAYS = 5000
"""Most displays in one document."""
MAX_INPUT_DEPTH = 8
"""Most files nested by ``\\input`` below a document."""

_VERBATIM = re.compile(
    r"\\begin\s*\{(verbatim\*?|Verbatim|lstlisting|minted|comment)\}(.*?)\\end\s*\{\1\}",
    re.DOTALL,
)
_VERB = re.compile(r"\\verb\*?([^A-Za-z\s*])[^\n]*?\1")
_DIRECTIVE = re.compile(r"^%+\s*xentproof\s*:\s?(.*)$")
_EVENT = re.compile(
    r"\\\\|\\\$|\\%|\$\$|\$|\\\[|\\\("
    r"|\\begin\s*\{\s*([A-Za-z]+\*?)\s*\}"
    r"|(\\(?:newcommand|renewcommand|providecommand|DeclareMathOperator|def"
    r"|input|include|title))(?![A-Za-z])"
)

# Reads the file an \input names; returns its text and a name for it (errors are raised).
InputReader = Callable[[str, int], tuple[str, str]]


def blank_comments(text: str) -> tuple[str, list[Directive]]:
    """The text with comments and verbatim blanked (offsets kept), and the directives."""

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    text = _VERBATIM.sub(blank, text)
    text = _VERB.sub(blank, text)
    directives: list[Directive] = []
    pieces: list[str] = []
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        cut = _comment_start(line)
        if cut is not None:
            found = _DIRECTIVE.match(line[cut:].strip())
            if found:
                directives.append(Directive(number, offset + cut, found.group(1).strip()))
            line = line[:cut] + " " * (len(line) - cut)
        pieces.append(line)
        offset += len(line) + 1
    return "\n".join(pieces), directives


def _comment_start(line: str) -> int | None:
    k = line.find("%")
    while k >= 0:
        backslashes = len(line[:k]) - len(line[:k].rstrip("\\"))
        if backslashes % 2 == 0:
            return k
        k = line.find("%", k + 1)
    return None


class TexScanner:
    """One pass over a document's text (comments blanked), collecting its events."""

    def __init__(
        self, text: str, read_input: InputReader | None, within: tuple[str, ...] = ()
    ) -> None:
        self.text, directives = blank_comments(text)
        self.lines = Lines(text)
        self.read_input = read_input
        self.within = within  # the files this text is input from, the document first
        self.events: list[Event] = list(directives)
        self.title: str | None = None
        self.displays = 0

    def scan(self) -> Scan:
        text = self.text
        k = 0
        while True:
            match = _EVENT.search(text, k)
            if match is None:
                break
            k = self._event(match)
            if k < 0:
                break
        self.events.sort(key=_offset)
        return Scan(tuple(self.events), self.title)

    def _event(self, match: re.Match[str]) -> int:
        """Handle the event found; return where to search on (-1: nothing after it)."""
        token = match.group(0)
        at = match.start()
        if token in ("\\\\", "\\$", "\\%"):
            return match.end()
        if token == "$$":
            return self._display("$$", at, match.end(), "$$")
        if token == "\\[":
            return self._display("\\[", at, match.end(), "\\]")
        if token == "$":
            return self._inline(match.end(), "$")
        if token == "\\(":
            return self._inline(match.end(), "\\)")
        environment = match.group(1)
        if environment is not None:
            if environment not in DISPLAY_ENVIRONMENTS:
                return match.end()
            closing = re.compile(r"\\end\s*\{\s*" + re.escape(environment) + r"\s*\}")
            return self._display(environment, at, match.end(), closing)
        command = match.group(2)
        if command in DEFINING_COMMANDS:
            line = self.lines.line_of(at)
            definition, end = read_definition(self.text, at, command, line)
            if definition is not None:
                self.events.append(MacroEvent(at, definition))
            return max(end, match.end())
        if command == "\\title":
            return self._title(match.end())
        return self._input(at, match.end())

    def _display(self, kind: str, at: int, body: int, close: str | re.Pattern[str]) -> int:
        self.displays += 1
        if self.displays > MAX_DISPLAYS:
            raise DocumentError(f"the document has more than {MAX_DISPLAYS} displays")
        line = self.lines.line_of(at)
        if isinstance(close, str):
            stop = self._unescaped(close, body)
            after = stop + len(close)
        else:
            found = close.search(self.text, body)
            stop = found.start() if found else -1
            after = found.end() if found else -1
        if stop < 0:
            self.events.append(Unterminated(kind, line, at))
            return -1
        self.events.append(Display(kind, line, body, self.text[body:stop], after))
        return after

    def _unescaped(self, close: str, at: int) -> int:
        k = self.text.find(close, at)
        while k >= 0 and k > 0 and self.text[k - 1] == "\\" and close[0] != "\\":
            k = self.text.find(close, k + 1)
        return k

    def _inline(self, at: int, close: str) -> int:
        stop = self._unescaped(close, at)
        if close == "$":
            # a single $ that is never closed is text (a price), not math
            return at if stop < 0 else stop + 1
        return at if stop < 0 else stop + len(close)

    def _title(self, at: int) -> int:
        try:
            content, end = read_group(self.text, at)
        except ExpressionError:  # a \title without a group: no title
            return at
        if self.title is None:
            plain = re.sub(r"\\[A-Za-z]+\*?|[{}]", " ", content)
            self.title = " ".join(plain.split()) or None
        return end

    def _input(self, at: int, after: int) -> int:
        """``\\input{name}``, ``\\input name`` or ``\\include{name}``: the file's macros."""
        k = skip_blanks(self.text, after)
        if k < len(self.text) and self.text[k] == "{":
            name, end = read_group(self.text, k)
        else:
            word = re.compile(r"[^\s{}\\%]+").match(self.text, k)
            if word is None:
                return after
            name, end = word.group(0), word.end()
        if self.read_input is None:
            return end
        line = self.lines.line_of(at)
        content, key = self.read_input(name.strip(), line)
        if key in self.within:
            loop = " → ".join([*self.within[self.within.index(key) :], key])
            raise DocumentError(f"\\input loop: {loop}", line=line if not self.within[1:] else None)
        if len(self.within) > MAX_INPUT_DEPTH:
            raise DocumentError(f"\\input nests deeper than {MAX_INPUT_DEPTH} files", line=line)
        inner = TexScanner(content, self.read_input, (*self.within, key)).scan()
        for event in inner.events:
            if isinstance(event, MacroEvent):
                self.events.append(MacroEvent(at, event.definition))
        return end


def _offset(event: Event) -> int:
    return event.start if isinstance(event, Display) else event.offset


def scan_tex(text: str, read_input: InputReader | None = None, name: str = "") -> Scan:
    """Every display, directive and macro definition of a LaTeX document, in order;
    ``name`` is the key ``read_input`` gives the document itself (to find ``\\input`` loops)."""
    return TexScanner(text, read_input, (name,)).scan()
