"""A family whose members a text writes with the index inside (``[latex] pr =
'\\pi\\left(\\mathbf{x}^{(#1)} \\mid \\boldsymbol{\\theta}\\right)'``: ``\\pi(\\mathbf{x}^{(i)} |
\\boldsymbol\\theta)`` is ``pr[i]``; ``pk = '\\pi_{#1}(\\mathbf{x})'``: ``\\pi_k(\\mathbf{x})`` is
``pk[k]``).

The entry, read and checked as any ``[latex]`` entry, becomes a regular expression built
token by token from its canonical form: blanks and spacing (``~``, ``\\,``) may come between
tokens, ``\\left``/``\\right`` before a delimiter may be there or not, a one-token script may
go without braces, ``\\bm`` stands for ``\\boldsymbol``, and each ``#n`` takes one index: a
declared name or a whole number, never an expression (the lexer checks it). Nothing of the
text is evaluated; the patterns are built from the entries only, and are anchored token by
token (no nested quantifiers over the input).
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|#[1-9]|\s+|.", re.DOTALL)
_GAP = r"(?:\s|~|\\[,;:! ])*"
_SIZE = r"(?:\\(?:left|right|bigl|bigr|Bigl|Bigr|big|Big|biggl|biggr)(?![A-Za-z]))?"
_INDEX = r"\\[A-Za-z]+|[A-Za-z]|[0-9]+"
_SKIPPED = frozenset({"\\left", "\\right", "~", "\\,", "\\;", "\\:", "\\!", "\\ "})
_DELIMITERS = frozenset({"(", ")", "[", "]", "|", "\\mid", "\\vert", "\\{", "\\}"})


def is_member_template(entry: str) -> bool:
    """Whether a family's ``[latex]`` entry writes its members with their indices inside."""
    return re.search(r"#[1-9]", entry) is not None


def member_pattern(entry: str) -> re.Pattern[str]:
    """The regular expression that matches a member written as ``entry`` says, with one
    named group ``i1``, ``i2``, … per index."""
    tokens = [t for t in _TOKEN.findall(entry) if not t.isspace() and t not in _SKIPPED]
    parts: list[str] = []
    seen: set[str] = set()
    k = 0
    while k < len(tokens):
        token = tokens[k]
        one_token = token == "{" and k + 2 < len(tokens) and tokens[k + 2] == "}"
        if one_token:  # x_{i} is also x_i, \\boldsymbol{\\theta} also \\boldsymbol\\theta
            inner = _piece(tokens[k + 1], seen)
            brace = f"b{k}"  # the closing brace only if the opening one was there
            parts.append(rf"(?P<{brace}>\{{)?{_GAP}{inner}{_GAP}(?({brace})\}})")
            k += 3
            continue
        parts.append(_piece(token, seen))
        k += 1
    return re.compile(_GAP.join(parts))


def _piece(token: str, seen: set[str]) -> str:
    if token.startswith("#"):
        group = f"i{token[1:]}"
        if group in seen:  # the same index written twice must be the same index
            return f"(?P={group})"
        seen.add(group)
        return f"(?P<{group}>{_INDEX})"
    if token in ("\\boldsymbol", "\\bm"):
        return r"\\(?:boldsymbol|bm)(?![A-Za-z])"
    if token in ("|", "\\mid", "\\vert"):
        return _SIZE + _GAP + r"(?:\||\\mid(?![A-Za-z])|\\vert(?![A-Za-z]))"
    escaped = re.escape(token) + ("(?![A-Za-z])" if re.fullmatch(r"\\[A-Za-z]+", token) else "")
    if token in _DELIMITERS:
        return _SIZE + _GAP + escaped
    return escaped


def fill(entry: str, indices: list[str]) -> str:
    """The entry with its ``#n`` replaced by the LaTeX of the indices (for printing)."""
    return re.sub(r"#([1-9])", lambda m: indices[int(m.group(1)) - 1], entry)
