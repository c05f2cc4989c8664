"""An independent reference evaluator for xentproof's soundness tests (test code, not shipped).

It reads a relation as written in a derivation file (its own ``ast``-based reader, never
``eval``), and evaluates it at a point by the contract of ``docs/semantics.md`` with mpmath
at 60 and 90 digits, sharing no code with the ``xentproof`` package and not using SymPy.

- ``read_chains(path, meanings)``: a derivation file's chains and their relations;
- ``evaluate_relation(relation, point)``: each side defined or not, its value, and whether the
  relation holds (True / False / None when not decided);
- ``sample_points(relation)``: points inside the declared domains;
- ``check_counterexample(relation, point)``: confirm a claimed counterexample;
- ``check_true(relation)``: no failure at the sampled points.
"""

from .domains import Declarations, Domain, parse_domain
from .evaluate import Evaluator, MissingValue
from .files import ChainRelations, read_chains
from .numbers import Infinite, Real, Undecidable, Undefined, Unsupported
from .parse import ReferenceSyntaxError, parse_expression
from .relations import Outcome, Relation, evaluate_relation
from .sample import (
    Confirmation,
    TrueCheck,
    check_counterexample,
    check_true,
    free_names,
    parse_point,
    sample_points,
)

__all__ = [
    "ChainRelations",
    "Confirmation",
    "Declarations",
    "Domain",
    "Evaluator",
    "Infinite",
    "MissingValue",
    "Outcome",
    "Real",
    "ReferenceSyntaxError",
    "Relation",
    "TrueCheck",
    "Undecidable",
    "Undefined",
    "Unsupported",
    "check_counterexample",
    "check_true",
    "evaluate_relation",
    "free_names",
    "parse_domain",
    "parse_expression",
    "parse_point",
    "read_chains",
    "sample_points",
]
