"""What one build made of an object, for the next build of the same process.

`mkdocs serve` builds again after every edit. load.py hands out the very same record object for a file that did
not change, and verbund.py keeps a responsibility's object while nothing it is made of changed. A value made of
such an object once per page (a local page's spec, its sitemap entry: 40,000 of each in a Verbund of 40) can then
be taken over instead of made again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Remembered(Generic[K, V]):
    """Values by the identity of the object they were made of; a build's pass ends with `done`."""

    def __init__(self) -> None:
        self._last: dict[int, tuple[K, object, V]] = {}
        self._now: dict[int, tuple[K, object, V]] = {}

    def get(self, key: K, make: Callable[[K], V], context: object = None) -> V:
        """The value the last pass made of this very object in an equal `context`, else `make(key)`. The entry
        holds the object, so its `id` is not another's while remembered."""
        last = self._last.get(id(key))
        value = last[2] if last is not None and last[0] is key and last[1] == context else make(key)
        self._now[id(key)] = (key, context, value)
        return value

    def done(self) -> None:
        """End this pass: what it did not ask for is forgotten."""
        self._last, self._now = self._now, {}
