"""The interval enclosure of a number lives in ``xentproof.enclosure`` (the lowest layer:
SymPy's own sign of a number is checked with it, ``number_signs``); the prover's name for
it stays."""

from ..enclosure import ENCLOSURE_DPS, sign_of

__all__ = ["ENCLOSURE_DPS", "sign_of"]
