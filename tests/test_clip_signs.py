"""Signs of expressions with a clip (a Max or Min of arbitrary arguments) and of logs, shown
by ``establish`` through ``positivity.by_extremes`` and ``positivity.by_log_sign``: the
definedness of scikit-learn's clipped log loss, log(1 − max(ε, min(1 − ε, q))), and its sign.

Truth by hand: with ε ∈ (0, 1/2) and q ∈ [0, 1], M = max(ε, min(1 − ε, q)) lies in
[ε, 1 − ε] ⊂ (0, 1), so log M and log(1 − M) are defined and ≤ 0. Near misses: min(1, q)
in place of min(1 − ε, q) reaches 1 at q = 1 (log 0); max(x, 0) − x is 0 for x ≥ 0 (not
> 0); min(x, 1) − 1 is −1 at x = 0; log max(q, 1) is 0 for q ≤ 1 (not > 0) and −log max(q, 1)
is −log 2 at q = 2.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy

from xentproof.domains import parse_domain
from xentproof.prover.declared import DomainInfo
from xentproof.prover.establish import establish
from xentproof.result import Verdict

from .helpers import check_text

eps = sympy.Symbol("eps", positive=True)
q = sympy.Symbol("q", nonnegative=True)
r = sympy.Symbol("r", positive=True)
x = sympy.Symbol("x", real=True)
CLIP = sympy.Max(eps, sympy.Min(1 - eps, q))


def _infos() -> dict[sympy.Basic, DomainInfo]:
    return {
        eps: DomainInfo(eps, "eps", parse_domain("(0, 1/2)")),
        q: DomainInfo(q, "q", parse_domain("[0, 1]")),
        r: DomainInfo(r, "r", parse_domain("(0, 3)")),
        x: DomainInfo(x, "x", parse_domain("real")),
    }


@pytest.mark.parametrize(
    ("expr", "kind"),
    [
        (CLIP, "positive"),
        (1 - CLIP, "positive"),
        (-sympy.log(CLIP), "nonnegative"),
        (-sympy.log(1 - CLIP), "nonnegative"),
        (sympy.Max(x, 0) - x, "nonnegative"),
        (-sympy.log(sympy.Min(r, 1)), "nonnegative"),
        (sympy.log(sympy.Max(r, 1)), "nonnegative"),
    ],
)
def test_signs_through_a_clip(expr: sympy.Expr, kind: str) -> None:
    assert establish(expr, kind, _infos()) is not None


@pytest.mark.parametrize(
    ("expr", "kind"),
    [
        (1 - sympy.Max(eps, sympy.Min(1, q)), "positive"),  # 0 at q = 1
        (sympy.Max(x, 0) - x, "positive"),  # 0 at x = 1
        (sympy.Min(x, 1) - 1, "nonnegative"),  # −1 at x = 0
        (sympy.log(sympy.Max(r, 1)), "positive"),  # 0 at r = 1/2
        (-sympy.log(sympy.Max(r, 1)), "nonnegative"),  # −log 2 at r = 2
        (-sympy.log(sympy.Min(r, 2)), "nonnegative"),  # −log 2 at r = 2
    ],
)
def test_clip_sign_near_misses(expr: sympy.Expr, kind: str) -> None:
    assert establish(expr, kind, _infos()) is None


def test_the_clipped_log_loss_is_defined_and_nonnegative(tmp_path: Path) -> None:
    loss = "-(y*log(Max(eps, Min(1 - eps, q))) + (1 - y)*log(1 - Max(eps, Min(1 - eps, q))))"
    unclipped = "log(1 - Max(eps, Min(1, q)))"
    text = (
        'title = "t"\n[symbols]\ny = "{0, 1}"\nq = "[0, 1]"\neps = "(0, 1/2)"\n'
        f'[[chain]]\nname = "clipped"\nsteps = ["{loss}", ">= 0"]\n'
        f'[[chain]]\nname = "unclipped"\nsteps = ["{unclipped}", "<= 0"]\n'
    )
    report = check_text(tmp_path, text, timeout=30)
    assert not report.errors, report.errors
    assert [r.verdict for r in report.relations] == [Verdict.PROVED, Verdict.REFUTED]
