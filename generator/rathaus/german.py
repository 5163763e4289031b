"""German text as every output needs it: one folding of letters and one way of writing a date."""

from __future__ import annotations

import datetime as dt
import unicodedata
from functools import cache

from babel.dates import format_date


class _WithoutMarks(dict[int, int | None]):
    """A `str.translate` table that drops combining marks (Unicode category M), learning each code point once:
    translating in C is what keeps folding the whole catalogue's text fast."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.category(chr(code)).startswith("M") else code
        self[code] = kept
        return kept


_WITHOUT_MARKS = _WithoutMarks()


def fold(text: str) -> str:
    """Lower case without accents: `Anträge` → `antrage`, `Straße` → `strasse`, `Café` → `cafe`. The search
    index and the browser match words folded so, and lists sort by it (umlauts with their base letter)."""
    return unicodedata.normalize("NFKD", text.lower()).translate(_WITHOUT_MARKS).replace("ß", "ss")


@cache
def german_date(day: dt.date) -> str:
    """`1. November 2026`, as pages, exports and the review list write a date."""
    return format_date(day, "d. MMMM y", locale="de_DE")
