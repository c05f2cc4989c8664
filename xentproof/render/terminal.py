"""The annotated proof in a terminal, with rich.

Every piece of user text (titles, expressions, rule names, messages) goes into ``Text``
objects and is never parsed as rich markup or emoji codes: a derivation may well contain
``[`` or ``:name:``. Nor does it reach the terminal as control characters: an escape
sequence in a title could recolour, move the cursor, retitle the window or hide lines, and
a bidirectional override reorders what is shown; ``shown`` writes each such character as
its escape (``\x1b``, ``\u202e``). Colours come from styles only, so rich drops them by
itself for NO_COLOR and for output that is not a terminal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich import box
from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from xentproof.coverage import DisplayFate, DisplayRecord
from xentproof.display import relation_symbol
from xentproof.render.outcome import budget_used
from xentproof.result import (
    ChainResult,
    Counterexample,
    DerivationResult,
    InputProblem,
    RelationResult,
    Report,
    RuleInfo,
    Verdict,
)
from xentproof.text import shown

__all__ = ["render_rules", "render_terminal", "shown", "summary_line"]

_BADGES = {
    Verdict.PROVED: ("✔ PROVED", "bold green"),
    Verdict.REFUTED: ("✘ REFUTED", "bold red"),
    Verdict.UNPROVED: ("? UNPROVED", "bold yellow"),
}

_STEP_INDENT = 2  # relation symbols sit under the chain heading
_EXPRESSION_INDENT = 4  # expressions start after the symbol and one blank
_DETAIL_INDENT = 6  # details sit under the expression of their step
_MAX_STEP_WIDTH = 100  # verdicts align at the right edge, up to this column


def _text(text: str, style: str = "") -> Text:
    """A ``Text`` of user text, shown (``shown``) and never read as markup."""
    return Text(shown(text), style=style)


def render_terminal(report: Report, console: Console, show: str = "all") -> None:
    """Print the annotated proofs, the input errors and a summary line.

    ``show``: ``all`` (every chain), ``failing`` (only the chains with a relation that
    fails the gate, in full), ``quiet`` (one line per failing relation instead of proofs).
    """
    if show == "quiet":
        for derivation in report.derivations:
            for chain in derivation.chains:
                for relation in chain.relations:
                    if not relation.passed:
                        console.print(_failure_line(derivation, chain, relation), soft_wrap=True)
    else:
        for derivation in report.derivations:
            chains = [c for c in derivation.chains if show == "all" or not c.passed]
            if chains:
                _print_derivation(derivation, chains, console)
                console.print()
    for problem in report.errors:
        console.print(_input_problem(problem), soft_wrap=True)  # file:line stays whole
    if report.errors:
        console.print()
    # not wrapped when it goes to a file or a pipe: a log is read (and grepped) by line
    console.print(summary_line(report), soft_wrap=not console.is_terminal)


def _failure_line(
    derivation: DerivationResult, chain: ChainResult, relation: RelationResult
) -> Text:
    label, style = _badge(relation)
    line = Text()
    line.append(shown(f"{derivation.file}:{relation.line}: {chain.name}: "))
    line.append(label.lstrip("✔✘?≈ "), style=style)
    line.append(shown(f"  {relation.lhs} {relation.relation} {relation.rhs}"), style="dim")
    return line


def render_rules(rules: Sequence[RuleInfo], console: Console) -> None:
    """Print the citable rules, one per row, with their side conditions."""
    if not rules:
        console.print(Text("no rules", style="dim"))
        return
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("rule", style="bold cyan", no_wrap=True)
    table.add_column("states")
    table.add_column("side conditions")
    table.add_column("origin", style="dim")
    for rule in rules:
        conditions = _text(rule.conditions) if rule.conditions else Text("none", style="dim")
        table.add_row(_text(rule.name), _text(rule.summary), conditions, _text(rule.origin))
    console.print(table)


def summary_line(report: Report) -> Text:
    """One line: counts of derivations (of a document's displays and chains), relations
    and verdicts, coloured by the outcome."""
    s = report.summary
    read = f"{_count(s.displays, 'display')}, {_count(s.chains_read, 'chain')} read"
    if s.documents and s.documents == s.derivations:
        head = read
    elif s.documents:
        head = f"{_count(s.derivations, 'derivation')} ({_count(s.documents, 'document')}: {read})"
    else:
        head = _count(s.derivations, "derivation")
    line = (
        f"{head}, {_count(s.relations, 'relation')}: "
        f"{s.proved} proved, {s.refuted} refuted, {s.unproved} unproved in {s.seconds:.2f} s"
    )
    notes = []
    if s.expected_refuted:
        notes.append(f"{s.expected_refuted} refuted as expected (errata)")
    if s.accepted_numeric:
        notes.append(f"{s.accepted_numeric} accepted on numeric evidence")
    if notes:
        line += f" ({', '.join(notes)})"
    if s.documents:
        line += f"; {_count(s.not_read, 'display')} not read"
        if s.partly_read:
            line += f", {s.partly_read} read in part"
    if report.errors:
        line += f"; {_count(len(report.errors), 'input error')}"
    if report.nothing_checked:
        line += "; nothing was checked (exit status 5): no derivation file with a relation found"
    if (
        report.errors
        or report.nothing_checked
        or (report.strict and s.not_read)
        or any(not r.passed for r in report.relations if r.verdict is not Verdict.UNPROVED)
    ):
        style = "bold red"
    elif report.exit_code != 0 or s.accepted_numeric:
        style = "bold yellow"
    else:
        style = "bold green"
    return Text(line, style=style)


def _print_derivation(
    derivation: DerivationResult, chains: Sequence[ChainResult], console: Console
) -> None:
    console.print(Rule(_text(derivation.title or derivation.file, style="bold"), align="left"))
    about = [derivation.file] if derivation.title else []
    if derivation.source:
        about.append(f"source: {derivation.source}")
    if about:
        console.print(_text(" · ".join(about), style="dim"))
    for chain in chains:
        console.print()
        _print_chain(chain, console)
    if derivation.coverage is not None:
        shown = [d for d in derivation.coverage.displays if d.fate in _LISTED or d.defines]
        if shown:
            console.print()
        for record in shown:
            console.print(_display_record(record), soft_wrap=True)


# The displays of a document listed after its chains (chains are shown as chains, and a
# single expression is no claim): what was not read and why, what was defined, skipped.
_LISTED = {
    DisplayFate.NOT_READ: ("not read", "yellow"),
    DisplayFate.PARTLY_READ: ("read in part", "yellow"),
    DisplayFate.DEFINITION: ("defines", "dim"),
    DisplayFate.SKIPPED: ("skipped", "dim"),
}


def _display_record(record: DisplayRecord) -> Text:
    label, style = _LISTED.get(record.fate, _LISTED[DisplayFate.DEFINITION])
    text = Text()
    text.append(f"  {label}  ", style=f"bold {style}" if style != "dim" else style)
    text.append(f"line {record.line}: ", style=style)
    if record.fate not in (DisplayFate.NOT_READ, DisplayFate.PARTLY_READ, DisplayFate.SKIPPED):
        text.append(", ".join(record.defines), style=style)
    else:
        text.append(record.reason or "as asked", style=style)
        if record.latex:
            text.append(f"  ({record.latex})", style="dim")
    return text


def _print_chain(chain: ChainResult, console: Console) -> None:
    console.print(_chain_heading(chain))
    first = chain.first_display
    if not first and chain.relations:
        first = _side(chain.relations[0].lhs_display, chain.relations[0].lhs)
    console.print(_indented(_text(first), _EXPRESSION_INDENT))
    width = min(console.width, _MAX_STEP_WIDTH) - _STEP_INDENT
    for relation in chain.relations:
        console.print(_step(relation, width))
        for detail in _details(relation):
            console.print(_indented(detail, _DETAIL_INDENT))
    if not chain.relations:
        console.print(_indented(Text("no relations to check", style="dim"), _EXPRESSION_INDENT))
    if chain.conclusion and len(chain.relations) > 1:
        console.print(_indented(_text(f"∴ {chain.conclusion}", style="bold"), _STEP_INDENT))


def _chain_heading(chain: ChainResult) -> Text:
    heading = Text()
    heading.append(shown(chain.name), style="bold cyan")  # a span, so that the rest is not bold
    about = []
    if chain.claims:
        about.append(f"claims {', '.join(chain.claims)}")
    if chain.lemma:
        about.append(f"lemma {chain.lemma}")
    about.append(f"line {chain.line}")
    heading.append(shown("  " + " · ".join(about)), style="dim")
    return heading


def _step(relation: RelationResult, width: int) -> RenderableType:
    """One step: relation symbol, expression, and (right-aligned) rule and verdict.

    A grid rather than a plain line so that a long expression wraps inside its own
    column and the verdict stays visible at the right edge. The width is capped so that
    on a wide terminal the verdict is not far away from its expression.
    """
    grid = Table.grid(padding=(0, 1))
    grid.width = width
    grid.add_column(min_width=1, no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    grid.add_column(justify="right", no_wrap=True)
    grid.add_row(
        _text(relation_symbol(relation.relation)), _text(_rhs(relation)), _annotation(relation)
    )
    return _indented(grid, _STEP_INDENT)


def _indented(renderable: RenderableType, columns: int) -> Padding:
    # expand=False: no padding to the full width, so piped output has no trailing blanks.
    return Padding(renderable, (0, 0, 0, columns), expand=False)


def _annotation(relation: RelationResult) -> Text:
    text = Text()
    if relation.rule:
        text.append(shown(f"by {relation.rule}"), style="italic")
        text.append("  ")
    label, style = _badge(relation)
    text.append(label, style=style)
    return text


def _badge(relation: RelationResult) -> tuple[str, str]:
    """The verdict, and how it counts: an erratum refuted as expected passes, a step
    accepted on numeric evidence passes visibly, an erratum that was not refuted fails."""
    label, style = _BADGES[relation.verdict]
    if relation.expect == "refuted":
        if relation.expected_refuted:
            return "✘ REFUTED (expected: erratum)", "bold magenta"
        return f"{label} (expected REFUTED)", "bold red"
    if relation.accepted_numeric:
        return "≈ ACCEPTED on numeric evidence", "bold yellow"
    return label, style


def _details(relation: RelationResult) -> Iterable[Text]:
    """The lines under a step: how it was decided, and what to look at when it was not."""
    about = [f"line {relation.line}"]
    if relation.method:
        about.append(relation.method)
    if relation.conditions:
        about.append("under: " + "; ".join(relation.conditions))
    yield _text(" · ".join(about), style="dim")
    if relation.counterexample is not None:
        yield from _counterexample(relation.counterexample)
    if relation.accepted_numeric:
        yield Text('not proved: accepted on numeric evidence (accept = "numeric")', style="yellow")
    elif relation.accept == "numeric" and relation.undefined_points:
        yield Text(
            "not accepted on numeric evidence: a side is undefined at a sampled point",
            style="yellow",
        )
    elif relation.accept == "numeric" and relation.numeric_objection:
        yield Text(
            f"not accepted on numeric evidence: {relation.numeric_objection}", style="yellow"
        )
    # For a proved step the method is the whole story; evidence would only be noise.
    if relation.verdict is not Verdict.PROVED:
        if relation.evidence:
            yield _text(f"evidence: {relation.evidence}", style="yellow")
        if relation.reason:
            yield _text(f"reason: {relation.reason}", style="yellow")
        used = budget_used(relation)
        if used:
            yield _text(f"budget: {used}", style="yellow")
    if relation.rhs_latex is not None:
        yield _text(f"read as: {relation.rhs} (from the LaTeX {relation.rhs_latex})")
    for warning in relation.warnings:
        yield _text(f"warning: {warning}", style="yellow")
    if relation.note:
        yield _text(f"note: {relation.note}", style="italic")


def _counterexample(example: Counterexample) -> Iterable[Text]:
    point = ", ".join(f"{name} = {value}" for name, value in example.point.items())
    yield _text(f"counterexample: {point or 'the two sides are different constants'}", style="red")
    for side, value in example.sides_shown():
        yield _text(f"  {side} = {value}", style="red")


def _input_problem(problem: InputProblem) -> Text:
    return _text(str(problem), style="red")


def _rhs(relation: RelationResult) -> str:
    return _side(relation.rhs_display, relation.rhs)


def _side(display: str, plain: str) -> str:
    return display or plain


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
