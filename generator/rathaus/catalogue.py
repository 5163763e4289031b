"""The catalogue: every record loaded, references resolved, and the derived lists computed once.

Everything downstream (pages, search index, exports) reads this object. It knows nothing of mkdocs.
"""

from __future__ import annotations

import datetime as dt
import os
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
from .load import Item, Loaded, ParsedYaml, Source, load_record, load_records, suggest
from .models import Municipality, Office, OfficeBooking, Service, Site, SynonymGroup, Synonyms, Topic
from .problems import CatalogueError, Problem
from .review import review_problems
from .settings import setting_problem
from .verbund import LocalService, Verbund, verbund_problems

PageRecord = Service | Office | Topic | Municipality | LocalService
"""What a generated page is made from: a record, or a service as one municipality offers it."""

RECORD_DIRS: dict[str, type[Service] | type[Office] | type[Topic] | type[Municipality]] = {
    kind.folder: kind.model for kind in KINDS.values()
}
"""Folder → model of every record kind (kinds.py)."""
SYNONYMS_FILE = "search/synonyms.yaml"


FULL_CARDS = 3
"""A service page shows up to this many offices as full cards; a service offered at more places shows the first
in full and the others as a compact list (name, address, link), so 80 locations do not make 80 cards."""


def sort_key(text: str) -> str:
    """German dictionary order: umlauts sort with their base letter, case and accents are ignored."""
    return fold(text)


@dataclass(frozen=True)
class LocationGroup:
    """Offices of one authority in a service's compact list of locations."""

    heading: str | None
    """The authority ("Bezirksamt Pankow, Amt für Bürgerdienste"); None when the list is one group without one."""
    offices: list[Office]


@dataclass(frozen=True)
class Locations:
    """Where a service is offered, as its page shows it: some offices in full, the rest compact by authority."""

    full: list[Office]
    groups: list[LocationGroup]
    shared_phone: str | None
    """The phone number every compactly listed office gives, shown once instead of at each of them."""

    @property
    def compact_count(self) -> int:
        return sum(len(group.offices) for group in self.groups)


def _authority(office: Office) -> str | None:
    authority = office.authority
    if authority is None:
        return None
    return f"{authority.name}, {authority.unit}" if authority.unit else authority.name


def _address(office: Office) -> str | None:
    address = office.address
    return f"{address.street}, {address.postal_code} {address.city}" if address else None


def _authority_and_address(office: Office) -> str | None:
    parts = [part for part in (_authority(office), _address(office)) if part]
    return "; ".join(parts) or None


@dataclass
class Catalogue:
    """All records of one site, with references checked."""

    site: Site
    services: dict[str, Service]
    offices: dict[str, Office]
    topics: dict[str, Topic]
    sources: dict[str, Source] = field(default_factory=dict, repr=False)
    synonyms: list[SynonymGroup] = field(default_factory=list)
    municipalities: dict[str, Municipality] = field(default_factory=dict)

    @cached_property
    def verbund(self) -> Verbund:
        """The municipalities the site answers for (site settings), and who is responsible where."""
        named = [self.municipalities[m] for m in self.site.municipalities if m in self.municipalities]
        return Verbund(named, self.services, self.offices)

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
        """Each office's services: those naming it, and in a Verbund those it is responsible for somewhere."""
        return self._group(self._offices_named)

    def _offices_named(self, service: Service) -> list[str]:
        named = dict.fromkeys(service.offices)
        for responsibility in self.verbund.responsibilities(service):
            named.update(dict.fromkeys(office.id for office in responsibility.offices))
        return list(named)

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
        """The offices a service names; a service that names none has its one office for every place."""
        named = [self.offices[o] for o in service.offices]
        return named or ([self.offices[service.central_office]] if service.central_office in self.offices else [])

    def locations_of(self, service: Service) -> Locations:
        """A service's offices as its page lists them: all as cards while they are few; else the first (the
        main office) as a card and the others by authority, in catalogue order within each."""
        offices = self.offices_of(service)
        if len(offices) <= FULL_CARDS:
            return Locations(offices, [], None)
        rest = offices[1:]
        by_authority: dict[str | None, list[Office]] = defaultdict(list)
        for office in rest:
            by_authority[_authority(office)].append(office)
        keys = sorted((key for key in by_authority if key), key=sort_key) + [None] * (None in by_authority)
        unnamed = "Weitere Stellen" if len(keys) > 1 else None
        groups = [LocationGroup(key or unnamed, by_authority[key]) for key in keys]
        phones = {office.phone for office in rest}
        shared = phones.pop() if len(phones) == 1 else None
        return Locations(offices[:1], groups, shared)

    def booking_at(self, service: Service, office_id: str) -> OfficeBooking | None:
        """The service's own booking link or note for one of its offices, if it has one there."""
        return next((booking for booking in service.bookings if booking.office == office_id), None)

    @cached_property
    def _namesakes(self) -> dict[str, list[Office]]:
        groups: dict[str, list[Office]] = defaultdict(list)
        for office in self.offices_ordered:
            groups[sort_key(office.name)].append(office)
        return groups

    def namesakes(self, office: Office) -> list[Office]:
        """The other offices with the same name (e.g. one "Stadtentwicklungsamt - Vermessung" per district)."""
        return [other for other in self._namesakes[sort_key(office.name)] if other is not office]

    @cached_property
    def _office_titles(self) -> dict[str, str]:
        titles = {}
        for group in self._namesakes.values():
            if len(group) == 1:
                titles[group[0].id] = group[0].name
                continue
            # The first trait that tells every office of the group apart: its authority, its address, both.
            for trait in (_authority, _address, _authority_and_address, lambda office: office.id):
                values = [trait(office) for office in group]
                if None not in values and len(set(values)) == len(values):
                    break
            for office, value in zip(group, values, strict=True):
                titles[office.id] = f"{office.name} ({value})"
        return titles

    def office_title(self, office: Office) -> str:
        """An office's name, with its authority or address when another office has the same name."""
        return self._office_titles[office.id]

    def topics_of(self, service: Service) -> list[Topic]:
        return [self.topics[t] for t in service.topics]

    def partner_of(self, service: Service) -> Office | None:
        """The partner organisation that provides a service, if its main office is one."""
        main = self.offices.get(service.offices[0]) if service.offices else None
        return main if main is not None and main.kind == "partner" else None

    def shown_with(self, record: PageRecord) -> tuple[object, ...]:
        """What a record's page and files show something of: the record itself, the records it names (a service's
        offices, Lebenslagen and related services; a Lebenslage's parent and sub-topics) or lists (an office's or
        a Lebenslage's services, with their partners), and the Service-Center, which every page names. Of a
        municipality, pages other than its own show only its name and keys, its rules' outcome and a local part
        (`Responsibility.shown` and `listed`, `Verbund.faces`): objects that stay the same while these do, so
        that an edit to one local part leaves the other pages made of that municipality alone.
        Whatever the templates, JSON-LD and exports of one record read must be among them: `mkdocs serve` writes
        a record's files again unrendered while these are unchanged (writer.py). tests/test_serve.py changes every
        field of every record, one at a time, and checks that the files that change are those of records that name
        it here."""
        center = (self.service_center,) if self.service_center else ()
        if isinstance(record, LocalService):
            place = record.responsibility
            return (place.service, *place.shown, *self.topics_of(place.service), *center)
        if isinstance(record, Municipality):
            return (record, *self.services.values(), *self.verbund.own_offices(record), *center)
        if isinstance(record, Service):
            central = (self.offices[record.central_office],) if record.central_office in self.offices else ()
            places = [x for place in self.verbund.responsibilities(record) for x in place.listed]
            related = [self.services[r] for r in record.related]
            offices = self.offices_of(record)
            namesakes = [other for office in offices for other in self.namesakes(office)]
            return (
                record,
                *offices,
                *namesakes,
                *self.topics_of(record),
                *related,
                *central,
                *self.verbund.faces,
                *places,
                *center,
            )
        family: tuple[Topic | Office, ...]
        if isinstance(record, Topic):
            parent = [self.topics[record.parent]] if record.parent else []
            family = (*parent, *self.subtopics.get(record.id, []))
        else:
            family = tuple(self.namesakes(record))
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
    items, problems = record_files(root)
    parsed = ParsedYaml(cache / "yaml.marshal" if cache else None)
    with collector_paused():
        files = load_records(items, workers, parsed)
    loaded: dict[str, dict[str, Loaded[Any]]] = {folder: {} for folder in RECORD_DIRS}
    for (path, display, _), record in zip(items, files, strict=True):
        loaded[display.split("/")[0]][path.stem] = record
        problems.extend(record.problems)

    records = {folder: {k: v.record for k, v in items.items() if v.record} for folder, items in loaded.items()}
    sources = {f"{folder}/{k}": v.source for folder, items in loaded.items() for k, v in items.items()}
    problems.extend(_check_references(loaded, site))
    problems.extend(verbund_problems(loaded, site, _setting_positions(root / "mkdocs.yml", site.municipalities)))
    synonyms = None
    if os.path.lexists(root / SYNONYMS_FILE):
        if outside := _leaves(root / SYNONYMS_FILE, root):
            problems.append(outside)
        else:
            synonyms = load_record(root / SYNONYMS_FILE, SYNONYMS_FILE, Synonyms, parsed)
            problems.extend(synonyms.problems)
    parsed.save()
    catalogue = Catalogue(
        site=site,
        services=records["services"],
        offices=records["offices"],
        topics=records["topics"],
        municipalities=records["municipalities"],
        sources=sources,
        synonyms=synonyms.record.synonyms if synonyms and synonyms.record else [],
    )
    problems.extend(http_link_problems(catalogue))
    problems.extend(review_problems(catalogue, today or dt.date.today()))
    problems.sort()
    if any(p.severity == "error" for p in problems):
        return None, problems
    return catalogue, problems


def record_files(root: Path) -> tuple[list[Item], list[Problem]]:
    """The record files under `root` to load, and a problem for everything else in the record folders: a record
    that would not be read must not go missing without a word. Hidden files (`.gitkeep`) are left alone."""
    items: list[Item] = []
    problems: list[Problem] = []
    for folder, model in RECORD_DIRS.items():
        if not (root / folder).is_dir():
            continue
        for path in sorted((root / folder).iterdir(), key=lambda path: path.name):
            display, suffix = f"{folder}/{path.name}", path.suffix.lower()
            if path.name.startswith(".") and suffix not in (".yaml", ".yml"):
                continue
            if outside := _leaves(path, root):
                problems.append(outside)
            elif path.is_dir():
                what = "ist ein Ordner, keine Datei" if suffix == ".yaml" else "Unterordner werden nicht gelesen"
                problems.append(Problem(display, 1, 1, "", f"{what}; Einträge gehören direkt in {folder}/"))
            elif path.suffix == ".yaml":
                items.append((path, display, model))
            elif suffix in (".yaml", ".yml"):
                problems.append(Problem(display, 1, 1, "", f"Dateiendung {path.suffix}: bitte in .yaml umbenennen"))
            else:
                problems.append(
                    Problem(display, 1, 1, "", f"wird nicht gelesen: in {folder}/ gehören nur Einträge <kennung>.yaml")
                )
    return items, problems


def _leaves(path: Path, root: Path) -> Problem | None:
    """A problem when `path` is a symbolic link that leads out of the repository: only what is in the
    repository is reviewed in a pull request."""
    if not path.is_symlink():
        return None
    if path.resolve().is_relative_to(root.resolve()):
        return None
    display = path.relative_to(root).as_posix()
    return Problem(display, 1, 1, "", "Verknüpfung führt aus dem Repository heraus; bitte die Datei selbst einchecken")


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
        message = f"unbekannte Stelle „{site.service_center}“{suggest(site.service_center, offices)}"
        if site.settings_file:
            problems.append(setting_problem(Path(site.settings_file), "service_center", message))
        else:
            problems.append(Problem("mkdocs.yml", 1, 1, "plugins.rathaus.service_center", message))
    return problems


def _setting_positions(config: Path, names: list[str]) -> dict[str, tuple[int, int]]:
    """Line and column of each municipality named under `municipalities:` in the site settings, so that a
    mistake there is reported where it is (mkdocs.yml is read by mkdocs, which keeps no positions)."""
    try:
        lines = config.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return {}
    start = next((i for i, line in enumerate(lines) if line.strip().startswith("municipalities:")), None)
    if start is None:
        return {}
    positions: dict[str, tuple[int, int]] = {}
    for number, line in enumerate(lines[start:], start=start + 1):
        for name in names:
            column = line.find(name)
            if name not in positions and column >= 0 and (number > start + 1 or "[" in line):
                positions[name] = (number, column + 1)
    return positions


def _check_topic_parents(topics: dict[str, Loaded[Any]]) -> list[Problem]:
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


def http_link_problems(catalogue: Catalogue) -> list[Problem]:
    """Warn about every `http://` link: it still works, but the https address is safer and usually exists."""
    problems = []
    records: list[tuple[str, Service | Office | Topic]] = [
        *((f"services/{key}", record) for key, record in catalogue.services.items()),
        *((f"offices/{key}", record) for key, record in catalogue.offices.items()),
        *((f"topics/{key}", record) for key, record in catalogue.topics.items()),
    ]
    for key, record in records:
        source = catalogue.sources[key]
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
