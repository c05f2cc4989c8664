"""A display's body → its rows → the chains they write, each step with its line.

Rows are split at ``\\\\`` (and at ``\\intertext``), outside braces and outside nested
environments such as ``cases`` or ``matrix``; ``aligned``, ``split``, ``gathered`` and
``alignedat`` inside a display are rows of the display. Alignment ``&``, ``\\label``,
``\\tag``, ``\\notag``, ``\\nonumber``, spacing and trailing ``,`` ``.`` ``;`` are blanked;
a ``\\text{…}`` with words in it at the top level of a row is the row's note, and an
``\\intertext{…}`` is the note of the row after it.

Each row is then split at its relations (outside brackets). A row that starts with a
relation continues the chain of the rows before it (``&= …``, ``&\\le …``); a row that
starts with an operator (``+``, ``-``, ``\\cdot``) and holds no relation, or that follows a
row ending in one, continues the previous step's expression (a long step broken over
rows). Any other row starts a new chain.

Every blanking keeps the text's length, so that each character keeps the offset in the
document it came from (``Expansion.origin``), and each step its line.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from ..tex.groups import group_end, skip_blanks
from ..tex.vocabulary import RELATIONS as TEX_RELATIONS

# LaTeX relations between steps → the relations of derivation files. "<=" and ">=" typed
# as two characters mean nothing else.
RELATIONS: dict[str, str] = {**TEX_RELATIONS, "<=": "<=", ">=": ">="}
# Signs that define the left side by the right: the first relation of a display only.
DEFINITIONS = frozenset({":=", "\\coloneqq", "\\coloneq", "\\triangleq", "\\eqqcolon", "\\defeq"})
# Relations that are no claim a checker can decide, or mean more than one thing.
UNCHECKED = {
    "\\approx": "≈ (approximately) is no relation that can be proved",
    "\\simeq": "≃ is no relation that can be proved",
    "\\sim": "~ (distributed as, or of the order of) is no relation that can be proved",
    "\\propto": "∝ (proportional to) leaves the constant unsaid",
    "\\equiv": "≡ means 'identically equal' or 'defined as': write = or :=",
    "\\ne": "≠ between steps is no chain",
    "\\neq": "≠ between steps is no chain",
    "\\to": "→ (tends to) is no relation between steps: write the limit",
    "\\rightarrow": "→ is no relation between steps: write the limit",
    "\\mapsto": "↦ is no relation between steps",
    "\\in": "∈ (membership) is no relation between steps",
    "\\ll": "≪ is no relation that can be proved",
    "\\gg": "≫ is no relation that can be proved",
    "\\cong": "≅ is no relation that can be proved",
}
_DEFINED_OVER = re.compile(
    r"\\(?:stackrel|overset)\s*\{\s*(?:\\(?:text|mathrm|rm|scriptscriptstyle|scriptstyle)\s*"
    r"\{?\s*)?(?:def|\\Delta|\\triangle)\s*\}?\s*\}\s*\{\s*=\s*\}"
)
# One-word notes; any text with a blank in it is a note too.
# ("if", "for", …: a condition follows, and the row is then not read, not read without it.)
_NOTE_WORDS = frozenset(
    {
        "since",
        "because",
        "hence",
        "thus",
        "so",
        "therefore",
        "where",
        "if",
        "for",
        "when",
        "with",
        "and",
        "or",
        "otherwise",
        "i.e.",
        "e.g.",
    }
)
_UNIT_WORDS = frozenset(
    {"bit", "bits", "nat", "nats", "shannon", "shannons", "hartley", "hartleys"}
)
_NOTE_COMMANDS = frozenset({"\\text", "\\textrm", "\\mbox", "\\textnormal", "\\textit"})
_INTERTEXT = frozenset({"\\intertext", "\\shortintertext"})
_INNER = frozenset({"aligned", "split", "gathered", "alignedat", "multlined"})
_DROPPED_GROUPS = frozenset({"\\label", "\\tag", "\\tag*", "\\hspace", "\\hspace*", "\\vspace"})
_DROPPED_WORDS = frozenset(
    {"\\notag", "\\nonumber", "\\displaybreak", "\\allowbreak", "\\hfill", "\\nolinebreak"}
)
_SPACING = frozenset(
    {"\\,", "\\;", "\\:", "\\!", "\\ ", "\\quad", "\\qquad", "\\>", "\\displaystyle", "~"}
)
_OPERATORS = ("+", "-", "\\cdot", "\\times", "\\pm", "\\mp")
_RELATION_WORDS = "|".join(
    re.escape(r) + (r"(?![A-Za-z])" if r[-1].isalpha() else "")
    for r in sorted([*RELATIONS, *DEFINITIONS, *UNCHECKED], key=len, reverse=True)
)
_RELATION_START = re.compile(rf"^(?:{_RELATION_WORDS}|\\(?:stackrel|overset))")
_RELATION_END = re.compile(rf"(?:{_RELATION_WORDS})$")
_TOKEN = re.compile(r"\\\\\*?|\\[A-Za-z]+\*?|\\.|:=|<=|>=|\s+|.", re.DOTALL)


@dataclass
class Part:
    """One step as written: the relation before it (None for a chain's first), its LaTeX,
    where it starts, and where the row it ends on ends (for a mark in the margin)."""

    rel: str | None
    latex: str
    start: int  # offset in the document
    row_end: int  # offset in the document where its row's content ends
    note: str | None = None
    labels: list[str] = field(default_factory=list)
    defines: bool = False  # the relation before it is a definition sign
    unchecked: str | None = None  # why the relation before it cannot be checked
    by: str | None = None  # the rule it cites (``rule:``)
    expect: str | None = None  # "refuted": a known erratum (``expect: refuted``)
    accept: str | None = None  # "numeric" (``accept: numeric``)


@dataclass
class Row:
    """One row of a display: its text (blanked where not mathematics), where it starts and
    where its terminator starts in the expanded display, its note and labels."""

    text: str
    start: int
    end: int
    note: str | None = None
    labels: list[str] = field(default_factory=list)
    intertext: str | None = None  # an \\intertext before the row
    interrupted: str | None = None  # a text with mathematics after it in the row
    side_by_side: bool = False  # an & between two formulas: columns of equations


class RowSplitter:
    """Splits one display's body (macros expanded) into rows."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.text = list(body)
        self.rows: list[Row] = []
        self.start = 0
        self.notes: list[tuple[str, int]] = []
        self.labels: list[str] = []
        self.intertext: str | None = None
        self.cells: list[int] = []  # where the row's top-level & are

    def rows_of(self) -> list[Row]:
        body, text = self.body, self.text
        depth = 0
        k = 0
        while k < len(body):
            match = _TOKEN.match(body, k)
            assert match is not None
            token, end = match.group(0), match.end()
            if token == "{":
                depth += 1
            elif token == "}":
                depth = max(0, depth - 1)
            elif token.startswith(("\\begin", "\\end")):
                inner = _environment(body, k, text)
                if inner < 0:  # an environment nested in the row (cases, matrix, …)
                    depth = max(0, depth + (1 if token.startswith("\\begin") else -1))
                else:
                    end = inner
            elif depth == 0 and token.startswith("\\\\"):
                self.close(k)
                end = self.start = _after_break(body, end, text, k)
            elif depth == 0 and token == "&":
                text[k] = " "
                self.cells.append(k)
            elif depth == 0 and token in _INTERTEXT:
                self.close(k)
                brace = skip_blanks(body, end)
                close = group_end(body, brace) if body[brace : brace + 1] == "{" else end
                self.intertext = " ".join(body[brace + 1 : close - 1].split()) or None
                _blank(text, k, close)
                end = self.start = close
            elif token in _DROPPED_GROUPS or token in _DROPPED_WORDS:
                end = _dropped(body, k, end, token, text, self.labels)
            elif depth == 0 and token in _NOTE_COMMANDS:
                end = _note(body, k, end, text, self.notes)
            k = end
        self.close(len(body))
        return [r for r in self.rows if r.text.strip() or r.intertext]

    def close(self, stop: int) -> None:
        """End the row that runs to ``stop``."""
        row = "".join(self.text[self.start : stop])
        interrupted = None
        for words, end in self.notes:
            after = "".join(self.text[end:stop])
            if re.sub(r"[\s.,;:]|\\quad|\\qquad", "", after):
                interrupted = words
        note = "; ".join(words for words, _ in self.notes) or None
        bounds = [self.start, *self.cells, stop]
        cells = ["".join(self.text[a:b]).strip() for a, b in itertools.pairwise(bounds)]
        side_by_side = any(
            left and right and not _RELATION_END.search(left) and not _RELATION_START.match(right)
            for left, right in itertools.pairwise(cells)
        )
        self.rows.append(
            Row(
                row,
                self.start,
                stop,
                note,
                list(self.labels),
                self.intertext,
                interrupted,
                side_by_side,
            )
        )
        self.notes, self.labels, self.intertext, self.cells = [], [], None, []


def split_rows(body: str) -> list[Row]:
    """A display's body (macros expanded) → its rows, blanked where not mathematics."""
    return RowSplitter(body).rows_of()


def _environment(body: str, k: int, text: list[str]) -> int:
    """``\\begin{aligned}`` and friends are blanked (their rows are the display's); the
    offset past them, or -1 for any other environment."""
    found = re.compile(r"\\(begin|end)\s*\{\s*([A-Za-z]+)\*?\s*\}").match(body, k)
    if found is None or found.group(2) not in _INNER:
        return -1
    end = found.end()
    if found.group(1) == "begin":
        optional = re.compile(r"\s*(?:\[[a-z]\])?\s*(?:\{\s*\d+\s*\})?").match(body, end)
        if optional is not None:
            end = optional.end()
    _blank(text, k, end)
    return end


def _after_break(body: str, end: int, text: list[str], k: int) -> int:
    """Past ``\\\\`` and its optional ``[2pt]``, blanked."""
    spacing = re.compile(r"\s*\[[^\]]*\]").match(body, end)
    stop = spacing.end() if spacing else end
    _blank(text, k, stop)
    return stop


def _dropped(body: str, k: int, end: int, token: str, text: list[str], labels: list[str]) -> int:
    """``\\label{…}``, ``\\tag{…}``, ``\\notag``, …: blanked; a label is kept."""
    stop = end
    if token in _DROPPED_GROUPS:
        brace = skip_blanks(body, end)
        if brace < len(body) and body[brace] == "{":
            stop = group_end(body, brace)
            if token == "\\label":
                labels.append(body[brace + 1 : stop - 1].strip())
    _blank(text, k, stop)
    return stop


def _note(body: str, k: int, end: int, text: list[str], notes: list[tuple[str, int]]) -> int:
    """A ``\\text{…}`` with words in it (blanks, brackets, punctuation, or a word such as
    "since"): the row's note, blanked (with where it ends). A single word written tight
    (``\\text{softmax}``) may be a name, and stays."""
    brace = skip_blanks(body, end)
    if brace >= len(body) or body[brace] != "{":
        return end
    if body[:k].rstrip().endswith(("_", "^")):
        return end  # a script (\underbrace{…}_\text{data loss}): the reader's to read
    stop = group_end(body, brace)
    content = body[brace + 1 : stop - 1]
    words = " ".join(content.split())
    if words.lower() in _UNIT_WORDS:
        return end  # 4 \text{ bits}: a unit, read with the number (or refused) by the reader
    name_like = re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", content) is not None
    if (name_like and words.lower() not in _NOTE_WORDS) or not words:
        return end  # \text{softmax} may be a name
    if "$" in content or "\\(" in content:
        return end  # mathematics inside the text: not a note
    notes.append((words, stop))
    _blank(text, k, stop)
    return stop


def _blank(text: list[str], start: int, stop: int) -> None:
    for j in range(start, stop):
        if text[j] != "\n":
            text[j] = " "
