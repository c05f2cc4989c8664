"""Deciding one relation of limits or derivatives, and confirming a counterexample with the
reference evaluator (tests/reference: its own reader and mpmath, no SymPy): the verdicts
these tests expect come from docs/semantics.md §5–6, never from SymPy's own evaluation."""

from __future__ import annotations

from pathlib import Path

from xentproof.result import RelationResult, Verdict

from .helpers import relation_of, write
from .reference import check_counterexample, read_chains


def decide(
    tmp_path: Path,
    symbols: str,
    lhs: str,
    rhs: str,
    rel: str = "=",
    functions: str = "",
) -> RelationResult:
    """The verdict on ``lhs rel rhs``; a counterexample must be one the reference evaluator
    confirms (a point inside the domains where the relation does not hold)."""
    result = relation_of(tmp_path, symbols, lhs, rhs, rel, functions=functions)
    if result.verdict is Verdict.REFUTED:
        assert result.counterexample is not None
        path = write(
            tmp_path,
            f'title = "t"\n[symbols]\n{symbols}\n'
            + (f"[functions]\n{functions}\n" if functions else "")
            + f'[[chain]]\nname = "c"\nsteps = ["{lhs}", "{rel} {rhs}"]\n',
            "reference.toml",
        )
        (chain,) = read_chains(path)
        (relation,) = chain.relations
        assert relation is not None
        confirmed = check_counterexample(relation, dict(result.counterexample.point))
        assert confirmed.confirmed, (result.counterexample, confirmed.reason)
    return result
