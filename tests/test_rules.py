"""Each built-in rule replays where it applies, and is refused where its conditions fail."""

from __future__ import annotations

from pathlib import Path

from xentproof.result import Verdict

from .helpers import check_text, relation_of

SIGMOID = 'g = "t -> 1/(1 + exp(-t))"'


def _replayed(r) -> bool:  # type: ignore[no-untyped-def]
    return r.verdict is Verdict.PROVED and r.method == f"{r.rule} (replayed)" and not r.warnings


def test_unfold(tmp_path: Path) -> None:
    r = relation_of(
        tmp_path, 's = "real"', "g(s)", "1/(1 + exp(-s))", by="unfold", functions=SIGMOID
    )
    assert _replayed(r)


def test_log_product_names_its_side_conditions(tmp_path: Path) -> None:
    r = relation_of(
        tmp_path, 'a = "positive"\nb = "(0, 1)"', "log(a*b)", "log(a) + log(b)", by="log-product"
    )
    assert _replayed(r)
    assert any("b > 0" in c for c in r.conditions)


def test_log_product_is_not_replayed_when_a_factor_may_be_negative(tmp_path: Path) -> None:
    # Both sides are undefined exactly where a <= 0, so there is no counterexample; but
    # the rule's condition a > 0 does not follow from the domain: never PROVED.
    r = relation_of(
        tmp_path, 'a = "real"\nb = "positive"', "log(a*b)", "log(a) + log(b)", by="log-product"
    )
    assert r.verdict is Verdict.UNPROVED
    assert any("a > 0" in w for w in r.warnings)
    assert "a·b > 0" in r.reason


def test_log_product_with_a_negative_factor_is_refuted(tmp_path: Path) -> None:
    # the right side is undefined over the reals for every a, b > 0; the left is not
    r = relation_of(
        tmp_path,
        'a = "positive"\nb = "positive"',
        "log(a*b)",
        "log(-a) + log(-b)",
        by="log-product",
    )
    assert r.verdict is Verdict.REFUTED


def test_log_power(tmp_path: Path) -> None:
    r = relation_of(tmp_path, 'x = "(0, 1)"\ny = "{0, 1}"', "log(x**y)", "y*log(x)", by="log-power")
    assert _replayed(r)


def test_log_reciprocal(tmp_path: Path) -> None:
    r = relation_of(
        tmp_path, 's = "real"', "-log(1/(1 + exp(-s)))", "log(1 + exp(-s))", by="log-reciprocal"
    )
    assert _replayed(r)


def test_log_quotient(tmp_path: Path) -> None:
    r = relation_of(
        tmp_path, 'a = "positive"\nb = "positive"', "log(a/b)", "log(a) - log(b)", by="log-quotient"
    )
    assert _replayed(r)


def test_exp_log(tmp_path: Path) -> None:
    r = relation_of(tmp_path, 's = "real"', "log(exp(s)) + 1", "s + 1", by="exp-log")
    assert _replayed(r)


def test_algebra(tmp_path: Path) -> None:
    r = relation_of(tmp_path, 'x = "real"', "(x + 1)**2", "x**2 + 2*x + 1", by="algebra")
    assert _replayed(r)


def test_algebra_does_not_replay_a_trigonometric_identity(tmp_path: Path) -> None:
    r = relation_of(tmp_path, 'x = "real"', "sin(x)**2 + cos(x)**2", "1", by="algebra")
    assert r.verdict is Verdict.PROVED  # true, by another method
    assert r.warnings and not r.method.endswith("(replayed)")


def test_cited_rule_that_does_not_land_is_a_warning_even_when_proved(tmp_path: Path) -> None:
    r = relation_of(tmp_path, 'x = "positive"', "log(x**2)", "2*log(x)", by="log-product")
    assert r.verdict is Verdict.PROVED
    assert r.warnings


def test_cases(tmp_path: Path) -> None:
    r = relation_of(tmp_path, 'y = "{0, 1}"\nx = "real"', "y*x + (1 - y)*x", "x", by="cases")
    assert _replayed(r)


def test_substitute_uses_the_chain_where(tmp_path: Path) -> None:
    report = check_text(
        tmp_path,
        """
    title = "t"
    [symbols]
    y = "{0, 1}"
    yhat = "(0, 1)"
    [[chain]]
    name = "c"
    where = { y = "0" }
    steps = ["yhat**y*(1 - yhat)**(1 - y)",
             { rel = "=", expr = "yhat**0*(1 - yhat)**1", by = "substitute" }]
    """,
    )
    (r,) = report.relations
    assert _replayed(r)


def test_lemma_is_citable_in_another_file(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text("""
title = "lemma"
[symbols]
s = "real"
[functions]
g = "t -> 1/(1 + exp(-t))"
[[chain]]
name = "complement"
lemma = "sigmoid-complement"
steps = ["1 - g(s)", "= g(-s)"]
""")
    (tmp_path / "b.toml").write_text("""
title = "user"
[symbols]
z = "real"
[functions]
g = "t -> 1/(1 + exp(-t))"
[[chain]]
name = "use"
steps = ["2 - g(3*z) - 1", { rel = "=", expr = "g(-3*z)", by = "sigmoid-complement" }]
""")
    from xentproof import api

    report = api.check_paths([tmp_path])
    assert not report.errors
    use = report.derivations[1].relations[0]
    assert _replayed(use), use


def test_unknown_rule_is_an_input_error(tmp_path: Path) -> None:
    report = check_text(
        tmp_path,
        """
    title = "t"
    [symbols]
    x = "real"
    [[chain]]
    name = "c"
    steps = ["x", { rel = "=", expr = "x", by = "log-prodcut" }]
    """,
    )
    (problem,) = report.errors
    assert problem.line == 7
    assert "log-product" in problem.message
    assert report.exit_code == 2
