"""The pytest plugin, through pytest's own pytester: items, failures, -k, xdist."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

DERIVATION = """
title = "t"
[symbols]
x = "real"
[[chain]]
name = "good"
steps = ["(x + 1)**2", "= x**2 + 2*x + 1"]
[[chain]]
name = "bad"
steps = ["sqrt(x**2)", "= x"]
"""


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makefile(".toml", steps=DERIVATION)
    pytester.makefile(".toml", pyproject='[project]\nname = "not-a-derivation"\n')
    return pytester


def test_each_chain_is_an_item_and_a_false_step_fails(project: pytest.Pytester) -> None:
    result = project.runpytest("--xentproof", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*REFUTED*", "*counterexample: x = -*", "*steps.toml::bad*"])


def test_k_selects_chains(project: pytest.Pytester) -> None:
    result = project.runpytest("--xentproof", "-k", "good", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


def test_inert_without_the_option(project: pytest.Pytester) -> None:
    result = project.runpytest("-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED


def test_unreadable_file_is_one_failing_item(pytester: pytest.Pytester) -> None:
    pytester.makefile(
        ".toml", broken='title = "t"\n[[chain]]\nname = "c"\nsteps = ["lgo(1)", "= 0"]\n'
    )
    result = pytester.runpytest("--xentproof", "-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*broken.toml:4*log*"])


def test_ini_option_names_the_default_path(pytester: pytest.Pytester) -> None:
    pytester.mkdir("proofs")
    (pytester.path / "proofs" / "d.toml").write_text(DERIVATION)
    pytester.makeini("[pytest]\nxentproof_paths = proofs\n")
    result = pytester.runpytest("--xentproof", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)


@pytest.mark.slow
@pytest.mark.subprocess
def test_xdist_runs_chains_in_parallel(project: pytest.Pytester) -> None:
    pytest.importorskip("xdist")
    result = project.runpytest_subprocess("--xentproof", "-n", "2", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)
