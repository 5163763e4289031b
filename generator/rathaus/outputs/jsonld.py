"""schema.org JSON-LD for the generated pages, built as plain dicts from the records.

The dicts go into the page body as `script_json` writes them, with `<`, `>`, `&` and `'` escaped, so no
record text can end the `<script type="application/ld+json">` element. Vocabulary: GovernmentService
(with provider, ServiceChannels, offers and areaServed) on service pages, GovernmentOffice on office pages,
WebSite with a SearchAction on the start page.
"""

from __future__ import annotations

from typing import Any

import pydantic_core
from markupsafe import Markup

from ..catalogue import Catalogue
from ..hotline import HOTLINE
from ..models import PAYMENT_METHODS, Fee, HoursException, Municipality, Office, OpeningHours, Service
from ..templating import markdown_html, tel_href
from ..urls import SEARCH, absolute, local_service_url, office_url, service_url
from ..verbund import Responsibility

CONTEXT = "https://schema.org"
DAYS = {
    "mo": "Monday",
    "di": "Tuesday",
    "mi": "Wednesday",
    "do": "Thursday",
    "fr": "Friday",
    "sa": "Saturday",
    "so": "Sunday",
}
SEARCH_PATH = SEARCH + "?q={search_term_string}"

JsonLd = dict[str, Any]


def telephone(number: str) -> str:
    """International format (+49…), which schema.org consumers can dial from anywhere; 115 stays 115."""
    return tel_href(number).removeprefix("tel:")


def _compact(data: JsonLd) -> JsonLd:
    """Leave out properties without a value: JSON-LD has no use for nulls or empty lists."""
    return {key: value for key, value in data.items() if value not in (None, [], "")}


def _day(key: str) -> str:
    return f"{CONTEXT}/{DAYS[key]}"


def opening_hours(hours: OpeningHours | None) -> list[JsonLd]:
    """One OpeningHoursSpecification per weekday and time range (e.g. Monday 08:00–12:00)."""
    if hours is None:
        return []
    specs = []
    for key in DAYS:
        for time_range in getattr(hours, key):
            opens, closes = time_range.split("-")
            specs.append(
                {"@type": "OpeningHoursSpecification", "dayOfWeek": _day(key), "opens": opens, "closes": closes}
            )
    return specs


def special_hours(exceptions: list[HoursException]) -> list[JsonLd]:
    """Holidays and other deviating days; a closed day is 00:00–00:00, as schema.org advises."""
    specs = []
    for exception in exceptions:
        day = exception.date.isoformat()
        ranges = [] if exception.closed else [r.split("-") for r in exception.hours]
        for opens, closes in ranges or [["00:00", "00:00"]]:
            specs.append(
                _compact(
                    {
                        "@type": "OpeningHoursSpecification",
                        "validFrom": day,
                        "validThrough": day,
                        "opens": opens,
                        "closes": closes,
                        "description": exception.note,
                    }
                )
            )
    return specs


def city(catalogue: Catalogue) -> JsonLd:
    return {"@type": "City", "name": catalogue.site.city}


def municipality_place(municipality: Municipality) -> JsonLd:
    """A municipality as schema.org `City`, with its official key where one is given."""
    return _compact(
        {
            "@type": "City",
            "name": municipality.name,
            "identifier": municipality.ags
            and {"@type": "PropertyValue", "propertyID": "AGS", "value": municipality.ags},
            "containedInPlace": municipality.district
            and {"@type": "AdministrativeArea", "name": municipality.district},
        }
    )


def script_json(data: JsonLd) -> Markup:
    """JSON-LD as the content of a `<script>` element, escaped as Jinja's `tojson` escapes it. pydantic-core
    writes JSON three times faster than `json.dumps`, and every service page carries about 8 KB of it."""
    text = pydantic_core.to_json(data).decode()
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027"))


class LinkedData:
    """Builds the JSON-LD of one catalogue's pages with absolute URLs under `base_url`."""

    def __init__(self, catalogue: Catalogue, base_url: str) -> None:
        self.catalogue = catalogue
        self.base_url = base_url
        self._offices: dict[str, JsonLd] = {}

    def url(self, path: str) -> str:
        return absolute(self.base_url, path)

    def office(self, office: Office) -> JsonLd:
        """A GovernmentOffice with address, contact, opening hours and holiday hours (made once per office)."""
        known = self._offices.get(office.id)
        if known is None:
            known = self._offices[office.id] = self._office(office)
        return known

    def _office(self, office: Office) -> JsonLd:
        address = office.address
        return _compact(
            {
                "@type": "GovernmentOffice",
                "@id": self.url(office_url(office.id)) + "#stelle",
                "url": self.url(office_url(office.id)),
                "name": office.name,
                "description": office.summary,
                "address": address
                and _compact(
                    {
                        "@type": "PostalAddress",
                        "streetAddress": address.street,
                        "postalCode": address.postal_code,
                        "addressLocality": address.city,
                        "addressCountry": "DE",
                    }
                ),
                "geo": office.geo
                and {"@type": "GeoCoordinates", "latitude": office.geo.lat, "longitude": office.geo.lon},
                "telephone": office.phone and telephone(office.phone),
                "faxNumber": office.fax and telephone(office.fax),
                "email": office.email,
                "contactPoint": [
                    {"@type": "ContactPoint", "contactType": p.label, "telephone": telephone(p.number)}
                    for p in office.phones
                ]
                + (
                    [{"@type": "ContactPoint", "contactType": "Kontaktformular", "url": office.contact_form}]
                    if office.contact_form
                    else []
                ),
                "parentOrganization": office.authority
                and _compact(
                    {
                        "@type": "GovernmentOrganization",
                        "name": ", ".join(filter(None, [office.authority.name, office.authority.unit])),
                        "url": office.authority.url,
                    }
                ),
                "sameAs": office.web,
                "openingHoursSpecification": opening_hours(office.hours),
                "specialOpeningHoursSpecification": special_hours(office.exceptions),
                "paymentAccepted": ", ".join(PAYMENT_METHODS[m] for m in office.payment_methods),
                "areaServed": city(self.catalogue),
            }
        )

    def office_page(self, office: Office) -> JsonLd:
        return {"@context": CONTEXT, **self.office(office)}

    def service(self, service: Service, page: str | None = None) -> JsonLd:
        """A GovernmentService: what it is, who provides it, and every way to get it done. In a Verbund each local
        page names its provider and its municipality (`local_service`)."""
        page = page or self.url(service_url(service.id))
        offices = self.catalogue.offices_of(service)
        topics = self.catalogue.topics_of(service)
        return _compact(
            {
                "@context": CONTEXT,
                "@type": "GovernmentService",
                "@id": page + "#leistung",
                "url": page,
                "name": service.title,
                "alternateName": service.synonyms,
                "description": service.summary,
                "identifier": service.leika
                and {"@type": "PropertyValue", "propertyID": "LeiKa", "value": service.leika},
                "serviceType": [t.title for t in topics] or service.title,
                "provider": self.office(offices[0]) if offices else self.city_organisation(),
                "areaServed": self.area(),
                "availableChannel": self.channels(service, page, offices),
                "offers": [self.offer(fee) for fee in service.fees],
                "isRelatedTo": [
                    {
                        "@type": "GovernmentService",
                        "@id": self.url(service_url(r)) + "#leistung",
                        "name": self.catalogue.services[r].title,
                    }
                    for r in service.related
                ],
            }
        )

    def area(self) -> JsonLd | None:
        """The area a service page answers for: the city. In a Verbund the shared page names none: each local
        page names its municipality, so that no page grows with the number of municipalities."""
        return None if self.catalogue.verbund.active else city(self.catalogue)

    def local_service(self, place: Responsibility) -> JsonLd:
        """The service as one municipality offers it: its provider there and that municipality as the area, with
        a link to the shared description (`isBasedOn`)."""
        page = self.url(local_service_url(place.service.id, place.municipality.id))
        data = self.service(place.merged, page)
        data["areaServed"] = municipality_place(place.municipality)
        data["isBasedOn"] = self.url(service_url(place.service.id)) + "#leistung"
        return data

    def faq(self, service: Service) -> JsonLd:
        """The service's frequently asked questions as a FAQPage; answers as the page shows them (sanitised HTML)."""
        page = self.url(service_url(service.id))
        return {
            "@context": CONTEXT,
            "@type": "FAQPage",
            "@id": page + "#fragen",
            "url": page,
            "about": {"@id": page + "#leistung"},
            "mainEntity": [
                {
                    "@type": "Question",
                    "name": question.question,
                    "acceptedAnswer": {"@type": "Answer", "text": str(markdown_html(question.answer))},
                }
                for question in service.faq
            ],
        }

    def city_organisation(self) -> JsonLd:
        """The provider of a service that names no office: the city administration itself."""
        return {"@type": "GovernmentOrganization", "name": f"Stadt {self.catalogue.site.city}"}

    def channels(self, service: Service, page: str, offices: list[Office]) -> list[JsonLd]:
        """Go to an office, call 115, call the Service-Center, or do it online."""
        booking = {b.office: b for b in service.bookings}
        channels = [
            _compact(
                {
                    "@type": "ServiceChannel",
                    "@id": f"{page}#kanal-vor-ort-{office.id}",
                    "name": office.name,
                    "serviceLocation": self.office(office),
                    "serviceUrl": booking[office.id].url if office.id in booking else None,
                    "description": booking[office.id].note if office.id in booking else None,
                }
            )
            for office in offices
        ]
        channels.append(
            {
                "@type": "ServiceChannel",
                "@id": f"{page}#kanal-115",
                "name": HOTLINE.name,
                "servicePhone": {
                    "@type": "ContactPoint",
                    "telephone": HOTLINE.number,
                    "contactType": HOTLINE.name,
                    "hoursAvailable": {
                        "@type": "OpeningHoursSpecification",
                        "dayOfWeek": [_day(d) for d in HOTLINE.days],
                        "opens": HOTLINE.opens,
                        "closes": HOTLINE.closes,
                    },
                },
            }
        )
        center = self.catalogue.service_center
        if center is not None:
            channels.append(
                _compact(
                    {
                        "@type": "ServiceChannel",
                        "@id": f"{page}#kanal-service-center",
                        "name": center.name,
                        "description": center.summary,
                        "servicePhone": _compact(
                            {
                                "@type": "ContactPoint",
                                "telephone": center.phone and telephone(center.phone),
                                "email": center.email,
                                "contactType": "Service-Center",
                                "hoursAvailable": opening_hours(center.hours),
                            }
                        ),
                        "serviceUrl": center.web,
                    }
                )
            )
        online = service.online_service
        if online is not None:
            channels.append(
                _compact(
                    {
                        "@type": "ServiceChannel",
                        "@id": f"{page}#kanal-online",
                        "name": online.label,
                        "description": online.requires,
                        "serviceUrl": online.url,
                    }
                )
            )
        return channels

    @staticmethod
    def offer(fee: Fee) -> JsonLd:
        """A fee as an Offer: a price, a price range, or only the rule in words."""
        price: JsonLd = {}
        if fee.amount is not None and fee.amount_max is not None:
            price = {
                "priceSpecification": {
                    "@type": "PriceSpecification",
                    "minPrice": str(fee.amount),
                    "maxPrice": str(fee.amount_max),
                    "priceCurrency": "EUR",
                }
            }
        elif fee.amount is not None:
            price = {"price": str(fee.amount), "priceCurrency": "EUR"}
        return _compact({"@type": "Offer", "name": fee.label, **price, "description": fee.note})

    def website(self, name: str, description: str | None) -> JsonLd:
        """The start page: the site itself and how to search it."""
        return _compact(
            {
                "@context": CONTEXT,
                "@type": "WebSite",
                "@id": self.url("") + "#website",
                "url": self.url(""),
                "name": name,
                "description": description,
                "inLanguage": "de",
                "potentialAction": {
                    "@type": "SearchAction",
                    "target": {"@type": "EntryPoint", "urlTemplate": self.url(SEARCH_PATH)},
                    "query-input": "required name=search_term_string",
                },
            }
        )
