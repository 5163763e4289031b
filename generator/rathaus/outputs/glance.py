""" "Auf einen Blick": the answers a caller asks for – cost, duration, appointment, where and when, documents – made
from a service and its main office for the box at the top of its page (templates/_glance.html).

Everything is prepared here; the browser only picks today's hours from data computed at build time (the office's
week, its closing days and the public holidays of the Land from the `holidays` package), in theme/assets/rathaus.js.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from urllib.parse import quote

import holidays
from babel.numbers import format_decimal

from ..catalogue import Catalogue
from ..models import Fee, Office, OnlineService, Service
from ..templating import euro
from ..urls import absolute, local_service_url, service_url
from ..verbund import Responsibility


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
    """The office's week and, for the browser, every day that differs in the build's year and the next: public
    holidays of the Land (closed) and the office's own `exceptions`, which win over a holiday."""
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
    by_place: bool
    """Who is responsible depends on the place (the shared page of a Verbund service): no office is named."""
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


def build_day() -> dt.date:
    """The day a build is made for: `SOURCE_DATE_EPOCH` when set (reproducible builds, the golden snapshot),
    else today. It decides which years' holidays a page carries."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch.isdigit() else dt.date.today()


class Glances:
    """ "Auf einen Blick" for the services of one catalogue; each office's hours are prepared once per build."""

    def __init__(self, catalogue: Catalogue, today: dt.date | None = None) -> None:
        self.catalogue = catalogue
        self.today = today or build_day()
        self._hours: dict[str, OfficeToday | None] = {}

    def glance(self, service: Service, place: Responsibility | None = None) -> Glance:
        """ "Auf einen Blick" for one service: its main office (the first) answers "where and when". On a local
        version (`place`) that is the place's office and the link to send is that page's. On the shared page of
        a service whose office depends on the place (a Verbund without a central office) no office answers:
        each place's page names its own, and the box leads there."""
        by_place = place is None and self.catalogue.verbund.by_place(service)
        offices = [] if by_place else self.catalogue.offices_of(service)
        office = offices[0] if offices else None
        facts, booking = appointment_facts(service, office)
        if by_place:
            booking = None  # booking belongs to the place's office
        url = local_service_url(service.id, place.municipality.id) if place else service_url(service.id)
        public = absolute(self.catalogue.site.site_url or "/", url)
        return Glance(
            cost=cost_range(service.fees),
            processing_time=service.processing_time,
            appointment=facts,
            booking=booking,
            online=service.online_service,
            office=office,
            by_place=by_place,
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
