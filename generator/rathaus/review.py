"""Editorial review: stale and incomplete records surface as warnings and as a Markdown review list.

Warnings never stop a build: the live site keeps working while a record waits for its review.
`rathaus check --strict` turns them into failures for those who want that in CI.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .editing import edit_url, record_path
from .german import german_date
from .models import SUMMARY_ADVISED, Office, Service, Site
from .problems import Problem, visible

if TYPE_CHECKING:
    from .catalogue import Catalogue

# Placeholder that `rathaus new` writes into required text fields; a warning until someone replaces it.
PLACEHOLDER = "Bitte in ein bis zwei Sätzen beschreiben, worum es geht und wer es braucht."

# Fields a complete service fills in: (field, short label for the report, advice for `rathaus check`).
EXPECTED_SERVICE_FIELDS = (
    (
        "offices",
        "ohne zuständige Stelle",
        "keine zuständige Stelle angegeben; bitte unter offices die Kennung aus offices/ eintragen",
    ),
    (
        "documents",
        "ohne Unterlagen",
        "keine Unterlagen angegeben; bitte unter documents eintragen, was mitzubringen ist "
        "(oder `documents: []`, wenn nichts nötig ist)",
    ),
    (
        "fees",
        "ohne Gebühren",
        "keine Gebühren angegeben; bitte unter fees eintragen (gebührenfrei: ein Eintrag mit `amount: 0`)",
    ),
    (
        "synonyms",
        "ohne Suchbegriffe",
        "keine Suchbegriffe angegeben; bitte unter synonyms Wörter eintragen, mit denen Menschen danach suchen "
        "(oder `synonyms: []`, wenn es bewusst keine gibt)",
    ),
)


@dataclass(frozen=True)
class Finding:
    """Something an editor should look at in one record."""

    record: Service | Office
    field: str
    label: str
    advice: str
    stale: bool = False


def months_before(day: dt.date, months: int) -> dt.date:
    """The same calendar day `months` earlier (clamped to the month's end: 31 March − 1 → 28/29 February)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def review_findings(catalogue: Catalogue, today: dt.date) -> list[Finding]:
    """Stale `reviewed` dates, scaffold placeholders, and services missing what citizens ask for."""
    review_months = catalogue.site.review_months
    cutoff = months_before(today, review_months)
    findings = []
    records: list[Service | Office] = [*catalogue.services.values(), *catalogue.offices.values()]
    for record in records:
        if record.reviewed < cutoff:
            findings.append(
                Finding(
                    record,
                    "reviewed",
                    f"zuletzt geprüft am {german_date(record.reviewed)}",
                    f"zuletzt geprüft am {german_date(record.reviewed)}, vor mehr als {review_months} Monaten; "
                    f"bitte den Inhalt prüfen und reviewed auf das Prüfdatum setzen (z. B. {today.isoformat()})",
                    stale=True,
                )
            )
        if getattr(record, "summary", None) == PLACEHOLDER:
            findings.append(
                Finding(
                    record,
                    "summary",
                    "Kurzbeschreibung fehlt",
                    "Kurzbeschreibung ist noch der Platzhalter aus `rathaus new`; bitte ersetzen",
                )
            )
        if isinstance(record, Service):
            if record.summary is None:
                findings.append(
                    Finding(
                        record,
                        "summary",
                        "Kurzbeschreibung fehlt",
                        "keine Kurzbeschreibung angegeben; bitte unter summary in ein bis zwei Sätzen beschreiben, "
                        "worum es geht",
                    )
                )
            elif len(record.summary) > SUMMARY_ADVISED:
                findings.append(
                    Finding(
                        record,
                        "summary",
                        "Kurzbeschreibung zu lang",
                        f"Kurzbeschreibung hat {len(record.summary)} Zeichen; bitte auf höchstens {SUMMARY_ADVISED} "
                        "kürzen (Listen und Suchergebnisse zeigen sie ganz)",
                    )
                )
            for field, label, advice in EXPECTED_SERVICE_FIELDS:
                answered = field == "offices" and record.central_office is not None  # one office for every place
                if not getattr(record, field) and field not in record.model_fields_set and not answered:
                    findings.append(Finding(record, field, label, advice))
    return findings


def review_problems(catalogue: Catalogue, today: dt.date) -> list[Problem]:
    """The findings as warnings at the line of the field concerned (or the record's first line when absent)."""
    problems = []
    for finding in review_findings(catalogue, today):
        source = catalogue.sources[record_path(finding.record).removesuffix(".yaml")]
        problems.append(source.problem((finding.field,), finding.advice, "warning"))
    return problems


ISSUE_LIMIT = 65_536
"""The most characters GitHub takes for an issue body: the monthly review issue must stay below it."""


@dataclass(frozen=True)
class _Group:
    """The findings of one office (or of services without one) in the review list."""

    heading: str
    items: list[str]
    stale: int
    incomplete: int


def review_report(
    catalogue: Catalogue, findings: list[Finding], today: dt.date, *, limit: int | None = None, full: str = ""
) -> str:
    """The review list as Markdown, grouped by the responsible office, ready to paste into an issue or a mail.

    It opens with the counts per office. With a `limit` (characters, e.g. below GitHub's for an issue body), the
    checklists of as many offices follow as fit, in order, and the rest is left to the full list, which `full`
    says where to find (a link or a file name); 1,500 stale records are some 500,000 characters.
    """
    site = catalogue.site
    by_record: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_record[record_path(finding.record)].append(finding)
    head = [
        f"# Prüfliste Digitales Rathaus {site.city}",
        "",
        f"Stand: {german_date(today)}. Als veraltet gilt, was länger als {site.review_months} Monate "
        "nicht geprüft wurde.",
        "",
    ]
    if not by_record:
        return "\n".join([*head, "Alle Einträge sind aktuell und vollständig.", ""])
    stale = sum(any(f.stale for f in items) for items in by_record.values())
    incomplete = sum(any(not f.stale for f in items) for items in by_record.values())
    head += [f"{len(by_record)} Einträge zu prüfen: {stale} veraltet, {incomplete} unvollständig.", ""]
    groups = _groups(catalogue, by_record)
    footer = ["", "Erzeugt mit `rathaus report`. Anleitung zum Bearbeiten: docs/redaktion.md", ""]
    cut = [f"Nicht alle Einträge passen in diese Liste. Die vollständige Prüfliste: {full or '`rathaus report`'}"]
    more = "| … und 100000 weitere Stellen | | |"
    room = (limit or sys.maxsize) - _length(head + footer + cut + [more, ""])
    table = ["| Stelle | veraltet | unvollständig |", "| --- | ---: | ---: |"]
    rows = [f"| {g.heading} | {g.stale} | {g.incomplete} |" for g in groups]  # headings are inert: no `|`
    summary, shown = _fitting([table + rows[:1], *([row] for row in rows[1:])], room)
    if shown < len(rows):
        summary.append(f"| … und {len(rows) - shown} weitere Stellen | | |")
    summary.append("")
    room -= _length(summary)
    sections, listed = _fitting([["", f"## {g.heading}", "", *g.items] for g in groups], room)
    complete = shown == len(rows) and listed == len(groups)
    return "\n".join([*head, *([] if complete else [*cut, ""]), *summary, *sections, *footer])


def _groups(catalogue: Catalogue, by_record: dict[str, list[Finding]]) -> list[_Group]:
    """The findings by responsible office (a service's first office), in the order of the Dienststellen page."""
    site = catalogue.site
    owned: dict[str | None, list[tuple[str, list[Finding]]]] = defaultdict(list)
    for path, items in sorted(by_record.items()):
        record = items[0].record
        owner = record.id if isinstance(record, Office) else (record.offices[0] if record.offices else None)
        owned[owner].append((path, items))
    order: list[str | None] = [o.id for o in catalogue.offices_ordered if o.id in owned]
    order += [owner for owner in owned if owner not in catalogue.offices]
    groups = []
    for owner in order:
        office = catalogue.offices.get(owner or "")
        heading = f"{inert(catalogue.office_title(office))} (`{owner}`)" if office else "Ohne zuständige Stelle"
        records = owned[owner]
        groups.append(
            _Group(
                heading,
                [_item(path, items, site) for path, items in records],
                sum(any(f.stale for f in items) for _, items in records),
                sum(any(not f.stale for f in items) for _, items in records),
            )
        )
    return groups


def _fitting(parts: list[list[str]], room: int) -> tuple[list[str], int]:
    """The lines of the leading `parts` that fit into `room` characters together (a newline after each line), and
    how many parts that is."""
    lines: list[str] = []
    for count, part in enumerate(parts):
        size = _length(part)
        if size > room:
            return lines, count
        lines += part
        room -= size
    return lines, len(parts)


def _length(lines: list[str]) -> int:
    return sum(len(line) + 1 for line in lines)


def _item(path: str, findings: list[Finding], site: Site) -> str:
    record = findings[0].record
    name = inert(record.title if isinstance(record, Service) else f"Dienststelle {record.name}")
    link = edit_url(site, record)
    shown = f"[{name}]({link})" if link else name
    return f"- [ ] {shown} – `{path}`: " + "; ".join(f.label for f in findings)


_MARKUP = re.compile(r"[\\`*_{}\[\]()<>!|~&@#:]|www\.", re.IGNORECASE)
_ZERO_WIDTH_SPACE = "\u200b"


def inert(text: str) -> str:
    """Record text for a GitHub issue or job summary, shown as written and doing nothing: no link, image,
    HTML or emphasis (Markdown's punctuation escaped), no @mention, #reference or autolinked address (a
    zero-width space after `@`, `#`, `:` and `www`, where GitHub then sees none), on one line."""
    return _MARKUP.sub(_inert_character, " ".join(visible(text).split()))


def _inert_character(found: re.Match[str]) -> str:
    character = found.group()
    if character in "&<>":
        return {"&": "&amp;", "<": "&lt;", ">": "&gt;"}[character]
    if character in "@#:":
        return character + _ZERO_WIDTH_SPACE
    if len(character) > 1:  # www.
        return character[:3] + _ZERO_WIDTH_SPACE + "."
    return "\\" + character
