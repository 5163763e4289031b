"""Problems found in the catalogue, formatted the way editors and CI read them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, order=True)
class Problem:
    """One error or warning, pointing at a file, a line, a column and a field path."""

    path: str
    line: int
    column: int
    field: str
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        """One line for a terminal or a CI log: what a file name or a record holds is shown, never acted on."""
        field = f" {visible(self.field)}:" if self.field else ""
        prefix = "Warnung: " if self.severity == "warning" else ""
        return f"{visible(self.path)}:{self.line}:{self.column}:{field} {prefix}{visible(self.message)}"

    def annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command, shown inline in a pull request. Escaped as
        the runner unescapes it, so a file name or a record's text cannot end the command or start another."""
        properties = {"file": self.path, "line": self.line, "col": self.column, "title": self.field or "rathaus"}
        listed = ",".join(f"{name}={_property(str(value))}" for name, value in properties.items())
        return f"::{self.severity} {listed}::{_data(self.message)}"


def visible(text: str) -> str:
    """Control and bidi characters as `\\x1b`-style escapes: a line break in a file name or a YAML key could
    otherwise start a line of its own (a forged `::error` command under GitHub Actions), and ESC would drive
    the terminal."""
    return _INVISIBLE.sub(lambda found: found.group().encode("unicode_escape").decode("ascii"), text)


_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _data(text: str) -> str:
    """A workflow command's message (GitHub's `escapeData`)."""
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _property(text: str) -> str:
    """A workflow command's property value (GitHub's `escapeProperty`)."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


class CatalogueError(Exception):
    """Raised when the catalogue has errors; carries all of them so editors see everything at once."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        super().__init__(f"{len(errors)} Fehler im Katalog:\n" + "\n".join(str(p) for p in errors))
