"""Proving strategies, each small and named, and the cascade that picks them."""

from .cascade import Attempt, Outcome, prove
from .declared import DomainInfo

__all__ = ["Attempt", "DomainInfo", "Outcome", "prove"]
