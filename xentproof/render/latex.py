"""The verified derivations as a LaTeX appendix: a fragment to ``\\input``, or a document.

Each derivation is a subsection, each chain an ``align*`` with one step per line, the
relations aligned, and the cited rule and the verdict at the right; the side conditions
and, for errata, the counterexample follow the chain. A chain that asks for a plot gets a
pgfplots figure of points computed from the verified step itself (``xentproof.figures``,
before the appendix is written).

The renderer never decides anything: it prints a report the checker made. Whether a
failing derivation may be typeset at all is the caller's decision (``xentproof.api``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence

import sympy

from ..model import Chain, Derivation, Plot, Step
from ..result import ChainResult, DerivationResult, RelationResult, Report, Verdict
from ..tex.names import GREEK_NAMES, latex_name
from ..tex.printer import expression_latex

PACKAGES = ("amsmath", "amssymb", "xcolor", "pgfplots")
# A figure's points, and every figure's by (file, chain name): ``xentproof.figures``.
Points = Sequence[tuple[float, float]]
Figures = Mapping[tuple[str, str], Points]

_RELATION_TEX = {
    "=": "=",
    "<": "<",
    "<=": "\\le",
    ">": ">",
    ">=": "\\ge",
    "<=>": "\\iff",
    "=>": "\\implies",
}
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
        elif char.isascii() or char in _LATIN_LETTERS:
            out.append(char)
        else:
            decomposed = unicodedata.normalize("NFD", char)
            if len(decomposed) == 2 and decomposed[1] == "\u0302":  # p̂ and friends
                out.append(f"\\ensuremath{{\\hat{{{decomposed[0]}}}}}")
            else:
                out.append(f"[U+{ord(char):04X}]")
    return "".join(out)


def _label(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9:.-]+", "-", text)


def render_latex(
    derivations: Sequence[Derivation],
    report: Report,
    figures: Figures,
    *,
    standalone: bool = False,
) -> str:
    """The appendix for the checked ``derivations``, their ``report`` and the points of the
    figures their chains ask for (``xentproof.figures.figures``)."""
    results = {d.file: d for d in report.derivations}
    body: list[str] = []
    labelled: set[str] = set()
    for derivation in derivations:
        result = results.get(derivation.path)
        if result is not None:
            body.extend(_derivation(derivation, result, figures, labelled))
    text = "\n".join(body) + "\n"
    if not standalone:
        head = (
            "% The verified derivations, written by xentproof "
            "(https://github.com/xentproof): \\input this file.\n"
            f"% It needs \\usepackage{{{','.join(PACKAGES[:3])}}} and "
            "\\usepackage{pgfplots} in the preamble.\n"
        )
        return head + text
    summary = report.summary
    return (
        "\\documentclass[11pt]{article}\n"
        "\\usepackage[utf8]{inputenc}\n"
        "\\usepackage[margin=2cm]{geometry}\n"
        + "".join(f"\\usepackage{{{p}}}\n" for p in PACKAGES)
        + "\\pgfplotsset{compat=1.16}\n"
        "\\allowdisplaybreaks\n"
        "\\setlength{\\parindent}{0pt}\n"
        "\\renewcommand{\\thesubsection}{\\arabic{subsection}}\n"
        "\\begin{document}\n"
        "\\section*{Appendix: verified derivations}\n"
        f"Every step below was checked by xentproof: {summary.relations} relations, "
        f"{summary.proved} proved, {summary.refuted} refuted"
        f" ({summary.expected_refuted} of them errata, refuted as expected), "
        f"{summary.unproved} unproved.\n\n" + text + "\\end{document}\n"
    )


def _derivation(
    derivation: Derivation, result: DerivationResult, figures: Figures, labelled: set[str]
) -> Iterator[str]:
    yield f"\\subsection{{{tex_text(derivation.title)}}}"
    yield f"\\label{{xp:{_label(derivation.path)}}}"
    if derivation.source:
        yield f"\\textit{{Source: {tex_text(derivation.source)}}}\\par\\medskip"
    yield from _definitions(derivation)
    chains = {c.name: c for c in result.chains}
    for chain in derivation.chains:
        chain_result = chains.get(chain.name)
        if chain_result is not None:
            points = figures.get((derivation.path, chain.name), ())
            yield from _chain(derivation, chain, chain_result, points, labelled)


def _definitions(derivation: Derivation) -> Iterator[str]:
    if not derivation.functions:
        return
    names = [f.name for f in derivation.functions.values()]
    rows = []
    for f in derivation.functions.values():
        params = ", ".join(latex_name(p.name, derivation.notation) for p in f.params)
        head = latex_name(f.name, derivation.notation, function=True)
        body = expression_latex(f.text.split("->", 1)[1], derivation.notation, names)
        rows.append(f"  {head}\\left({params}\\right) &= {body}")
    yield "Definitions:"
    yield "\\begin{align*}"
    yield " \\\\\n".join(rows)
    yield "\\end{align*}"


def _step_tex(derivation: Derivation, step: Step) -> str:
    return expression_latex(step.text, derivation.notation, derivation.functions)


def _verdict(r: RelationResult) -> str:
    if r.expected_refuted:
        return "\\textcolor{red!70!black}{$\\times$\\ \\textsc{refuted} (erratum)}"
    if r.verdict is Verdict.PROVED:
        return "\\textcolor{green!45!black}{$\\checkmark$\\ \\textsc{proved}}"
    if r.accepted_numeric:
        return "\\textcolor{orange!80!black}{\\textsc{numeric only}}"
    shown = "refuted" if r.verdict is Verdict.REFUTED else "unproved"
    return f"\\fcolorbox{{red}}{{white}}{{\\textbf{{\\textsc{{{shown}}} --- NOT VERIFIED}}}}"


def _chain(
    derivation: Derivation,
    chain: Chain,
    result: ChainResult,
    points: Points,
    labelled: set[str],
) -> Iterator[str]:
    erratum = any(r.expect == "refuted" for r in result.relations)
    title = tex_text(chain.name)
    yield f"\\subsubsection*{{{'Erratum: ' if erratum else ''}{title}}}"
    for claim in chain.claims:
        if claim not in labelled:
            labelled.add(claim)
            yield f"\\label{{xp:{_label(claim)}}}"
    facts = []
    if chain.claims:
        claims = ", ".join(tex_text(c) for c in chain.claims)
        facts.append(("Claims " if len(chain.claims) > 1 else "Claim ") + claims)
    facts.append(f"{tex_text(derivation.path)}, line {chain.line}")
    if chain.where:
        facts.append(f"where {_where(derivation, chain)}")
    if chain.lemma:
        facts.append(f"lemma \\texttt{{{tex_text(chain.lemma)}}}")
    yield "\\textit{" + "; ".join(facts) + ".}"
    if chain.note:
        yield f"{tex_text(chain.note)}."
    rows = [f"  &{_step_tex(derivation, chain.steps[0])}"]
    by_index = {r.index: r for r in result.relations}
    for k, step in enumerate(chain.steps[1:]):
        r = by_index.get(k + 1)
        rel = _RELATION_TEX.get(step.rel or "=", "=")
        rule = f"\\text{{by \\textsf{{{tex_text(step.by)}}}}}\\quad " if step.by else ""
        mark = _verdict(r) if r is not None else ""
        rows.append(f"  {rel}{{}} &{_step_tex(derivation, step)} && {rule}\\text{{{mark}}}")
    yield "\\begin{align*}"
    yield " \\\\\n".join(rows)
    yield "\\end{align*}"
    yield from _conditions(derivation, chain, result)
    if chain.plot is not None:
        yield from _plot(derivation, chain, chain.plot, points)


def _where(derivation: Derivation, chain: Chain) -> str:
    """The values a chain fixes, ``$y = 1$, $s = 0$``."""
    return ", ".join(
        f"${latex_name(str(k), derivation.notation)} = {sympy.latex(v)}$"
        for k, v in chain.where.items()
    )


def _conditions(derivation: Derivation, chain: Chain, result: ChainResult) -> Iterator[str]:
    items = []
    for r in result.relations:
        step = chain.steps[r.index]
        parts = [f"line {r.line}: {tex_text(r.method)}"]
        if r.conditions:
            parts.append("under " + "; ".join(tex_text(c) for c in r.conditions))
        if step.latex is not None:
            parts.append(
                f"written in LaTeX as \\texttt{{{_code(step.latex)}}}, read as "
                f"\\texttt{{{_code(step.text)}}}"
            )
        if r.counterexample is not None:
            ce = r.counterexample
            point = ", ".join(f"{tex_text(k)} = {tex_text(v)}" for k, v in ce.point.items())
            sides = ", ".join(
                f"{side} side $\\approx {_number(approx)}$"
                if approx
                else f"{side} side: {tex_text(exact)}"
                for side, exact, approx in (
                    ("left", ce.lhs, ce.lhs_approx),
                    ("right", ce.rhs, ce.rhs_approx),
                )
            )
            parts.append(f"counterexample: {point}; {sides}")
        if r.reason and r.verdict is Verdict.UNPROVED:
            parts.append(f"why not proved: {tex_text(r.reason)}")
        if r.note:
            parts.append(f"note: {tex_text(r.note)}")
        items.append("  \\item " + "; ".join(parts) + ".")
    if items:
        yield "{\\small\\begin{itemize}\\setlength{\\itemsep}{0pt}"
        yield "\n".join(items)
        yield "\\end{itemize}}"


def _code(text: str) -> str:
    """Source text (LaTeX or expression syntax) for \\texttt, breakable after operators."""
    out = []
    for char in text:
        out.append(tex_text(char))
        if char in "+-*),}":
            out.append("\\allowbreak{}")
    return "".join(out)


def _number(text: str) -> str:
    return re.sub(r"[^0-9eE.+\-]", "", text) or "?"


def _plot(derivation: Derivation, chain: Chain, plot: Plot, points: Points) -> Iterator[str]:
    x_tex = latex_name(plot.var, derivation.notation)
    step = _step_tex(derivation, chain.steps[plot.step])
    caption = tex_text(plot.label) if plot.label else f"${step}$ against ${x_tex}$"
    if chain.where and not plot.label:
        caption += ", " + _where(derivation, chain)
    coordinates = " ".join(f"({x:.6g},{y:.6g})" for x, y in points)
    yield "\\begin{figure}[htbp]"
    yield "\\centering"
    yield "\\begin{tikzpicture}"
    yield (
        f"\\begin{{axis}}[width=0.62\\linewidth, height=5.2cm, xlabel={{${x_tex}$}}, "
        f"xmin={float(plot.lo):g}, xmax={float(plot.hi):g}, "
        f"ylabel={{${step}$}}, grid=major, every axis plot/.append style={{thick}}]"
    )
    yield f"\\addplot[blue, mark=none] coordinates {{{coordinates}}};"
    yield "\\end{axis}"
    yield "\\end{tikzpicture}"
    chain_name = tex_text(chain.name)
    yield f"\\caption{{{caption} (chain \\texttt{{{chain_name}}}, drawn from the verified step)}}"
    yield f"\\label{{xp:plot:{_label(derivation.path)}:{_label(chain.name)}}}"
    yield "\\end{figure}"
