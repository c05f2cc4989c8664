"""A Markdown document → its displays and directives, in order.

Displays: ``$$ … $$`` (on lines of their own or inside a paragraph), fenced code blocks
whose language is ``math`` (GitHub's form), and LaTeX display environments written
directly in the text (``\\begin{align} … \\end{align}``, as MathJax reads them). Other
fenced code blocks and inline code spans are passed over: nothing in them is mathematics.
Inline math (``$…$``) is not a display. An HTML comment ``<!-- xentproof: … -->`` holds
directives, one per line; other HTML comments are blanked. Inside a display, Markdown's
escape ``\\_`` (which kramdown and Jekyll sites write for ``_``) is read as ``_``: in LaTeX
it is a literal underscore, which no formula means. A ``% xentproof: …`` line inside a
display is a directive too (MathJax reads ``%`` as a comment).
"""

from __future__ import annotations

import re

from ..tex.macros import DEFINING_COMMANDS, read_definition
from .records import Directive, Display, Event, Lines, MacroEvent, Scan, Unterminated
from .tex_scan import DISPLAY_ENVIRONMENTS, MAX_DISPLAYS, blank_comments

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})[ \t]*([^\s`]*)[^\n]*$", re.MULTILINE)
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_CODE_SPAN = re.compile(r"(`+)[^\n]*?\1")
_EVENT = re.compile(r"\\\\|\\\$|\$\$|\\begin\s*\{\s*([A-Za-z]+\*?)\s*\}")
_HEADING = re.compile(r"^#{1,2}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)


def undo_markdown_escapes(math: str) -> str:
    """The LaTeX of a Markdown display as MathJax reads it: kramdown's ``\\_`` is ``_``,
    and ``\\|\\|`` is ``||`` (CS231n's ``D\\_{KL}(p\\|\\|q)``; in LaTeX it would be two
    double bars side by side, which no formula writes; a single ``\\|`` is LaTeX's ‖).

    An escape becomes blanks and the character, so every character keeps its column."""
    return math.replace("\\_", " _").replace("\\|\\|", "  ||")


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


class MarkdownScanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = Lines(text)
        self.events: list[Event] = []
        self.displays = 0

    def scan(self) -> Scan:
        self._comments()
        self._fences()
        self.text = _CODE_SPAN.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), self.text)
        heading = _HEADING.search(self.text)
        k = 0
        while True:
            match = _EVENT.search(self.text, k)
            if match is None:
                break
            k = self._event(match)
            if k < 0:
                break
        self.events.sort(key=lambda e: e.start if isinstance(e, Display) else e.offset)
        return Scan(tuple(self.events), heading.group(1).strip() if heading else None)

    def _comments(self) -> None:
        """Directives from HTML comments; every comment blanked."""
        for match in list(_COMMENT.finditer(self.text)):
            content = match.group(1)
            head = re.match(r"\s*xentproof\s*:", content)
            if head is not None:
                offset = match.start(1) + head.end()
                for piece in re.finditer(r"[^\n]+", content[head.end() :]):
                    if piece.group(0).strip():
                        at = offset + piece.start()
                        self.events.append(
                            Directive(self.lines.line_of(at), at, piece.group(0).strip())
                        )
            self.text = _blank(self.text, match.start(), match.end())

    def _fences(self) -> None:
        """Fenced code blocks: a ``math`` block is a display, the others are blanked."""
        k = 0
        while True:
            opening = _FENCE.search(self.text, k)
            if opening is None:
                return
            fence, language = opening.group(1), opening.group(2).lower()
            closing = re.compile(
                r"^ {0,3}" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$",
                re.MULTILINE,
            ).search(self.text, opening.end())
            stop = closing.start() if closing else len(self.text)
            end = closing.end() if closing else len(self.text)
            if language == "math":
                self._add(
                    Display(
                        "math",
                        self.lines.line_of(opening.start()),
                        opening.end() + 1,
                        self.text[opening.end() + 1 : stop],
                        end,
                    )
                )
            self.text = _blank(self.text, opening.start(), end)
            k = end

    def _event(self, match: re.Match[str]) -> int:
        token = match.group(0)
        if token in ("\\\\", "\\$"):
            return match.end()
        at = match.start()
        line = self.lines.line_of(at)
        if token == "$$":
            stop = self.text.find("$$", match.end())
            if stop < 0:
                self.events.append(Unterminated("$$", line, at))
                return -1
            self._add(Display("$$", line, match.end(), self.text[match.end() : stop], stop + 2))
            return stop + 2
        environment = match.group(1)
        if environment not in DISPLAY_ENVIRONMENTS:
            return match.end()
        close = re.compile(r"\\end\s*\{\s*" + re.escape(environment) + r"\s*\}")
        found = close.search(self.text, match.end())
        if found is None:
            self.events.append(Unterminated(environment, line, at))
            return -1
        self._add(
            Display(
                environment, line, match.end(), self.text[match.end() : found.start()], found.end()
            )
        )
        return found.end()

    def _add(self, display: Display) -> None:
        """A display, its Markdown escapes undone, with the directives and macro
        definitions written inside it."""
        self.displays += 1
        if self.displays > MAX_DISPLAYS:
            from ..errors import DocumentError

            raise DocumentError(f"the document has more than {MAX_DISPLAYS} displays")
        body, directives = blank_comments(undo_markdown_escapes(display.body))
        for directive in directives:
            at = display.start + directive.offset
            self.events.append(Directive(self.lines.line_of(at), at, directive.text))
        for match in re.finditer(
            r"\\(?:newcommand|renewcommand|providecommand|def)"
            r"(?![A-Za-z])|\\DeclareMathOperator",
            body,
        ):
            command = match.group(0)
            if command in DEFINING_COMMANDS:
                definition, end = read_definition(body, match.start(), command, display.line)
                if definition is not None:
                    self.events.append(MacroEvent(display.start + match.start(), definition))
                    body = body[: match.start()] + " " * (end - match.start()) + body[end:]
        self.events.append(Display(display.kind, display.line, display.start, body, display.end))


def scan_markdown(text: str) -> Scan:
    """Every display and directive of a Markdown document, in order."""
    return MarkdownScanner(text).scan()
