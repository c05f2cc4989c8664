"""LaTeX text → tokens, with runs of letters split into declared names.

The lexer knows the ``[latex]`` table (which LaTeX stands for which declared name) but no
grammar: it never reads an expression. A limit's point (``\\lim_{x \\to 0^+}``) is handed
on as a typed record (``LimitPoint``), for the parser to read as an expression of its own.
Tokens come one at a time (``Lexer.tokens``), so that the parser reads a limit's point
before the text after it is split, and an error there is the one reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..errors import ExpressionError
from ..syntax.scope import Scope
from .calculus_lexing import CalculusLexing
from .case_words import condition_word
from .expectation import expectation_at
from .groups import braced_fraction_arguments, braced_script_arguments
from .names import ACCENTS, BUILTIN_FUNCTIONS, NameTable, canonical
from .number_lexing import NumberLexing
from .spelling import blanks_clash, match_name, member_alike, prime_alike, split_run
from .tokens import LimitPoint, Token, TokenKind
from .unicode import MINUS, command_for
from .vocabulary import CONDITION_RELATIONS, KNOWN_COMMANDS, OPERATORS, RELATIONS, SIZES, SPACES

_DIGITS = frozenset("0123456789")
_WORD_FONTS = ("\\text", "\\textrm", "\\mbox", "\\textnormal")
# Commands after a '.' that make it the end of a sentence, not a product.
_NOT_FACTORS = frozenset(
    {"\\end", "\\begin", "\\text", "\\textrm", "\\mbox", "\\label", "\\tag", "\\nonumber",
     "\\notag", "\\right", "\\hspace", "\\quad", "\\qquad"}
)  # fmt: skip


class Lexer(CalculusLexing, NumberLexing):
    """LaTeX text → tokens, with letter runs split into declared names."""

    def __init__(
        self, text: str, table: NameTable, scope: Scope, log_base: str | None = None
    ) -> None:
        self.text = braced_script_arguments(braced_fraction_arguments(text))
        self.log_base = log_base  # the base of the text's \log (a unit's word must match)
        self.table = table
        self.scope = scope
        self.out: list[Token] = []
        # What a run of letters may split into: declared names written as letters, the
        # functions LaTeX writes as words, and e (Euler's number) unless declared.
        self.words = set(table.letters) | set(BUILTIN_FUNCTIONS)
        if "e" not in table.names:
            self.words.add("e")

    def fail(self, at: int, message: str) -> ExpressionError:
        return ExpressionError(message, column=at + 1)

    def tokens(self) -> Iterator[Token]:
        """The tokens, as each piece of the text is split, then an ``end`` token."""
        text = self.text
        k = 0
        sent = 0
        while k < len(text):
            k = self._piece(k)
            yield from self.out[sent:]
            sent = len(self.out)
        yield Token("end", "", len(text) + 1, len(text))

    def _piece(self, k: int) -> int:
        """Split the piece of text at ``k``; return where the next piece starts."""
        text = self.text
        c = text[k]
        expectation = expectation_at(text, k, self.table, self.scope) if c in "E\\" else None
        if expectation is not None:  # E_{x \sim p}: the sum over x, p(x) times the bracket
            self.emit("cmd", "\\expectation", k, expectation.end, expectation.family)
            self.emit("name", expectation.variable, expectation.end, expectation.end)
            return expectation.end
        long = self.long_name(k)
        if long is not None:
            return long
        if c.isspace() or c == "~":
            return k + 1
        if c == "\\":
            return self.command(k)
        if c in _DIGITS or (c == "." and text[k + 1 : k + 2] in _DIGITS):
            if c == "." and (self.ends_factor() or (self.out and self.out[-1].text == "}")):
                # t.2, x_{1}.5: the product dot before 2 (α.e^z) or the decimal .2?
                raise self.fail(
                    k,
                    "a '.' between a factor and digits: a product or a decimal point? "
                    "write \\cdot, or the number with its leading 0",
                )
            return self.number(k)
        if c.isascii() and c.isalpha():
            return self.letters(k)
        if c in "<>" and text[k + 1 : k + 2] == "=":  # <= and >= typed: ≤ and ≥, as they show
            self.emit("rel", "\\le" if c == "<" else "\\ge", k, k + 2)
            return k + 2
        if text.startswith("||", k) and self.no_bar_open():  # ||w||: a norm, as typed
            self.emit("op", "‖", k, k + 2)
            return k + 2
        empty = re.match(r"\{\s*\}", text[k:]) if c == "{" else None
        if empty is not None and self.empty_group_is_nothing():  # {}|y - \hat y|: nothing
            return k + empty.end()
        if c in "+-*/^_()[]{}=<>|,&'!":
            self.emit("rel" if c in "=<>" else "op", c, k, k + 1)
            return k + 1
        if text.startswith("...", k):  # a_1 + ... + a_m, as plain text writes \dots
            self.emit("cmd", "\\dots", k, k + 3)
            return k + 3
        if c == "." and self.is_product_dot(k):  # α.e^z: the dot between two factors
            self.emit("op", "*", k, k + 1, "\\cdot")
            return k + 1
        if c in MINUS:
            if c != "−" and not (text[k - 1 : k].isspace() or text[k + 1 : k + 2].isspace()):
                raise self.fail(k, f"{c!r} between two terms: a minus or a range (1–N)? write -")
            self.emit("op", "-", k, k + 1)
            return k + 1
        word = command_for(c)
        if word is not None:  # α, ≤: the command whose glyph the character is
            if word in ("\\partial", "\\nabla"):
                return self.partial(k, k + 1, word)
            return self.plain_command(k, k + 1, word)
        raise self.fail(k, f"unexpected character {c!r} in LaTeX")

    def ends_factor(self) -> bool:
        """Whether the last token ends a factor (a name, e, a closing bracket)."""
        if not self.out:
            return False
        last = self.out[-1]
        return last.kind in ("name", "e") or (last.kind == "op" and last.text in (")", "]", "|R"))

    def no_bar_open(self) -> bool:
        """Whether every '|' before here is closed (in ``|a||b|`` the middle ``||`` closes
        one and opens another: no norm)."""
        return sum(1 for t in self.out if t.kind == "op" and t.text == "|") % 2 == 0

    def empty_group_is_nothing(self) -> bool:
        """Whether an empty group ``{}`` here is TeX's empty atom, to be dropped: not as a
        command's argument or a script (``\\frac{a}{}``, ``x^{}`` stay for the reader to
        refuse)."""
        if not self.out:
            return True
        last = self.out[-1]
        return not (last.kind == "cmd" or (last.kind == "op" and last.text in ("}", "^", "_")))

    def is_product_dot(self, k: int) -> bool:
        """A lone '.' between a factor and the next (``α.e^z``, ``α.( e^z – 1)``): the
        product, as plain-text mathematics writes it. Not after a number (``2.`` may be a
        decimal), nor in an ellipsis, nor where nothing follows."""
        text = self.text
        if not self.out or text[k - 1 : k] == "." or text[k + 1 : k + 2] == ".":
            return False
        ends = self.ends_factor()
        after = text[k + 1 :].lstrip(" ")
        command = re.match(r"\\[A-Za-z]+", after)
        if command is not None:  # x. \quad, x.\end{cases}: the end of a sentence
            word = command.group(0)
            return ends and word not in SPACES and word not in _NOT_FACTORS
        return ends and bool(after) and (after[0].isalpha() or after[0] == "(")

    def long_name(self, k: int) -> int | None:
        """A name whose LaTeX is several tokens (``P_{y \\mid x}``) written at ``k``: emit
        it and return where it ends; None if none is. Blanks do not count."""
        text = self.text
        for pattern, family in self.table.members:
            written = pattern.match(text, k)
            if written is not None:
                self.template_member(family, written, k)
                return written.end()
        for key in self.table.long:
            j = match_name(key, text, k)
            if j is None:
                continue
            member = member_alike(key, self.table.names, self.scope.families) or prime_alike(
                key, self.table.names, self.scope.functions
            )
            if member is not None:
                self.emit("unknown", key, k, j, member)
            else:
                self.name(key, k, j)
            return j
        return None

    def template_member(self, family: str, written: re.Match[str], k: int) -> None:
        """A member written as its family's template says: each index a declared name
        (not a family) or a whole number; one token whose text is the member."""
        indices: list[str] = []
        for n in range(1, self.scope.families[family][1] + 1):
            index = written.group(f"i{n}")
            names = self.table.names.get(canonical(index), ())
            if index.isdigit():
                indices.append(index)
            elif len(names) == 1 and names[0] in self.scope.symbols:
                indices.append(names[0])
            else:
                raise self.fail(k, f"{written.group(0)}: the index {index} is no declared name")
        self.emit("name", f"{family}[{', '.join(indices)}]", k, written.end(), written.group(0))

    def emit(
        self,
        kind: TokenKind,
        text: str,
        start: int,
        end: int,
        extra: str = "",
        limit: LimitPoint | None = None,
        *,
        closed: bool = False,
    ) -> None:
        self.out.append(Token(kind, text, start + 1, end, extra, limit, closed))

    def letters(self, k: int) -> int:
        text = self.text
        if self.after_script():  # ^N takes one letter, as TeX does
            self.name(text[k], k, k + 1)
            return k + 1
        m = re.match(r"[A-Za-z]+(?:[ \t]+[A-Za-z]+)*", text[k:])
        assert m is not None
        run = m.group(0).split()[0]
        clash = blanks_clash(m.group(0).split(), self.words)
        if clash is not None:
            self.emit("unknown", run, k, k + len(run), clash)
            return k + len(run)
        ways = split_run(run, self.words)
        if isinstance(ways, str):
            self.emit("unknown", run, k, k + len(run), ways)
            return k + len(run)
        for start, piece in ways:
            self.name(piece, k + start, k + start + len(piece))
        return k + len(run)

    def name(self, latex: str, start: int, end: int) -> None:
        """Emit the token for a name written as ``latex`` (canonical form)."""
        names = self.table.names.get(latex, ())
        plain = [n for n in names if n not in self.scope.families]
        if latex == "e" and plain:
            why = (
                f"e is ambiguous: Euler's number, or {plain[0]} (whose LaTeX is e); "
                f"give {plain[0]} another LaTeX in [latex]"
            )
            self.emit("unknown", latex, start, end, why)
            return
        if len(names) > 1:
            why = (
                f"{latex} is the LaTeX of {' and '.join(names)}: "
                "give them different LaTeX in [latex]"
            )
            self.emit("unknown", latex, start, end, why)
            return
        if names:
            name = names[0]
            kind: TokenKind = "func" if name in self.scope.functions else "name"
            self.emit(kind, name, start, end, latex)
        elif latex in BUILTIN_FUNCTIONS or latex.lstrip("\\") in BUILTIN_FUNCTIONS:
            self.emit("builtin", BUILTIN_FUNCTIONS[latex.lstrip("\\")], start, end, latex)
        elif latex == "e":
            self.emit("e", "E", start, end)
        else:
            why = f"{latex} is not the LaTeX of any declared name; declare it or add it to [latex]"
            self.emit("unknown", latex, start, end, why)

    def group_end(self, k: int) -> int:
        """``k`` is at ``{``: the offset just after its matching ``}``."""
        depth = 0
        for j in range(k, len(self.text)):
            if self.text[j] == "{" and self.text[j - 1 : j] != "\\":
                depth += 1
            elif self.text[j] == "}" and self.text[j - 1 : j] != "\\":
                depth -= 1
                if depth == 0:
                    return j + 1
        raise self.fail(k, "a '{' is never closed")

    # -- commands ----------------------------------------------------------------------------

    def command(self, k: int) -> int:
        text = self.text
        m = re.match(r"\\([A-Za-z]+|.)", text[k:])
        if m is None:
            raise self.fail(k, "a lone backslash ends the LaTeX")
        word = m.group(0)
        end = k + m.end()
        if word in SPACES:
            return end
        if word in SIZES:
            return self.delimiter(end, word)
        if word in ("\\begin", "\\end"):
            env = re.match(r"\\(?:begin|end)\s*\{\s*([A-Za-z*]+)\s*\}", text[k:])
            if env is None:
                raise self.fail(k, f"{word} needs an environment: {word}{{cases}}")
            self.emit("cmd", word, k, k + env.end(), env.group(1))
            return k + env.end()
        if word in ("\\frac", "\\dfrac", "\\tfrac"):
            return self.fraction(k, end)
        if word == "\\lim":
            return self.limit(k)
        if word in ("\\partial", "\\nabla"):
            return self.partial(k, end, word)
        if word in ("\\underbrace", "\\overbrace"):
            return self.brace(k, end, word)
        if word in ("\\text", "\\mathrm", "\\textrm") and self.after_number():
            unit = self.unit(k, end)
            if unit is not None:  # 4 \text{ bits}: the number, in the unit of the text's log
                return unit
        one = re.match(r"\s*(?:\{\s*1\s*\}|1)", text[end:])
        if word in ("\\mathbb", "\\mathds") and one is not None:  # the indicator 𝟙
            self.emit("cmd", "\\indicator", k, end + one.end())
            return end + one.end()
        negated = re.match(r"\s*=", text[end:])
        if word == "\\not" and negated is not None:  # \not= is \ne, as it shows
            self.emit("rel", "\\ne", k, end + negated.end())
            return end + negated.end()
        if word in ("\\|", "\\Vert", "\\lVert", "\\rVert"):  # ‖w‖: a norm (tex.vectors)
            self.emit("op", "‖", k, end)
            return end
        if word == "\\bm":  # the bm package's bold: \boldsymbol's glyph
            word = "\\boldsymbol"
        if word in ACCENTS:
            return self.accent(k, end, word)
        return self.plain_command(k, end, word)

    def plain_command(self, k: int, end: int, word: str) -> int:
        """A command that stands alone: an operator, a relation, a name, a bar."""
        if word in OPERATORS:
            self.emit("op", OPERATORS[word], k, end, word)
        elif word in RELATIONS or word in CONDITION_RELATIONS:
            self.emit("rel", word, k, end)
        elif canonical(word) in self.table.names:
            self.name(canonical(word), k, end)
        elif word[1:] in BUILTIN_FUNCTIONS:
            self.name(word, k, end)
        elif word in ("\\mid", "\\vert"):
            self.emit("op", "|", k, end)
        elif word in ("\\lvert", "\\rvert"):
            self.emit("op", "|" + ("L" if word == "\\lvert" else "R"), k, end)
        elif word in KNOWN_COMMANDS:
            self.emit("cmd", word, k, end)
        else:
            raise self.fail(k, f"the LaTeX command {word} is not understood here")
        return end

    def brace(self, k: int, end: int, word: str) -> int:
        """``\\underbrace{body}_{label}``, ``\\overbrace{body}^{label}`` at ``k``: the body
        in brackets; the label (a note in words or symbols, ``\\text{data loss}``) is no
        part of the value and is dropped. Another script after the brace is refused."""
        j = end
        while j < len(self.text) and self.text[j].isspace():
            j += 1
        if j >= len(self.text) or self.text[j] != "{":
            raise self.fail(k, f"{word} needs its body in braces: {word}{{…}}")
        close = self.group_end(j)
        self.emit("op", "(", j, j + 1)
        inner = j + 1
        while inner < close - 1:
            inner = self._piece(inner)
        self.emit("op", ")", close - 1, close)
        script = "_" if word == "\\underbrace" else "^"
        label = re.match(rf"\s*\{script}\s*", self.text[close:])
        if label is None:
            return close
        at = close + label.end()
        if at < len(self.text) and self.text[at] == "{":
            return self.group_end(at)
        command = re.match(r"\\[A-Za-z]+\s*", self.text[at:])
        if command is not None:  # _\text{data loss}
            after = at + command.end()
            if after < len(self.text) and self.text[after] == "{":
                return self.group_end(after)
            return after
        if at < len(self.text):
            return at + 1
        raise self.fail(at, f"{word}: the label after {script} is missing")

    def accent(self, k: int, end: int, word: str) -> int:
        """An accent or a font command at ``k`` with its argument: one name."""
        text = self.text
        j = end
        while j < len(text) and text[j] == " ":
            j += 1
        if j < len(text) and text[j] == "{":
            close = self.group_end(j)
            arg = text[j + 1 : close - 1].strip()
        else:
            a = re.match(r"\\[A-Za-z]+|.", text[j:])
            if a is None:
                raise self.fail(k, f"{word} needs an argument")
            arg, close = a.group(0), j + a.end()
        latex = canonical(f"{word}{{{arg}}}")
        vector = self.table.vectors.get(latex)
        if vector is not None:  # \mathbf{w} declared in \mathbb{R}^d: the whole vector
            self.emit("vector", vector.family, k, close, latex)
        elif latex in ("\\text{otherwise}", "\\text{else}"):
            self.emit("otherwise", "True", k, close)
        elif word in _WORD_FONTS and condition_word(arg, self.table.names) is not None:
            # \text{if }: cases' words
            self.emit("cmd", condition_word(arg, self.table.names) or "", k, close)
        elif latex in self.table.names:
            self.name(latex, k, close)
        elif word in ("\\mathrm", "\\operatorname", "\\text", "\\mathit") and (
            arg in self.table.names or arg in BUILTIN_FUNCTIONS
        ):
            self.name(arg, k, close)
        else:
            self.name(latex, k, close)
        return close

    def delimiter(self, k: int, size: str) -> int:
        """After ``\\left`` and friends: the delimiter, as a plain bracket token."""
        text = self.text
        while k < len(text) and text[k] == " ":
            k += 1
        m = re.match(r"\\[A-Za-z]+|\\.|.", text[k:])
        if m is None:
            raise self.fail(k, f"{size} needs a delimiter")
        d = m.group(0)
        end = k + m.end()
        side = "L" if size.endswith("l") or size == "\\left" else "R"
        if d == ".":
            return end
        if d in ("(", ")", "[", "]"):
            self.emit("op", d, k, end)
        elif d in ("|", "\\vert", "\\lvert", "\\rvert"):
            self.emit("op", "|" + side, k, end)
        elif d in ("\\|", "\\Vert", "\\lVert", "\\rVert"):
            self.emit("op", "‖", k, end)
        elif d in ("\\{", "\\lbrace"):
            self.emit("op", "(", k, end)
        elif d in ("\\}", "\\rbrace"):
            self.emit("op", ")", k, end)
        else:
            raise self.fail(k, f"{size}{d} is not a delimiter this reader knows")
        return end
