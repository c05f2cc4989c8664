"""Renderers: turn a ``Report`` into text for people (terminal) or programs (JSON).

Renderers only format; they never prove, simplify or decide an exit code.
"""

from __future__ import annotations

from xentproof.render.json import render_json, report_to_dict
from xentproof.render.terminal import render_rules, render_terminal, summary_line

__all__ = ["render_json", "render_rules", "render_terminal", "report_to_dict", "summary_line"]
