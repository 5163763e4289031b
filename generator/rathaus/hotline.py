"""The national authority number 115: the one source of its facts for pages, theme, exports and JSON-LD.

Source: https://www.115.de/ – the 115 answers Monday to Friday from 8:00 to 18:00, the same everywhere in
Germany (the 115 service promise).
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import WEEKDAYS


@dataclass(frozen=True)
class Hotline:
    number: str
    name: str
    days: tuple[str, ...]
    """Weekday keys as in opening hours (`mo` … `so`), consecutive."""
    opens: str
    closes: str
    source: str

    @property
    def days_text(self) -> str:
        """`Montag bis Freitag`."""
        return f"{WEEKDAYS[self.days[0]]} bis {WEEKDAYS[self.days[-1]]}"

    @property
    def days_short(self) -> str:
        """`Mo–Fr`."""
        return f"{WEEKDAYS[self.days[0]][:2]}–{WEEKDAYS[self.days[-1]][:2]}"

    @property
    def hours_text(self) -> str:
        """`8 bis 18 Uhr`."""
        return f"{_hour(self.opens)} bis {_hour(self.closes)} Uhr"

    @property
    def hours_short(self) -> str:
        """`8–18 Uhr`."""
        return f"{_hour(self.opens)}–{_hour(self.closes)} Uhr"


def _hour(time: str) -> str:
    """`08:00` → `8`, `08:30` → `8:30`."""
    hours, minutes = time.split(":")
    return str(int(hours)) + ("" if minutes == "00" else f":{minutes}")


HOTLINE = Hotline(
    number="115",
    name="Behördennummer 115",
    days=("mo", "di", "mi", "do", "fr"),
    opens="08:00",
    closes="18:00",
    source="https://www.115.de/",
)
