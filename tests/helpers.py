"""Small builders shared by the tests: write a derivation file and check it."""

from __future__ import annotations

import textwrap
from pathlib import Path

from xentproof import api
from xentproof.result import RelationResult, Report


def write(tmp_path: Path, text: str, name: str = "d.toml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def check_text(tmp_path: Path, text: str, timeout: float = 10.0) -> Report:
    return api.check_paths([write(tmp_path, text)], timeout=timeout)


def chain(*steps: str, name: str = "c") -> str:
    """A [[chain]] table of the given steps, each written as TOML (a quoted string or an
    inline table)."""
    return f'[[chain]]\nname = "{name}"\nsteps = [{", ".join(steps)}]\n'


def relation_of(
    tmp_path: Path,
    symbols: str,
    lhs: str,
    rhs: str,
    rel: str = "=",
    by: str | None = None,
    functions: str = "",
    timeout: float = 10.0,
) -> RelationResult:
    """Check the one relation ``lhs rel rhs`` under the given [symbols] lines."""
    cite = f', by = "{by}"' if by else ""
    text = (
        'title = "t"\n[symbols]\n'
        + textwrap.dedent(symbols)
        + "\n"
        + ("[functions]\n" + textwrap.dedent(functions) + "\n" if functions else "")
        + f'[[chain]]\nname = "c"\nsteps = ["{lhs}", {{ rel = "{rel}", expr = "{rhs}"{cite} }}]\n'
    )
    report = check_text(tmp_path, text, timeout)
    assert not report.errors, report.errors
    (result,) = report.relations
    return result
