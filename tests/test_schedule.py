"""The one path of a check: plan, cache, decide (here or in the pool), assemble. Lemma
chains are ordinary jobs, decided before the relations that cite them, and a relation
sees a lemma exactly when its chain comes after the chain that proved it, in either
executor; a warm run takes every verdict from the cache and starts no worker."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from xentproof import api, workers
from xentproof.checker import Job, Plan
from xentproof.errors import RuleError
from xentproof.loader import load_text
from xentproof.result import Report, Verdict

LEMMA = """
title = "lemma"
[symbols]
s = "real"
[functions]
g = "t -> 1/(1 + exp(-t))"
[[chain]]
name = "complement"
lemma = "sigmoid-complement"
steps = ["1 - g(s)", "= g(-s)"]
"""

USER = """
title = "user"
[symbols]
z = "real"
[functions]
g = "t -> 1/(1 + exp(-t))"
[[chain]]
name = "use"
steps = ["2 - g(3*z) - 1", { rel = "=", expr = "g(-3*z)", by = "sigmoid-complement" }]
[[chain]]
name = "plain"
steps = ["(z + 1)**2", "= z**2 + 2*z + 1"]
"""

# A lemma chain that cites a lemma proved only by a later chain, and the later chain.
ORDER = """
title = "order"
[symbols]
s = "real"
[functions]
g = "t -> 1/(1 + exp(-t))"
[[chain]]
name = "early"
lemma = "early"
steps = ["1 - g(2*s)", { rel = "=", expr = "g(-2*s)", by = "late" }]
[[chain]]
name = "late"
lemma = "late"
steps = ["1 - g(s)", "= g(-s)"]
[[chain]]
name = "after"
steps = ["1 - g(5*s)", { rel = "=", expr = "g(-5*s)", by = "late" }]
"""


# the proof cache's signing key in a folder of the test's own, not the user's
pytestmark = pytest.mark.usefixtures("private_cache_secret")


def _rows(report: Report) -> list[tuple[Any, ...]]:
    return [
        (r.line, r.verdict, r.method, r.conditions, r.counterexample, r.warnings, r.reason)
        for r in report.relations
    ]


def _files(tmp_path: Path, **texts: str) -> Path:
    for name, text in texts.items():
        (tmp_path / f"{name}.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_the_plan_puts_lemma_chains_first() -> None:
    library = load_text(LEMMA, "lemma.toml")
    user = load_text(ORDER, "order.toml")
    plan = Plan([user], [library])
    assert [(p.derivation.path, p.chain.name) for p in plan.chains] == [
        ("lemma.toml", "complement"),
        ("order.toml", "early"),
        ("order.toml", "late"),
        ("order.toml", "after"),
    ]
    assert plan.derivations == (user,)  # the library is proved, not reported
    assert plan.jobs[0] == Job("lemma.toml", "complement", 1)
    assert [p.chain.name for p in plan.providers["late"]] == ["late"]


@pytest.mark.parametrize("pool", [None, 2])
def test_a_lemma_of_the_library_is_cited_in_either_executor(
    tmp_path: Path, pool: int | None
) -> None:
    folder = _files(tmp_path, lemma=LEMMA, user=USER)
    report = api.check_paths([folder / "user.toml"], workers=pool)
    assert not report.errors
    assert [d.file for d in report.derivations] == [str(folder / "user.toml")]  # not the library
    use = report.derivations[0].chains[0].relations[0]
    assert use.verdict is Verdict.PROVED and use.method == "sigmoid-complement (replayed)"


def test_a_lemma_is_known_from_its_chain_on(tmp_path: Path) -> None:
    path = _files(tmp_path, order=ORDER) / "order.toml"
    here = api.check_paths([path])
    early, late, after = (c.relations[0] for c in here.derivations[0].chains)
    assert "rule late is a lemma that was not proved; not replayed" in early.warnings
    assert early.verdict is Verdict.PROVED  # by the cascade
    assert late.verdict is Verdict.PROVED
    assert after.method == "late (replayed)"
    assert _rows(api.check_paths([path], workers=2)) == _rows(here)


def test_a_lemma_whose_chain_fails_is_not_replayed(tmp_path: Path) -> None:
    broken = LEMMA.replace('"= g(-s)"', '"= g(s)"')
    folder = _files(tmp_path, lemma=broken, user=USER)
    for pool in (None, 2):
        report = api.check_paths([folder / "user.toml"], workers=pool)
        use = report.derivations[0].chains[0].relations[0]
        assert any("not proved" in w for w in use.warnings), use.warnings
        assert "replayed" not in use.method


def test_a_warm_pool_run_reads_everything_and_starts_no_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, cache = _files(tmp_path, lemma=LEMMA, user=USER), tmp_path / "cache"
    cold = api.check_paths([folder], cache_dir=cache, workers=2)
    assert cold.summary.cached == 0

    def no_worker(*args: object, **kwargs: object) -> None:
        raise AssertionError("a worker was started though the cache had every verdict")

    monkeypatch.setattr(workers._Worker, "__init__", no_worker)
    warm = api.check_paths([folder], cache_dir=cache, workers=2)
    assert warm.summary.cached == warm.summary.relations == 3
    assert _rows(warm) == _rows(cold)


def test_a_lemma_proved_since_the_last_run_is_not_read_as_unproved(tmp_path: Path) -> None:
    # The pool's parent once looked every relation up before any lemma was proved: a
    # citation cached while its lemma failed was read back after the lemma was fixed.
    cache = tmp_path / "cache"
    folder = _files(tmp_path, lemma=LEMMA.replace('"= g(-s)"', '"= g(s)"'), user=USER)
    api.check_paths([folder], cache_dir=cache, workers=2)
    _files(tmp_path, lemma=LEMMA)
    report = api.check_paths([folder], cache_dir=cache, workers=2)
    use = report.derivations[1].chains[0].relations[0]
    assert use.method == "sigmoid-complement (replayed)", use.warnings
    assert not use.cached


def test_a_lemma_name_taken_twice_is_an_error_of_the_run(tmp_path: Path) -> None:
    folder = _files(tmp_path, a=LEMMA, b=LEMMA.replace('title = "lemma"', 'title = "again"'))
    for pool in (None, 2):
        with pytest.raises(RuleError, match="already taken"):
            api.check_paths([folder], workers=pool)
