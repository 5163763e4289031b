"""The generated pages: which pages the catalogue yields, and their bodies rendered with Jinja.

Bodies are rendered straight from the records (no Markdown round trip); only the editors' long-text
fields go through Markdown, once each, and are sanitised before they reach a page.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from ..build.remembered import Remembered
from ..catalogue import Catalogue
from ..editing import PageLinks, page_links
from ..kinds import kind_of
from ..models import Municipality, Office, Service, Topic
from ..templating import tel_href
from ..urls import LOCAL_FRAME, SEARCH, folder, local_service_url, record_url, relative_href
from ..verbund import LocalService, Responsibility
from .glance import Glances


@dataclass(frozen=True)
class PageSpec:
    """One generated page: where it lives, its title and description, its template and its record."""

    url: str
    """Site-relative URL, directory style: `leistungen/x/`; the start page is `""`."""
    title: str
    description: str
    template: str
    record: Service | Office | Topic | Municipality | LocalService | None = None
    hidden: bool = False
    """Left out of the navigation although it has no record (e.g. /api/, linked from the footer)."""
    frame: str = ""
    """The folder whose theme frame the page is filled into, when not its own: local service pages
    (/leistungen/<id>/<municipality>/) all share one, as they sit at the same depth."""
    link_target: bool = True
    """Hand-written pages may link to it (the host checks those links). Not a service's local versions: they
    are reached from the service's page, and a Verbund of 40 has 40 times as many as services."""

    @property
    def in_nav(self) -> bool:
        """Lists are in the navigation; records are reached through the lists, hidden pages from links."""
        return self.record is None and not self.hidden

    @property
    def folder(self) -> str:
        """The folder a page's URL is in: `leistungen/x/` → `leistungen/`. Its record pages share one frame."""
        return self.frame or folder(self.url)


def record_spec(record: Service | Office | Topic | Municipality, catalogue: Catalogue) -> PageSpec:
    """A record's own page; an office's title names its authority or address when another has the same name."""
    if isinstance(record, Municipality):
        description = f"Leistungen und Stellen für {record.name}: wer zuständig ist, wo und wann."
        return PageSpec(record_url(record), record.name, description, "municipality.html", record)
    if isinstance(record, Office):
        title = catalogue.office_title(record)
        return PageSpec(record_url(record), title, record.summary or record.name, "office.html", record)
    summary = record.summary or record.title
    return PageSpec(record_url(record), record.title, summary, kind_of(record).template, record)


def page_specs(catalogue: Catalogue) -> list[PageSpec]:
    """Every page the catalogue yields, in a stable order: lists first, then services A–Z, Lebenslagen, offices."""
    city = catalogue.site.city
    specs = [
        PageSpec("", "Startseite", f"Alle Leistungen der Stadt {city}: "
                 "was Sie mitbringen, was es kostet, wo und wann, online oder per Telefon 115.", "home.html"),
        PageSpec("leistungen/", "Leistungen A–Z", f"Alle Leistungen der Stadt {city} von A bis Z.",
                 "a_to_z.html"),
        PageSpec("lebenslagen/", "Lebenslagen", "Leistungen nach Lebenslagen: Umzug, Geburt, Auto …",
                 "topics.html"),
        PageSpec("dienststellen/", "Dienststellen", f"Ämter und Partner der Stadt {city} mit "
                 "Anschrift, Öffnungszeiten und Kontakt.", "offices.html"),
        PageSpec("online-dienste/", "Online-Dienste", "Leistungen, die Sie online erledigen können.",
                 "online.html"),
        PageSpec(SEARCH, "Suche", f"Leistungen und Informationen der Stadt {city} finden.",
                 "search.html", hidden=True),
    ]  # fmt: skip
    specs += [record_spec(s, catalogue) for _, group in catalogue.services_a_to_z for s in group]
    specs += [record_spec(t, catalogue) for t in catalogue.topics_ordered]
    specs += [record_spec(o, catalogue) for o in catalogue.offices_ordered]
    return specs + verbund_specs(catalogue)


def verbund_specs(catalogue: Catalogue) -> list[PageSpec]:
    """In a Verbund: the list of municipalities, each municipality's overview, and each service's local pages."""
    verbund = catalogue.verbund
    if not verbund.active:
        return []
    specs = [
        PageSpec("kommunen/", "Wohnorte", f"Die Städte und Gemeinden, für die {catalogue.site.city} "
                 "Auskunft gibt, mit ihren Leistungen und Stellen.", "municipalities.html"),
    ]  # fmt: skip
    specs += [record_spec(m, catalogue) for m in verbund.municipalities]
    for _, group in catalogue.services_a_to_z:
        for service in group:
            specs += [_LOCAL_SPECS.get(place, local_spec) for place in verbund.responsibilities(service)]
    _LOCAL_SPECS.done()
    return specs


def local_spec(place: Responsibility) -> PageSpec:
    """A service's page for one municipality: all it names comes from the responsibility."""
    service, name = place.service, place.municipality.name
    return PageSpec(
        local_service_url(service.id, place.municipality.id),
        f"{service.title} – {name}",
        f"{service.summary or service.title} Zuständig für {name}: {place.offices[0].name}.",
        "service_local.html",
        LocalService(place),
        frame=LOCAL_FRAME,
        link_target=False,
    )


_LOCAL_SPECS: Remembered[Responsibility, PageSpec] = Remembered()
"""The last build's local pages by their responsibility: a Verbund of 40 has 40 times as many as services, and
`verbund.resolve_all` keeps a responsibility's object while nothing it is made of changed."""


TEMPLATES = Path(__file__).parent.parent / "templates"
"""The package's templates (`PackageLoader("rathaus", "templates")`): pages, exports and redirects."""


def templates_changed_at() -> tuple[tuple[str, int], ...]:
    """Each template's modification time. Every build reads the templates anew, so `mkdocs serve` must not
    write pages made with an earlier version of one (writer.Kept)."""
    return tuple(sorted((path.name, path.stat().st_mtime_ns) for path in TEMPLATES.iterdir()))


class Renderer:
    """Renders page bodies for one catalogue; links are relative so the site works under any path."""

    def __init__(self, catalogue: Catalogue, env: Environment) -> None:
        self.catalogue = catalogue
        self.env = env
        self.glances = Glances(catalogue)
        self._cards: dict[tuple[str, str], Markup] = {}

    def render(self, spec: PageSpec, links: PageLinks | None = None, **extra: Any) -> str:
        """The HTML body of one generated page; `extra` is more template data (e.g. its JSON-LD)."""
        template = self.env.get_template(spec.template)
        return template.render(
            page=spec,
            record=spec.record,
            href=partial(relative_href, base=spec.url),
            office_card=partial(self.office_card, folder=spec.folder),
            glance=self.glances.glance,
            links=links or self.links(spec),
            **extra,
        )

    def office_card(self, office: Office, folder: str) -> Markup:
        """An office's card as service pages show it. Pages of one folder link alike, so each office's card is
        rendered once per folder: a service page names up to a few offices, a big catalogue only a few dozen."""
        key = (office.id, folder)
        card = self._cards.get(key)
        if card is None:
            href = partial(relative_href, base=f"{folder}_/")
            html = self.env.get_template("_office_card.html").render(office=office, href=href)
            card = self._cards[key] = Markup(html)
        return card

    def links(self, spec: PageSpec) -> PageLinks:
        """ "Seite bearbeiten" and "Fehler melden" for a record's page."""
        record = spec.record.municipality if isinstance(spec.record, LocalService) else spec.record
        return page_links(self.catalogue.site, record, spec.title, spec.url)

    def context(self) -> dict[str, Any]:
        """What the theme's own templates may show on every page."""
        center = self.catalogue.service_center
        return {
            "site": self.catalogue.site,
            "service_center": center,
            "service_center_tel": tel_href(center.phone) if center and center.phone else None,
            "verbund": self.catalogue.verbund.active,
        }
