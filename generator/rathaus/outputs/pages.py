"""The generated pages: which pages the catalogue yields, and their bodies rendered with Jinja.

Bodies are rendered straight from the records (no Markdown round trip); only the editors' long-text
fields go through Markdown, once each, and are sanitised before they reach a page.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, partial
from pathlib import Path
from typing import Any
from urllib.parse import quote

import cmarkgfm
import holidays
import nh3
import phonenumbers
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal
from cmarkgfm.cmark import Options as CmarkOptions
from jinja2 import BytecodeCache, Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..catalogue import Catalogue
from ..editing import PageLinks, page_links
from ..models import PAYMENT_METHODS, WEEKDAYS, Fee, Office, OnlineService, OpeningHours, Service, Topic

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
    record: Service | Office | Topic | None = None
    hidden: bool = False
    """Left out of the navigation although it has no record (e.g. /api/, linked from the footer)."""

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
        return posixpath.dirname(self.url.rstrip("/")) + "/"


def service_url(service_id: str) -> str:
    return f"leistungen/{service_id}/"


def office_url(office_id: str) -> str:
    return f"dienststellen/{office_id}/"


def topic_url(topic_id: str) -> str:
    return f"lebenslagen/{topic_id}/"


def absolute(base_url: str, path: str) -> str:
    """`https://stadt.example/` + `leistungen/x/`; with no site_url the path stays site-absolute."""
    return (base_url if base_url.endswith("/") else base_url + "/") + path


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
    return specs


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


def cost_range(fees: list[Fee]) -> str | None:
    """What a service costs, in one phrase for "Auf einen Blick": `27,60–46,00 €`, `37,00 €` or `gebührenfrei`.

    Zusatz- and Wahlgebühren (`extra`: photo, postage, surcharges) and free items (e.g. an address change that
    comes with the service) stay out of the span; None when no fee has an amount (the table says it in words).
    """
    amounts = [fee for fee in fees if not fee.extra and fee.amount is not None]
    if not amounts:
        return None
    paid = [fee for fee in amounts if fee.amount or fee.amount_max]
    if not paid:
        return "gebührenfrei"
    low = min(fee.amount or Decimal(0) for fee in paid)
    high = max(fee.amount_max or fee.amount or Decimal(0) for fee in paid)
    if low == high:
        return euro(low)
    return f"{format_decimal(low, '#,##0.00', locale='de_DE')}–{euro(high)}"


def short_time(time_range: str) -> str:
    """`08:00-12:30` → `8–12:30`, as people say it."""

    def spoken(time: str) -> str:
        hours, minutes = time.split(":")
        return str(int(hours)) + ("" if minutes == "00" else f":{minutes}")

    opens, closes = time_range.split("-")
    return f"{spoken(opens)}–{spoken(closes)}"


def day_hours(ranges: list[str]) -> str | None:
    """One day's hours as spoken (`8–12, 13–16 Uhr`), None when closed."""
    return ", ".join(map(short_time, ranges)) + " Uhr" if ranges else None


SHORT_DAYS = {"mo": "Mo", "di": "Di", "mi": "Mi", "do": "Do", "fr": "Fr", "sa": "Sa", "so": "So"}
JS_DAYS = {"so": 0, "mo": 1, "di": 2, "mi": 3, "do": 4, "fr": 5, "sa": 6}
"""Weekday keys as JavaScript's `Date.getDay()` counts them."""


@cache
def public_holidays(state: str | None, year: int) -> dict[dt.date, str]:
    """The public holidays of a Land (ISO code, e.g. HE) in `year` and the next, with their German names.

    Pages are built ahead of the days they are read on; two years cover a site rebuilt at least once a year.
    """
    if state is None:
        return {}
    days = holidays.country_holidays("DE", subdiv=state, years=[year, year + 1], language="de")
    return dict(sorted(days.items()))


@dataclass(frozen=True)
class OfficeToday:
    """An office's hours as "Auf einen Blick" shows them: the week (no JavaScript) and the data that lets the
    browser say what holds today (rathaus.js)."""

    week: list[tuple[str, str]]
    """(short weekday, hours) for each open day, e.g. ("Mo", "8–16 Uhr")."""
    data: str
    """JSON: hours per weekday (`Date.getDay()`), and per date the days that differ: exceptions, holidays."""


def office_today(office: Office, state: str | None, today: dt.date) -> OfficeToday | None:
    if office.hours is None:
        return None
    hours = office.hours
    week = [(SHORT_DAYS[key], text) for key in SHORT_DAYS if (text := day_hours(getattr(hours, key)))]
    days = {str(JS_DAYS[key]): day_hours(getattr(hours, key)) for key in SHORT_DAYS}
    dates: dict[str, dict[str, str | None]] = {
        day.isoformat(): {"hours": None, "note": name} for day, name in public_holidays(state, today.year).items()
    }
    for exception in office.exceptions:
        hours_then = None if exception.closed else day_hours(exception.hours)
        dates[exception.date.isoformat()] = {"hours": hours_then, "note": exception.note}
    data = json.dumps({"days": days, "dates": dict(sorted(dates.items()))}, ensure_ascii=False, separators=(",", ":"))
    return OfficeToday(week, data)


@dataclass(frozen=True)
class Glance:
    """The four answers a caller asks for, in one box at the top of a service page ("Auf einen Blick")."""

    cost: str | None
    processing_time: str | None
    appointment: str | None
    """What holds for visits: "Termin nötig", "Ohne Termin möglich", … ."""
    booking: str | None
    """Where to book an appointment online."""
    online: OnlineService | None
    office: Office | None
    hours: OfficeToday | None
    documents: int
    always: int
    """How many of the documents are always needed (the others only in some cases)."""
    mail: str
    """`mailto:` with the service's title and the public address of its page."""


def appointment_facts(service: Service, office: Office | None) -> tuple[str | None, str | None]:
    """Whether a visit needs an appointment, and where to book one online (the service's link, else the office's)."""
    appointment = service.appointment
    booking = office.booking if office else None
    if appointment is None:
        return None, booking
    if appointment.required:
        fact = "Termin nötig, zu bestimmten Zeiten auch ohne" if appointment.walk_in else "Termin nötig"
    else:
        fact = "Ohne Termin möglich" if appointment.walk_in else "Kein Termin nötig"
    return fact, appointment.url or booking


def mail_link(title: str, url: str) -> str:
    """A `mailto:` that opens the visitor's mail program with the page's title and address filled in."""
    return f"mailto:?subject={quote(title)}&body={quote(title + ': ' + url)}"


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
        self.today = dt.date.today()
        self._cards: dict[tuple[str, str], Markup] = {}
        self._hours: dict[str, OfficeToday | None] = {}
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
            glance=self.glance,
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

    def glance(self, service: Service) -> Glance:
        """ "Auf einen Blick" for one service: its main office (the first) answers "where and when"."""
        offices = self.catalogue.offices_of(service)
        office = offices[0] if offices else None
        facts, booking = appointment_facts(service, office)
        public = absolute(self.catalogue.site.site_url or "/", service_url(service.id))
        return Glance(
            cost=cost_range(service.fees),
            processing_time=service.processing_time,
            appointment=facts,
            booking=booking,
            online=service.online_service,
            office=office,
            hours=self.office_hours(office) if office else None,
            documents=len(service.documents),
            always=sum(document.when is None for document in service.documents),
            mail=mail_link(service.title, public),
        )

    def office_hours(self, office: Office) -> OfficeToday | None:
        """An office's hours for "Auf einen Blick", made once per office and build."""
        if office.id not in self._hours:
            self._hours[office.id] = office_today(office, self.catalogue.site.state, self.today)
        return self._hours[office.id]

    def load_templates(self) -> None:
        """Compile the page templates now, e.g. once before forking workers instead of once in each."""
        load_templates(self.env, ".html")

    def links(self, spec: PageSpec) -> PageLinks:
        """ "Seite bearbeiten" and "Fehler melden" for a record's page."""
        return page_links(self.catalogue.site, spec.record, spec.title, spec.url)

    def context(self) -> dict[str, Any]:
        """What the theme's own templates may show on every page."""
        center = self.catalogue.service_center
        return {
            "site": self.catalogue.site,
            "service_center": center,
            "service_center_tel": tel_href(center.phone) if center and center.phone else None,
        }
