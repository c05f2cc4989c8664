"""xentproof: a symbolic derivation verifier.

Read a derivation file (symbols with declared domains, chains of steps written as SymPy
expressions), prove every adjacent pair of steps under those domains, and show a
counterexample inside the domains for every false step.

The public surface is what ``__all__`` lists; everything else may change.
"""

from .api import check, check_paths, find_files, list_rules, load_paths
from .errors import (
    DomainError,
    ExpressionError,
    FileFormatError,
    InputError,
    RuleError,
    UsageError,
    XentproofError,
)
from .loader import load_file, load_text
from .model import Chain, Derivation, Domain, FunctionDef, Step, SymbolDecl
from .result import (
    ChainResult,
    Counterexample,
    DerivationResult,
    InputProblem,
    RelationResult,
    Report,
    RuleInfo,
    Summary,
    Verdict,
)
from .version import __version__

__all__ = [
    "Chain",
    "ChainResult",
    "Counterexample",
    "Derivation",
    "DerivationResult",
    "Domain",
    "DomainError",
    "ExpressionError",
    "FileFormatError",
    "FunctionDef",
    "InputError",
    "InputProblem",
    "RelationResult",
    "Report",
    "RuleError",
    "RuleInfo",
    "Step",
    "Summary",
    "SymbolDecl",
    "UsageError",
    "Verdict",
    "XentproofError",
    "__version__",
    "check",
    "check_paths",
    "find_files",
    "list_rules",
    "load_file",
    "load_paths",
    "load_text",
]
