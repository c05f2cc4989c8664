"""Renderers: turn a ``Report`` into text for people (terminal) or programs (JSON).

Renderers only format; they never prove, simplify or decide an exit code.

Each name is imported from its module when it is first asked for: importing one renderer
(``xentproof.render.json``) brings in neither the others nor rich, which only the terminal
renderer needs.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from xentproof.render.github import render_github
    from xentproof.render.json import render_json, report_to_dict
    from xentproof.render.junit import render_junit
    from xentproof.render.sarif import render_sarif, report_to_sarif
    from xentproof.render.terminal import render_rules, render_terminal, summary_line

# each public name and the module of this package it comes from
_MODULES = {
    "render_github": "github",
    "render_json": "json",
    "report_to_dict": "json",
    "render_junit": "junit",
    "render_sarif": "sarif",
    "report_to_sarif": "sarif",
    "render_rules": "terminal",
    "render_terminal": "terminal",
    "summary_line": "terminal",
}

__all__ = [
    "render_github",
    "render_json",
    "render_junit",
    "render_rules",
    "render_sarif",
    "render_terminal",
    "report_to_dict",
    "report_to_sarif",
    "summary_line",
]


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{module}"), name)
