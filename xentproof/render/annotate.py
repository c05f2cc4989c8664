"""``xentproof annotate``: a LaTeX document marked with its verdicts, row by row.

The copy is the document itself with three kinds of additions, nothing else changed: a few
definitions before ``\\begin{document}`` (``amssymb`` and ``xcolor`` loaded after the
document's own packages, so that no option clashes), a mark at the end of every checked
row (a zero-width box to the right of the formula, so the layout does not move: ✓ proved,
? unproved, ✗ refuted), and for every refuted row a footnote with the counterexample,
numbered ``x1``, ``x2``, … apart from the document's own footnotes (explicit numbers:
amsmath's environments measure their body twice, and a counter stepped inside would step
twice). Notes are ASCII and escaped: a counterexample is never read as LaTeX.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from xentproof.errors import UsageError

PREAMBLE = r"""
% --- added by xentproof annotate: the marks of the verdicts ---
\usepackage{amssymb}
\usepackage{xcolor}
\providecommand{\xentproofproved}{\rlap{\quad\textcolor{green!50!black}{\ensuremath{\checkmark}}}}
\providecommand{\xentproofunproved}{\rlap{\quad\textcolor{orange}{\textbf{?}}}}
\providecommand{\xentproofrefuted}[2]{\rlap{\quad\textcolor{#1}{\ensuremath{\times}}%
{\def\thefootnote{x#2}\footnotemark[#2]}}}
\providecommand{\xentproofnote}[2]{{\def\thefootnote{x#1}\footnotetext[#1]{xentproof: #2}}}
% --- end of xentproof annotate ---
"""
_BEGIN = re.compile(r"\\begin\s*\{document\}")
_DISPLAY_END = re.compile(
    r"\\end\s*\{(?:equation|align|gather|multline|eqnarray|flalign|alignat|displaymath"
    r"|dmath)\*?\}|\\\]|\$\$"
)
_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "%": r"\%",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}


@dataclass(frozen=True)
class Mark:
    """A verdict to mark at ``offset`` (the end of a row): ``proved``, ``unproved``,
    ``refuted`` or ``erratum`` (refuted as expected); ``note`` for a refuted row, a
    footnote placed just after the display."""

    offset: int
    kind: str
    note: str = ""


def escape(text: str) -> str:
    """Plain ASCII text, safe in LaTeX: special characters escaped, others dropped."""
    ascii_text = text.replace("≈", "~").encode("ascii", "replace").decode("ascii")
    return "".join(_SPECIAL.get(c, c) for c in ascii_text)


def annotate_latex(text: str, marks: Sequence[Mark]) -> str:
    """``text`` with the marks and their footnotes in place, and the definitions they use."""
    begin = _BEGIN.search(text)
    if begin is None:
        raise UsageError("annotate needs a whole LaTeX document, with \\begin{document}")
    insertions: list[tuple[int, int, str]] = []
    number = 0
    for order, mark in enumerate(marks):
        if mark.kind in ("refuted", "erratum"):
            number += 1
            colour = "red" if mark.kind == "refuted" else "magenta"
            insertions.append((mark.offset, order, f"\\xentproofrefuted{{{colour}}}{{{number}}}"))
            note = escape(mark.note)
            end = _DISPLAY_END.search(text, mark.offset)
            after = end.end() if end is not None else mark.offset
            insertions.append((after, order, f"\\xentproofnote{{{number}}}{{{note}}}"))
        else:
            insertions.append((mark.offset, order, f"\\xentproof{mark.kind}{{}}"))
    insertions.append((begin.start(), -1, PREAMBLE.lstrip("\n")))
    out = text
    for offset, _, piece in sorted(insertions, key=lambda i: (i[0], i[1]), reverse=True):
        out = out[:offset] + piece + out[offset:]
    return out
