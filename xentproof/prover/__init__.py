"""Proving strategies, each small and named, and the cascade that picks them."""

from .cascade import prove
from .declared import DomainInfo
from .outcome import Attempt, Outcome

__all__ = ["Attempt", "DomainInfo", "Outcome", "prove"]
