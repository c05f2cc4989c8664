"""Text of a file or a report as LaTeX text: the one escaping function of the appendix
(``tex_text``), its typewriter form for source text (``tex_code``), and labels.

Nothing of a file reaches the appendix as LaTeX other than through these, or printed from
what the readers read (expressions and ``[latex]`` entries).
"""

from __future__ import annotations

import re
import unicodedata

from ..errors import InputError
from ..tex.names import GREEK_NAMES

_TEXT_SPECIALS = {
    "\\": "\\textbackslash{}",
    "{": "\\{",
    "}": "\\}",
    "$": "\\$",
    "&": "\\&",
    "#": "\\#",
    "^": "\\textasciicircum{}",
    "_": "\\_",
    "%": "\\%",
    "~": "\\textasciitilde{}",
    "|": "\\textbar{}",
    "<": "\\textless{}",
    ">": "\\textgreater{}",
}
# Characters of the report's plain text that pdflatex cannot set as text.
_TEXT_MATH = {
    "−": "-",
    "·": "\\cdot",
    "±": "\\pm",
    "∓": "\\mp",
    "×": "\\times",
    "∈": "\\in",
    "∉": "\\notin",
    "≠": "\\neq",
    "≤": "\\le",
    "≥": "\\ge",
    "≈": "\\approx",
    "→": "\\to",
    "⇔": "\\iff",
    "⇒": "\\implies",
    "∞": "\\infty",
    "∴": "\\therefore",
    "√": "\\surd",
    "Σ": "\\Sigma",
    "∏": "\\prod",
    "∑": "\\sum",
    "∂": "\\partial",
    "ŷ": "\\hat{y}",
    "∧": "\\wedge",
    "∨": "\\vee",
    "¬": "\\neg",
    "…": "\\ldots",
    "′": "'",
}
_GREEK_LETTERS = dict(
    zip("αβγδεζηθικλμνξπρστυφχψωΓΔΘΛΞΠΣΥΦΨΩ", ("\\" + n for n in GREEK_NAMES), strict=True)
)
_SUPER = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺⁽⁾ⁱ", "0123456789-+()i", strict=True))
_SUB = dict(zip("₀₁₂₃₄₅₆₇₈₉", "0123456789", strict=True))
_TEXT_OTHER = {
    "§": "\\S{}",
    "“": "``",
    "”": "''",
    "‘": "`",
    "’": "'",
    "—": "---",
    "–": "--",
    "\u00a0": "~",
}


# The letters beyond ASCII that pdflatex sets with the appendix's preamble (utf8 input, the
# default OT1 font encoding): measured by compiling every letter below U+0250 with it; the
# others stop the compilation ("not set up for use with LaTeX", "unavailable in encoding
# OT1") and are shown as [U+XXXX].
_LATIN_LETTERS = frozenset(
    "ªµºÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝßàáâãäåæç"
    "èéêëìíîïñòóôõöøùúûüýÿĀāĂăĆćĈĉĊċČčĎďĒēĔĕĖ"
    "ėĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭİıĲĳĴĵĶķĹĺĻļĽľŁłŃńŅņŇ"
    "ňŌōŎŏŐőŒœŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŴŵŶ"
    "ŷŸŹźŻżŽžƒǄǅǆǇǈǉǊǋǌǍǎǏǐǑǒǓǔǢǣǦǧǨǩǰǴǵȘșȚțȲ"
    "ȳȷ"
)


def tex_text(text: str) -> str:
    """Any text of a file or a report (titles, notes, chain names, claim ids, conditions)
    as LaTeX text that pdflatex sets as it reads: every character TeX gives a meaning
    (``\\ { } $ & # ^ _ % ~``) escaped, control characters (a carriage return ends a TeX
    line and drops the rest of it) set as blanks, and what the preamble cannot set shown
    as its code point. The one escaping function for text: nothing of a file reaches the
    appendix as LaTeX other than through it, or printed from what the readers read."""
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        if unicodedata.category(char) == "Cc":
            out.append(" ")
        elif char in _TEXT_SPECIALS:
            out.append(_TEXT_SPECIALS[char])
        elif char in _TEXT_MATH:
            out.append(f"\\ensuremath{{{_TEXT_MATH[char]}}}")
        elif char in _GREEK_LETTERS:
            out.append(f"\\ensuremath{{{_GREEK_LETTERS[char]}}}")
        elif char in _SUPER:
            out.append(f"\\textsuperscript{{{_SUPER[char]}}}")
        elif char in _SUB:
            out.append(f"\\ensuremath{{_{{{_SUB[char]}}}}}")
        elif char in _TEXT_OTHER:
            out.append(_TEXT_OTHER[char])
        elif char == "/":
            out.append("/\\allowbreak{}")  # a path is one word: a line may break after /
        elif char.isascii() or char in _LATIN_LETTERS:
            out.append(char)
        else:
            decomposed = unicodedata.normalize("NFD", char)
            if len(decomposed) == 2 and decomposed[1] == "\u0302":  # p̂ and friends
                out.append(f"\\ensuremath{{\\hat{{{decomposed[0]}}}}}")
            else:
                out.append(f"[U+{ord(char):04X}]")
    return "".join(out)


def unset_characters(text: str) -> list[str]:
    """The characters of ``text`` that the appendix cannot set (shown as code points)."""
    return [c for c in unicodedata.normalize("NFC", text) if tex_text(c).startswith("[U+")]


def refuse_unset(text: str, what: str, file: str) -> None:
    """An input error naming the characters of ``text`` that pdflatex cannot set with the
    appendix's fonts (CJK, most scripts beyond Latin, Greek as letters): the appendix is
    refused rather than shown with code points where the words were."""
    unset = unset_characters(text)
    if unset:
        shown = ", ".join(f"{c} (U+{ord(c):04X})" for c in dict.fromkeys(unset))
        raise InputError(
            f"the LaTeX appendix cannot set {shown} in {what}: pdflatex with the appendix's "
            "fonts (T1, Latin Modern) has no glyph for it. Write it in Latin letters, or "
            "typeset the fragment in a document that sets it (xelatex with a CJK font, or "
            "the CJKutf8 package) after removing it here",
            file=file,
        )


# In typewriter text, the ASCII characters TeX gives a meaning, by their place in the font
# (OT1 and T1 typewriter fonts both have them there): no font change, no warning.
_CODE_SPECIALS = {
    "\\": "\\char92{}",
    "{": "\\char123{}",
    "}": "\\char125{}",
    "_": "\\char95{}",
    "^": "\\char94{}",
    "~": "\\char126{}",
    "$": "\\$",
    "&": "\\&",
    "#": "\\#",
    "%": "\\%",
}


def tex_code(text: str) -> str:
    """Source text (LaTeX or expression syntax) for \\texttt, breakable after operators."""
    out = []
    for char in text:
        out.append(_CODE_SPECIALS.get(char) or tex_text(char))
        if char in "+-*),}":
            out.append("\\allowbreak{}")
    return "".join(out)


def rule_name(name: str) -> str:
    """A rule's or lemma's name in sans serif; a name with other characters than letters,
    digits and dashes in the text font (an OT1 document has no sans serif backslash or
    brace: pdflatex warns and substitutes)."""
    if re.fullmatch(r"[A-Za-z0-9 .'-]+", name):
        return f"\\textsf{{{name}}}"
    return tex_text(name)


def tex_label(text: str) -> str:
    """A \\label key for ``text``: letters, digits and ``:.-_/`` as they are (``C18``,
    ``eq_3``), every other character as ``+`` and its code point, so two texts never share
    a key."""
    return "".join(
        c if (c.isascii() and c.isalnum()) or c in ":.-_/" else f"+{ord(c):x}+" for c in text
    )
