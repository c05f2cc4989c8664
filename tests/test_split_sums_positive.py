"""A softmax entry below 1 over K >= 2 classes at a class k in {1, ..., K}: the sum split at
k leaves k − 1 terms before it and K − k after, neither shown non-empty on its own but
together K − 1 > 0 (prover/positivity.py); K − k >= 0 is shown at the ends of k's range
(prover/range_ends.py). Each with a near miss."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import relation_of
from xentproof.loader import load_file
from xentproof.prepared import domain_infos
from xentproof.prover.establish import establish
from xentproof.result import Verdict

TWO = 'K = "integer >= 2"\nk = "{1, ..., K}"\n"z[j]" = "real"'
ONE = 'K = "positive integer"\nk = "{1, ..., K}"\n"z[j]" = "real"'
ENTRY = "exp(z[k])/Sum(exp(z[j]), (j, 1, K))"


def test_a_softmax_entry_over_two_classes_or_more_is_below_one(tmp_path: Path) -> None:
    assert relation_of(tmp_path, TWO, ENTRY, "1", rel="<").verdict is Verdict.PROVED
    total = "Sum(exp(z[j]), (j, 1, K))"
    assert relation_of(tmp_path, TWO, "exp(z[k])", total, rel="<").verdict is Verdict.PROVED


def test_with_one_class_allowed_the_entry_is_not_below_one(tmp_path: Path) -> None:
    # near miss: K = 1 makes the entry 1
    assert relation_of(tmp_path, ONE, ENTRY, "1", rel="<").verdict is not Verdict.PROVED


def test_the_classes_after_k_are_counted_at_the_ends_of_its_range(tmp_path: Path) -> None:
    path = tmp_path / "range.toml"
    path.write_text(f'title = "t"\n[symbols]\n{TWO}\n[[chain]]\nname = "c"\nsteps = ["K", "= K"]\n')
    derivation = load_file(path)
    infos = domain_infos(derivation, derivation.chains[0])
    names = {str(s): s for s in infos}
    K, k = names["K"], names["k"]
    assert establish(K - k, "nonnegative", infos) is not None
    assert establish(K - k + 1, "positive", infos) is not None
    # near miss: k = K leaves no class after it
    assert establish(K - k, "positive", infos) is None
