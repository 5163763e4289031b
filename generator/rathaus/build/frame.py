"""The theme's page around a record's body: rendered once by the host engine, then filled for every record.

A theme template renders header, navigation, footer and scripts the same for every record page of one folder
(all of them sit at the same depth, so even relative links agree); only a handful of values differ. Rendering
the theme once with placeholders and filling them per page costs microseconds instead of milliseconds a page,
which is what keeps a 10,000-service build in seconds (benchmarks/build.py).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

TEXT_SLOTS = ("title", "description", "canonical", "edit")
"""Values the theme prints as text or inside attribute values; they are HTML-escaped when filled in."""

CONTENT = '<h1 data-rathaus-slot="content"></h1>'
"""Stands for the page body. It is an `<h1>` because a theme may add a heading of its own to bodies without one;
every record body starts with its own `<h1>`, which replaces this one."""

_SLOT = re.compile("\ue000([a-z]+)\ue000|" + re.escape(CONTENT))


def placeholder(name: str) -> str:
    """A text slot's stand-in: private-use characters that no escaping, tag stripping or record can produce."""
    if name not in TEXT_SLOTS:
        raise ValueError(f"unknown slot {name!r}")
    return f"\ue000{name}\ue000"


@dataclass(frozen=True)
class Frame:
    """A rendered theme page cut at its slots: literal pieces and, between them, the slot names."""

    pieces: tuple[str, ...]
    slots: tuple[str, ...]

    @classmethod
    def parse(cls, page: str) -> Frame:
        """Cut a page rendered with `placeholder(...)` values and `CONTENT` as body; it must hold the body."""
        pieces, slots, start = [], [], 0
        for match in _SLOT.finditer(page):
            pieces.append(page[start : match.start()])
            slots.append(match.group(1) or "content")
            start = match.end()
        pieces.append(page[start:])
        if slots.count("content") != 1:
            raise ValueError("the theme must print the page body exactly once")
        return cls(tuple(pieces), tuple(slots))

    def fill(self, content: str, **text: str) -> str:
        """The page with its body (HTML) and text values (escaped here) in place of the slots."""
        values = {name: html.escape(value) for name, value in text.items()}
        values["content"] = content
        parts = [self.pieces[0]]
        for slot, piece in zip(self.slots, self.pieces[1:], strict=True):
            parts += (values[slot], piece)
        return "".join(parts)
