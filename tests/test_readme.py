"""The README's example of the library API runs as it is written, and what it asserts
holds."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def _section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(f"## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def test_the_api_example_runs(capsys) -> None:  # type: ignore[no-untyped-def]
    blocks = re.findall(r"```python\n(.*?)```", _section("The library API"), re.S)
    assert len(blocks) == 1
    # the README's own text, not a derivation file: this is what a reader would paste
    exec(compile(blocks[0], str(README), "exec"), {"__name__": "readme"})
    assert "t positive" in capsys.readouterr().out


def test_the_development_loop_is_the_one_the_markers_make() -> None:
    development = _section("Development")
    assert 'python -m pytest -m "not slow"' in development
    pyproject = (README.parent / "pyproject.toml").read_text(encoding="utf-8")
    for marker in ("slow", "subprocess", "tex"):
        assert f'"{marker}: ' in pyproject and f"`{marker}`" in development


def test_the_worked_document_example_checks_as_shown(tmp_path: Path) -> None:
    """The LaTeX of "Checking a paper or a post" gives the verdicts, lines and summary its
    output block shows."""
    from xentproof import api

    section = _section("Checking a paper or a post")
    blocks = re.findall(r"(?ms)^```(\w*)\n(.*?)^```$", section)
    (latex,) = [text for kind, text in blocks if kind == "latex"]
    shown = next(text for kind, text in blocks if kind == "")
    path = tmp_path / "note.tex"
    path.write_text(latex, encoding="utf-8")
    report = api.check_paths([path], timeout=30)
    (document,) = report.derivations
    verdicts = [(r.line, r.verdict.value.upper()) for r in document.relations]
    lines = [int(n) for n in re.findall(r"(?m)^      line (\d+) ·", shown)]
    badges = re.findall(r"(PROVED|REFUTED|UNPROVED)", shown)
    assert verdicts == list(zip(lines, badges, strict=True))
    s = report.summary
    assert f"{s.displays} displays, {s.chains_read} chains read, {s.relations} relations" in shown
    assert f"{s.proved} proved, {s.refuted} refuted, {s.unproved} unproved" in shown
