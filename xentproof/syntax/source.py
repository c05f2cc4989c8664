"""One expression's text, parsed into a syntax tree within the structural bounds, and the
column where each node of that tree was written (for error messages).

The text is parsed with ``ast.parse(..., mode="eval")``; nothing in it is ever executed.
"""

from __future__ import annotations

import ast
import re
import warnings

from ..errors import ExpressionError
from .bounds import MAX_DEPTH, MAX_LENGTH


class SourceText:
    """The text of one expression and its syntax tree, checked against the length and
    nesting bounds before and after parsing."""

    def __init__(self, text: str) -> None:
        if len(text) > MAX_LENGTH:
            raise ExpressionError(
                f"expression is {len(text)} characters long; the limit is {MAX_LENGTH}", column=1
            )
        body = text.lstrip()  # the parser rejects leading blanks as an indent
        self.lead = len(text) - len(body)  # characters of leading blank space, removed
        if not body.strip():
            raise ExpressionError("empty expression: expected a formula such as 'x + 1'", column=1)
        self.lines = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", body)]
        self.text = ""  # the text that was parsed (without the leading blank space)
        self._check_brackets(body)
        try:
            # Python warns about some texts as it parses them ("1and x": invalid decimal
            # literal, '"\\d"' invalid escape); for a reader of derivations that is noise on
            # stderr (or, under -W error, a different message), not something to say.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                tree = ast.parse(body, mode="eval")
        except SyntaxError as exc:
            column = self._offset(exc.lineno or 1, (exc.offset or 1) - 1)
            raise ExpressionError(f"not a valid expression: {exc.msg}", column=column) from None
        except (RecursionError, MemoryError) as exc:
            raise ExpressionError(f"expression is too deeply nested ({exc})", column=1) from None
        except (ValueError, OverflowError) as exc:
            raise ExpressionError(f"not a valid expression: {exc}", column=1) from None
        self.text = body
        self._check_depth(tree.body)
        self._check_names(tree.body)
        self.tree: ast.expr = tree.body

    def _check_names(self, root: ast.expr) -> None:
        # Python reads a name in its NFKC form: the mathematical italic 𝑥, the full-width
        # ｘ and x would all be the symbol x, and 𝐸 Euler's number. A name is read only as
        # it is written, so these are refused (with the name to write) rather than read
        # as something that looks different.
        for node in ast.walk(root):
            if not isinstance(node, ast.Name):
                continue
            written = ast.get_source_segment(self.text, node)
            if written is not None and written != node.id:
                raise ExpressionError(
                    f"the name '{written}' is written with characters that look like "
                    f"'{node.id}' but are not; write '{node.id}'",
                    column=self.column(node),
                )

    def _check_brackets(self, body: str) -> None:
        # Before parsing: CPython's parser recurses on nesting and may fail in odd ways.
        depth = 0
        for i, char in enumerate(body):
            if char in "([{":
                depth += 1
                if depth > MAX_DEPTH:
                    raise ExpressionError(
                        f"brackets are nested more than {MAX_DEPTH} deep", column=self.lead + i + 1
                    )
            elif char in ")]}":
                depth -= 1

    def _check_depth(self, root: ast.expr) -> None:
        # Iterative, so a hostile tree cannot exhaust the Python stack. A chain of the same
        # left-associative operator (a + b - c + …) counts as one level: the walk flattens it.
        stack: list[tuple[ast.AST, int]] = [(root, 1)]
        while stack:
            node, depth = stack.pop()
            if depth > MAX_DEPTH:
                raise ExpressionError(
                    f"expression is nested more than {MAX_DEPTH} levels deep",
                    column=self.column(node),
                )
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.expr_context | ast.operator | ast.cmpop | ast.boolop):
                    continue
                same_chain = (
                    isinstance(node, ast.BinOp)
                    and child is node.left
                    and isinstance(child, ast.BinOp)
                    and chain_family(child.op) is chain_family(node.op) is not None
                )
                stack.append((child, depth if same_chain else depth + 1))

    def _offset(self, lineno: int, char_col: int) -> int:
        start = self.lines[min(lineno, len(self.lines)) - 1]
        return self.lead + start + max(char_col, 0) + 1

    def column(self, node: ast.AST) -> int | None:
        """The 1-based column of ``node`` in the text as written (leading blanks included)."""
        lineno = getattr(node, "lineno", None)
        byte_col = getattr(node, "col_offset", None)
        if lineno is None or byte_col is None:
            return None
        start = self.lines[min(lineno, len(self.lines)) - 1]
        line = self.text[start:]
        char_col = len(line.encode("utf-8")[:byte_col].decode("utf-8", errors="ignore"))
        return self._offset(lineno, char_col)

    def segment(self, node: ast.AST) -> str:
        """The text of ``node``, shortened for a message."""
        text = ast.get_source_segment(self.text, node) or type(node).__name__
        return text if len(text) <= 40 else text[:37] + "..."


def chain_family(op: ast.operator) -> str | None:
    """The family of a left-associative chain operator, or None."""
    if isinstance(op, ast.Add | ast.Sub):
        return "add"
    if isinstance(op, ast.Mult | ast.Div):
        return "mul"
    return None
