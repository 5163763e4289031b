"""The Verbund: one site answers for several municipalities; who is responsible for a service where.

A service is described once (services/<id>.yaml: what the law says). Each municipality (municipalities/<id>.yaml)
names who is responsible for it there. For one service and one municipality, the first of these decides:

1. the municipality's local part for the service (`services.<id>.offices`),
2. the service's one authority for every place (`central_office`, e.g. a federal office),
3. the municipality's rule for the service's task (`tasks.<task>`, e.g. the Landkreis' vehicle registration).

Nothing here grows per page with the number of municipalities: a local page reads one municipality's record.
"""

from __future__ import annotations

import json
import operator
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

from .load import Loaded, suggest
from .models import Appointment, Fee, LocalPart, Municipality, Office, OnlineService, Service, Site
from .problems import Problem

Rule = Literal["local", "central", "task"]


@dataclass(frozen=True)
class Responsibility:
    """Who is responsible for one service in one municipality, and what that municipality adds to it."""

    service: Service
    municipality: Municipality
    offices: tuple[Office, ...]
    rule: Rule
    local: LocalPart | None = None
    face: str = ""
    """The municipality as its pages show it: its fields but rules and local parts, as JSON (`resolve_all`)."""
    rules_key: str = ""
    """The municipality's rules (`tasks`) as JSON."""
    local_key: str | None = None
    """The local part as JSON. These three are the very same string objects across the builds of one process while
    their text is unchanged, so an edit to one local part leaves every other page made of the municipality alone."""

    @cached_property
    def shown(self) -> tuple[object, ...]:
        """What the local page shows besides the service: the municipality, its local part, the rule and the
        offices, as objects that stay the same while what they say does (writer.Kept compares them)."""
        return (self.face, self.local_key, self.rule, *self.offices)

    @cached_property
    def listed(self) -> tuple[object, ...]:
        """What the shared page and its JSON show of this: the municipality, the rule and the offices' ids, which
        its rules and local part decide (with the service's central office)."""
        return (self.face, self.rules_key, self.local_key)

    @property
    def own(self) -> bool:
        """Does the municipality offer the service itself (one of its own offices is responsible)?"""
        return any(office.municipality == self.municipality.id for office in self.offices)

    @property
    def fees(self) -> list[Fee]:
        return self.local.fees if self.local and self.local.fees else self.service.fees

    @property
    def online_service(self) -> OnlineService | None:
        return (self.local.online_service if self.local else None) or self.service.online_service

    @property
    def appointment(self) -> Appointment | None:
        return (self.local.appointment if self.local else None) or self.service.appointment

    @property
    def notes(self) -> str | None:
        return self.local.notes if self.local else None

    @cached_property
    def merged(self) -> Service:
        """The shared description with this municipality's offices and local part in place: what its page shows."""
        notes = "\n\n".join(text for text in (self.service.notes, self.notes) if text) or None
        return self.service.model_copy(
            update={
                "offices": [office.id for office in self.offices],
                "fees": self.fees,
                "online_service": self.online_service,
                "appointment": self.appointment,
                "notes": notes,
            }
        )


@dataclass(frozen=True)
class LocalService:
    """A service as one municipality offers it: the record of a local page /leistungen/<service>/<municipality>/."""

    responsibility: Responsibility

    @property
    def service(self) -> Service:
        return self.responsibility.service

    @property
    def municipality(self) -> Municipality:
        return self.responsibility.municipality

    @property
    def id(self) -> str:
        return f"{self.service.id}/{self.municipality.id}"

    @property
    def reviewed(self) -> Any:
        return max(self.service.reviewed, self.municipality.reviewed)


@dataclass
class Verbund:
    """The municipalities a site answers for, and who is responsible for what in each of them."""

    municipalities: list[Municipality]
    """In the order of the site settings."""
    services: Mapping[str, Service]
    offices: Mapping[str, Office]

    @property
    def active(self) -> bool:
        return bool(self.municipalities)

    def by_place(self, service: Service) -> bool:
        """Does who is responsible for `service` depend on the municipality? In a Verbund, unless one office
        answers for every place (`central_office`): then the shared page names no office and asks for the place."""
        return self.active and not service.central_office

    @cached_property
    def _resolved(self) -> dict[str, Resolved]:
        return resolve_all(self.services, self.municipalities, self.offices)

    def responsibility(self, service: Service, municipality: Municipality) -> Responsibility | None:
        """Who is responsible for `service` in `municipality` (None: nobody, which `check` reports)."""
        return self._resolved[municipality.id].table[service.id]

    def responsibilities(self, service: Service) -> list[Responsibility]:
        """The service in every municipality, in the order of the site settings (where someone is responsible)."""
        return [r for m in self.municipalities if (r := self._resolved[m.id].table[service.id])]

    @cached_property
    def faces(self) -> tuple[str, ...]:
        """Every municipality as pages that list them show it (`Responsibility.face`), in the settings' order."""
        return tuple(self._resolved[m.id].face for m in self.municipalities)

    def local_services(self, municipality: Municipality) -> list[LocalService]:
        return [
            LocalService(r)
            for service in self.services.values()
            if (r := self.responsibility(service, municipality)) is not None
        ]

    @cached_property
    def by_id(self) -> dict[str, Municipality]:
        return {m.id: m for m in self.municipalities}

    def own_offices(self, municipality: Municipality) -> list[Office]:
        """The municipality's own offices and the others its rules name (e.g. the Landkreis' offices)."""
        named = [self.offices[o] for o in municipality.tasks.values() if o in self.offices]
        own = [o for o in self.offices.values() if o.municipality == municipality.id]
        seen: dict[str, Office] = {}
        for office in (*own, *named):
            seen.setdefault(office.id, office)
        return list(seen.values())


def resolve(
    service: Service,
    municipality: Municipality,
    offices: Mapping[str, Office],
    keys: tuple[str, str, str | None] = ("", "", None),
) -> Responsibility | None:
    """Apply the three rules in order (see the module docstring). `keys`: face, rules and local key of the pair."""
    local = municipality.services.get(service.id)
    found: tuple[Office, ...] = ()
    rule: Rule
    if local and local.offices:
        found, rule = tuple(offices[o] for o in local.offices if o in offices), "local"
    elif service.central_office and service.central_office in offices:
        found, rule = (offices[service.central_office],), "central"
    elif service.task and (office := municipality.tasks.get(service.task)) and office in offices:
        found, rule = (offices[office],), "task"
    if not found:
        return None
    face, rules_key, local_key = keys
    return Responsibility(service, municipality, found, rule, local, face, rules_key, local_key)


@dataclass(frozen=True)
class Resolved:
    """One municipality's responsibilities as a build resolved them, and the offices its rules named then."""

    municipality: Municipality
    face: str
    """`Responsibility.face`."""
    rules_key: str
    """`Responsibility.rules_key`."""
    local_keys: dict[str, str]
    """`Responsibility.local_key` by service id."""
    named: tuple[str, ...]
    """Every office `resolve` may read for this municipality: the services' central offices and the offices its
    rules name."""
    offices: tuple[Office | None, ...]
    """Those offices as they were (None: not there)."""
    table: dict[str, Responsibility | None]


_last: dict[str, Resolved] = {}
"""The last build's responsibilities by municipality. `mkdocs serve` builds again after every edit, and load.py
hands out the same record object for a file that did not change: a pair is resolved again only when its service,
its municipality or an office the municipality's rules may name is new. Unchanged pairs keep their
`Responsibility` object, so what is made of one (a local page's spec, pages.py) can be kept as well."""


def resolve_all(
    services: Mapping[str, Service], municipalities: Iterable[Municipality], offices: Mapping[str, Office]
) -> dict[str, Resolved]:
    """Who is responsible for each service in each municipality (by id), by `resolve`."""
    central = sorted({s.central_office for s in services.values() if s.central_office})
    now: dict[str, Resolved] = {}
    for municipality in municipalities:
        local = (o for part in municipality.services.values() for o in part.offices)
        named = (*central, *municipality.tasks.values(), *local)
        current = tuple(offices.get(o) for o in named)
        last = _last.get(municipality.id)
        if last is not None and last.municipality is municipality:
            face, rules_key, local_keys = last.face, last.rules_key, last.local_keys
        else:
            face, rules_key, local_keys = _keys(municipality, last)
        kept = (
            last.table
            if last is not None
            and last.municipality is municipality
            and last.named == named
            and all(map(operator.is_, last.offices, current))
            else {}
        )
        table: dict[str, Responsibility | None] = {}
        for service in services.values():
            place = kept.get(service.id)
            if place is None or place.service is not service:
                place = resolve(service, municipality, offices, (face, rules_key, local_keys.get(service.id)))
            table[service.id] = place
        now[municipality.id] = Resolved(municipality, face, rules_key, local_keys, named, current, table)
    _last.clear()
    _last.update(now)
    return now


def _keys(municipality: Municipality, last: Resolved | None) -> tuple[str, str, dict[str, str]]:
    """`Responsibility.face`, `rules_key` and `local_key` of a municipality's new record: the last build's string
    objects where the text is the same."""
    face = municipality.model_dump_json(exclude={"services", "tasks"})
    rules_key = json.dumps(municipality.tasks, sort_keys=True)
    local_keys = {service: part.model_dump_json() for service, part in municipality.services.items()}
    if last is None:
        return face, rules_key, local_keys
    return (
        _same(face, last.face),
        _same(rules_key, last.rules_key),
        {service: _same(key, last.local_keys.get(service)) for service, key in local_keys.items()},
    )


def _same(new: str, old: str | None) -> str:
    return old if old == new else new


def verbund_problems(
    loaded: Mapping[str, Mapping[str, Loaded[Any]]], site: Site, site_lines: Mapping[str, tuple[int, int]]
) -> list[Problem]:
    """Every mistake of the Verbund: unknown municipalities and offices, local parts naming another
    municipality's or Landkreis' office, and every (service, municipality) pair without a responsible office.

    `site_lines` gives the position of each municipality named in the site settings (mkdocs.yml)."""
    municipalities: Mapping[str, Loaded[Municipality]] = loaded.get("municipalities", {})
    offices: Mapping[str, Loaded[Office]] = loaded["offices"]
    services: Mapping[str, Loaded[Service]] = loaded["services"]
    known_offices = {k: v.record for k, v in offices.items() if v.record}
    problems: list[Problem] = []
    names = sorted(municipalities)
    for index, name in enumerate(site.municipalities):
        if name not in municipalities:
            line, column = site_lines.get(name, (1, 1))
            problems.append(
                Problem(
                    "mkdocs.yml",
                    line,
                    column,
                    f"plugins.rathaus.municipalities[{index}]",
                    f"unbekannte Kommune „{name}“{suggest(name, names)}; "
                    f"erwartet eine Datei municipalities/{name}.yaml",
                )
            )
    for office_file in offices.values():
        office = office_file.record
        if office is not None and office.municipality and office.municipality not in municipalities:
            unknown = f"unbekannte Kommune „{office.municipality}“{suggest(office.municipality, names)}"
            problems.append(office_file.source.problem(("municipality",), unknown))
    for service_file in services.values():
        service = service_file.record
        if service is not None and service.central_office and service.central_office not in known_offices:
            problems.append(
                service_file.source.problem(
                    ("central_office",),
                    f"unbekannte Stelle „{service.central_office}“"
                    f"{suggest(service.central_office, sorted(known_offices))}",
                )
            )
    for municipality_file in municipalities.values():
        if municipality_file.record is not None:
            problems += _municipality_problems(municipality_file, known_offices, services)
    answered = [municipalities[m] for m in site.municipalities if m in municipalities]
    known_services = {k: v.record for k, v in services.items() if v.record}
    resolved = resolve_all(known_services, [m.record for m in answered if m.record], known_offices)
    for service_file in services.values():
        service = service_file.record
        if service is None:
            continue
        for place in answered:
            municipality = place.record
            if municipality is None or resolved[municipality.id].table[service.id] is not None:
                continue
            problems.append(_unanswered(service, service_file, place))
    return problems


def _municipality_problems(
    item: Loaded[Municipality], offices: Mapping[str, Office], services: Mapping[str, Loaded[Service]]
) -> list[Problem]:
    municipality = item.record
    assert municipality is not None
    problems: list[Problem] = []
    for task, office_id in municipality.tasks.items():
        problems += _office_problems(item, ("tasks", task), office_id, offices)
    for service_id, local in municipality.services.items():
        if service_id not in services:
            problems.append(
                item.source.problem(
                    ("services", service_id),
                    f"unbekannte Leistung „{service_id}“{suggest(service_id, sorted(services))}",
                    at_key=True,
                )
            )
        for index, office_id in enumerate(local.offices):
            problems += _office_problems(item, ("services", service_id, "offices", index), office_id, offices)
    return problems


def _office_problems(
    item: Loaded[Municipality], loc: tuple[str | int, ...], office_id: str, offices: Mapping[str, Office]
) -> list[Problem]:
    """An office a municipality names must exist and must not belong to another municipality or Landkreis."""
    municipality = item.record
    assert municipality is not None
    office = offices.get(office_id)
    if office is None:
        return [item.source.problem(loc, f"unbekannte Stelle „{office_id}“{suggest(office_id, sorted(offices))}")]
    if office.municipality and office.municipality != municipality.id:
        return [
            item.source.problem(
                loc,
                f"Stelle „{office_id}“ gehört zur Kommune „{office.municipality}“, nicht zu „{municipality.id}“; "
                "bitte eine Stelle dieser Kommune, ihres Landkreises, des Landes oder des Bundes nennen",
            )
        ]
    if office.district and office.district != municipality.district:
        belongs = municipality.district or "keinem Landkreis (kreisfrei)"
        return [
            item.source.problem(
                loc,
                f"Stelle „{office_id}“ gehört zum {office.district}; {municipality.name} gehört zu {belongs}",
            )
        ]
    return []


def _unanswered(service: Service, item: Loaded[Service], place: Loaded[Municipality]) -> Problem:
    """A service without a responsible office in one municipality: reported where the fix belongs."""
    municipality = place.record
    assert municipality is not None
    if service.task:
        loc: tuple[str | int, ...] = ("tasks",) if municipality.tasks else ("id",)
        return place.source.problem(
            loc,
            f"keine zuständige Stelle für „{service.title}“ ({item.source.path}): bitte unter tasks eine Stelle "
            f"für die Aufgabe „{service.task}“ nennen oder unter services.{service.id}.offices",
            at_key=True,
        )
    return item.source.problem(
        ("id",),
        f"keine zuständige Stelle in {municipality.name} ({place.source.path}): bitte eine Aufgabe (task) oder eine "
        f"für alle zuständige Stelle (central_office) angeben, oder in {place.source.path} unter services.{service.id}",
    )


def postcode_index(municipalities: Iterable[Municipality]) -> dict[str, str]:
    """Postcode → municipality id (a postcode shared by two municipalities goes to the first)."""
    index: dict[str, str] = {}
    for municipality in municipalities:
        for code in municipality.postal_codes:
            index.setdefault(code, municipality.id)
    return index
