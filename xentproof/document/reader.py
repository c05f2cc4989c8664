"""A scanned document → ``Derivation``: its displays read as chains in the scope its
directives, sidecar and definitions build, in document order, and a record of every
display (``xentproof.coverage``) saying what became of it.

A display that cannot be read is *not read*, with the reason and its line, and the rest of
the document goes on; only what makes the whole document unreadable (a directive not
understood, a macro bomb, a display marked ``check`` that is not read) is an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import sympy

from ..coverage import Coverage, DisplayFate, DisplayRecord
from ..errors import DocumentError, InputError
from ..model import Chain, Derivation
from ..tex.groups import shorten
from ..tex.macros import Macro, expand
from .building import ChainBuild, ChainReader
from .chains import ChainDraft, NotReadable, display_chains
from .directives import Directive, Scope, parse_directives
from .records import Directive as RawDirective
from .records import Display, Lines, MacroEvent, Scan, Unterminated
from .rows import split_rows
from .scope import DocumentScope
from .undeclared import UNDECLARED, undeclared_names, undeclared_reason

# Directives whose value is LaTeX (and may use the document's macros).
_LATEX_VALUED = frozenset({"symbols", "let", "where", "range"})


def _without_column_count(body: str) -> str:
    """``alignat``'s first argument (its number of columns), blanked."""
    stripped = body.lstrip()
    if not stripped.startswith("{"):
        return body
    at = body.index("{")
    end = body.index("}", at)
    return body[:at] + " " * (end + 1 - at) + body[end + 1 :]


@dataclass
class DisplaySettings:
    """What the directives before a display (and the sidecar's labels) ask of it."""

    skip: bool = False
    check: bool = False
    join: bool = False
    define: bool = False
    name: str | None = None
    claims: tuple[str, ...] = ()
    where: list[tuple[str, int]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)


class DocumentReader:
    """Reads one scanned document, event by event."""

    def __init__(
        self, path: str, text: str, scan: Scan, scope: DocumentScope, markdown: bool
    ) -> None:
        self.path = path
        self.lines = Lines(text)
        self.scan = scan
        self.scope = scope
        self.markdown = markdown
        self.macros: dict[str, Macro] = {}
        self.chains: list[ChainBuild] = []
        self.records: list[DisplayRecord] = []
        self.pending = DisplaySettings()
        self.relation_directives: list[Directive] = []
        self.title: str | None = None
        self.labels: Mapping[str, Mapping[str, object]] = {}
        self.parts: list[str] = []  # the steps' LaTeX of the display being read
        self.defined: list[str] = []  # what the display being read defines
        self.chain_reader = ChainReader(scope, self.lines, self.explain)

    # -- the events ------------------------------------------------------------------------

    def read(self) -> Derivation:
        events = self.scan.events
        inside: dict[int, list[RawDirective]] = {}
        for k, event in enumerate(events):
            if isinstance(event, Display):
                inside[k] = [
                    e
                    for e in events
                    if isinstance(e, RawDirective) and event.start <= e.offset < event.end
                ]
        taken = {id(d) for found in inside.values() for d in found}
        for k, event in enumerate(events):
            if isinstance(event, MacroEvent):
                event.definition.apply(self.macros)
            elif isinstance(event, RawDirective) and id(event) not in taken:
                for directive in parse_directives(event.text, event.line, event.offset):
                    self.directive(directive)
            elif isinstance(event, Display):
                self.display(event, inside[k])
            elif isinstance(event, Unterminated):
                self.records.append(
                    DisplayRecord(event.line, DisplayFate.NOT_READ, f"{event.kind} never ends")
                )
                break
        self.finish_pending()
        return self.derivation()

    def directive(self, directive: Directive) -> None:
        kind, value, line = directive.kind, directive.value, directive.line
        if kind in _LATEX_VALUED and self.macros:
            try:  # written in the document's own notation, macros included
                value = expand(value, 0, self.macros).text
            except InputError as error:
                raise error.at(None, line) from None
            directive = replace(directive, value=value)
        try:
            if directive.scope is Scope.RELATION:
                self.relation_directives.append(directive)
            elif directive.scope is Scope.DISPLAY:
                self.display_directive(directive)
            elif kind == "symbols":
                self.scope.declare_symbols(value, line)
            elif kind == "let":
                self.scope.define_text(value, line)
            elif kind == "title":
                self.title = value
            else:  # range, log-base
                self.scope.set_reading(kind, value, line)
        except InputError as error:
            raise error.at(None, line) from None

    def display_directive(self, directive: Directive) -> None:
        settings = self.pending
        settings.lines.append(directive.line)
        if directive.kind == "skip":
            settings.skip = True
        elif directive.kind == "check":
            settings.check = True
        elif directive.kind == "continue":
            settings.join = True
        elif directive.kind == "define":
            settings.define = True
        elif directive.kind == "name":
            settings.name = directive.value
        elif directive.kind == "claims":
            settings.claims = tuple(c.strip() for c in directive.value.split(",") if c.strip())
        else:  # where
            settings.where.append((directive.value, directive.line))

    def finish_pending(self) -> None:
        if self.pending.lines or self.relation_directives:
            lines = self.pending.lines + [d.line for d in self.relation_directives]
            raise DocumentError("this directive applies to no display after it", line=min(lines))

    # -- one display -----------------------------------------------------------------------

    def display(self, display: Display, inner: list[RawDirective]) -> None:
        settings, self.pending = self.pending, DisplaySettings()
        relation = list(self.relation_directives)
        self.relation_directives = []
        for raw in inner:
            for directive in parse_directives(raw.text, raw.line, raw.offset):
                if directive.scope is not Scope.RELATION:
                    raise DocumentError(
                        f"{directive.kind}: belongs before a display, not inside one",
                        line=directive.line,
                    )
                relation.append(directive)
        first = shorten(display.body)
        if not first:
            if settings.lines or relation:
                raise DocumentError(
                    "this directive applies to an empty display",
                    line=min(settings.lines + [d.line for d in relation]),
                )
            return  # a display of macro definitions only
        if settings.skip:
            self.records.append(DisplayRecord(display.line, DisplayFate.SKIPPED, "skip", first))
            return
        self.defined = []
        try:
            fate, reason = self.read_display(display, settings, relation)
        except (NotReadable, InputError) as error:
            fate, reason = DisplayFate.NOT_READ, self.reason(error, display)
            if settings.check:
                raise DocumentError(
                    f"a display marked check is not read: {reason}", line=display.line
                ) from None
        self.records.append(DisplayRecord(display.line, fate, reason, first, tuple(self.defined)))

    def reason(self, error: NotReadable | InputError, display: Display) -> str:
        if isinstance(error, NotReadable):
            return error.reason
        if isinstance(error, DocumentError):
            raise error
        where = f"line {error.line}: " if error.line and error.line != display.line else ""
        return where + self.explain(error)

    def explain(self, error: InputError) -> str:
        """Why a step is not read: the reader's message, or the undeclared names in the
        display with the directive that declares them."""
        message = error.message
        if UNDECLARED.search(message):
            scope = self.scope.declarations.scope(self.scope.extra())
            names = undeclared_names(self.parts, scope, self.scope.notation())
            if names:
                return undeclared_reason(names, self.markdown)
        return message

    def read_display(
        self, display: Display, settings: DisplaySettings, relation: list[Directive]
    ) -> tuple[DisplayFate, str]:
        body = display.body
        if display.kind.startswith("alignat"):
            body = _without_column_count(body)
        expansion = expand(body, display.start, self.macros)
        drafts = display_chains(split_rows(expansion.text), expansion, continuing=settings.join)
        self.parts = [p.latex for d in drafts for p in d.parts]
        self.apply_labels(drafts, settings, display.line)
        if settings.skip:
            return DisplayFate.SKIPPED, "skip (sidecar)"
        local, where = self.scope.where(settings.where)
        self.chain_reader.under_where = bool(settings.where)
        queue = sorted(relation, key=lambda d: d.offset)
        built: list[ChainBuild] = []
        defined = self.defined
        gaps: list[str] = []
        for k, draft in enumerate(drafts):
            found, missed = self.chain_reader.chains(
                draft, local, defined, queue, settings.define and k == 0
            )
            built.extend(found)
            gaps.extend(missed)
        if queue:
            raise DocumentError(
                f"{queue[0].kind}: there is no relation after it in this display",
                line=queue[0].line,
            )
        fate, reason = self.place(display, built, defined, settings, where)
        if gaps and fate in (DisplayFate.CHAIN, DisplayFate.CONTINUED):
            return DisplayFate.PARTLY_READ, "; ".join(gaps)
        if gaps:
            raise NotReadable("; ".join(gaps))
        return fate, reason

    def apply_labels(self, drafts: list[ChainDraft], settings: DisplaySettings, line: int) -> None:
        """The sidecar's settings for the labels of this display and of its rows."""
        for draft in drafts:
            for label in draft.labels:
                options = self.labels.get(label, {})
                settings.skip = settings.skip or options.get("skip") is True
                settings.check = settings.check or options.get("check") is True
                if isinstance(options.get("where"), str):
                    settings.where.append((str(options["where"]), line))
            for part in draft.parts:
                for label in part.labels:
                    options = self.labels.get(label, {})
                    for key in ("expect", "accept"):
                        if isinstance(options.get(key), str) and part.rel is not None:
                            setattr(part, key, options[key])
                    if isinstance(options.get("rule"), str) and part.rel is not None:
                        part.by = str(options["rule"])
                    if isinstance(options.get("note"), str) and part.rel is not None:
                        part.note = str(options["note"])

    def place(
        self,
        display: Display,
        built: list[ChainBuild],
        defined: list[str],
        settings: DisplaySettings,
        where: dict[sympy.Basic, sympy.Expr],
    ) -> tuple[DisplayFate, str]:
        """Add the display's chains (the first joined to the chain before, with
        ``continue``) and say what became of it."""
        fate = DisplayFate.CHAIN
        if settings.join:
            if not self.chains or not built or built[0].steps[0].rel is None:
                raise NotReadable("continue: the display must start with a relation, after a chain")
            if settings.where:
                raise NotReadable(
                    "continue: a continued display is read under the chain's where (write the "
                    "where: before the display the chain starts in)"
                )
            self.chains[-1].steps.extend(built.pop(0).steps)
            fate = DisplayFate.CONTINUED
        elif not built:
            if defined:
                return DisplayFate.DEFINITION, "defines " + ", ".join(defined)
            return DisplayFate.EXPRESSION, "a single expression: no relation to check"
        for k, chain in enumerate(built):
            if k == 0 and settings.name:
                chain.name = settings.name
            if k == 0 and settings.claims:
                chain.claims = settings.claims
            chain.where.update(where)
            chain.name = self.unique(chain.name, display.line)
            self.chains.append(chain)
        return fate, ""

    def unique(self, name: str, line: int) -> str:
        taken = {c.name for c in self.chains}
        if name not in taken:
            return name
        if name.startswith("line-"):
            k = 2
            while f"{name}-{k}" in taken:
                k += 1
            return f"{name}-{k}"
        raise DocumentError(f"chain name {name!r} is used twice", line=line)

    # -- the result ------------------------------------------------------------------------

    def derivation(self) -> Derivation:
        from pathlib import Path

        d = self.scope.declarations
        chains = tuple(
            Chain(c.name, c.line, tuple(c.steps), c.claims, dict(c.where)) for c in self.chains
        )
        title = self.title or self.scan.title or Path(self.path).name
        return Derivation(
            self.path,
            title,
            self.scope.all_symbols(),
            self.scope.all_functions(),
            chains,
            None,
            d.notation,
            Coverage(tuple(self.records)),
        )
