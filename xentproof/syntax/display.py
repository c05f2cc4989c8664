"""How expressions are shown: names in unicode, and the one scale of precedences.

The lowest layer of the display: the expression reader builds each step's display text with
it, and the side conditions, case labels and domains of the report name their symbols
through :func:`display_name`. It imports nothing of xentproof.
"""

from __future__ import annotations

import enum
import unicodedata


class Precedence(enum.IntEnum):
    """How tightly a written form binds, loosest first; one scale for every printer.

    The expression reader's display, the LaTeX reader's expression text and the LaTeX
    printer bracket an operand whose precedence is below what its operator needs. ``BIG``
    is Σ[…] f, ∏[…] f, lim[…] f and d/dx f, whose operand runs to the end of a product.
    """

    OR = 10
    AND = 20
    NOT = 30
    COMPARE = 40
    ADD = 50
    BIG = 55
    MUL = 60
    UNARY = 70
    POW = 80
    ROOT = 85
    ATOM = 90


SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "zeta": "ζ",
    "eta": "η", "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "lamda": "λ",
    "mu": "μ", "nu": "ν", "xi": "ξ", "omicron": "ο", "rho": "ρ", "sigma": "σ", "tau": "τ",
    "upsilon": "υ", "phi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
    "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
}  # fmt: skip


def display_name(name: str) -> str:
    """Unicode for a name: ``yhat`` → ``ŷ``, ``alpha`` → ``α``, ``x1`` → ``x₁``."""
    stem = name.rstrip("0123456789")
    digits = name[len(stem) :]
    if not stem:
        return name
    if stem.endswith("hat") and len(stem) > 3:
        base = _GREEK.get(stem[:-3], stem[:-3])
        # NFC: "ŷ" as one precomposed character where Unicode has one (terminals draw
        # it better than a combining accent); "p̂" stays base + combining circumflex.
        shown = unicodedata.normalize("NFC", base + "\u0302") if len(base) == 1 else stem
    else:
        shown = _GREEK.get(stem, stem)
    return shown + digits.translate(_SUBSCRIPT)
