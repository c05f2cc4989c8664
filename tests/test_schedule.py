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
    # the library's lemma is cited (by the last chain): it is proved before everything
    cites = ORDER + (
        '[[chain]]\nname = "uses"\n'
        'steps = ["1 - g(s)", { rel = "=", expr = "g(-s)", by = "sigmoid-complement" }]\n'
    )
    user = load_text(cites, "order.toml")
    plan = Plan([user], [library])
    assert [(p.derivation.path, p.chain.name) for p in plan.chains] == [
        ("lemma.toml", "complement"),
        ("order.toml", "early"),
        ("order.toml", "late"),
        ("order.toml", "after"),
        ("order.toml", "uses"),
    ]
    assert plan.derivations == (user,)  # the library is proved, not reported
    assert plan.jobs[0] == Job("lemma.toml", "complement", 1)
    assert plan.providers["late"].chain.name == "late"


def test_a_lemma_of_the_library_that_nothing_cites_is_not_proved() -> None:
    # it decides no verdict of the run; one cited only by a cited library lemma is proved
    library = load_text(LEMMA, "lemma.toml")
    plan = Plan([load_text(ORDER, "order.toml")], [library])
    assert [p.chain.name for p in plan.chains] == ["early", "late", "after"]
    chained = LEMMA + (
        '[[chain]]\nname = "twice"\nlemma = "twice"\n'
        'steps = ["1 - g(s)", { rel = "=", expr = "g(-s)", by = "sigmoid-complement" }]\n'
    )
    user = load_text(USER.replace('by = "sigmoid-complement"', 'by = "twice"'), "user.toml")
    plan = Plan([user], [load_text(chained, "lemma.toml")])
    assert [p.chain.name for p in plan.chains] == ["complement", "twice", "use", "plain"]


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


def test_a_lemma_name_taken_twice_is_an_input_error_beside_the_results(tmp_path: Path) -> None:
    # Issue 13 item 3: once raised from inside the checker (exit 2, no file reported).
    again = LEMMA.replace('title = "lemma"', 'title = "again"')
    folder = _files(tmp_path, a=LEMMA, b=again, user=USER)
    for pool in (None, 2):
        report = api.check_paths([folder], workers=pool)
        assert [(Path(e.file).name, e.line) for e in report.errors] == [("b.toml", 7)]
        assert "already taken" in report.errors[0].message
        assert report.exit_code == 2
        # every file is checked and reported; the first declaration is the lemma
        assert [Path(d.file).name for d in report.derivations] == ["a.toml", "b.toml", "user.toml"]
        use = report.derivations[2].chains[0].relations[0]
        assert use.method == "sigmoid-complement (replayed)"
        assert report.derivations[1].chains[0].lemma is None


@pytest.mark.parametrize("name", ["algebra", "unfold", "cases"])
def test_a_lemma_named_as_a_built_in_rule_is_an_input_error(tmp_path: Path, name: str) -> None:
    taken = LEMMA.replace('lemma = "sigmoid-complement"', f'lemma = "{name}"')
    folder = _files(tmp_path, a=taken, user=USER.replace("sigmoid-complement", name))
    report = api.check_paths([folder])
    assert [(Path(e.file).name, e.line) for e in report.errors] == [("a.toml", 7)]
    assert "built-in rule" in report.errors[0].message
    assert [Path(d.file).name for d in report.derivations] == ["a.toml", "user.toml"]
    # the citation is the built-in rule (no lemma of that name was made)
    use = report.derivations[1].chains[0].relations[0]
    assert use.verdict is Verdict.PROVED and not any("lemma" in w for w in use.warnings)


def test_a_neighbour_that_takes_a_name_is_left_out_of_the_library(tmp_path: Path) -> None:
    # the library's clash is not this run's input problem: it is reported when checked
    taken = LEMMA.replace('lemma = "sigmoid-complement"', 'lemma = "algebra"')
    folder = _files(tmp_path, a=LEMMA, b=taken, user=USER)
    report = api.check_paths([folder / "user.toml"])
    assert not report.errors
    use = report.derivations[0].chains[0].relations[0]
    assert use.method == "sigmoid-complement (replayed)"


def test_the_library_api_reports_a_name_taken_twice_too() -> None:
    first, second = load_text(LEMMA, "a.toml"), load_text(LEMMA, "b.toml")
    report = api.check([first, second])
    assert [(e.file, e.line) for e in report.errors] == [("b.toml", 7)]
    assert len(report.derivations) == 2 and report.exit_code == 2


def test_a_worker_goes_on_with_its_chain_where_it_may() -> None:
    """``take(prefer)``: the next job of the chain a worker decided last comes first when
    it may be decided now; a job that waits for a lemma is never handed out for it."""
    from xentproof.checker import Schedule
    from xentproof.decide import Decider
    from xentproof.lemmas import RuleBook

    three = (
        'title = "t"\n[symbols]\nx = "real"\n'
        '[[chain]]\nname = "a"\nsteps = ["x", "= x", "= x + 0", "= 0 + x"]\n'
        '[[chain]]\nname = "b"\nsteps = ["x**2", "= x*x", "= x**2"]\n'
    )
    plan = Plan([load_text(three, "t.toml")])
    schedule = Schedule(plan, Decider(), RuleBook())
    first = schedule.take()
    assert first is not None and first.job == Job("t.toml", "a", 1)
    assert schedule.take(("t.toml", "b")) is not None  # b's first job, before a's others
    taken = schedule.take(("t.toml", "b"))
    assert taken is not None and taken.job == Job("t.toml", "b", 2)
    taken = schedule.take(("t.toml", "b"))  # b has none left: the plan's order again
    assert taken is not None and taken.job == Job("t.toml", "a", 2)
    # a job citing a lemma whose chain is still being decided waits, preferred or not
    cited = Plan([load_text(USER, "user.toml")], [load_text(LEMMA, "lemma.toml")])
    waiting = Schedule(cited, Decider(), RuleBook())
    taken = waiting.take()
    assert taken is not None and taken.job.chain == "complement"  # handed out, not decided
    taken = waiting.take(("user.toml", "use"))
    assert taken is not None and taken.job == Job("user.toml", "plain", 1)
