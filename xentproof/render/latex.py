"""The verified derivations as a LaTeX appendix: a fragment to ``\\input``, or a document.

Each derivation is a subsection, each chain a numbered subsubsection (its claim ids are
labels: ``\\ref{xp:C18}`` prints its number) with an ``align*`` of one step per row, long
rows broken to fit a column of a two-column page, the cited rule at the right; then one
sentence of what was verified, for which values, using which facts, and for an erratum its
counterexample. ``detail="full"`` (an audit appendix) adds the verdict and method of every
row and a list with the line, the side conditions and the LaTeX of every step. A chain that
asks for a plot gets a pgfplots figure of points computed from the verified step itself
(``xentproof.figures``, before the appendix is written).

The renderer never decides anything: it prints a report the checker made. Whether a
failing derivation may be typeset at all is the caller's decision (``xentproof.api``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import sympy

from ..model import Chain, Derivation, Plot, Step
from ..result import ChainResult, DerivationResult, RelationResult, Report, Verdict
from ..tex.names import latex_name
from ..tex.printer import expression_latex, expression_pieces
from .latex_facts import chain_facts, counterexample_sentence, relation_details, verified_sentence
from .latex_rows import break_rows, formula_width
from .latex_text import refuse_unset, rule_name, tex_label, tex_text

__all__ = ["PACKAGES", "Detail", "render_latex", "tex_text"]

PACKAGES = ("amsmath", "amssymb", "xcolor", "pgfplots")
Detail = Literal["default", "full"]
# A figure's points, and every figure's by (file, chain name): ``xentproof.figures``.
Points = Sequence[tuple[float, float]]
Figures = Mapping[tuple[str, str], Points]

# The estimated width (points at 10 pt, ``latex_rows``) a row may take: a fragment fits a
# column of a two-column article (229.5 pt, less the relation and a margin); the
# standalone document is one column of 17 cm at 11 pt.
FRAGMENT_WIDTH = 195.0
STANDALONE_WIDTH = 400.0
INDENT = 20.0  # a broken row's next lines start \qquad in

_RELATION_TEX = {
    "=": "=",
    "<": "<",
    "<=": "\\le",
    ">": ">",
    ">=": "\\ge",
    "<=>": "\\iff",
    "=>": "\\implies",
}


@dataclass(frozen=True)
class _Style:
    detail: Detail
    width: float  # of a row, as latex_rows estimates it
    figure: str  # a figure's width


def render_latex(
    derivations: Sequence[Derivation],
    report: Report,
    figures: Figures,
    *,
    standalone: bool = False,
    detail: Detail = "default",
) -> str:
    """The appendix for the checked ``derivations``, their ``report`` and the points of the
    figures their chains ask for (``xentproof.figures.figures``). Text that pdflatex cannot
    set with the appendix's fonts (CJK, say) is an ``InputError`` naming it."""
    for derivation in derivations:
        _refuse_unset_text(derivation)
    style = (
        _Style(detail, STANDALONE_WIDTH, "0.62\\linewidth")
        if standalone
        else _Style(detail, FRAGMENT_WIDTH, "0.9\\linewidth")
    )
    results = {d.file: d for d in report.derivations}
    body: list[str] = []
    labelled: set[str] = set()
    for derivation in derivations:
        result = results.get(derivation.path)
        if result is not None:
            body.extend(_derivation(derivation, result, figures, labelled, style))
    text = "\n".join(body) + "\n"
    if not standalone:
        head = (
            "% The verified derivations, written by xentproof: \\input this file.\n"
            f"% It needs \\usepackage{{{','.join(PACKAGES[:3])}}}, \\usepackage{{pgfplots}} "
            "and \\pgfplotsset{compat=1.16}\n"
            "% in the preamble; \\usepackage[T1]{fontenc} for letters beyond ASCII.\n"
        )
        return head + text
    return _document(report, text)


def _document(report: Report, text: str) -> str:
    summary = report.summary
    errata = (
        f" ({summary.expected_refuted} of them errata, refuted as expected)"
        if summary.expected_refuted
        else ""
    )
    return (
        "\\documentclass[11pt]{article}\n"
        "\\usepackage[T1]{fontenc}\n"
        "\\usepackage[utf8]{inputenc}\n"
        "\\IfFileExists{lmodern.sty}{\\usepackage{lmodern}}{}\n"
        "\\usepackage[margin=2cm]{geometry}\n"
        + "".join(f"\\usepackage{{{p}}}\n" for p in PACKAGES)
        + "\\pgfplotsset{compat=1.16}\n"
        "\\allowdisplaybreaks\n"
        "\\setlength{\\parindent}{0pt}\n"
        "\\setlength{\\parskip}{0.5\\baselineskip}\n"
        "\\renewcommand{\\thesubsection}{\\arabic{subsection}}\n"
        "\\begin{document}\n"
        "\\section*{Appendix: verified derivations}\n"
        f"Every step below was checked by xentproof: {summary.relations} "
        f"relation{'' if summary.relations == 1 else 's'}, "
        f"{summary.proved} proved, {summary.refuted} refuted{errata}, "
        f"{summary.unproved} unproved.\n\n" + text + "\\end{document}\n"
    )


def _refuse_unset_text(derivation: Derivation) -> None:
    texts = [("the title", derivation.title), ("the source", derivation.source or "")]
    for chain in derivation.chains:
        where = f"chain {chain.name!r}"
        texts.append(("a chain's name", chain.name))
        texts += [(f"{where}'s note", chain.note or ""), (f"{where}'s lemma", chain.lemma or "")]
        texts += [(f"{where}'s claims", c) for c in chain.claims]
        if chain.plot is not None:
            texts.append((f"{where}'s plot label", chain.plot.label or ""))
        texts += [(f"a note of {where}", s.note or "") for s in chain.steps]
    for what, text in texts:
        refuse_unset(text, what, derivation.path)


def _derivation(
    derivation: Derivation,
    result: DerivationResult,
    figures: Figures,
    labelled: set[str],
    style: _Style,
) -> Iterator[str]:
    title = tex_text(derivation.title)
    yield f"\\subsection[{title}]{{\\raggedright {title}}}"
    yield f"\\label{{xp:{tex_label(derivation.path)}}}"
    if derivation.source:
        yield f"{{\\raggedright\\textit{{Source: {tex_text(derivation.source)}.}}\\par}}"
    yield from _definitions(derivation, style)
    chains = {c.name: c for c in result.chains}
    for chain in derivation.chains:
        chain_result = chains.get(chain.name)
        if chain_result is not None:
            points = figures.get((derivation.path, chain.name), ())
            yield from _chain(derivation, chain, chain_result, points, labelled, style)


def _definitions(derivation: Derivation, style: _Style) -> Iterator[str]:
    if not derivation.functions:
        return
    names = list(derivation.functions)
    rows = []
    for f in derivation.functions.values():
        params = ", ".join(latex_name(p.name, derivation.notation) for p in f.params)
        head = latex_name(f.name, derivation.notation, function=True)
        body = expression_pieces(f.text.split("->", 1)[1], derivation.notation, names)
        lines = break_rows(body, style.width - 40.0, INDENT)
        rows.append(f"  {head}({params}) &= " + " \\\\\n  &\\qquad ".join(lines))
    yield "\\noindent Definitions:"
    yield "\\begin{align*}"
    yield " \\\\\n".join(rows)
    yield "\\end{align*}"


def _step_tex(derivation: Derivation, step: Step) -> str:
    return expression_latex(step.text, derivation.notation, derivation.functions)


def _mark(r: RelationResult, detail: Detail) -> str:
    """What the right of a row says about its relation: nothing for a proof by default
    (the appendix holds only verified chains), its verdict otherwise."""
    if r.expected_refuted:
        return "\\textcolor{red!70!black}{false (erratum)}"
    if r.verdict is Verdict.PROVED:
        if detail == "full":
            method = "replayed" if r.rule and r.method == f"{r.rule} (replayed)" else r.method
            return f"\\textcolor{{green!45!black}}{{proved}}, {tex_text(method)}"
        return ""
    if r.accepted_numeric:
        return "\\textcolor{orange!80!black}{numeric only}"
    shown = "refuted" if r.verdict is Verdict.REFUTED else "unproved"
    return f"\\fcolorbox{{red}}{{white}}{{\\textbf{{{shown}: NOT VERIFIED}}}}"


def _rows(derivation: Derivation, chain: Chain, result: ChainResult, style: _Style) -> list[str]:
    by_index = {r.index: r for r in result.relations}
    rows = []
    for k, step in enumerate(chain.steps):
        pieces = expression_pieces(step.text, derivation.notation, derivation.functions)
        lines = break_rows(pieces, style.width, INDENT)
        rel = "\\mathrel{\\phantom{=}}" if k == 0 else _RELATION_TEX.get(step.rel or "=", "=")
        r = by_index.get(k)
        notes = [f"by {rule_name(step.by)}"] if step.by else []
        mark = _mark(r, style.detail) if r is not None else ""
        notes += [mark] if mark else []
        tag = f" \\tag*{{\\small {'; '.join(notes)}}}" if notes else ""
        rows.append(f"  &{rel} " + " \\\\\n  &\\qquad ".join(lines) + tag)
    return rows


def _chain(
    derivation: Derivation,
    chain: Chain,
    result: ChainResult,
    points: Points,
    labelled: set[str],
    style: _Style,
) -> Iterator[str]:
    erratum = any(r.expect == "refuted" for r in result.relations)
    name = f"{'Erratum: ' if erratum else ''}{tex_text(chain.name)}"
    yield f"\\subsubsection[{name}]{{\\raggedright {name}}}"
    for claim in chain.claims:
        if claim not in labelled:
            labelled.add(claim)
            yield f"\\label{{xp:{tex_label(claim)}}}"
    yield f"\\label{{xp:chain:{tex_label(derivation.path)}:{tex_label(chain.name)}}}"
    heading = list(_heading_facts(derivation, chain, style))
    if heading:  # ragged right: a path or a long id has few places to break
        yield "{\\raggedright"
        yield from heading
        yield "\\par}"
    yield "\\begin{align*}"
    yield " \\\\\n".join(_rows(derivation, chain, result, style))
    yield "\\end{align*}"
    yield "{\\raggedright"
    yield from _after_rows(derivation, chain, result, style)
    yield "\\par}"
    if style.detail == "full":
        yield "{\\small\\raggedright\\begin{itemize}\\setlength{\\itemsep}{0pt}"
        for r in result.relations:
            yield f"  \\item Step {r.index + 1}: {relation_details(derivation, chain, r)}."
        yield "\\end{itemize}}"
    if chain.plot is not None:
        yield from _plot(derivation, chain, chain.plot, points, style.figure)


def _after_rows(
    derivation: Derivation, chain: Chain, result: ChainResult, style: _Style
) -> Iterator[str]:
    """What was verified and under what, the errata's counterexamples, the steps' notes."""
    facts = chain_facts(derivation, chain, result)
    if all(r.verdict is Verdict.PROVED for r in result.relations):
        conclusion = ""
        if result.concludes not in (None, "=") and len(chain.steps) > 2:
            first, last = (_step_tex(derivation, chain.steps[k]) for k in (0, -1))
            conclusion = f"{first} {_RELATION_TEX[result.concludes or '=']} {last}"
        yield verified_sentence(facts, _where(derivation, chain), conclusion)
    for r in result.relations:
        step = _step_named(derivation, chain, r.index)
        if r.counterexample is not None and style.detail == "default":
            sentence = counterexample_sentence(derivation, r.counterexample, False)
            yield f"{step[0].upper()}{step[1:]} is false. {sentence}"
        if r.note:
            yield f"On {step}: {tex_text(r.note)}."


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")


def _step_named(derivation: Derivation, chain: Chain, index: int) -> str:
    """``the step to $1 - \\hat{y}$``, or ``the third step`` where it is long to repeat."""
    shown = _step_tex(derivation, chain.steps[index])
    if formula_width(shown) <= 120.0 and "\\begin" not in shown:
        return f"the step to ${shown}$"
    if index < len(_ORDINALS):
        return f"the {_ORDINALS[index]} step"
    return f"step {index + 1}"


def _heading_facts(derivation: Derivation, chain: Chain, style: _Style) -> Iterator[str]:
    facts = []
    if chain.claims:
        claims = ", ".join(tex_text(c) for c in chain.claims)
        facts.append(("Claims " if len(chain.claims) > 1 else "Claim ") + claims)
    if style.detail == "full":
        facts.append(f"{tex_text(derivation.path)}, line {chain.line}")
    if chain.lemma:
        facts.append(f"stated as the lemma {rule_name(chain.lemma)}")
    if facts:
        yield "\\textit{" + "; ".join(facts) + ".}"
    if chain.note:
        yield f"{tex_text(chain.note)}."


def _where(derivation: Derivation, chain: Chain) -> str:
    """The values a chain fixes, ``$y = 1$, $s = 0$``."""
    return ", ".join(
        f"${latex_name(str(k), derivation.notation)} = {sympy.latex(v)}$"
        for k, v in chain.where.items()
    )


def _plot(
    derivation: Derivation, chain: Chain, plot: Plot, points: Points, width: str
) -> Iterator[str]:
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
        f"\\begin{{axis}}[width={width}, height=5.2cm, xlabel={{${x_tex}$}}, "
        f"xmin={float(plot.lo):g}, xmax={float(plot.hi):g}, "
        f"ylabel={{${step}$}}, grid=major, every axis plot/.append style={{thick}}]"
    )
    yield f"\\addplot[blue, mark=none] coordinates {{{coordinates}}};"
    yield "\\end{axis}"
    yield "\\end{tikzpicture}"
    yield f"\\caption{{{caption}: drawn from the verified step.}}"
    yield f"\\label{{xp:plot:{tex_label(derivation.path)}:{tex_label(chain.name)}}}"
    yield "\\end{figure}"
