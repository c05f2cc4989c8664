"""No Python source of the repository turns text into code or into SymPy by evaluation.

xentproof reads files with its own reader (``tests/test_syntax.py`` checks that at run time
by making ``sympify``, ``parse_expr`` and ``lambdify`` raise); the tests' oracle and the
benchmark's ground truth read them with the reference evaluator's reader
(``tests/reference/parse.py``: Python's ``ast``, an allow-list, no evaluation). This scan of
every ``.py`` file under ``xentproof/``, ``bench/`` and ``tests/`` keeps it that way: no call
of ``eval``, ``exec``, ``compile``, ``__import__``, ``sympify``, ``parse_expr`` or
``lambdify`` (by name or as an attribute), no ``S("...")``, and no import of SymPy's text
parser, outside the allow-list below, each entry with its reason.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("xentproof", "bench", "tests")
FORBIDDEN_CALLS = frozenset(
    {"eval", "exec", "compile", "__import__", "sympify", "parse_expr", "lambdify"}
)
SYMPY_CALLS = frozenset({"sympify", "parse_expr", "lambdify"})
"""Forbidden also as an attribute (``sympy.sympify``); ``eval`` and the others only as
builtins (``re.compile`` and a method ``self.eval`` of an ast walker are not them)."""
FORBIDDEN_MODULES = ("sympy.parsing.sympy_parser", "sympy.parsing.ast_parser")

ALLOWED: dict[tuple[str, str], str] = {
    # (file, name) -> why it is not file text evaluated as code
    ("tests/test_readme.py", "exec"): "runs the README's own Python example, the project's code",
    ("tests/test_readme.py", "compile"): "the same example, compiled with its file name",
    ("tests/test_syntax.py", "sympy.parsing.sympy_parser"): "imported to make parse_expr raise",
}


def _called_name(node: ast.Call) -> str | None:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        builtin = isinstance(func.value, ast.Name) and func.value.id == "builtins"
        return func.attr if builtin or func.attr in SYMPY_CALLS | {"S"} else None
    return None


def findings(path: Path) -> list[tuple[str, int]]:
    """(name, line) of every forbidden call or import in the file at ``path``."""
    found: list[tuple[str, int]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            name = _called_name(node)
            if name in FORBIDDEN_CALLS:
                found.append((name, node.lineno))
            elif name == "S" and any(
                isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args
            ):
                found.append(("S", node.lineno))
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            names = {a.name for a in node.names}
            if module.startswith(FORBIDDEN_MODULES) or names & FORBIDDEN_CALLS:
                found.append((module, node.lineno))
        elif isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names if a.name in FORBIDDEN_MODULES]
    return found


def test_no_source_evaluates_text() -> None:
    wrong = []
    scanned = 0
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            scanned += 1
            relative = path.relative_to(ROOT).as_posix()
            for name, line in findings(path):
                if (relative, name) not in ALLOWED:
                    wrong.append(f"{relative}:{line}: {name}")
    assert scanned > 150
    assert wrong == []


def test_the_scan_finds_what_it_looks_for(tmp_path: Path) -> None:
    """The scan can fail: each forbidden form in a file is reported."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import sympy\n"
        "from sympy.parsing.sympy_parser import parse_expr\n"
        "from sympy import lambdify\n"
        "eval(text)\n"
        "sympy.sympify(text)\n"
        "sympy.S('x + 1')\n"
        "sympy.S(2)\n"
        "builtins.exec(code)\n"
        "self.eval(node)\n"
        "re.compile(pattern)\n",
        encoding="utf-8",
    )
    names = sorted(name for name, _ in findings(sample))
    assert names == sorted(["sympy.parsing.sympy_parser", "sympy", "eval", "sympify", "S", "exec"])
