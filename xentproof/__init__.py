"""xentproof: a symbolic derivation verifier.

Read a derivation file (symbols with declared domains, chains of steps written as SymPy
expressions), prove every adjacent pair of steps under those domains, and show a
counterexample inside the domains for every false step.

The public surface is what ``__all__`` lists; everything else may change.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import (
        Annotated,
        Appendix,
        annotate,
        appendix,
        check,
        check_paths,
        list_rules,
        load_paths,
    )
    from .document import load_document, load_document_text
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
    from .scan import find_files
    from .version import __version__

# What each public name is imported from, on first use: ``import xentproof`` (and the
# pytest plugin, and the command line before it tunes the collector) does not import SymPy.
_PROVIDERS = {
    "Annotated": "api",
    "Appendix": "api",
    "Chain": "model",
    "ChainResult": "result",
    "Counterexample": "result",
    "Derivation": "model",
    "DerivationResult": "result",
    "Domain": "model",
    "DomainError": "errors",
    "ExpressionError": "errors",
    "FileFormatError": "errors",
    "FunctionDef": "model",
    "InputError": "errors",
    "InputProblem": "result",
    "RelationResult": "result",
    "Report": "result",
    "RuleError": "errors",
    "RuleInfo": "result",
    "Step": "model",
    "Summary": "result",
    "SymbolDecl": "model",
    "UsageError": "errors",
    "Verdict": "result",
    "XentproofError": "errors",
    "__version__": "version",
    "annotate": "api",
    "appendix": "api",
    "check": "api",
    "check_paths": "api",
    "find_files": "scan",
    "list_rules": "api",
    "load_document": "document",
    "load_document_text": "document",
    "load_file": "loader",
    "load_paths": "api",
    "load_text": "loader",
}

__all__ = [
    "Annotated",
    "Appendix",
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
    "annotate",
    "appendix",
    "check",
    "check_paths",
    "find_files",
    "list_rules",
    "load_document",
    "load_document_text",
    "load_file",
    "load_paths",
    "load_text",
]


def __getattr__(name: str) -> Any:
    if name in _PROVIDERS:
        value = getattr(import_module(f".{_PROVIDERS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
