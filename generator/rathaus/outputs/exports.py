"""The catalogue as data for programs: a JSON API with schemas, Markdown and llms.txt, LeiKa redirects.

Everything here is generated from the same pydantic models as the pages. The export models embed the record
models unchanged and add what a program needs besides: absolute URLs and the resolved offices and topics,
so an export loads straight back into `Service`, `Office` and `Topic`. This module knows nothing of mkdocs;
the plugin asks it for page data and lets it write its files after the build.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment
from markupsafe import Markup, escape
from pydantic import BaseModel, ConfigDict, Field

from ..build.remembered import Remembered
from ..catalogue import Catalogue
from ..models import Municipality, Office, Service, Topic
from ..urls import (
    API,
    absolute,
    local_service_url,
    markdown_path,
    municipality_url,
    office_url,
    schema_path,
    service_api_path,
    service_url,
    topic_url,
)
from ..verbund import LocalService
from .glance import cost_range
from .jsonld import LinkedData, script_json
from .pages import PageSpec

SMALL_FILES = 500
"""Small site-wide files made in one go (see `Exports.outputs`)."""
API_VERSION: Literal["1"] = "1"
# Section anchors of a service page (see templates/service.html): anchor → (heading, field it shows).
# They are a contract like the URLs: links such as /leistungen/<id>/#unterlagen keep working.
SERVICE_SECTIONS: dict[str, tuple[str, str]] = {
    "auf-einen-blick": ("Auf einen Blick", "fees, processing_time, appointment, online_service, offices, documents"),
    "online": ("Online erledigen", "online_service"),
    "beschreibung": ("Beschreibung", "description"),
    "voraussetzungen": ("Voraussetzungen", "prerequisites"),
    "unterlagen": ("Unterlagen", "documents"),
    "kosten": ("Kosten", "fees"),
    "dauer": ("Dauer", "processing_time"),
    "fristen": ("Fristen", "deadlines"),
    "ablauf": ("Ablauf", "procedure"),
    "termin": ("Termin", "appointment"),
    "zustaendig": ("Zuständige Stellen", "offices"),
    "formulare": ("Formulare", "forms"),
    "weitere-informationen": ("Weiterführende Informationen", "links"),
    "hinweise": ("Hinweise", "notes"),
    "fragen": ("Häufige Fragen", "faq"),
    "rechtsgrundlagen": ("Rechtsgrundlagen", "legal_basis"),
    "verwandt": ("Verwandte Leistungen", "related"),
    "quellen": ("Quellen", "sources"),
}
OFFICE_SECTIONS: dict[str, tuple[str, str]] = {
    "kontakt": ("Kontakt", "authority, address, phone, phones, fax, email, contact_form, web, booking"),
    "oeffnungszeiten": ("Öffnungszeiten", "hours"),
    "bezahlen": ("Bezahlen vor Ort", "payment_methods"),
    "anfahrt": ("Anfahrt", "transit"),
    "barrierefreiheit": ("Barrierefreiheit", "accessibility"),
    "leistungen": ("Leistungen dieser Stelle", "offices in services/"),
}


class ExportModel(BaseModel):
    """Base of the export documents: unknown fields are errors when a program loads an export back."""

    model_config = ConfigDict(extra="forbid")


class SiteInfo(ExportModel):
    """Which site an export comes from."""

    name: str = Field(description="Name der Website.")
    city: str = Field(description="Stadt, deren Leistungen beschrieben werden.")
    url: str = Field(description="Adresse der Startseite.")
    description: str | None = Field(default=None, description="Kurzbeschreibung der Website.")
    demo: bool = Field(description="true: Anschriften, Telefonnummern und Öffnungszeiten sind Beispieldaten.")


class ServiceRef(ExportModel):
    """A link to a service, used in the office and topic lists."""

    id: str = Field(description="Kennung der Leistung.")
    title: str = Field(description="Name der Leistung.")
    url: str = Field(description="Adresse der Seite der Leistung.")
    api_url: str = Field(description="Adresse der Leistung als JSON.")


class OfficeEntry(ExportModel):
    """An office record as stored, with the address of its page."""

    url: str = Field(description="Adresse der Seite der Stelle.")
    office: Office = Field(description="Der Eintrag aus offices/<id>.yaml.")


class TopicEntry(ExportModel):
    """A topic record as stored, with the address of its page."""

    url: str = Field(description="Adresse der Seite der Lebenslage.")
    topic: Topic = Field(description="Der Eintrag aus topics/<id>.yaml.")


class ServiceEntry(ExportModel):
    """A service record as stored, with its addresses and its offices and topics resolved."""

    url: str = Field(description="Adresse der Seite der Leistung.")
    markdown_url: str = Field(description="Die Leistung als Markdown-Text.")
    api_url: str = Field(description="Die Leistung als JSON (dieses Dokument).")
    service: Service = Field(description="Der Eintrag aus services/<id>.yaml.")
    offices: list[OfficeEntry] = Field(description="Die zuständigen Stellen aus service.offices, in dieser Folge.")
    topics: list[TopicEntry] = Field(description="Die Lebenslagen aus service.topics, in dieser Folge.")
    responsibilities: list[ResponsibilityEntry] = Field(
        default=[], description="Im Verbund: je Kommune die zuständigen Stellen (leer bei einer Stadt)."
    )


class ResponsibilityEntry(ExportModel):
    """Who is responsible for a service in one municipality of the Verbund."""

    municipality: str = Field(description="Kennung der Kommune (municipalities/<id>.yaml).")
    name: str = Field(description="Name der Kommune.")
    ags: str | None = Field(description="Amtlicher Gemeindeschlüssel, falls angegeben.")
    url: str = Field(description="Adresse der Seite der Leistung für diese Kommune.")
    rule: Literal["local", "central", "task"] = Field(
        description="Woher die Zuständigkeit kommt: örtlicher Teil der Kommune, eine Stelle für alle Wohnorte, "
        "oder die Regel der Kommune für die Aufgabe der Leistung."
    )
    offices: list[str] = Field(description="Kennungen der zuständigen Stellen (offices/<id>.yaml), in dieser Folge.")


class OfficeListing(OfficeEntry):
    services: list[ServiceRef] = Field(description="Leistungen, für die diese Stelle zuständig ist (A–Z).")


class TopicListing(TopicEntry):
    services: list[ServiceRef] = Field(description="Leistungen dieser Lebenslage (A–Z).")


class ServicesDocument(ExportModel):
    """/api/v1/services.json: every service."""

    api_version: Literal["1"] = Field(description="Version der Schnittstelle.")
    site: SiteInfo
    services: list[ServiceEntry] = Field(description="Alle Leistungen von A bis Z.")


class OfficesDocument(ExportModel):
    """/api/v1/offices.json: every office and partner."""

    api_version: Literal["1"] = Field(description="Version der Schnittstelle.")
    site: SiteInfo
    offices: list[OfficeListing] = Field(description="Alle Ämter, danach die Partner, jeweils A–Z.")


class TopicsDocument(ExportModel):
    """/api/v1/topics.json: every Lebenslage with its services."""

    api_version: Literal["1"] = Field(description="Version der Schnittstelle.")
    site: SiteInfo
    topics: list[TopicListing] = Field(description="Alle Lebenslagen in der Reihenfolge der Startseite.")


class MunicipalityEntry(ExportModel):
    """A municipality of the Verbund as stored (with its rules and local parts), with the address of its page."""

    url: str = Field(description="Adresse der Übersichtsseite der Kommune.")
    municipality: Municipality = Field(description="Der Eintrag aus municipalities/<id>.yaml.")


class MunicipalitiesDocument(ExportModel):
    """/api/v1/municipalities.json: the municipalities the site answers for (only in a Verbund)."""

    api_version: Literal["1"] = Field(description="Version der Schnittstelle.")
    site: SiteInfo
    municipalities: list[MunicipalityEntry] = Field(description="Die Kommunen in der Folge der Einstellungen.")


# Schema file name → the model of the document it describes.
SCHEMAS: dict[str, type[ExportModel]] = {
    "services": ServicesDocument,
    "service": ServiceEntry,
    "offices": OfficesDocument,
    "topics": TopicsDocument,
    "municipalities": MunicipalitiesDocument,
}


@dataclass(frozen=True)
class Endpoint:
    """One file of the API, as the /api/ page lists it."""

    path: str
    title: str
    schema: str | None

    @property
    def schema_file(self) -> str:
        return posixpath.basename(self.schema or "")


class Exports:
    """The machine-readable outputs of one catalogue, with absolute URLs under `base_url`."""

    def __init__(
        self,
        catalogue: Catalogue,
        *,
        base_url: str,
        name: str,
        description: str | None,
        env: Environment,
    ) -> None:
        self.catalogue = catalogue
        self.base_url = base_url
        self.name = name
        self.description = description
        self.linked_data = LinkedData(catalogue, base_url)
        self.env = env

    def url(self, path: str) -> str:
        return absolute(self.base_url, path)

    # Pages and page data ------------------------------------------------------------------------------

    def page_specs(self) -> list[PageSpec]:
        """The /api/ page that documents all of this; linked from the footer, not the navigation."""
        return [
            PageSpec(
                "api/",
                "Daten für Programme",
                f"Die Leistungen der Stadt {self.catalogue.site.city} als JSON, JSON-LD und Markdown: "
                "Schnittstelle, Schemas, llms.txt und feste Adressen.",
                "api.html",
                hidden=True,
            )
        ]

    def page_context(self, spec: PageSpec) -> dict[str, Any]:
        """Extra template data for one page: its JSON-LD, and for /api/ the documentation."""
        record = spec.record
        if isinstance(record, LocalService):
            return {"jsonld": script_json(self.linked_data.local_service(record.responsibility))}
        if isinstance(record, Service):
            faq = script_json(self.linked_data.faq(record)) if record.faq else None
            return {"jsonld": script_json(self.linked_data.service(record)), "faq_jsonld": faq}
        if isinstance(record, Office):
            return {"jsonld": script_json(self.linked_data.office_page(record))}
        if spec.url == "":
            return {"jsonld": script_json(self.linked_data.website(self.name, self.description))}
        if spec.template == "api.html":
            return {"api": self.api_page()}
        return {}

    def lastmod(self, spec: PageSpec) -> str | None:
        """The sitemap date of a page: when its record was last reviewed; lists take their newest record."""
        record = spec.record
        if isinstance(record, (Service, Office, Municipality, LocalService)):
            return _iso(record.reviewed)
        if isinstance(record, Topic):
            dates = [s.reviewed for s in self.catalogue.services_by_topic.get(record.id, [])]
        else:
            dates = [s.reviewed for s in self.catalogue.services.values()]
            dates += [o.reviewed for o in self.catalogue.offices.values()]
        return _iso(max(dates)) if dates else None

    def sitemap(self, specs: Iterable[PageSpec]) -> Markup:
        """The `<url>` entries of sitemap.xml for pages the site engine does not list itself (lastmod: reviewed),
        as the theme's template (theme/sitemap.xml) prints them after its own: made here, because a Verbund of
        40 has 40,000 of them, and a template loop took a tenth of a second for them on every rebuild."""
        site = str(escape(self.url("")))

        def entry(spec: PageSpec) -> str:
            lastmod = self.lastmod(spec)
            path = spec.url if _PLAIN_PATH.fullmatch(spec.url) else str(escape(spec.url))  # record ids are slugs
            when = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
            return f"\n    <url>\n         <loc>{site}{path}</loc>\n         {when}\n    </url>"

        entries = "".join([_SITEMAP_ENTRIES.get(spec, entry, site) for spec in specs])
        _SITEMAP_ENTRIES.done()
        return Markup(entries)

    def api_page(self) -> dict[str, Any]:
        """What /api/ shows: the endpoints, a real example, the stable addresses and section anchors."""
        example = self.example_service
        return {
            "endpoints": self.endpoints(example),
            "example": example,
            "example_json": example and self.service_entry(example).model_dump_json(indent=2),
            "example_jsonld": example and json.dumps(self.linked_data.service(example), ensure_ascii=False, indent=2),
            "example_markdown": example and markdown_path(example.id),
            "service_sections": SERVICE_SECTIONS,
            "office_sections": OFFICE_SECTIONS,
            "leika_example": next((s for s in self.catalogue.services.values() if s.leika), None),
        }

    @cached_property
    def example_service(self) -> Service | None:
        """A service worth showing: the first popular one, else the first from A to Z."""
        services = self.catalogue.popular_services or [s for _, g in self.catalogue.services_a_to_z for s in g]
        return services[0] if services else None

    def endpoints(self, example: Service | None) -> list[Endpoint]:
        everything = "Alle Leistungen mit Stellen und Lebenslagen"
        endpoints = [Endpoint(f"{API}services.json", everything, schema_path("services"))]
        if example:
            endpoints.append(Endpoint(service_api_path(example.id), "Eine Leistung", schema_path("service")))
        endpoints += [
            Endpoint(f"{API}offices.json", "Alle Ämter und Partner mit ihren Leistungen", schema_path("offices")),
            Endpoint(f"{API}topics.json", "Alle Lebenslagen mit ihren Leistungen", schema_path("topics")),
            *self.verbund_endpoints(),
            Endpoint("llms.txt", "Überblick für Sprachmodelle (llms.txt) mit Links auf jede Leistung", None),
            Endpoint("llms-full.txt", "Alle Leistungen als ein Markdown-Text", None),
        ]
        if example:
            endpoints.append(Endpoint(markdown_path(example.id), "Eine Leistung als Markdown", None))
        endpoints.append(Endpoint("sitemap.xml", "Alle Seiten mit Datum der letzten Prüfung (lastmod)", None))
        return endpoints

    def verbund_endpoints(self) -> list[Endpoint]:
        """In a Verbund, the municipalities with their rules and local parts."""
        if not self.catalogue.verbund.active:
            return []
        title = "Alle Wohnorte mit ihren Zuständigkeitsregeln"
        return [Endpoint(f"{API}municipalities.json", title, schema_path("municipalities"))]

    # Export documents ---------------------------------------------------------------------------------

    @cached_property
    def site_info(self) -> SiteInfo:
        return SiteInfo(
            name=self.name,
            city=self.catalogue.site.city,
            url=self.url(""),
            description=self.description,
            demo=self.catalogue.site.demo,
        )

    @cached_property
    def _alphabetical(self) -> list[Service]:
        return [s for _, group in self.catalogue.services_a_to_z for s in group]

    def service_ref(self, service: Service) -> ServiceRef:
        return self._service_refs[service.id]

    @cached_property
    def _service_refs(self) -> dict[str, ServiceRef]:
        """Each service's reference, made once: offices and Lebenslagen list them tens of thousands of times in
        a Verbund."""
        return {
            s.id: ServiceRef(
                id=s.id, title=s.title, url=self.url(service_url(s.id)), api_url=self.url(service_api_path(s.id))
            )
            for s in self.catalogue.services.values()
        }

    def service_entry(self, service: Service) -> ServiceEntry:
        return ServiceEntry(
            url=self.url(service_url(service.id)),
            markdown_url=self.url(markdown_path(service.id)),
            api_url=self.url(service_api_path(service.id)),
            service=service,
            offices=[OfficeEntry(url=self.url(office_url(o.id)), office=o) for o in self.catalogue.offices_of(service)],
            topics=[TopicEntry(url=self.url(topic_url(t.id)), topic=t) for t in self.catalogue.topics_of(service)],
            responsibilities=[
                ResponsibilityEntry(
                    municipality=r.municipality.id,
                    name=r.municipality.name,
                    ags=r.municipality.ags,
                    url=self.url(local_service_url(service.id, r.municipality.id)),
                    rule=r.rule,
                    offices=[o.id for o in r.offices],
                )
                for r in self.catalogue.verbund.responsibilities(service)
            ],
        )

    def services_json(self, entries: Iterable[str]) -> str:
        """/api/v1/services.json from every service's own JSON (`service_outputs`), in A–Z order: the same text
        as dumping a `ServicesDocument`, without making and dumping every entry a second time."""
        empty = ServicesDocument(api_version=API_VERSION, site=self.site_info, services=[]).model_dump_json()
        return empty.removesuffix("[]}") + "[" + ",".join(entries) + "]}"

    def offices_document(self) -> OfficesDocument:
        by_office = self.catalogue.services_by_office
        return OfficesDocument(
            api_version=API_VERSION,
            site=self.site_info,
            offices=[
                OfficeListing(
                    url=self.url(office_url(o.id)),
                    office=o,
                    services=[self.service_ref(s) for s in by_office.get(o.id, [])],
                )
                for o in self.catalogue.offices_ordered
            ],
        )

    def topics_document(self) -> TopicsDocument:
        by_topic = self.catalogue.services_by_topic
        return TopicsDocument(
            api_version=API_VERSION,
            site=self.site_info,
            topics=[
                TopicListing(
                    url=self.url(topic_url(t.id)),
                    topic=t,
                    services=[self.service_ref(s) for s in by_topic.get(t.id, [])],
                )
                for t in self.catalogue.topics_ordered
            ],
        )

    def municipalities_document(self) -> MunicipalitiesDocument:
        return MunicipalitiesDocument(
            api_version=API_VERSION,
            site=self.site_info,
            municipalities=[
                MunicipalityEntry(url=self.url(municipality_url(m.id)), municipality=m)
                for m in self.catalogue.verbund.municipalities
            ],
        )

    def schema(self, name: str) -> str:
        """The JSON Schema of one export document, generated from its model as it is serialised."""
        document = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": self.url(schema_path(name)),
            "$comment": "Erzeugt aus generator/rathaus/outputs/exports.py – nicht von Hand ändern.",
            **_model_schema(name),
        }
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"

    # Markdown and llms.txt ----------------------------------------------------------------------------

    def service_markdown(self, service: Service) -> str:
        """One service as Markdown: its own file, and its part of /llms-full.txt."""
        return _tidy(self.env.get_template("service.md").render(s=service, cost=cost_range(service.fees)))

    def llms_txt(self) -> str:
        return _tidy(self.env.get_template("llms.txt").render(**self._llms_context()))

    def llms_full_txt(self, texts: Iterable[str]) -> str:
        """All services as one text, from their Markdown (`service_markdown`) in A–Z order."""
        return _tidy(self.env.get_template("llms-full.txt").render(texts=texts, **self._llms_context()))

    def _llms_context(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "description": self.description,
            "services": self._alphabetical,
            "endpoints": self.endpoints(self.example_service),
        }

    # Writing ------------------------------------------------------------------------------------------

    def service_outputs(self, service: Service) -> tuple[str, str]:
        """The texts of one service's own files: its JSON (`service_api_path`) and Markdown (`markdown_path`)."""
        return self.service_entry(service).model_dump_json(), self.service_markdown(service)

    def outputs(self) -> list[list[tuple[str, Callable[[], str]]]]:
        """The site-wide files (path in the site, how to make its text), besides those of each service, in groups
        of about equal work: each big document alone, the small files (llms.txt, schemas) together."""

        def dump(make: Callable[[], BaseModel]) -> Callable[[], str]:
            return lambda: make().model_dump_json()

        small: list[tuple[str, Callable[[], str]]] = [("llms.txt", self.llms_txt)]
        small += [(schema_path(name), functools.partial(self.schema, name)) for name in SCHEMAS]
        return [
            [(f"{API}offices.json", dump(self.offices_document))],
            [(f"{API}topics.json", dump(self.topics_document))],
            *(
                [[(f"{API}municipalities.json", dump(self.municipalities_document))]]
                if self.catalogue.verbund.active
                else []
            ),
            *(small[start : start + SMALL_FILES] for start in range(0, len(small), SMALL_FILES)),
        ]

    def clashes(self, taken: Iterable[str]) -> list[str]:
        """Files of the site (e.g. a hand-written content/llms.txt) that an export would overwrite."""
        ours = {path for group in self.outputs() for path, _ in group} | {"llms-full.txt", f"{API}services.json"}
        ours |= {path for s in self._alphabetical for path in (service_api_path(s.id), markdown_path(s.id))}
        return sorted(set(taken) & ours)

    def collected(self, markdown: Iterable[str], json: Iterable[str]) -> dict[str, str]:
        """The files made of every service's own files (`service_outputs`), in A–Z order, by path: /llms-full.txt
        from their Markdown, /api/v1/services.json from their JSON."""
        return {"llms-full.txt": self.llms_full_txt(markdown), f"{API}services.json": self.services_json(json)}


def write_text(target: Path, text: str) -> None:
    """Write a file of the site, creating its folder when it is not there yet (asking first would cost a
    system call for each of the thousands of files)."""
    data = text.encode()  # bytes: no text layer per file, and "\n" on every platform
    try:
        target.write_bytes(data)
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def _tidy(text: str) -> str:
    """At most one blank line in a row and one final newline: templates stay readable, output stays clean."""
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


_SITEMAP_ENTRIES: Remembered[PageSpec, str] = Remembered()
"""The last build's sitemap entries by page spec, for the site's address they were made for. A local page's spec
is kept between `mkdocs serve` builds while its records are (pages.py), and so is its entry: their review dates
cannot have changed."""

_PLAIN_PATH = re.compile(r"[a-z0-9/._-]*")
"""A site path that needs no escaping in XML."""


@cache
def _model_schema(name: str) -> dict[str, Any]:
    """An export model's JSON Schema: the same for every build of a process (`mkdocs serve` builds again and
    again). Nobody changes what it returns."""
    return SCHEMAS[name].model_json_schema(mode="serialization")


@cache
def _iso(day: dt.date) -> str:
    """A review date in the sitemap; a catalogue has few distinct ones and 40,000 pages in a Verbund."""
    return day.isoformat()
