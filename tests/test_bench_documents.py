"""bench/documents: each checked copy is its public original plus directive lines only, so
that what is measured is the document as published, with what a careful author would add."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCUMENTS = Path(__file__).resolve().parent.parent / "bench" / "documents"
COPIES = sorted(DOCUMENTS.glob("*/*.checked.*[dx]"))  # .md and .tex, not the sidecars
DIRECTIVE = re.compile(r"^\s*(?:<!--\s*xentproof:.*-->|%\s*xentproof:.*)\s*$")


def test_there_are_five_or_more_documents_with_directives() -> None:
    assert len({copy.parent for copy in COPIES}) >= 5


@pytest.mark.parametrize("copy", COPIES, ids=lambda p: p.name)
def test_a_checked_copy_is_the_original_and_directive_lines(copy: Path) -> None:
    original = copy.with_name(copy.name.replace(".checked", ""))
    kept = [line for line in copy.read_text().split("\n") if not DIRECTIVE.match(line)]
    assert "\n".join(kept) == original.read_text()
    assert (copy.parent / "SOURCE.md").is_file()
