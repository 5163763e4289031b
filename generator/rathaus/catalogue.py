"""The catalogue: every record loaded, references resolved, and the derived lists computed once.

Everything downstream (pages, search index, exports) reads this object. It knows nothing of mkdocs.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .build.memory import collector_paused
from .german import fold
from .kinds import KINDS
from .load import Loaded, ParsedYaml, Source, load_record, load_records, suggest
from .models import Office, Service, Site, SynonymGroup, Synonyms, Topic
from .problems import CatalogueError, Problem
from .review import review_problems

RECORD_DIRS: dict[str, type[Service] | type[Office] | type[Topic]] = {
    kind.folder: kind.model for kind in KINDS.values()
}
"""Folder → model of every record kind (kinds.py)."""
SYNONYMS_FILE = "search/synonyms.yaml"


def sort_key(text: str) -> str:
    """German dictionary order: umlauts sort with their base letter, case and accents are ignored."""
    return fold(text)


@dataclass
class Catalogue:
    """All records of one site, with references checked."""

    site: Site
    services: dict[str, Service]
    offices: dict[str, Office]
    topics: dict[str, Topic]
    sources: dict[str, Source] = field(default_factory=dict, repr=False)
    synonyms: list[SynonymGroup] = field(default_factory=list)

    @cached_property
    def services_a_to_z(self) -> list[tuple[str, list[Service]]]:
        """Services grouped by first letter, in German order: the A–Z list."""
        groups: dict[str, list[Service]] = defaultdict(list)
        for service in sorted(self.services.values(), key=lambda s: sort_key(s.title)):
            letter = sort_key(service.title)[:1].upper()
            groups[letter if letter.isalpha() else "#"].append(service)
        return list(groups.items())

    @cached_property
    def topics_ordered(self) -> list[Topic]:
        return sorted(self.topics.values(), key=lambda t: (t.order, sort_key(t.title)))

    @cached_property
    def subtopics(self) -> dict[str, list[Topic]]:
        """Each topic's sub-topics (those naming it as parent), in home-page order."""
        groups: dict[str, list[Topic]] = defaultdict(list)
        for topic in self.topics_ordered:
            if topic.parent:
                groups[topic.parent].append(topic)
        return dict(groups)

    @cached_property
    def offices_ordered(self) -> list[Office]:
        return sorted(self.offices.values(), key=lambda o: (o.kind != "amt", sort_key(o.name)))

    @cached_property
    def services_by_topic(self) -> dict[str, list[Service]]:
        return self._group(lambda s: s.topics)

    @cached_property
    def services_by_office(self) -> dict[str, list[Service]]:
        return self._group(lambda s: s.offices)

    @cached_property
    def online_services(self) -> list[Service]:
        return [s for s in self._alphabetical if s.online_service]

    @cached_property
    def popular_services(self) -> list[Service]:
        return [s for s in self._alphabetical if s.popular]

    @cached_property
    def service_center(self) -> Office | None:
        return self.offices.get(self.site.service_center or "")

    def offices_of(self, service: Service) -> list[Office]:
        return [self.offices[o] for o in service.offices]

    def topics_of(self, service: Service) -> list[Topic]:
        return [self.topics[t] for t in service.topics]

    def partner_of(self, service: Service) -> Office | None:
        """The partner organisation that provides a service, if its main office is one."""
        main = self.offices.get(service.offices[0]) if service.offices else None
        return main if main is not None and main.kind == "partner" else None

    def shown_with(self, record: Service | Office | Topic) -> tuple[Service | Office | Topic, ...]:
        """The records a record's page and files show something of: itself, the records it names (a service's
        offices and Lebenslagen) or lists (an office's or a Lebenslage's services, with their partners), and
        the Service-Center, which every page names. Whatever the templates, JSON-LD and exports of one record
        read must be among them: `mkdocs serve` writes a record's files again unrendered while these are
        unchanged (writer.py). tests/test_serve.py changes every field of every record, one at a time, and
        checks that the files that change are those of records that name it here."""
        center = (self.service_center,) if self.service_center else ()
        if isinstance(record, Service):
            related = [self.services[r] for r in record.related]
            return (record, *self.offices_of(record), *self.topics_of(record), *related, *center)
        if isinstance(record, Topic):
            parent = [self.topics[record.parent]] if record.parent else []
            family = (*parent, *self.subtopics.get(record.id, []))
        else:
            family = ()
        by = self.services_by_office if isinstance(record, Office) else self.services_by_topic
        listed = by.get(record.id, [])
        partners = [partner for service in listed if (partner := self.partner_of(service))]
        return (record, *family, *listed, *partners, *center)

    @cached_property
    def _alphabetical(self) -> list[Service]:
        return [s for _, group in self.services_a_to_z for s in group]

    def _group(self, keys: Callable[[Service], list[str]]) -> dict[str, list[Service]]:
        groups: dict[str, list[Service]] = defaultdict(list)
        for service in self._alphabetical:
            for key in keys(service):
                groups[key].append(service)
        return dict(groups)


def load_catalogue(
    root: Path, site: Site, today: dt.date | None = None, *, workers: int = 1, cache: Path | None = None
) -> tuple[Catalogue | None, list[Problem]]:
    """Load every record under `root` (on up to `workers` processes), check references, and return the
    catalogue with all problems. With a `cache` folder, unchanged files are not parsed again (`ParsedYaml`).

    Warnings (stale or incomplete records, judged as of `today`) come with the errors but never block.

    The catalogue is None when any error was found: a broken record never reaches a page.
    """
    items = [
        (path, f"{folder}/{path.name}", model)
        for folder, model in RECORD_DIRS.items()
        for path in sorted((root / folder).glob("*.yaml"), key=lambda path: path.name)
    ]
    parsed = ParsedYaml(cache / "yaml.marshal" if cache else None)
    with collector_paused():
        files = load_records(items, workers, parsed)
    loaded: dict[str, dict[str, Loaded[Any]]] = {folder: {} for folder in RECORD_DIRS}
    problems: list[Problem] = []
    for (path, display, _), record in zip(items, files, strict=True):
        loaded[display.split("/")[0]][path.stem] = record
        problems.extend(record.problems)
    for folder in RECORD_DIRS:
        for path in sorted((root / folder).glob("*.yml")):
            problems.append(Problem(f"{folder}/{path.name}", 1, 1, "", "Dateiendung .yml: bitte in .yaml umbenennen"))

    records = {folder: {k: v.record for k, v in items.items() if v.record} for folder, items in loaded.items()}
    sources = {f"{folder}/{k}": v.source for folder, items in loaded.items() for k, v in items.items()}
    problems.extend(_check_references(loaded, site))
    synonyms = None
    if (root / SYNONYMS_FILE).is_file():
        synonyms = load_record(root / SYNONYMS_FILE, SYNONYMS_FILE, Synonyms, parsed)
        problems.extend(synonyms.problems)
    parsed.save()
    catalogue = Catalogue(
        site=site,
        services=records["services"],
        offices=records["offices"],
        topics=records["topics"],
        sources=sources,
        synonyms=synonyms.record.synonyms if synonyms and synonyms.record else [],
    )
    problems.extend(
        http_link_problems(sources, {f"{folder}/{k}": v for folder, items in records.items() for k, v in items.items()})
    )
    problems.extend(review_problems(catalogue, today or dt.date.today()))
    problems.sort()
    if any(p.severity == "error" for p in problems):
        return None, problems
    return catalogue, problems


def build_catalogue(root: Path, site: Site, *, workers: int = 1, cache: Path | None = None) -> Catalogue:
    """Like `load_catalogue`, but raise `CatalogueError` on any error."""
    catalogue, problems = load_catalogue(root, site, workers=workers, cache=cache)
    if catalogue is None:
        raise CatalogueError(problems)
    return catalogue


def _check_references(loaded: dict[str, dict[str, Loaded[Any]]], site: Site) -> list[Problem]:
    offices = sorted(loaded["offices"])
    topics = sorted(loaded["topics"])
    services = loaded["services"]
    problems: list[Problem] = []
    aliases: dict[str, str] = {}
    for service_id, item in services.items():
        service: Service | None = item.record
        if service is None:
            continue
        for index, office in enumerate(service.offices):
            if office not in loaded["offices"]:
                problems.append(
                    item.source.problem(("offices", index), f"unbekannte Stelle „{office}“{suggest(office, offices)}")
                )
        for index, topic in enumerate(service.topics):
            if topic not in loaded["topics"]:
                problems.append(
                    item.source.problem(("topics", index), f"unbekannte Lebenslage „{topic}“{suggest(topic, topics)}")
                )
        for index, booking in enumerate(service.bookings):
            if booking.office not in service.offices:
                problems.append(
                    item.source.problem(
                        ("bookings", index, "office"),
                        f"Stelle „{booking.office}“ steht nicht unter offices dieser Leistung"
                        f"{suggest(booking.office, service.offices)}",
                    )
                )
        for index, related in enumerate(service.related):
            if related not in services or related == service_id:
                what = "die Leistung selbst" if related == service_id else f"unbekannte Leistung „{related}“"
                problems.append(item.source.problem(("related", index), f"{what}{suggest(related, sorted(services))}"))
        for index, alias in enumerate(service.aliases):
            owner = aliases.setdefault(alias, service_id)
            if alias in services or owner != service_id:
                taken = alias if alias in services else owner
                problems.append(
                    item.source.problem(
                        ("aliases", index), f"frühere Kennung „{alias}“ ist schon vergeben (an „{taken}“)"
                    )
                )
    problems.extend(_check_topic_parents(loaded["topics"]))
    if site.service_center and site.service_center not in loaded["offices"]:
        problems.append(
            Problem(
                "mkdocs.yml",
                1,
                1,
                "plugins.rathaus.service_center",
                f"unbekannte Stelle „{site.service_center}“{suggest(site.service_center, offices)}",
            )
        )
    return problems


def _check_topic_parents(topics: dict[str, Loaded]) -> list[Problem]:
    """A parent topic must exist, and following parents must never come back to where it started."""
    parents = {key: item.record.parent for key, item in topics.items() if item.record and item.record.parent}
    problems = []
    for key, parent in sorted(parents.items()):
        source = topics[key].source
        if parent not in topics:
            problems.append(
                source.problem(("parent",), f"unbekannte Lebenslage „{parent}“{suggest(parent, sorted(topics))}")
            )
            continue
        seen, current = {key}, parent
        while current in parents and current not in seen:
            seen.add(current)
            current = parents[current]
        if current in seen or current == key:
            problems.append(
                source.problem(("parent",), f"Kreis: „{parent}“ liegt unter „{key}“; bitte einen Oberbegriff wählen")
            )
    return problems


def http_link_problems(sources: dict[str, Source], records: dict[str, Service | Office | Topic]) -> list[Problem]:
    """Warn about every `http://` link: it still works, but the https address is safer and usually exists."""
    problems = []
    for key, record in records.items():
        source = sources[key]
        if "http://" in source.text:
            for loc, url in _http_links(record, ()):
                suggestion = "https://" + url.removeprefix("http://")
                problems.append(
                    source.problem(loc, f"unverschlüsselter Link {url}; bitte {suggestion} verwenden", "warning")
                )
    return problems


def _http_links(value: object, loc: tuple[str | int, ...]) -> list[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        return [(loc, value)] if value.startswith("http://") else []
    if isinstance(value, list):
        return [found for index, item in enumerate(value) for found in _http_links(item, (*loc, index))]
    if isinstance(value, BaseModel):
        return [found for name in type(value).model_fields for found in _http_links(getattr(value, name), (*loc, name))]
    return []
