"""The one exception root of xentproof.

Failed steps are results, never exceptions. Exceptions are for input that cannot be read
or a command line that cannot be understood; each carries a user-facing message, the place
(file and line) where it applies, and the exit code the command line returns for it::

    XentproofError             exit code 2
     ├── UsageError            the command line is wrong
     └── InputError            a derivation file cannot be read
          ├── FileFormatError  not TOML, or keys and values of the wrong shape
          ├── ExpressionError  an expression is not understood or exceeds a bound
          ├── DomainError      a domain string is not understood
          ├── RuleError        a cited rule is unknown or malformed
          └── DocumentError    a document (.tex, .md) cannot be read as a whole: too
                               large, a macro that expands without end, an \\input
                               outside its folder or in a loop, a directive not understood

The command line catches ``XentproofError`` in exactly one place and prints ``str(error)``:
one line, no traceback.
"""

from __future__ import annotations


class XentproofError(Exception):
    """Root of every error xentproof raises on purpose."""

    exit_code = 2

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line

    def at(self, file: str | None, line: int | None) -> XentproofError:
        """Return the same error with its place filled in where it was missing."""
        if self.file is None:
            self.file = file
        if self.line is None:
            self.line = line
        return self

    def __str__(self) -> str:
        if self.file is None:
            return self.message
        if self.line is None:
            return f"{self.file}: {self.message}"
        return f"{self.file}:{self.line}: {self.message}"


class UsageError(XentproofError):
    """The command line asks for something that cannot be done."""


class InputError(XentproofError):
    """A derivation file cannot be read."""


class FileFormatError(InputError):
    """The file is not TOML, or a key or value has the wrong shape."""


class ExpressionError(InputError):
    """An expression is not understood, or exceeds a size bound.

    ``column`` is the 1-based column inside the expression text, when known.
    """

    def __init__(
        self,
        message: str,
        *,
        column: int | None = None,
        file: str | None = None,
        line: int | None = None,
    ) -> None:
        super().__init__(message, file=file, line=line)
        self.column = column


class DomainError(InputError):
    """A domain string is not understood."""


class RuleError(InputError):
    """A step cites a rule that does not exist, or a lemma is malformed."""


class DocumentError(InputError):
    """A document (``.tex``, ``.md``) cannot be read as a whole. A display that cannot be
    read is no error: the document reader reports it as *not read* and goes on."""
