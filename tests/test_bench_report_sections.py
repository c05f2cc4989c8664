"""The sections bench/run.py adds to RESULTS.md: issue 18's classes of the power corpus,
read from the files' titles, and issue 17's speed figures as ratios to the floor."""

from __future__ import annotations

from pathlib import Path

from bench.classes import CLASSES, file_classes
from bench.speed_table import speed_lines

CORPUS = Path(__file__).resolve().parents[1] / "bench" / "corpus"


def test_every_class_has_a_file_of_the_power_corpus() -> None:
    found = {c for path in CORPUS.glob("power_*.toml") for c in file_classes(path)}
    assert found == set(CLASSES)


def test_a_title_names_its_classes(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    for title, classes in [
        ("Power corpus 3/5: both", (3, 5)),
        ("Power corpus 1b: a second file", (1,)),
        ("Corpus: algebra", ()),
    ]:
        path.write_text(f'title = "{title}"\n', encoding="utf-8")
        assert file_classes(path) == classes


def test_speed_figures_are_given_as_ratios_to_the_floor() -> None:
    def figure(name: str, tree: str, runs: list[float], relations: int = 0) -> dict[str, object]:
        return {"name": name, "tree": tree, "runs": runs, "relations": relations, "differing": []}

    data = {
        "paths": ["derivations"],
        "repeats": 3,
        "set_repeats": 1,
        "load": [1.0, 2.0],
        "figures": [
            figure("floor", "", [0.4, 0.5, 0.6]),
            figure("warm", "this tree", [0.2, 0.25, 0.3]),
            figure("one file edited", "this tree", [0.6, 0.7, 0.8]),
            figure("cold", "this tree", [2.0, 2.5, 3.0]),
            figure("bench/stress", "this tree", [100.0], relations=117),
        ],
    }
    text = "\n".join(speed_lines(data))
    assert "| warm: `xentproof check` with every verdict cached | this tree | 0.25 s" in text
    assert "| 0.50 |" in text  # warm: 0.25 s over the floor's 0.5 s
    assert "| 5.00 |" in text  # cold: 2.5 s over 0.5 s
    assert "| `bench/stress` | this tree | 117 | 100.0 s | 1.17 | 200.0 |" in text
    assert speed_lines(None) == []


def test_a_set_says_what_its_unproved_relations_used_of_their_budget() -> None:
    """Issue 17, item 3, in the figures: each UNPROVED relation's seconds against its
    budget, summed up per set (median and largest share, how many used it all)."""
    from bench.speed import budget_used

    assert budget_used(((0.5, 5.0), (5.0, 5.0), (2.5, 5.0))) == (
        "3 UNPROVED: budget used median 50%, largest 100%, 1 at the limit"
    )
    stress = {
        "name": "bench/stress",
        "tree": "this tree",
        "runs": [10.0],
        "relations": 4,
        "differing": [],
        "unproved": [[0.5, 5.0], [5.0, 5.0]],
    }
    floor = {"name": "floor", "tree": "", "runs": [0.5], "relations": 0, "differing": []}
    data = {"paths": ["derivations"], "repeats": 1, "set_repeats": 1, "load": [1.0, 1.0]}
    text = "\n".join(speed_lines({**data, "figures": [floor, stress]}))
    assert "| 2 UNPROVED: budget used median 55%, largest 100%, 1 at the limit |" in text
