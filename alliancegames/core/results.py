"""The one base of results that are collections: equilibria, regions, subgame-perfect cases.

A solver's answer is a frozen dataclass holding a tuple of items and what they
were computed from.  :class:`ResultCollection` makes it behave as the sequence
of its items (``len``, iteration, indexing), naming the field that holds them
once, in ``_items``.

Examples
--------
>>> from dataclasses import dataclass
>>> @dataclass(frozen=True)
... class Answers(ResultCollection[int]):
...     _items = "values"
...     values: tuple[int, ...]
>>> a = Answers((3, 1, 2))
>>> len(a), list(a), a[0]
(3, [3, 1, 2], 3)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar, Generic, TypeVar

__all__ = ["ResultCollection"]

T = TypeVar("T")


class ResultCollection(Generic[T]):
    """Sequence behaviour for a frozen result whose items sit in the field named by ``_items``."""

    _items: ClassVar[str]

    def __len__(self) -> int:
        return len(getattr(self, self._items))

    def __iter__(self) -> Iterator[T]:
        return iter(getattr(self, self._items))

    def __getitem__(self, i: int) -> T:
        return getattr(self, self._items)[i]
