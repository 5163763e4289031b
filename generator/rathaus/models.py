"""The record schema: one set of pydantic models drives validation, the editors' JSON Schemas and the API.

Field names are English (they are code); descriptions are German (editors read them in their editor's
autocompletion). Every model forbids unknown fields so a typo never silently drops information.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any, Literal, get_args

import phonenumbers
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    SerializerFunctionWrapHandler,
    model_serializer,
    model_validator,
)
from pydantic.json_schema import GenerateJsonSchema
from pydantic_core import PydanticCustomError
from typing_extensions import TypedDict

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SUMMARY_ADVISED = 400
"""A summary longer than this is a warning: lists and search results show it whole."""
SUMMARY_LIMIT = 1000


def _check_web_url(url: str) -> str:
    """Only web links: they leave our origin, so they must never script. `http://` passes here because real
    catalogues still hold many; `rathaus check` warns about each one with the https suggestion."""
    if not re.match(r"^https?://[^\s/$.?#][^\s]*$", url):
        raise PydanticCustomError("https_url", "Link muss mit https:// beginnen (z. B. https://www.example.de/)")
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
        raise PydanticCustomError(
            "phone", "keine gültige Telefonnummer (erwartet Vorwahl und Nummer, z. B. 01234 567-0 oder +49 1234 567-0)"
        )
    return number


def _check_time_range(value: str) -> str:
    match = re.fullmatch(r"([01][0-9]|2[0-3]):([0-5][0-9])-([01][0-9]|2[0-4]):([0-5][0-9])", value)
    if not match or value[:5] >= value[6:]:
        raise PydanticCustomError(
            "time_range", "Zeitspanne im Format HH:MM-HH:MM erwartet, Ende nach Beginn (z. B. 08:00-12:30)"
        )
    return value


Slug = Annotated[str, Field(pattern=SLUG_PATTERN, min_length=2, max_length=80)]
WebUrl = Annotated[
    str, AfterValidator(_check_web_url), Field(json_schema_extra={"format": "uri", "pattern": "^https?://"})
]
Phone = Annotated[str, AfterValidator(_check_phone)]
TimeRange = Annotated[str, AfterValidator(_check_time_range)]
Markdown = Annotated[str, Field(json_schema_extra={"contentMediaType": "text/markdown"})]
Line = Annotated[str, Field(min_length=1, max_length=300)]
LongLine = Annotated[str, Field(min_length=1, max_length=1000)]
"""Names that real catalogues write as whole sentences (document names, link titles): long, but still bounded."""


class EditorSchema(GenerateJsonSchema):
    """JSON Schema for editors: no English field titles derived from the names, only German descriptions."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False

    def decimal_schema(self, schema: Any) -> dict[str, Any]:
        """Amounts are numbers in the editor (37.00); the text form pydantic also takes would hide typos."""
        json_schema = super().decimal_schema(schema)
        return json_schema["anyOf"][0] if "anyOf" in json_schema else json_schema


def described(title: str, description: str) -> ConfigDict:
    """German title and description for the editors' schema; the English docstring stays for developers."""
    return ConfigDict(title=title, json_schema_extra={"description": description})


class Record(BaseModel):
    """Base for every record: unknown fields are errors, blank text is trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Link(Record):
    """A titled link, e.g. a law on gesetze-im-internet.de or a form."""

    model_config = described("Link", "Ein Link mit Titel, z. B. ein Gesetz oder ein Formular.")

    title: LongLine = Field(
        description="Angezeigter Text des Links.",
        examples=["§ 9 Personalausweisgesetz (PAuswG)"],
    )
    url: WebUrl | None = Field(
        default=None,
        description="Adresse (https://…). Ohne Adresse wird nur der Titel angezeigt.",
        examples=["https://www.gesetze-im-internet.de/pauswg/__9.html"],
    )


class ImportSource(Record):
    """Where an imported record came from, so a re-import finds it and sees whether an editor changed it."""

    model_config = described(
        "Herkunft",
        "Woher ein importierter Eintrag stammt. Wird von `rathaus import` geschrieben; bitte nicht von Hand ändern.",
    )

    system: Literal["dldb"] = Field(
        description="Quellsystem: „dldb“ für den Export der Dienstleistungsdatenbank.", examples=["dldb"]
    )
    id: str = Field(
        min_length=1, max_length=80, description="Kennung des Eintrags im Quellsystem.", examples=["1063423"]
    )
    updated: dt.date = Field(description="Stand des Eintrags im Quellsystem (JJJJ-MM-TT).", examples=["2026-06-08"])
    fingerprint: str | None = Field(
        default=None,
        pattern=r"^[0-9a-f]{64}$",
        description="Prüfsumme des importierten Inhalts: Weicht der Eintrag davon ab, hat ihn jemand bearbeitet, und "
        "ein neuer Import überschreibt ihn nicht.",
        examples=["0" * 64],
    )


class ExplainedPrerequisite(TypedDict):
    """A prerequisite with its explanation, as the JSON export writes it."""

    title: Annotated[str, Field(description="Die Voraussetzung.")]
    explanation: Annotated[str, Field(description="Erläuterung der Voraussetzung (Markdown).")]


class Prerequisite(Record):
    """One prerequisite with an optional explanation; a plain text line is read as its title."""

    model_config = described(
        "Voraussetzung",
        "Eine Voraussetzung: kurzer Text, oder Abschnitt mit title und explanation (Erläuterung).",
    )

    title: LongLine = Field(description="Die Voraussetzung.", examples=["Hauptwohnsitz in der Stadt"])
    explanation: Markdown | None = Field(
        default=None,
        description="Erläuterung der Voraussetzung (Markdown).",
        examples=["Auch mit Nebenwohnsitz, wenn Sie sich überwiegend hier aufhalten."],
    )

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        return {"title": value} if isinstance(value, str) else value

    @model_serializer(mode="wrap")
    def _as_text(self, handler: SerializerFunctionWrapHandler) -> str | ExplainedPrerequisite:
        """Without an explanation a prerequisite stays the line of text it was (the API keeps its shape)."""
        return self.title if self.explanation is None else handler(self)

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        """Editors may write a plain line, as before: the schema offers both forms (the export's schema has them
        from the serializer's return type)."""
        schema: dict[str, Any] = handler(core_schema)
        if handler.mode == "serialization":
            return {"title": "Voraussetzung", **schema}
        line = {"type": "string", "minLength": 1, "maxLength": 1000, "description": "Die Voraussetzung als Text."}
        return {"title": "Voraussetzung", "anyOf": [line, schema]}


class Document(Record):
    """One thing to bring; shown as a checklist item."""

    model_config = described("Unterlage", "Eine Unterlage, die mitzubringen ist; die Seite zeigt sie als Checkliste.")

    name: LongLine = Field(description="Was mitzubringen ist.", examples=["Reisepass oder Personalausweis"])
    note: str | None = Field(
        default=None,
        description="Erläuterung, z. B. Format oder Gültigkeit.",
        examples=["Auch wenn er abgelaufen ist."],
    )
    when: str | None = Field(
        default=None,
        description="Nur nötig, wenn … – leer lassen, wenn die Unterlage immer nötig ist.",
        examples=["bei Kindern unter 16 Jahren"],
    )


class Fee(Record):
    """One fee item: a fixed amount, a range, or a rule in words."""

    model_config = described(
        "Gebühr", "Ein Gebührenposten: fester Betrag, Rahmen (amount bis amount_max) oder Regel in Worten (note)."
    )

    label: Line = Field(description="Wofür die Gebühr anfällt.", examples=["Personalausweis ab 24 Jahren"])
    amount: Decimal | None = Field(
        default=None, ge=0, description="Betrag in Euro mit Punkt. 0 bedeutet gebührenfrei.", examples=[37.00, 0]
    )
    amount_max: Decimal | None = Field(
        default=None, ge=0, description="Höchstbetrag in Euro, wenn die Gebühr in einem Rahmen liegt.", examples=[50]
    )
    note: str | None = Field(
        default=None,
        description="Regel in Worten oder Hinweis; Pflicht, wenn kein Betrag angegeben ist.",
        examples=["zzgl. Auslagen für den Versand"],
    )
    extra: bool = Field(
        default=False,
        description=(
            "true für Zusatz- und Wahlgebühren (Foto, Versand, Zuschlag): Sie stehen in der Tabelle, "
            "aber nicht in der Kostenspanne „Auf einen Blick“ oben auf der Seite."
        ),
        examples=[False],
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

    model_config = described("Online-Dienst", "Der Online-Dienst; die Seite zeigt ihn als Start-Knopf ganz oben.")

    url: WebUrl = Field(description="Adresse des Online-Dienstes (https://…).", examples=["https://www.kassel.de/"])
    label: Line = Field(
        default="Online beantragen", description="Beschriftung des Start-Knopfs.", examples=["Jetzt online anmelden"]
    )
    requires: str | None = Field(
        default=None,
        description="Was man für den Online-Dienst braucht.",
        examples=["Online-Ausweisfunktion und BundID-Konto"],
    )


class Appointment(Record):
    """How to get an appointment, or whether one is needed at all."""

    model_config = described("Termin", "Ob ein Termin nötig ist und wie man ihn bekommt.")

    required: bool = Field(default=True, description="Ist ein Termin nötig?", examples=[True])
    url: WebUrl | None = Field(
        default=None, description="Online-Terminbuchung (https://…).", examples=["https://www.kassel.de/termine"]
    )
    phone: Phone | None = Field(default=None, description="Telefonische Terminvergabe.", examples=["115"])
    walk_in: bool = Field(default=False, description="Vorsprache ohne Termin möglich?", examples=[False])
    note: str | None = Field(
        default=None, description="Hinweis zur Terminvergabe.", examples=["Termine werden 4 Wochen im Voraus frei."]
    )


class OfficeBooking(Record):
    """Booking for a service at one of its offices: a link of its own, or a note (e.g. no booking there)."""

    model_config = described(
        "Termin an einer Stelle",
        "Terminbuchung für diese Leistung an einer bestimmten Stelle: eigener Link oder Hinweis.",
    )

    office: Slug = Field(description="Die Stelle (Kennung aus offices/ dieser Leistung).", examples=["buergeramt"])
    url: WebUrl | None = Field(
        default=None,
        description="Terminbuchung für diese Leistung an dieser Stelle (https://…).",
        examples=["https://www.kassel.de/termine/buergeramt"],
    )
    note: str | None = Field(
        default=None,
        description="Hinweis zum Termin an dieser Stelle.",
        examples=["An diesem Standort nur mit Termin."],
    )

    @model_validator(mode="after")
    def _url_or_note(self) -> OfficeBooking:
        if self.url is None and not self.note:
            raise PydanticCustomError("booking", "Link (url) oder Hinweis (note) angeben")
        return self


def _check_internal_number(number: str) -> str:
    """An extension (-7787) or a full number: digits with the usual separators, nothing else."""
    if not re.fullmatch(r"[+-]?[0-9][0-9 /()-]*", number):
        raise PydanticCustomError(
            "internal_number", "Durchwahl oder Telefonnummer erwartet, nur Ziffern, + - / ( ) (z. B. -7787)"
        )
    return number


InternalNumber = Annotated[
    str,
    AfterValidator(_check_internal_number),
    Field(
        max_length=40,
        description="Durchwahl oder Telefonnummer (Ziffern, Leerzeichen, + - / ( )).",
        examples=["-7787", "0561 787-7000"],
    ),
]


class InternalPhone(Record):
    """A phone number for staff only, e.g. a back-office extension."""

    model_config = described("Interne Rufnummer", "Eine Rufnummer nur für Mitarbeitende, z. B. eine Durchwahl.")

    label: Line = Field(description="Wer dort erreichbar ist.", examples=["Sachbearbeitung Ausweise (Rückfragen)"])
    number: InternalNumber


class Intern(Record):
    """What only the Service-Center's staff see (internal build, `rathaus build --intern`); never published."""

    model_config = described(
        "Intern",
        "Nur für Mitarbeitende des Service-Centers: erscheint ausschließlich im internen Bau "
        "(`rathaus build --intern`), nie auf der öffentlichen Website, in der Schnittstelle oder in der Suche.",
    )

    instructions: Markdown | None = Field(
        default=None,
        description="Arbeitshinweise für das Gespräch (Markdown).",
        examples=["Erst fragen, ob der alte Ausweis noch vorliegt."],
    )
    forward_to: str | None = Field(
        default=None,
        description="Wohin ein Anruf weitergeleitet wird, wenn das Service-Center nicht abschließend antworten kann.",
        examples=["Rückfragen zu laufenden Anträgen: Sachbearbeitung Ausweise"],
    )
    phones: list[InternalPhone] = Field(
        default=[],
        description="Interne Rufnummern (Durchwahlen).",
        examples=[[{"label": "Sachbearbeitung Ausweise", "number": "-7787"}]],
    )
    mistakes: list[str] = Field(
        default=[],
        description="Häufige Fehler und Missverständnisse, auf die zu achten ist.",
        examples=[["Papierfotos werden seit Mai 2025 nicht mehr angenommen."]],
    )


_INTERN = "Interne Hinweise für das Service-Center (nur im internen Bau sichtbar, nie auf der öffentlichen Website)."


class Question(Record):
    """One frequently asked question with its answer, shown on the page and as schema.org FAQPage."""

    model_config = described("Frage", "Eine häufige Frage mit Antwort; die Seite zeigt sie unter „Häufige Fragen“.")

    question: Line = Field(
        description="Die Frage, wie Menschen sie stellen.", examples=["Kann ich den Ausweis verlängern?"]
    )
    answer: Markdown = Field(
        min_length=1,
        description="Die Antwort (Markdown).",
        examples=["Nein. Sie beantragen immer einen neuen Personalausweis."],
    )


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
_DAY = "Zeitspannen im Format HH:MM-HH:MM; Tag weglassen = geschlossen."


class OpeningHours(Record):
    """Opening hours per weekday; a day left out is closed."""

    model_config = described("Öffnungszeiten", "Öffnungszeiten je Wochentag; ein fehlender Tag ist geschlossen.")

    mo: list[TimeRange] = Field(default=[], description=f"Montag. {_DAY}", examples=[["08:00-12:00", "13:00-16:00"]])
    di: list[TimeRange] = Field(default=[], description=f"Dienstag. {_DAY}", examples=[["08:00-12:00"]])
    mi: list[TimeRange] = Field(default=[], description=f"Mittwoch. {_DAY}", examples=[["08:00-12:00"]])
    do: list[TimeRange] = Field(default=[], description=f"Donnerstag. {_DAY}", examples=[["10:00-18:00"]])
    fr: list[TimeRange] = Field(default=[], description=f"Freitag. {_DAY}", examples=[["07:30-12:00"]])
    sa: list[TimeRange] = Field(default=[], description=f"Samstag. {_DAY}", examples=[["09:00-12:00"]])
    so: list[TimeRange] = Field(default=[], description=f"Sonntag. {_DAY}", examples=[["10:00-14:00"]])
    note: str | None = Field(
        default=None, description="Hinweis zu den Öffnungszeiten.", examples=["Einlass bis 30 Minuten vor Schluss."]
    )


class HoursException(Record):
    """A day with different hours, e.g. a holiday closure."""

    model_config = described("Abweichender Tag", "Ein Tag mit anderen Öffnungszeiten, z. B. ein Schließtag.")

    date: dt.date = Field(description="Datum (JJJJ-MM-TT).", examples=["2026-12-24"])
    closed: bool = Field(default=True, description="An diesem Tag geschlossen?", examples=[True])
    hours: list[TimeRange] = Field(
        default=[], description="Abweichende Zeiten, wenn nicht geschlossen (HH:MM-HH:MM).", examples=[["08:00-12:00"]]
    )
    note: str | None = Field(default=None, description="Grund.", examples=["Heiligabend"])


class Address(Record):
    """Where visitors go."""

    model_config = described("Anschrift", "Die Besucheranschrift.")

    street: Line = Field(description="Straße und Hausnummer.", examples=["Obere Königsstraße 8"])
    postal_code: str = Field(pattern=r"^[0-9]{5}$", description="Postleitzahl (5 Ziffern).", examples=["34117"])
    city: Line = Field(description="Ort.", examples=["Kassel"])
    room: str | None = Field(default=None, description="Gebäudeteil, Etage oder Zimmer.", examples=["Erdgeschoss"])


class Geo(Record):
    """A point on the map (WGS84)."""

    model_config = described("Koordinaten", "Lage als Koordinaten (WGS84), z. B. aus OpenStreetMap.")

    lat: float = Field(ge=-90, le=90, description="Breitengrad (WGS84).", examples=[51.3157])
    lon: float = Field(ge=-180, le=180, description="Längengrad (WGS84).", examples=[9.4986])


class LabelledPhone(Record):
    """A further phone number with what it is for."""

    model_config = described("Telefonnummer", "Eine weitere Telefonnummer mit Angabe, wofür sie ist.")

    label: Line = Field(description="Wofür die Nummer ist.", examples=["Terminvereinbarung"])
    number: Phone = Field(description="Die Telefonnummer.", examples=["0561 787-1234"])


class Authority(Record):
    """The authority or organisation an office belongs to; tells apart offices of the same name."""

    model_config = described(
        "Behörde", "Die Behörde oder Organisation, zu der eine Stelle gehört (z. B. Stadtverwaltung, Referat)."
    )

    name: Line = Field(description="Name der Behörde oder Organisation.", examples=["Stadtverwaltung Kassel"])
    unit: Line | None = Field(
        default=None, description="Organisationseinheit darin (Referat, Amt, Fachbereich).", examples=["Ordnungsamt"]
    )
    url: WebUrl | None = Field(
        default=None, description="Webseite der Behörde (https://…).", examples=["https://www.kassel.de/"]
    )


PaymentMethod = Literal["bar", "girocard", "kreditkarte", "ueberweisung", "lastschrift", "online"]
PAYMENT_METHODS: dict[str, str] = {
    "bar": "Bargeld",
    "girocard": "Girocard (EC-Karte)",
    "kreditkarte": "Kreditkarte",
    "ueberweisung": "Überweisung",
    "lastschrift": "Lastschrift",
    "online": "Online-Bezahlung",
}
_REVIEWED = (
    "Datum der letzten inhaltlichen Prüfung (JJJJ-MM-TT). Ist es älter als die eingestellte Frist "
    "(review_months, Standard 12 Monate), meldet `rathaus check` eine Warnung."
)


class Office(Record):
    """An office, location or partner that provides services (file offices/<id>.yaml)."""

    model_config = described(
        "Dienststelle", "Ein Amt, ein Standort oder ein Partner, der Leistungen anbietet (Datei offices/<id>.yaml)."
    )

    id: Slug = Field(
        description="Kennung = Dateiname ohne .yaml = Adresse /dienststellen/<id>/.", examples=["buergeramt"]
    )
    name: Line = Field(description="Name der Stelle.", examples=["Bürgeramt Mitte"])
    kind: Literal["amt", "partner", "behoerde"] = Field(
        default="amt",
        description="„amt“ für Dienststellen der Stadt, „partner“ für Partner wie Volkshochschule oder Stadtreiniger, "
        "„behoerde“ für Behörden des Landes oder des Bundes (z. B. Familienkasse).",
        examples=["amt"],
    )
    municipality: Slug | None = Field(
        default=None,
        description="Im Verbund: Kennung der Kommune (municipalities/), deren Stelle dies ist. Leer bei Stellen "
        "eines Landkreises, des Landes oder des Bundes.",
        examples=["baunatal"],
    )
    district: Line | None = Field(
        default=None,
        description="Im Verbund: Name des Landkreises, dessen Stelle dies ist (wie `district` der Kommune), "
        "z. B. für Kfz-Zulassung und Führerscheine der kreisangehörigen Gemeinden.",
        examples=["Landkreis Kassel"],
    )
    summary: str | None = Field(
        default=None,
        description="Ein Satz: wofür diese Stelle zuständig ist.",
        examples=["Ausweise, Pässe, An- und Ummeldung."],
    )
    address: Address | None = Field(
        default=None,
        description="Besucheranschrift.",
        examples=[{"street": "Obere Königsstraße 8", "postal_code": "34117", "city": "Kassel"}],
    )
    geo: Geo | None = Field(
        default=None, description="Lage als Koordinaten (optional).", examples=[{"lat": 51.3157, "lon": 9.4986}]
    )
    authority: Authority | None = Field(
        default=None,
        description="Behörde oder Organisation, zu der die Stelle gehört.",
        examples=[{"name": "Stadtverwaltung Kassel", "unit": "Ordnungsamt"}],
    )
    phone: Phone | None = Field(default=None, description="Telefon (Hauptnummer).", examples=["0561 787-0"])
    phones: list[LabelledPhone] = Field(
        default=[],
        description="Weitere Telefonnummern, jede mit Angabe, wofür sie ist.",
        examples=[[{"label": "Terminvereinbarung", "number": "0561 787-1234"}]],
    )
    fax: Phone | None = Field(default=None, description="Fax.", examples=["0561 787-2000"])
    email: EmailStr | None = Field(default=None, description="E-Mail-Adresse.", examples=["buergeramt@kassel.de"])
    contact_form: WebUrl | None = Field(
        default=None, description="Kontaktformular (https://…).", examples=["https://www.kassel.de/kontakt"]
    )
    web: WebUrl | None = Field(
        default=None, description="Eigene Webseite (https://…).", examples=["https://www.kassel.de/"]
    )
    booking: WebUrl | None = Field(
        default=None, description="Online-Terminbuchung (https://…).", examples=["https://www.kassel.de/termine"]
    )
    hours: OpeningHours | None = Field(
        default=None,
        description="Öffnungszeiten je Wochentag (mo, di, mi, do, fr, sa, so).",
        examples=[{"mo": ["08:00-12:00", "13:00-16:00"], "fr": ["07:30-12:00"]}],
    )
    exceptions: list[HoursException] = Field(
        default=[],
        description="Abweichende Tage (Feiertage, Schließtage).",
        examples=[[{"date": "2026-12-24", "closed": True, "note": "Heiligabend"}]],
    )
    accessibility: Markdown | None = Field(
        default=None,
        description="Barrierefreiheit des Gebäudes: Zugang, Aufzug, WC, Parkplätze (Markdown).",
        examples=["Stufenloser Eingang an der Rückseite, Aufzug zu allen Etagen, barrierefreies WC im Erdgeschoss."],
    )
    transit: str | None = Field(
        default=None, description="Anfahrt mit Bus und Bahn.", examples=["Tram 1, 3, 4, 5, 6, 8: Haltestelle Rathaus"]
    )
    payment_methods: list[PaymentMethod] = Field(
        default=[], description="Wie man vor Ort bezahlen kann.", examples=[["bar", "girocard"]]
    )
    example: bool = Field(
        default=False,
        description="true, wenn Anschrift und Kontaktdaten Beispieldaten sind, die noch nicht geprüft wurden.",
        examples=[False],
    )
    source: ImportSource | None = Field(
        default=None,
        description="Herkunft, wenn der Eintrag importiert wurde (schreibt `rathaus import`).",
        examples=[{"system": "dldb", "id": "1063423", "updated": "2026-06-08"}],
    )
    intern: Intern | None = Field(
        default=None,
        exclude=True,
        description=_INTERN,
        examples=[
            {
                "forward_to": "Rückfragen zu laufenden Anträgen: Sachbearbeitung",
                "phones": [{"label": "Sachbearbeitung", "number": "-7787"}],
            }
        ],
    )
    reviewed: dt.date = Field(description=_REVIEWED, examples=["2026-11-25"])


class Topic(Record):
    """A Lebenslage (life situation) that groups services (file topics/<id>.yaml)."""

    model_config = described("Lebenslage", "Eine Lebenslage, die Leistungen bündelt (Datei topics/<id>.yaml).")

    id: Slug = Field(description="Kennung = Dateiname ohne .yaml = Adresse /lebenslagen/<id>/.", examples=["umzug"])
    title: Line = Field(description="Titel der Lebenslage.", examples=["Umzug"])
    summary: str = Field(
        min_length=1,
        description="Ein Satz, der die Lebenslage beschreibt.",
        examples=["Was Sie bei einem Umzug erledigen müssen."],
    )
    order: int = Field(
        default=100, description="Reihenfolge auf der Startseite (kleiner = weiter vorn).", examples=[10]
    )
    parent: Slug | None = Field(
        default=None,
        description="Übergeordnete Lebenslage (Kennung aus topics/), wenn dies ein Unterthema ist.",
        examples=["umzug"],
    )
    source: ImportSource | None = Field(
        default=None,
        description="Herkunft, wenn der Eintrag importiert wurde (schreibt `rathaus import`).",
        examples=[{"system": "dldb", "id": "1063423", "updated": "2026-06-08"}],
    )


class Service(Record):
    """A public service (Leistung) as citizens ask for it (file services/<id>.yaml).

    The fields follow the German FIM standard (LeiKa) and map onto schema.org GovernmentService.
    """

    model_config = described(
        "Leistung", "Eine Leistung der Stadt, wie Bürgerinnen und Bürger danach fragen (Datei services/<id>.yaml)."
    )

    id: Slug = Field(
        description="Kennung = Dateiname ohne .yaml = Adresse /leistungen/<id>/. Nur a–z, 0–9 und Bindestriche.",
        examples=["personalausweis-beantragen"],
    )
    title: Line = Field(
        description="Name der Leistung, wie Bürgerinnen und Bürger sie nennen.", examples=["Personalausweis beantragen"]
    )
    leika: str | None = Field(
        default=None,
        pattern=r"^[0-9]{14}$",
        description="LeiKa-Schlüssel (14 Ziffern) aus dem Leistungskatalog, falls bekannt.",
        examples=["99102013104000"],
    )
    synonyms: list[Line] = Field(
        default=[],
        description="Wörter, mit denen Menschen danach suchen. `synonyms: []`, wenn es bewusst keine gibt.",
        examples=[["Perso", "Ausweis verloren", "Personalausweis verlängern"]],
    )
    summary: str | None = Field(
        default=None,
        min_length=10,
        max_length=SUMMARY_LIMIT,
        description=f"Kurzbeschreibung in ein bis zwei Sätzen (10 bis {SUMMARY_ADVISED} Zeichen). Fehlt sie oder ist "
        "sie länger, meldet `rathaus check` eine Warnung.",
        examples=["Den Personalausweis beantragen Sie persönlich im Bürgerbüro."],
    )
    description: Markdown | None = Field(
        default=None,
        description="Ausführliche Beschreibung (Markdown: **fett**, Listen mit „- “, Absätze).",
        examples=["Der Personalausweis gilt **10 Jahre**, unter 24 Jahren 6 Jahre."],
    )
    prerequisites: list[Prerequisite] = Field(
        default=[],
        description="Voraussetzungen: je Eintrag ein Text, oder title mit explanation (Erläuterung).",
        examples=[
            [
                "Sie sind in der Stadt mit Hauptwohnsitz gemeldet.",
                {"title": "Volljährigkeit", "explanation": "Für Minderjährige beantragen die Eltern."},
            ]
        ],
    )
    documents: list[Document] = Field(
        default=[],
        description="Erforderliche Unterlagen (Checkliste). `documents: []`, wenn nichts mitzubringen ist.",
        examples=[[{"name": "Bisheriger Personalausweis"}, {"name": "Geburtsurkunde", "when": "beim ersten Ausweis"}]],
    )
    fees: list[Fee] = Field(
        default=[],
        description="Gebühren. Gebührenfrei: ein Eintrag mit `amount: 0`.",
        examples=[[{"label": "Personalausweis ab 24 Jahren", "amount": 46.00}]],
    )
    fee_basis: Link | None = Field(
        default=None,
        description="Rechtsgrundlage der Gebühren (Gebührenordnung).",
        examples=[{"title": "§ 1 PAuswGebV", "url": "https://www.gesetze-im-internet.de/pauswgebv/__1.html"}],
    )
    deadlines: list[str] = Field(
        default=[], description="Fristen.", examples=[["Innerhalb von 2 Wochen nach dem Einzug."]]
    )
    processing_time: str | None = Field(default=None, description="Bearbeitungsdauer.", examples=["3 bis 4 Wochen"])
    procedure: list[str] = Field(
        default=[],
        description="Ablauf in Schritten, ein Schritt je Eintrag.",
        examples=[["Termin buchen.", "Im Bürgerbüro vorsprechen.", "Ausweis abholen."]],
    )
    online_service: OnlineService | None = Field(
        default=None,
        description="Online-Dienst, falls vorhanden.",
        examples=[{"url": "https://www.kassel.de/", "label": "Jetzt online anmelden"}],
    )
    appointment: Appointment | None = Field(
        default=None,
        description="Termin: nötig, wie buchen, ohne Termin möglich?",
        examples=[{"required": True, "url": "https://www.kassel.de/termine", "walk_in": False}],
    )
    bookings: list[OfficeBooking] = Field(
        default=[],
        description="Terminbuchung je Stelle, wenn sie sich von Stelle zu Stelle unterscheidet (Link oder Hinweis).",
        examples=[[{"office": "buergeramt", "url": "https://www.kassel.de/termine/buergeramt"}]],
    )
    forms: list[Link] = Field(
        default=[],
        description="Formulare zum Herunterladen oder Ausfüllen.",
        examples=[[{"title": "Antrag auf Wohngeld", "url": "https://www.kassel.de/"}]],
    )
    legal_basis: list[Link] = Field(
        default=[],
        description="Rechtsgrundlagen.",
        examples=[[{"title": "§ 17 Bundesmeldegesetz", "url": "https://www.gesetze-im-internet.de/bmg/__17.html"}]],
    )
    links: list[Link] = Field(
        default=[],
        description="Weiterführende Informationen: Links zu Seiten mit mehr zum Thema.",
        examples=[[{"title": "Informationen zur Existenzgründung", "url": "https://www.kassel.de/"}]],
    )
    sources: list[Link] = Field(
        default=[],
        description="Quellen, aus denen Unterlagen, Gebühren und Fristen stammen.",
        examples=[[{"title": "Personalausweisportal", "url": "https://www.personalausweisportal.de/"}]],
    )
    offices: list[Slug] = Field(
        default=[],
        description="Zuständige Stellen (Kennungen aus offices/), die erste ist die Hauptstelle.",
        examples=[["buergeramt", "service-center"]],
    )
    topics: list[Slug] = Field(
        default=[], description="Lebenslagen (Kennungen aus topics/).", examples=[["ausweise-und-dokumente"]]
    )
    related: list[Slug] = Field(
        default=[],
        description="Verwandte Leistungen (Kennungen aus services/), die oft zusammen gebraucht werden.",
        examples=[["reisepass-beantragen"]],
    )
    notes: Markdown | None = Field(
        default=None, description="Weitere Hinweise (Markdown).", examples=["- **Umzug:** Die neue Anschrift …"]
    )
    task: Slug | None = Field(
        default=None,
        description="Im Verbund: Aufgabe, für die jede Kommune ihre zuständige Stelle nennt (`tasks` in "
        "municipalities/<id>.yaml), z. B. „kfz-zulassung“ oder „personalausweisbehoerde“.",
        examples=["personalausweisbehoerde"],
    )
    central_office: Slug | None = Field(
        default=None,
        description="Im Verbund: eine Stelle (offices/), die für alle Wohnorte zuständig ist – z. B. eine "
        "Bundes- oder Landesbehörde wie die Familienkasse. Keine Kommune muss dann etwas angeben.",
        examples=["familienkasse"],
    )
    faq: list[Question] = Field(
        default=[],
        description="Häufige Fragen mit Antworten; erscheinen auf der Seite und als FAQPage für Suchmaschinen.",
        examples=[[{"question": "Kann ich den Ausweis verlängern?", "answer": "Nein, Sie beantragen einen neuen."}]],
    )
    intern: Intern | None = Field(
        default=None,
        exclude=True,
        description=_INTERN,
        examples=[
            {
                "forward_to": "Rückfragen zu laufenden Anträgen: Sachbearbeitung",
                "phones": [{"label": "Sachbearbeitung", "number": "-7787"}],
            }
        ],
    )
    popular: bool = Field(
        default=False, description="Auf der Startseite unter „Häufig gesucht“ zeigen.", examples=[False]
    )
    aliases: list[Slug] = Field(
        default=[],
        description="Frühere Kennungen nach einer Umbenennung: ihre alten Adressen leiten hierher weiter.",
        examples=[["personalausweis"]],
    )
    source: ImportSource | None = Field(
        default=None,
        description="Herkunft, wenn der Eintrag importiert wurde (schreibt `rathaus import`).",
        examples=[{"system": "dldb", "id": "1063423", "updated": "2026-06-08"}],
    )
    reviewed: dt.date = Field(description=_REVIEWED, examples=["2026-11-25"])


def _models(base: type[Record]) -> list[type[Record]]:
    return [model for sub in base.__subclasses__() for model in (sub, *_models(sub))]


LONG_TEXT_FIELDS = frozenset(
    name
    for model in _models(Record)
    for name, info in model.model_fields.items()
    if Markdown in get_args(info.annotation)  # Markdown | None
    or (isinstance(info.json_schema_extra, dict) and info.json_schema_extra.get("contentMediaType") == "text/markdown")
)
"""The records' Markdown fields: long text, where a right-to-left passage may need bidi marks (load.py)."""


STATES = ("BB", "BE", "BW", "BY", "HB", "HE", "HH", "MV", "NI", "NW", "RP", "SH", "SL", "SN", "ST", "TH")
"""The Länder by their ISO 3166-2 codes, as the `holidays` package names them."""


class SiteFacts(Record):
    """What the site's settings say about the city and its editors (settings.py reads them in mkdocs.yml)."""

    city: Line = Field(description="Name der Stadt, z. B. „Kassel“.")
    demo: bool = Field(default=False, description="Zeigt auf jeder Seite den Hinweis „Beispieldaten“.")
    service_center: Slug | None = Field(
        default=None, description="Kennung der Stelle, die als Service-Center der Stadt gezeigt wird."
    )
    feedback_mail: EmailStr | None = Field(default=None, description="Adresse für „Fehler melden“.")
    review_months: int = Field(
        default=12, ge=1, description="Nach wie vielen Monaten ohne Prüfung (reviewed) ein Eintrag als veraltet gilt."
    )
    municipalities: list[Slug] = Field(
        default=[],
        description="Im Verbund: Kennungen der Kommunen (municipalities/), für die die Website Auskunft gibt. "
        "Service-Center und 115 gelten für alle.",
    )
    state: str | None = Field(
        default=None,
        pattern="^(" + "|".join(STATES) + ")$",
        description="Bundesland als Kürzel (z. B. HE für Hessen): seine Feiertage zeigen „heute geschlossen“.",
    )


class Site(SiteFacts):
    """The site as the catalogue's pages need it: the city and its editors, and the site's own addresses."""

    site_url: str | None = Field(default=None, description="Adresse der Website (für absolute Links).")
    repo_url: str | None = Field(default=None, description="Repository auf der Forge (für Bearbeiten und Melden).")
    edit_uri: str | None = Field(
        default=None, description="Pfad der Bearbeiten-Links für Einträge relativ zu repo_url, z. B. edit/main/."
    )
    settings_file: str | None = Field(
        default=None, description="Datei dieser Einstellungen (mkdocs.yml): Meldungen nennen darin die Zeile."
    )
    intern: bool = Field(
        default=False, description="Interner Bau für das Service-Center: zeigt die Felder `intern`, nicht indexierbar."
    )


class SynonymGroup(Record):
    """Words citizens type that mean something the catalogue names differently."""

    model_config = described("Synonym", "Wörter, die Menschen suchen, und wie es im Katalog heißt.")

    words: list[Line] = Field(
        min_length=1, description="Was Menschen in die Suche tippen.", examples=[["Perso", "Perso weg"]]
    )
    means: Line = Field(description="Wie es im Katalog heißt.", examples=["Personalausweis"])


class Synonyms(Record):
    """The shared synonym list of the site search (file search/synonyms.yaml), maintained by editors."""

    model_config = described("Synonyme der Suche", "Gemeinsame Synonymliste der Suche (Datei search/synonyms.yaml).")

    synonyms: list[SynonymGroup] = Field(
        default=[], description="Je Eintrag: gesuchte Wörter (words) und was sie bedeuten (means)."
    )


class LocalPart(Record):
    """What one municipality adds to a shared service description: who is responsible there and local details."""

    model_config = described(
        "Örtlicher Teil",
        "Was eine Kommune zur gemeinsamen Beschreibung einer Leistung ergänzt: zuständige Stelle und Örtliches.",
    )

    offices: list[Slug] = Field(
        default=[],
        description="Zuständige Stellen für diesen Wohnort (Kennungen aus offices/): eigene Stellen der Kommune "
        "oder Stellen des Landkreises, Landes oder Bundes. Leer: es gilt die Regel aus `tasks`.",
        examples=[["buergerbuero-baunatal"]],
    )
    fees: list[Fee] = Field(
        default=[],
        description="Örtlich festgelegte Gebühren; sie ersetzen die Gebühren der gemeinsamen Beschreibung.",
        examples=[[{"label": "Hundesteuer für den ersten Hund (jährlich)", "amount": 60}]],
    )
    online_service: OnlineService | None = Field(
        default=None,
        description="Online-Dienst dieses Wohnorts; ersetzt den der gemeinsamen Beschreibung.",
        examples=[{"url": "https://www.baunatal.de/", "label": "Online beantragen"}],
    )
    appointment: Appointment | None = Field(
        default=None,
        description="Terminvergabe an diesem Wohnort; ersetzt die der gemeinsamen Beschreibung.",
        examples=[{"required": True, "url": "https://www.baunatal.de/termine"}],
    )
    notes: Markdown | None = Field(
        default=None,
        description="Örtliche Hinweise (Markdown); erscheinen zusätzlich zu den gemeinsamen Hinweisen.",
        examples=["Fotos macht das Bürgerbüro vor Ort."],
    )


class Municipality(Record):
    """A municipality the site answers for, with its local parts (file municipalities/<id>.yaml).

    Everything one municipality's editors maintain lives here, so an edit for one municipality touches one file.
    """

    model_config = described(
        "Kommune",
        "Eine Stadt oder Gemeinde, für die die Website Auskunft gibt, mit ihren örtlichen Teilen "
        "(Datei municipalities/<id>.yaml).",
    )

    id: Slug = Field(description="Kennung = Dateiname ohne .yaml = Adresse /kommunen/<id>/.", examples=["baunatal"])
    name: Line = Field(description="Name der Kommune, wie Menschen ihn schreiben.", examples=["Baunatal"])
    kind: Literal["kreisfreie-stadt", "stadt", "gemeinde"] = Field(
        description="„kreisfreie-stadt“, „stadt“ (kreisangehörige Stadt) oder „gemeinde“.", examples=["stadt"]
    )
    ags: str | None = Field(
        default=None,
        pattern=r"^[0-9]{8}$",
        description="Amtlicher Gemeindeschlüssel (8 Ziffern), nur wenn aus einer genannten Quelle geprüft.",
        examples=["06633003"],
    )
    ars: str | None = Field(
        default=None,
        pattern=r"^[0-9]{12}$",
        description="Amtlicher Regionalschlüssel (12 Ziffern), nur wenn aus einer genannten Quelle geprüft.",
        examples=["066330003003"],
    )
    key_source: Link | None = Field(
        default=None,
        description="Quelle, aus der AGS/ARS geprüft wurden.",
        examples=[{"title": "Gemeindeverzeichnis (Destatis)", "url": "https://www.destatis.de/"}],
    )
    district: Line | None = Field(
        default=None,
        description="Landkreis, zu dem die Kommune gehört; leer bei kreisfreien Städten.",
        examples=["Landkreis Kassel"],
    )
    postal_codes: list[Annotated[str, Field(pattern=r"^[0-9]{5}$")]] = Field(
        min_length=1,
        description="Postleitzahlen der Kommune (je 5 Ziffern); die Ortswahl findet die Kommune auch darüber.",
        examples=[["34225"]],
    )
    website: WebUrl | None = Field(
        default=None, description="Website der Kommune (https://…).", examples=["https://www.baunatal.de/"]
    )
    example: bool = Field(
        default=False,
        description="true, solange Angaben und Kontaktdaten dieser Kommune Beispieldaten sind.",
        examples=[True],
    )
    tasks: dict[Slug, Slug] = Field(
        default={},
        description="Zuständigkeitsregeln: je Aufgabe (`task` einer Leistung) die zuständige Stelle für diesen "
        "Wohnort, z. B. `kfz-zulassung: kfz-zulassung-landkreis-kassel`.",
        examples=[{"personalausweisbehoerde": "buergerbuero-baunatal"}],
    )
    services: dict[Slug, LocalPart] = Field(
        default={},
        description="Örtliche Teile je Leistung (Kennung aus services/): zuständige Stelle, Gebühren, "
        "Online-Dienst, Termin und Hinweise, die nur hier gelten.",
        examples=[{"hundesteuer-anmelden": {"offices": ["rathaus-baunatal"]}}],
    )
    reviewed: dt.date = Field(description=_REVIEWED, examples=["2026-11-25"])
