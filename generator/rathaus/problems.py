"""Problems found in the catalogue, formatted the way editors and CI read them."""

from __future__ import annotations

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
        field = f" {self.field}:" if self.field else ""
        prefix = "Warnung: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}:{self.column}:{field} {prefix}{self.message}"

    def annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command, shown inline in a pull request."""
        title = self.field or "rathaus"
        text = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{self.severity} file={self.path},line={self.line},col={self.column},title={title}::{text}"


class CatalogueError(Exception):
    """Raised when the catalogue has errors; carries all of them so editors see everything at once."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        super().__init__(f"{len(errors)} Fehler im Katalog:\n" + "\n".join(str(p) for p in errors))
