"""Where an expression is defined over the reals: see ``xentproof.definedness`` (shared with
the reader, which records what the written form of a step needs)."""

from ..definedness import Kind, Requirement, own_requirements, requirements

__all__ = ["Kind", "Requirement", "own_requirements", "requirements"]
