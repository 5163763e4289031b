"""The record schema: one set of pydantic models drives validation, the editors' JSON Schemas and the API.

Field names are English (they are code); descriptions are German (editors read them in their editor's
autocompletion). Every model forbids unknown fields so a typo never silently drops information.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Literal

import phonenumbers
from pydantic import AfterValidator, BaseModel, ConfigDict, EmailStr, Field, model_validator
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def _check_https(url: str) -> str:
    """Only https links: they leave our origin, so they must at least be encrypted and never script."""
    if not re.match(r"^https://[^\s/$.?#][^\s]*$", url):
        raise PydanticCustomError("https_url", "Link muss mit https:// beginnen (z. B. https://www.kassel.de/)")
    return url


def _check_phone(number: str) -> str:
    """Accept any German or international number that phonenumbers considers possible, plus the 115."""
    if number.strip() == "115":
        return "115"
    try:
        parsed = phonenumbers.parse(number, "DE")
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None or not phonenumbers.is_possible_number(parsed):
        raise PydanticCustomError("phone", "keine gültige Telefonnummer (erwartet z. B. 0561 787-0 oder +49 561 787-0)")
    return number


def _check_time_range(value: str) -> str:
    match = re.fullmatch(r"([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)", value)
    if not match or value[:5] >= value[6:]:
        raise PydanticCustomError(
            "time_range", "Zeitspanne im Format HH:MM-HH:MM erwartet, Ende nach Beginn (z. B. 08:00-12:30)"
        )
    return value


Slug = Annotated[
    str,
    Field(pattern=SLUG_PATTERN, min_length=2, max_length=80, examples=["personalausweis-beantragen"]),
]
HttpsUrl = Annotated[str, AfterValidator(_check_https), Field(json_schema_extra={"format": "uri"})]
Phone = Annotated[str, AfterValidator(_check_phone), Field(examples=["0561 787-0"])]
TimeRange = Annotated[str, AfterValidator(_check_time_range), Field(examples=["08:00-12:30"])]
Markdown = Annotated[str, Field(json_schema_extra={"contentMediaType": "text/markdown"})]
Line = Annotated[str, Field(min_length=1, max_length=300)]


class Record(BaseModel):
    """Base for every record: unknown fields are errors, blank text is trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Link(Record):
    """A titled link, e.g. a law on gesetze-im-internet.de or a form."""

    title: Line = Field(description="Angezeigter Text des Links, z. B. „§ 9 Personalausweisgesetz (PAuswG)“.")
    url: HttpsUrl | None = Field(
        default=None, description="Adresse (https://…). Ohne Adresse wird nur der Titel angezeigt."
    )


class Document(Record):
    """One thing to bring; shown as a checklist item."""

    name: Line = Field(description="Was mitzubringen ist, z. B. „Reisepass oder Personalausweis“.")
    note: str | None = Field(default=None, description="Erläuterung, z. B. Format oder Gültigkeit.")
    when: str | None = Field(
        default=None,
        description="Nur nötig, wenn … – z. B. „bei Minderjährigen“. Leer lassen, wenn immer nötig.",
    )


class Fee(Record):
    """One fee item: a fixed amount, a range, or a rule in words."""

    label: Line = Field(description="Wofür die Gebühr anfällt, z. B. „Personalausweis ab 24 Jahren“.")
    amount: Decimal | None = Field(
        default=None, ge=0, description="Betrag in Euro, z. B. 37.00. 0 bedeutet gebührenfrei."
    )
    amount_max: Decimal | None = Field(
        default=None, ge=0, description="Höchstbetrag in Euro, wenn die Gebühr in einem Rahmen liegt."
    )
    note: str | None = Field(
        default=None, description="Regel in Worten oder Hinweis, z. B. „zzgl. Auslagen für Versand“."
    )

    @model_validator(mode="after")
    def _amount_or_note(self) -> Fee:
        if self.amount is None and not self.note:
            raise PydanticCustomError("fee", "Betrag (amount) oder Regel in Worten (note) angeben")
        if self.amount is not None and self.amount_max is not None and self.amount_max < self.amount:
            raise PydanticCustomError("fee_range", "amount_max muss größer als amount sein")
        return self


class OnlineService(Record):
    """The online procedure: shown as a prominent start button."""

    url: HttpsUrl = Field(description="Adresse des Online-Dienstes (https://…).")
    label: Line = Field(
        default="Online beantragen",
        description="Beschriftung des Start-Knopfs, z. B. „Jetzt online anmelden“.",
    )
    requires: str | None = Field(
        default=None,
        description="Was man dafür braucht, z. B. „Online-Ausweisfunktion und BundID-Konto“.",
    )


class Appointment(Record):
    """How to get an appointment, or whether one is needed at all."""

    required: bool = Field(default=True, description="Ist ein Termin nötig?")
    url: HttpsUrl | None = Field(default=None, description="Online-Terminbuchung (https://…).")
    phone: Phone | None = Field(default=None, description="Telefonische Terminvergabe.")
    walk_in: bool = Field(default=False, description="Vorsprache ohne Termin möglich?")
    note: str | None = Field(default=None, description="Hinweis, z. B. „Termine werden 4 Wochen im Voraus frei“.")


Weekday = Literal["mo", "di", "mi", "do", "fr", "sa", "so"]
WEEKDAYS: dict[str, str] = {
    "mo": "Montag",
    "di": "Dienstag",
    "mi": "Mittwoch",
    "do": "Donnerstag",
    "fr": "Freitag",
    "sa": "Samstag",
    "so": "Sonntag",
}


class OpeningHours(Record):
    """Opening hours per weekday; a day left out is closed."""

    mo: list[TimeRange] = Field(default=[], description='Montag, z. B. ["08:00-12:00", "13:00-16:00"].')
    di: list[TimeRange] = Field(default=[], description="Dienstag.")
    mi: list[TimeRange] = Field(default=[], description="Mittwoch.")
    do: list[TimeRange] = Field(default=[], description="Donnerstag.")
    fr: list[TimeRange] = Field(default=[], description="Freitag.")
    sa: list[TimeRange] = Field(default=[], description="Samstag.")
    so: list[TimeRange] = Field(default=[], description="Sonntag.")
    note: str | None = Field(default=None, description="Hinweis, z. B. „Einlass bis 30 Minuten vor Schluss“.")


class HoursException(Record):
    """A day with different hours, e.g. a holiday closure."""

    date: dt.date = Field(description="Datum (JJJJ-MM-TT).")
    closed: bool = Field(default=True, description="An diesem Tag geschlossen?")
    hours: list[TimeRange] = Field(default=[], description="Abweichende Zeiten, wenn nicht geschlossen.")
    note: str | None = Field(default=None, description="Grund, z. B. „Betriebsausflug“.")


class Address(Record):
    street: Line = Field(description="Straße und Hausnummer.")
    postal_code: str = Field(pattern=r"^\d{5}$", description="Postleitzahl (5 Ziffern).")
    city: Line = Field(description="Ort.")
    room: str | None = Field(default=None, description="Gebäudeteil, Etage oder Zimmer.")


class Geo(Record):
    lat: float = Field(ge=-90, le=90, description="Breitengrad (WGS84).")
    lon: float = Field(ge=-180, le=180, description="Längengrad (WGS84).")


PaymentMethod = Literal["bar", "girocard", "kreditkarte", "ueberweisung", "lastschrift", "online"]
PAYMENT_METHODS: dict[str, str] = {
    "bar": "Bargeld",
    "girocard": "Girocard (EC-Karte)",
    "kreditkarte": "Kreditkarte",
    "ueberweisung": "Überweisung",
    "lastschrift": "Lastschrift",
    "online": "Online-Bezahlung",
}


class Office(Record):
    """An office, location or partner that provides services (file offices/<id>.yaml)."""

    id: Slug = Field(description="Kennung = Dateiname ohne .yaml = Adresse /dienststellen/<id>/.")
    name: Line = Field(description="Name, z. B. „Bürgeramt Mitte“.")
    kind: Literal["amt", "partner"] = Field(
        default="amt",
        description="„amt“ für Dienststellen der Stadt, „partner“ für Partner wie Volkshochschule oder Stadtreiniger.",
    )
    summary: str | None = Field(default=None, description="Ein Satz: wofür diese Stelle zuständig ist.")
    address: Address | None = Field(default=None, description="Besucheranschrift.")
    geo: Geo | None = Field(default=None, description="Lage als Koordinaten (optional).")
    phone: Phone | None = Field(default=None, description="Telefon.")
    email: EmailStr | None = Field(default=None, description="E-Mail-Adresse.")
    web: HttpsUrl | None = Field(default=None, description="Eigene Webseite (https://…).")
    booking: HttpsUrl | None = Field(default=None, description="Online-Terminbuchung (https://…).")
    hours: OpeningHours | None = Field(default=None, description="Öffnungszeiten je Wochentag.")
    exceptions: list[HoursException] = Field(default=[], description="Abweichende Tage (Feiertage, Schließtage).")
    accessibility: Markdown | None = Field(
        default=None, description="Barrierefreiheit des Gebäudes: Zugang, Aufzug, WC, Parkplätze."
    )
    transit: str | None = Field(default=None, description="Anfahrt mit Bus und Bahn.")
    payment_methods: list[PaymentMethod] = Field(default=[], description="Wie man vor Ort bezahlen kann.")
    example: bool = Field(
        default=False,
        description="true, wenn Anschrift und Kontaktdaten Beispieldaten sind, die noch nicht geprüft wurden.",
    )
    reviewed: dt.date = Field(description="Datum der letzten Prüfung (JJJJ-MM-TT).")


class Topic(Record):
    """A Lebenslage (life situation) that groups services (file topics/<id>.yaml)."""

    id: Slug = Field(description="Kennung = Dateiname ohne .yaml = Adresse /lebenslagen/<id>/.")
    title: Line = Field(description="Titel, z. B. „Umzug“.")
    summary: str = Field(min_length=1, description="Ein Satz, der die Lebenslage beschreibt.")
    order: int = Field(default=100, description="Reihenfolge auf der Startseite (kleiner = weiter vorn).")


class Service(Record):
    """A public service (Leistung) as citizens ask for it (file services/<id>.yaml).

    The fields follow the German FIM standard (LeiKa) and map onto schema.org GovernmentService.
    """

    id: Slug = Field(description="Kennung = Dateiname ohne .yaml = Adresse /leistungen/<id>/.")
    title: Line = Field(description="Name der Leistung, wie Bürgerinnen und Bürger sie nennen.")
    leika: str | None = Field(
        default=None, pattern=r"^\d{14}$", description="LeiKa-Schlüssel (14 Ziffern), falls bekannt."
    )
    synonyms: list[Line] = Field(
        default=[], description="Wörter, mit denen Menschen danach suchen, z. B. „Perso“, „Ausweis verloren“."
    )
    summary: str = Field(min_length=10, max_length=400, description="Kurzbeschreibung in ein bis zwei Sätzen.")
    description: Markdown | None = Field(default=None, description="Ausführliche Beschreibung (Markdown).")
    prerequisites: list[str] = Field(default=[], description="Voraussetzungen.")
    documents: list[Document] = Field(default=[], description="Erforderliche Unterlagen (Checkliste).")
    fees: list[Fee] = Field(default=[], description="Gebühren.")
    fee_basis: Link | None = Field(default=None, description="Rechtsgrundlage der Gebühren (Gebührenordnung).")
    deadlines: list[str] = Field(default=[], description="Fristen, z. B. „innerhalb von 2 Wochen nach Einzug“.")
    processing_time: str | None = Field(default=None, description="Bearbeitungsdauer, z. B. „3 bis 4 Wochen“.")
    procedure: list[str] = Field(default=[], description="Ablauf in Schritten.")
    online_service: OnlineService | None = Field(default=None, description="Online-Dienst, falls vorhanden.")
    appointment: Appointment | None = Field(default=None, description="Termin: nötig, wie buchen, ohne Termin?")
    forms: list[Link] = Field(default=[], description="Formulare zum Herunterladen oder Ausfüllen.")
    legal_basis: list[Link] = Field(default=[], description="Rechtsgrundlagen.")
    sources: list[Link] = Field(default=[], description="Quellen, aus denen Unterlagen, Gebühren und Fristen stammen.")
    offices: list[Slug] = Field(
        default=[], description="Zuständige Stellen (Kennungen aus offices/), die erste ist die Hauptstelle."
    )
    topics: list[Slug] = Field(default=[], description="Lebenslagen (Kennungen aus topics/).")
    notes: Markdown | None = Field(default=None, description="Weitere Hinweise (Markdown).")
    popular: bool = Field(default=False, description="Auf der Startseite unter „Häufig gesucht“ zeigen.")
    aliases: list[Slug] = Field(default=[], description="Frühere Kennungen: ihre alten Adressen leiten hierher weiter.")
    reviewed: dt.date = Field(description="Datum der letzten inhaltlichen Prüfung (JJJJ-MM-TT).")


class Site(Record):
    """Site settings (the `rathaus` plugin block in mkdocs.yml)."""

    city: Line = Field(description="Name der Stadt, z. B. „Kassel“.")
    demo: bool = Field(default=False, description="Zeigt auf jeder Seite den Hinweis „Beispieldaten“.")
    service_center: Slug | None = Field(
        default=None, description="Kennung der Stelle, die als Service-Center der Stadt gezeigt wird."
    )
    feedback_mail: EmailStr | None = Field(default=None, description="Adresse für „Fehler melden“.")


class SynonymGroup(Record):
    """Words citizens type that mean something the catalogue names differently."""

    words: list[Line] = Field(
        min_length=1, description="Was Menschen in die Suche tippen, z. B. [„Perso“, „Perso weg“]."
    )
    means: Line = Field(description="Wie es im Katalog heißt, z. B. „Personalausweis“.")


class Synonyms(Record):
    """The shared synonym list of the site search (file search/synonyms.yaml), maintained by editors."""

    synonyms: list[SynonymGroup] = Field(
        default=[], description="Je Eintrag: gesuchte Wörter (words) und was sie bedeuten (means)."
    )
