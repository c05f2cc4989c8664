"""One bounded memo for the values the prover keeps for the whole process.

What the prover computes again and again is a function of its arguments alone (SymPy's
symbols carry their assumptions): a canonical form of a difference, whether a value is
positive on the domains, the value of a limit. Every step is the right side of one relation
and the left of the next, so each is met several times along a chain and again in the next
chain. Each such cache is a ``Memo``: bounded (the least recently used value leaves first),
and ``clear_all()`` empties every one of them (a test that counts calls starts afresh).

Nothing is kept when the computation raises (a time-out leaves no half-made value).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

DEFAULT_SIZE = 4096  # values per memo; SymPy expressions of a few kilobytes each at most

_MEMOS: list[Memo[Any, Any]] = []


class Memo(Generic[K, V]):
    """Computed values by key, at most ``size`` of them."""

    def __init__(self, size: int = DEFAULT_SIZE) -> None:
        if size < 1:
            raise ValueError(f"a memo holds at least one value, got size {size}")
        self.size = size
        self._values: dict[K, V] = {}
        _MEMOS.append(self)

    def get(self, key: K, compute: Callable[[], V]) -> V:
        """The value kept for ``key``, or ``compute()`` kept for it."""
        # A dict keeps its insertion order: taking a value out and putting it back makes
        # it the most recently used, and the first key is the least recently used.
        values = self._values
        if key in values:
            value = values.pop(key)
        else:
            value = compute()
            if len(values) >= self.size:
                del values[next(iter(values))]
        values[key] = value
        return value

    def peek(self, key: K) -> V | None:
        """The value kept for ``key`` (None: none is), as it stands: nothing is computed,
        and it is not made the most recently used."""
        return self._values.get(key)

    def __len__(self) -> int:
        return len(self._values)

    def clear(self) -> None:
        self._values.clear()


def clear_all() -> None:
    """Forget every value of every memo of the process."""
    for memo in _MEMOS:
        memo.clear()


class ObjectMemo(Generic[V]):
    """What a function gives for an object, computed once per object, at most ``size`` of
    them. By identity, not equality: two equal expressions may be written differently
    (``1.0`` and ``1.00``), and a text must be the one of the object asked about. The memo
    keeps each object alive beside its value, so that its id is not reused."""

    def __init__(self, compute: Callable[[Any], V], size: int = DEFAULT_SIZE) -> None:
        self.compute = compute
        self._memo: Memo[int, tuple[object, V]] = Memo(size)

    def __call__(self, value: Any) -> V:
        kept, found = self._memo.get(id(value), lambda: (value, self.compute(value)))
        return found if kept is value else self.compute(value)

    def known(self, value: Any) -> V | None:
        """The value kept for the object (None: none is); nothing is computed."""
        entry = self._memo.peek(id(value))
        return entry[1] if entry is not None and entry[0] is value else None


class TextMemo(ObjectMemo[str]):
    """The text of an object (its ``srepr``, how it is shown), once per object."""
