"""Renderers: turn a ``Report`` into text for people (terminal) or programs (JSON).

Renderers only format; they never prove, simplify or decide an exit code.
"""

from __future__ import annotations

from xentproof.render.github import render_github
from xentproof.render.json import render_json, report_to_dict
from xentproof.render.junit import render_junit
from xentproof.render.sarif import render_sarif, report_to_sarif
from xentproof.render.terminal import render_rules, render_terminal, summary_line

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
