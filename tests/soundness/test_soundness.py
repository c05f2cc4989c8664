"""The checker on the soundness corpus: no failure but the known ones.

Runs the same comparison as ``python -m tests.soundness.run`` (the checker through its public
API, every verdict against its label, every counterexample confirmed by the reference
evaluator) and compares the failures with ``known_failures.toml``:

- a failure that is not listed there fails the test (a new false PROVED, true REFUTED,
  unconfirmed counterexample, false conclusion, false numeric acceptance or unexpected
  input error);
- a listed failure that no longer fails also fails the test, until it is removed from the
  list (so that the list only ever shrinks, and says what is still wrong). A listed failure
  whose relation now ended in a time-out is not taken as fixed: a loaded machine is no fix.
"""

from __future__ import annotations

import pytest

from .run import Outcome, known_failures, run

TIMEOUT = 5.0
WORKERS = 2


@pytest.fixture(scope="module")
def outcome() -> Outcome:
    return run(timeout=TIMEOUT, workers=WORKERS)


def _where(key: tuple[str, str, int]) -> str:
    return f"{key[0]}::{key[1]}[{key[2]}]"


def test_no_new_failures(outcome: Outcome) -> None:
    known = known_failures()
    new = [
        f"{row.failure} {_where(row.key)} ({row.cls}): {row.verdict} {row.detail}"
        for row in outcome.failures
        if row.key not in known or known[row.key]["kind"] != row.failure
    ]
    assert not new, "failures not in known_failures.toml:\n" + "\n".join(new)


def test_known_failures_still_fail(outcome: Outcome) -> None:
    rows = {row.key: row for row in outcome.rows}
    failing = {row.key for row in outcome.failures}
    fixed = []
    for key, entry in known_failures().items():
        row = rows.get(key)
        if key in failing or row is None or row.timed_out:
            continue
        fixed.append(f"{_where(key)} ({entry['class']}, was {entry['kind']}): now {row.verdict}")
    assert not fixed, (
        "these known failures no longer fail; remove them from known_failures.toml:\n"
        + "\n".join(fixed)
    )


def test_every_known_failure_names_a_labelled_relation(outcome: Outcome) -> None:
    rows = {row.key for row in outcome.rows}
    stale = [_where(key) for key in known_failures() if key not in rows]
    assert not stale, "known failures that are not in the corpus:\n" + "\n".join(stale)
