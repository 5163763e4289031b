"""The registry of record kinds: for each, its folder, model, addresses and what `rathaus new` asks for.

Everything that goes through the kinds of records (loading, URLs, edit links, scaffolding, the serve watcher,
the editors' schemas) reads this table, so a new kind is one entry here.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Municipality, Office, Service, Topic

Record = Service | Office | Topic | Municipality


@dataclass(frozen=True)
class Kind:
    """One kind of record."""

    name: str
    """Its name on the command line and in schema file names (`rathaus new service`, service.schema.json)."""
    folder: str
    """The folder of its YAML files, one record per file: `services/<id>.yaml`."""
    model: type[Service] | type[Office] | type[Topic] | type[Municipality]
    prefix: str
    """The address of its pages: `leistungen/` + id + `/`."""
    template: str
    """The page body template in templates/."""
    title_field: str
    """The field `rathaus new` fills with the given title."""
    label: str
    """Its German name, as editors read it."""
    asked: tuple[str, ...] = ()
    """Optional fields a new record still starts with, as a placeholder that `rathaus check` warns about."""

    def url(self, record_id: str) -> str:
        return f"{self.prefix}{record_id}/"


KINDS: dict[str, Kind] = {
    "service": Kind("service", "services", Service, "leistungen/", "service.html", "title", "Leistung", ("summary",)),
    "office": Kind("office", "offices", Office, "dienststellen/", "office.html", "name", "Dienststelle"),
    "topic": Kind("topic", "topics", Topic, "lebenslagen/", "topic.html", "title", "Lebenslage"),
    "municipality": Kind(
        "municipality", "municipalities", Municipality, "kommunen/", "municipality.html", "name", "Kommune"
    ),
}
_BY_MODEL: dict[type, Kind] = {kind.model: kind for kind in KINDS.values()}


def kind_of(record: Record) -> Kind:
    return _BY_MODEL[type(record)]
