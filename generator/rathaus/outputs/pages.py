"""The generated pages: which pages the catalogue yields, and their bodies rendered with Jinja.

Bodies are rendered straight from the records (no Markdown round trip); only the editors' long-text
fields go through Markdown, once each, and are sanitised before they reach a page.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, partial
from pathlib import Path
from typing import Any

import cmarkgfm
import nh3
import phonenumbers
from babel.dates import format_date
from babel.numbers import format_currency
from cmarkgfm.cmark import Options as CmarkOptions
from jinja2 import BytecodeCache, Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..catalogue import Catalogue
from ..editing import PageLinks, page_links
from ..models import PAYMENT_METHODS, WEEKDAYS, Fee, Municipality, Office, OpeningHours, Service, Topic
from ..verbund import LocalService

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "h3", "h4", "blockquote", "code", "table", "thead",
    "tbody", "tr", "th", "td", "abbr",
}  # fmt: skip


@dataclass(frozen=True)
class PageSpec:
    """One generated page: where it lives, its title and description, its template and its record."""

    path: str
    title: str
    description: str
    template: str
    record: Service | Office | Topic | Municipality | LocalService | None = None
    hidden: bool = False
    """Left out of the navigation although it has no record (e.g. /api/, linked from the footer)."""
    frame: str = ""
    """The folder whose theme frame the page is filled into, when not its own: local service pages
    (/leistungen/<id>/<municipality>/) all share one, as they sit at the same depth."""

    @property
    def in_nav(self) -> bool:
        """Lists are in the navigation; records are reached through the lists, hidden pages from links."""
        return self.record is None and not self.hidden

    @property
    def url(self) -> str:
        """Site-relative URL with directory style: `leistungen/x/index.md` → `leistungen/x/`."""
        return "" if self.path == "index.md" else self.path.removesuffix("index.md")

    @property
    def folder(self) -> str:
        """The folder a page's URL is in: `leistungen/x/` → `leistungen/`. Its record pages share one frame."""
        return self.frame or posixpath.dirname(self.url.rstrip("/")) + "/"


def service_url(service_id: str) -> str:
    return f"leistungen/{service_id}/"


def office_url(office_id: str) -> str:
    return f"dienststellen/{office_id}/"


def topic_url(topic_id: str) -> str:
    return f"lebenslagen/{topic_id}/"


def local_service_url(service_id: str, municipality_id: str) -> str:
    """A service as one municipality offers it: under the service, so the shared page is one level up."""
    return f"leistungen/{service_id}/{municipality_id}/"


def municipality_url(municipality_id: str) -> str:
    return f"kommunen/{municipality_id}/"


LOCAL_FRAME = "leistungen/_ort/"
"""The frame folder of every local service page (`PageSpec.frame`); `_` keeps it apart from service ids."""


def verbund_specs(catalogue: Catalogue) -> list[PageSpec]:
    """In a Verbund: the list of municipalities, each municipality's overview, and each service's local pages."""
    verbund = catalogue.verbund
    if not verbund.active:
        return []
    specs = [
        PageSpec("kommunen/index.md", "Wohnorte", f"Die Städte und Gemeinden, für die {catalogue.site.city} "
                 "Auskunft gibt, mit ihren Leistungen und Stellen.", "municipalities.html"),
    ]  # fmt: skip
    specs += [
        PageSpec(f"{municipality_url(m.id)}index.md", m.name, f"Leistungen und Stellen für {m.name}: wer zuständig "
                 "ist, wo und wann.", "municipality.html", m)
        for m in verbund.municipalities
    ]  # fmt: skip
    for _, group in catalogue.services_a_to_z:
        for service in group:
            for place in verbund.responsibilities(service):
                name = place.municipality.name
                specs.append(
                    PageSpec(
                        f"{local_service_url(service.id, place.municipality.id)}index.md",
                        f"{service.title} – {name}",
                        f"{service.summary} Zuständig für {name}: {place.offices[0].name}.",
                        "service_local.html",
                        LocalService(place),
                        frame=LOCAL_FRAME,
                    )
                )
    return specs


def page_specs(catalogue: Catalogue) -> list[PageSpec]:
    """Every page the catalogue yields, in a stable order."""
    city = catalogue.site.city
    specs = [
        PageSpec("index.md", "Startseite", f"Alle Leistungen der Stadt {city}: "
                 "was Sie mitbringen, was es kostet, wo und wann, online oder per Telefon 115.", "home.html"),
        PageSpec("leistungen/index.md", "Leistungen A–Z", f"Alle Leistungen der Stadt {city} von A bis Z.",
                 "a_to_z.html"),
        PageSpec("lebenslagen/index.md", "Lebenslagen", "Leistungen nach Lebenslagen: Umzug, Geburt, Auto …",
                 "topics.html"),
        PageSpec("dienststellen/index.md", "Dienststellen", f"Ämter und Partner der Stadt {city} mit "
                 "Anschrift, Öffnungszeiten und Kontakt.", "offices.html"),
        PageSpec("online-dienste/index.md", "Online-Dienste", "Leistungen, die Sie online erledigen können.",
                 "online.html"),
        PageSpec("suche/index.md", "Suche", f"Leistungen und Informationen der Stadt {city} finden.",
                 "search.html", hidden=True),
    ]  # fmt: skip
    specs += [
        PageSpec(f"leistungen/{s.id}/index.md", s.title, s.summary, "service.html", s)
        for _, group in catalogue.services_a_to_z
        for s in group
    ]
    specs += [
        PageSpec(f"lebenslagen/{t.id}/index.md", t.title, t.summary, "topic.html", t) for t in catalogue.topics_ordered
    ]
    specs += [
        PageSpec(f"dienststellen/{o.id}/index.md", o.name, o.summary or o.name, "office.html", o)
        for o in catalogue.offices_ordered
    ]
    return specs + verbund_specs(catalogue)


GFM_EXTENSIONS = ["table", "autolink", "strikethrough"]
_SANITISER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes={"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}},
    url_schemes={"https", "mailto", "tel"},
    link_rel="noopener",
)


@cache
def markdown_html(text: str) -> Markup:
    """Editors' Markdown → sanitised HTML: no scripts, no event handlers, no javascript: links.

    GitHub Flavored Markdown, as editors know it from pull requests, by GitHub's own C library (cmark-gfm):
    ten times faster than a Python parser, which matters with two long texts on every service page. Raw HTML
    passes the parser (CMARK_OPT_UNSAFE, no tag filter) because nh3 decides what of it stays: it drops a
    `<script>` with its content, where GitHub's tag filter would leave its text on the page.
    """
    html = cmarkgfm.markdown_to_html_with_extensions(text, CmarkOptions.CMARK_OPT_UNSAFE, GFM_EXTENSIONS)
    return Markup(_SANITISER.clean(html))


@cache
def euro(amount: Decimal) -> str:
    return format_currency(amount, "EUR", locale="de_DE")


def fee_text(fee: Fee) -> str:
    """A fee as people say it: `37,00 €`, `10,00 € bis 50,00 €`, `gebührenfrei`."""
    if fee.amount is None:
        return ""
    if fee.amount_max is not None:
        return f"{euro(fee.amount)} bis {euro(fee.amount_max)}"
    return "gebührenfrei" if fee.amount == 0 else euro(fee.amount)


@cache
def german_date(day: dt.date) -> str:
    return format_date(day, "d. MMMM y", locale="de_DE")


@cache
def tel_href(number: str) -> str:
    """`tel:` link in international format, so it dials from any phone."""
    if number == "115":
        return "tel:115"
    parsed = phonenumbers.parse(number, "DE")
    return "tel:" + phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def relative_href(target: str, base: str) -> str:
    """The link from the page at site-relative URL `base` to `target`: `leistungen/x/` → `../x/`.

    Both are clean site paths (no `.` or `..` parts), so this is posixpath.relpath without its file system
    work: every record page has links to a dozen other pages.
    """
    to, here = target.split("/"), base.split("/")
    to, here = [p for p in to if p], [p for p in here if p]
    common = 0
    while common < len(to) and common < len(here) and to[common] == here[common]:
        common += 1
    relative = "/".join([".."] * (len(here) - common) + to[common:])
    return relative + ("/" if target.endswith("/") else "") if relative else "./"


def opening_rows(hours: OpeningHours) -> list[tuple[str, str]]:
    """(weekday, times) for every weekday that has hours, e.g. ("Montag", "08:00–12:00, 13:00–16:00")."""
    rows = []
    for key, name in WEEKDAYS.items():
        ranges: list[str] = getattr(hours, key)
        if ranges:
            rows.append((name, ", ".join(r.replace("-", "–") + " Uhr" for r in ranges)))
    return rows


TEMPLATES = Path(__file__).parent.parent / "templates"
"""The package's templates (`PackageLoader("rathaus", "templates")`): pages, exports and redirects."""


def templates_changed_at() -> tuple[tuple[str, int], ...]:
    """Each template's modification time. Every build reads the templates anew, so `mkdocs serve` must not
    write pages made with an earlier version of one (writer.Kept)."""
    return tuple(sorted((path.name, path.stat().st_mtime_ns) for path in TEMPLATES.iterdir()))


def load_templates(env: Environment, *suffixes: str) -> None:
    """Compile every template of `env` whose name ends with one of `suffixes`."""
    for name in env.list_templates(extensions=None):
        if name.endswith(suffixes):
            env.get_template(name)


class Renderer:
    """Renders page bodies for one catalogue; links are relative so the site works under any path."""

    def __init__(self, catalogue: Catalogue, bytecode_cache: BytecodeCache | None = None) -> None:
        self.catalogue = catalogue
        self._cards: dict[tuple[str, str], Markup] = {}
        self.env = Environment(
            loader=PackageLoader("rathaus", "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            bytecode_cache=bytecode_cache,
            auto_reload=False,  # a new environment for every build: no need to check template files per page
        )
        self.env.filters.update(
            markdown=markdown_html,
            euro=euro,
            fee=fee_text,
            date=german_date,
            tel=tel_href,
            hours=opening_rows,
        )
        self.env.globals.update(
            c=catalogue,
            site=catalogue.site,
            payment_methods=PAYMENT_METHODS,
            service_url=service_url,
            office_url=office_url,
            topic_url=topic_url,
            local_service_url=local_service_url,
            municipality_url=municipality_url,
        )

    def render(self, spec: PageSpec, links: PageLinks | None = None, **extra: Any) -> str:
        """The HTML body of one generated page; `extra` is more template data (e.g. its JSON-LD)."""
        template = self.env.get_template(spec.template)
        return template.render(
            page=spec,
            record=spec.record,
            href=partial(relative_href, base=spec.url),
            office_card=partial(self.office_card, folder=spec.folder),
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

    def load_templates(self) -> None:
        """Compile the page templates now, e.g. once before forking workers instead of once in each."""
        load_templates(self.env, ".html")

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
