"""The one bounded memo of the process: values kept by key, the least recently used out
first, nothing kept from a computation that raised, and every memo emptied at once."""

from __future__ import annotations

import pytest
import sympy

from xentproof import memo
from xentproof.memo import Memo, clear_all
from xentproof.prover.limits import limit_value
from xentproof.prover.symbolic import prove_zero


def test_a_value_is_computed_once_per_key() -> None:
    calls: list[int] = []
    kept: Memo[int, int] = Memo(size=4)

    def square(n: int) -> int:
        calls.append(n)
        return n * n

    for n in (2, 3, 2, 3):
        assert kept.get(n, lambda: square(n)) == n * n  # noqa: B023 (called at once)
    assert calls == [2, 3]


def test_the_least_recently_used_value_leaves_first() -> None:
    kept: Memo[str, str] = Memo(size=2)
    kept.get("a", lambda: "A")
    kept.get("b", lambda: "B")
    kept.get("a", lambda: "not again")  # a is now the most recently used
    kept.get("c", lambda: "C")  # b leaves
    assert len(kept) == 2
    assert kept.get("a", lambda: "computed again") == "A"
    assert kept.get("b", lambda: "computed again") == "computed again"


def test_nothing_is_kept_when_the_computation_raises() -> None:
    kept: Memo[str, str] = Memo(size=2)

    def interrupted() -> str:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        kept.get("a", interrupted)
    assert len(kept) == 0
    assert kept.get("a", lambda: "A") == "A"


def test_a_memo_holds_at_least_one_value() -> None:
    with pytest.raises(ValueError, match="at least one"):
        Memo(size=0)


def test_clear_all_empties_the_memos_of_the_prover() -> None:
    x = sympy.Symbol("x", positive=True)
    assert prove_zero((x + 1) ** 2 - x**2 - 2 * x - 1, thorough=False) is not None
    limit_value(sympy.Limit(sympy.sin(x) / x, x, 0))
    assert sum(len(m) for m in memo._MEMOS) > 0
    clear_all()
    assert all(len(m) == 0 for m in memo._MEMOS)


def test_a_text_memo_gives_each_object_its_own_text() -> None:
    """``TextMemo`` keys by identity: an equal object written otherwise keeps its own text,
    and an object asked about again gets the same text without rendering it again."""
    from xentproof.memo import TextMemo

    class Written:
        def __init__(self, text: str) -> None:
            self.text = text

        def __eq__(self, other: object) -> bool:  # every one equals every other
            return isinstance(other, Written)

        def __hash__(self) -> int:
            return 0

    rendered: list[str] = []

    def render(value: Written) -> str:
        rendered.append(value.text)
        return value.text

    texts = TextMemo(render, size=2)
    short, long = Written("1.0"), Written("1.00")
    assert short == long
    assert (texts(short), texts(long), texts(short)) == ("1.0", "1.00", "1.0")
    assert rendered == ["1.0", "1.00"]
    third = Written("x")  # a third object: the least recently used (long) leaves
    assert (texts(third), texts(long)) == ("x", "1.00")
    assert rendered == ["1.0", "1.00", "x", "1.00"]


def test_an_object_memo_knows_only_what_it_computed() -> None:
    from xentproof.memo import ObjectMemo

    lengths = ObjectMemo(len, size=4)
    word = "series"
    assert lengths.known(word) is None  # nothing computed: nothing known
    assert lengths(word) == 6 and lengths.known(word) == 6
    assert lengths.known("other") is None
