"""A synthetic catalogue of N services with realistic German text, valid against the schema.

Used by the benchmarks (and by anyone who needs a big catalogue): `write_project(target, n)` writes
services/, offices/, topics/, a few hand-written pages in content/ and a mkdocs.yml that inherits the
repository's mkdocs.yml (same theme, plugins and Markdown extensions) with custom_dir pointing at the
repository's theme/. `write_plain_project(target, n)` writes the same content as Markdown pages for plain
mkdocs-material, the baseline the benchmarks compare against.

Service number i is the same record whatever N is (its text depends only on the seed and i), so a service
page can be compared across catalogue sizes.

    python benchmarks/synth.py 1000 /tmp/rathaus-1000        # then: mkdocs build -f /tmp/rathaus-1000/mkdocs.yml
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
from dataclasses import dataclass
from itertools import product
from pathlib import Path
from typing import Any

import yaml
from slugify import slugify

REPO = Path(__file__).resolve().parent.parent
GERMAN = [["Ä", "Ae"], ["Ö", "Oe"], ["Ü", "Ue"], ["ä", "ae"], ["ö", "oe"], ["ü", "ue"], ["ß", "ss"]]

OBJECTS = [
    "Anwohnerparkausweis", "Aufenthaltserlaubnis", "Ausnahmegenehmigung für Lieferverkehr", "Baugenehmigung",
    "Bauvorbescheid", "Abrissgenehmigung", "Befreiung von der Kita-Gebühr", "Behindertenparkausweis",
    "Bescheinigung über die Wohnungsgröße", "Bewohnerparkausweis", "Blindengeld", "Briefwahlunterlagen",
    "Bürgergeld-Zuschuss für Schulbedarf", "Denkmalschutzgenehmigung", "Elterngeld", "Erlaubnis für Sondernutzung",
    "Fahrerlaubnis zur Fahrgastbeförderung", "Fällgenehmigung für Bäume", "Feuerwerk-Erlaubnis", "Fischereischein",
    "Führungszeugnis", "Fundsache", "Gaststättenerlaubnis", "Gewerbeanmeldung", "Gewerbeauskunft",
    "Grundsteuerbescheid", "Hundesteuer", "Hausnummer", "Jagdschein", "Kindergeld-Bescheinigung", "Kita-Platz",
    "Kfz-Kennzeichen", "Kurkarte", "Lebensbescheinigung", "Leichenpass", "Marktstand", "Meldebescheinigung",
    "Musikschulplatz", "Namensänderung", "Parkerleichterung", "Pflegewohngeld", "Plakatierungserlaubnis",
    "Reisegewerbekarte", "Sammlungserlaubnis", "Schankerlaubnis", "Schülerbeförderung", "Schwerbehindertenausweis",
    "Sondernutzung für Außengastronomie", "Sperrzeitverkürzung", "Spielhallenerlaubnis", "Sportplatznutzung",
    "Straßenreinigungsgebühr", "Taxikonzession", "Tierhaltungserlaubnis", "Unterhaltsvorschuss",
    "Veranstaltungsgenehmigung", "Verdienstausfallentschädigung", "Waffenbesitzkarte", "Wasseranschluss",
    "Wohnberechtigungsschein", "Wohngeld", "Zweitwohnungsteuer", "Abfallbehälter", "Anliegerbescheinigung",
    "Auskunft aus dem Melderegister", "Beglaubigung von Dokumenten", "Bildungsgutschein", "Brandschutzauflage",
    "Einbürgerungszusicherung", "Eheurkunde", "Erschließungsbeitrag", "Ferienbetreuung", "Friedhofsgrabstätte",
    "Geburtsurkunde", "Grabnutzungsrecht", "Halteverbot für Umzüge", "Heizkostenzuschuss", "Hilfe zur Pflege",
    "Kampfmittelauskunft", "Lärmschutzausnahme", "Lebenspartnerschaftsurkunde", "Mietspiegelauskunft",
    "Nachlasspflegschaft", "Obdachlosenunterkunft", "Parkausweis für Handwerker", "Personenbeförderungsschein",
    "Rentenantrag", "Schornsteinfegerbescheid", "Solaranlagen-Förderung", "Sterbeurkunde",
    "Stellplatzablösung", "Straßenaufbruchgenehmigung", "Urkunde aus dem Geburtenregister", "Vereinsregisterauszug",
    "Vorkaufsrechtsverzichtserklärung", "Wohnungsgeberbestätigung", "Zuschuss für Dachbegrünung",
]  # fmt: skip
ACTIONS = [
    "beantragen", "verlängern", "ändern", "abmelden", "anmelden", "ersetzen lassen", "zurückgeben", "übertragen",
    "prüfen lassen", "widerrufen", "vorzeitig beenden", "neu ausstellen lassen",
]  # fmt: skip
QUALIFIERS = [
    "", "für Unternehmen", "für Minderjährige", "für Vereine", "im Eilverfahren", "für Menschen mit Behinderung",
    "als Zweitschrift", "für Studierende", "für Seniorinnen und Senioren", "aus dem Ausland",
]  # fmt: skip
TOPICS = [
    ("Umzug", "Wohnsitz anmelden, Parkausweis umschreiben und alles, was nach dem Einzug zu erledigen ist."),
    ("Geburt", "Geburtsurkunde, Elterngeld, Kindergeld und die ersten Dokumente für Ihr Kind."),
    ("Heirat und Partnerschaft", "Eheschließung anmelden, Namensänderung und Urkunden."),
    ("Todesfall", "Sterbefall anzeigen, Bestattung, Grabstätte und Nachlass."),
    ("Auto und Verkehr", "Zulassung, Kennzeichen, Führerschein, Parken und Sondergenehmigungen."),
    ("Bauen und Wohnen", "Baugenehmigung, Wohngeld, Wohnberechtigungsschein und Mietspiegel."),
    ("Arbeit und Beruf", "Bescheinigungen, Führungszeugnis und Anerkennung von Abschlüssen."),
    ("Gewerbe und Wirtschaft", "Gewerbe anmelden, Erlaubnisse für Gaststätten, Märkte und Reisegewerbe."),
    ("Schule und Ausbildung", "Schülerbeförderung, Bildungsgutschein und Zuschüsse für Schulbedarf."),
    ("Kinderbetreuung", "Kita-Platz, Ferienbetreuung und Befreiung von Gebühren."),
    ("Pflege", "Hilfe zur Pflege, Pflegewohngeld und Beratung für Angehörige."),
    ("Rente und Alter", "Rentenantrag, Grundsicherung und Angebote für Seniorinnen und Senioren."),
    ("Gesundheit", "Gesundheitsamt, Belehrungen, Impfungen und Bescheinigungen."),
    ("Haustiere", "Hundesteuer, Tierhaltung und Fundtiere."),
    ("Abfall und Sauberkeit", "Mülltonnen, Sperrmüll, Straßenreinigung und Wertstoffhöfe."),
    ("Steuern und Abgaben", "Grundsteuer, Zweitwohnungsteuer, Hundesteuer und Gebührenbescheide."),
    ("Ausweise und Dokumente", "Personalausweis, Reisepass, Beglaubigungen und Bescheinigungen."),
    ("Einbürgerung", "Staatsangehörigkeit, Einbürgerungszusicherung und Urkunden."),
    ("Leben in Deutschland", "Aufenthaltstitel, Verpflichtungserklärung und Integrationskurse."),
    ("Ehrenamt und Vereine", "Vereinsregister, Sammlungserlaubnis und Ehrenamtskarte."),
    ("Kultur und Freizeit", "Musikschule, Bibliothek, Museen und Volkshochschule."),
    ("Sport", "Sportplatznutzung, Vereinsförderung und Schwimmbäder."),
    ("Veranstaltungen", "Genehmigungen für Feste, Märkte, Umzüge und Feuerwerk."),
    ("Umwelt und Klima", "Baumfällung, Solarförderung, Dachbegrünung und Lärmschutz."),
    ("Wahlen", "Briefwahl, Wahlhelfer und Wählerverzeichnis."),
    ("Soziale Hilfen", "Bürgergeld-Zuschüsse, Heizkostenzuschuss und Unterkunft in Notlagen."),
    ("Behinderung", "Schwerbehindertenausweis, Parkerleichterung und Blindengeld."),
    ("Sicherheit und Ordnung", "Waffenrecht, Kampfmittelauskunft und Fundsachen."),
    ("Gastronomie", "Gaststättenerlaubnis, Außengastronomie und Sperrzeiten."),
    ("Friedhof und Bestattung", "Grabnutzungsrecht, Friedhofsgrabstätte und Leichenpass."),
]
DISTRICTS = [
    "Mitte", "Nord-Holland", "Wehlheiden", "Bad Wilhelmshöhe", "Brasselsberg", "Süsterfeld", "Kirchditmold",
    "Rothenditmold", "Fasanenhof", "Wesertor", "Wolfsanger", "Bettenhausen", "Forstfeld", "Waldau",
    "Niederzwehren", "Oberzwehren", "Nordshausen", "Jungfernkopf", "Unterneustadt", "Philippinenhof",
    "Harleshausen", "Vorderer Westen", "Südstadt", "Marbachshöhe",
]  # fmt: skip
DEPARTMENTS = [
    ("Bürgeramt", "amt", "Ausweise, Meldeangelegenheiten, Beglaubigungen und Bescheinigungen."),
    ("Ordnungsamt", "amt", "Genehmigungen, Sondernutzungen, Veranstaltungen und Fundsachen."),
    ("Straßenverkehrsamt", "amt", "Fahrzeugzulassung, Führerscheine und Parkausweise."),
    ("Standesamt", "amt", "Geburten, Eheschließungen, Sterbefälle und Urkunden."),
    ("Sozialamt", "amt", "Wohngeld, Grundsicherung, Hilfe zur Pflege und weitere Hilfen."),
    ("Jugendamt", "amt", "Kita-Plätze, Unterhaltsvorschuss, Beratung für Familien."),
    ("Bauaufsicht", "amt", "Baugenehmigungen, Abrisse, Denkmalschutz und Stellplätze."),
    ("Steueramt", "amt", "Grundsteuer, Hundesteuer, Zweitwohnungsteuer und Abgaben."),
    ("Umwelt- und Gartenamt", "amt", "Baumschutz, Förderprogramme, Friedhöfe und Grünflächen."),
    ("Gesundheitsamt", "amt", "Belehrungen, Gutachten, Impfberatung und Hygiene."),
    ("Stadtreiniger", "partner", "Müllabfuhr, Sperrmüll, Straßenreinigung und Wertstoffhöfe."),
    ("Volkshochschule", "partner", "Kurse, Integrationskurse und Bildungsberatung."),
    ("Musikschule", "partner", "Instrumentalunterricht und Ensembles für alle Altersgruppen."),
]  # fmt: skip
STREETS = [
    "Obere Königsstraße", "Kurt-Schumacher-Straße", "Friedrich-Ebert-Straße", "Wilhelmshöher Allee",
    "Frankfurter Straße", "Holländische Straße", "Leipziger Straße", "Wolfhager Straße", "Ständeplatz",
    "Werner-Hilpert-Straße", "Rudolf-Schwander-Straße", "Karthäuserstraße", "Bahnhofsplatz",
]  # fmt: skip
DOCUMENTS = [
    ("Gültiger Personalausweis oder Reisepass", "Bei Minderjährigen auch der Ausweis der Eltern.", None),
    ("Aktuelles biometrisches Passfoto", "Nicht älter als sechs Monate.", None),
    ("Meldebescheinigung", "Erhalten Sie im Bürgeramt oder online.", "wenn Sie nicht in der Stadt gemeldet sind"),
    ("Vollmacht", "Formlos, mit Unterschrift der vertretenen Person.", "wenn jemand anderes den Antrag stellt"),
    ("Geburtsurkunde", "Beglaubigte Abschrift aus dem Geburtenregister.", None),
    ("Nachweis über das Einkommen", "Zum Beispiel Lohnabrechnungen der letzten drei Monate.", None),
    ("Mietvertrag oder Wohnungsgeberbestätigung", None, "bei einem Umzug"),
    ("Handelsregisterauszug", "Nicht älter als drei Monate.", "bei juristischen Personen"),
    ("Lageplan im Maßstab 1:500", "Vom Vermessungsamt oder einem öffentlich bestellten Vermesser.", None),
    ("Bescheid der Krankenkasse", None, "wenn Sie eine Ermäßigung beantragen"),
    ("Zustimmung aller Sorgeberechtigten", "Schriftlich, mit Kopie der Ausweise.", "bei Kindern unter 16 Jahren"),
    ("Bisherige Urkunde oder Bescheinigung", "Auch wenn sie abgelaufen ist.", None),
    ("Nachweis der Haftpflichtversicherung", "Versicherungsschein oder Bestätigung des Versicherers.", None),
    ("Ärztliches Attest", "Im Original, nicht älter als vier Wochen.", "bei gesundheitlichen Gründen"),
    ("Übersetzung fremdsprachiger Dokumente", "Von einer in Deutschland vereidigten Übersetzerin.", None),
    ("Kontoverbindung (IBAN)", None, "wenn Geld ausgezahlt wird"),
]
PREREQUISITES = [
    "Sie sind in der Stadt mit Hauptwohnsitz gemeldet.",
    "Sie sind mindestens 18 Jahre alt oder handeln mit Zustimmung Ihrer Eltern.",
    "Sie haben die Gebühr im Voraus bezahlt.",
    "Es liegt kein Ausschlussgrund nach dem Gesetz vor.",
    "Sie kommen persönlich oder schicken eine bevollmächtigte Person.",
    "Das Grundstück liegt im Stadtgebiet.",
    "Ihr Einkommen liegt unter der gesetzlichen Grenze.",
]
PROCEDURE = [
    "Buchen Sie online oder unter der 115 einen Termin.",
    "Füllen Sie den Antrag aus und unterschreiben Sie ihn.",
    "Reichen Sie den Antrag mit allen Unterlagen ein – persönlich, per Post oder online.",
    "Die Behörde prüft Ihre Angaben und meldet sich, wenn etwas fehlt.",
    "Sie bezahlen die Gebühr bar, mit Girocard oder per Überweisung.",
    "Sie erhalten einen schriftlichen Bescheid per Post.",
    "Sie holen das Dokument ab oder bekommen es zugeschickt.",
]
LAWS = [
    ("Verwaltungsverfahrensgesetz (VwVfG)", "vwvfg"),
    ("Bundesmeldegesetz (BMG)", "bmg"),
    ("Gewerbeordnung (GewO)", "gewo"),
    ("Straßenverkehrsgesetz (StVG)", "stvg"),
    ("Personenstandsgesetz (PStG)", "pstg"),
    ("Wohngeldgesetz (WoGG)", "wogg"),
    ("Aufenthaltsgesetz (AufenthG)", "aufenthg_2004"),
    ("Zwölftes Buch Sozialgesetzbuch (SGB XII)", "sgb_12"),
    ("Gaststättengesetz (GastG)", "gastg"),
    ("Waffengesetz (WaffG)", "waffg_2002"),
]
SENTENCES = [
    "Sie brauchen {obj}, wenn Sie Ihr Anliegen bei der Stadt offiziell regeln möchten.",
    "Den Antrag können Sie {channel} stellen.",
    "Die zuständige Stelle prüft Ihren Antrag und entscheidet in der Regel innerhalb weniger Wochen.",
    "Bitte halten Sie alle Unterlagen vollständig bereit, damit die Bearbeitung nicht länger dauert.",
    "Besondere Regeln gelten {qual}; wir erklären sie Ihnen gern am Telefon.",
    "Die Entscheidung erhalten Sie schriftlich; sie enthält eine Rechtsbehelfsbelehrung.",
    "Haben Sie Fragen zu Ihrem Antrag, erreichen Sie das Service-Center unter der Behördennummer 115.",
    "Wenn sich Ihre Angaben ändern, teilen Sie uns das bitte sofort mit.",
    "Die Gebühr richtet sich nach dem Verwaltungsaufwand und der örtlichen Gebührensatzung.",
    "In dringenden Fällen ist eine schnellere Bearbeitung gegen einen Zuschlag möglich.",
    "Eine Vertretung durch eine bevollmächtigte Person ist möglich.",
    "Minderjährige brauchen die Zustimmung ihrer gesetzlichen Vertretung.",
]
CHANNELS = ["online, per Post oder persönlich", "nur persönlich", "schriftlich oder per E-Mail", "online im Portal"]
FIRST_SERVICE_DATE = dt.date(2026, 1, 5)


@dataclass(frozen=True)
class Sizes:
    """How many offices and Lebenslagen a catalogue of n services has: both grow with n, within limits."""

    services: int

    @property
    def offices(self) -> int:
        return max(len(DEPARTMENTS), self.services // 25)

    @property
    def topics(self) -> int:
        return min(len(TOPICS), max(8, self.services // 40))


def titles(n: int) -> list[str]:
    """n distinct service titles, the same first titles for every n."""
    combos = [(o, a, q) for q, o, a in product(QUALIFIERS, OBJECTS, ACTIONS)]
    random.Random(7).shuffle(combos)
    result = []
    for index in range(n):
        obj, action, qualifier = combos[index % len(combos)]
        round_ = index // len(combos)
        title = " ".join(part for part in (obj, qualifier, action) if part)
        result.append(f"{title} (Bezirk {round_ + 1})" if round_ else title)
    return result


def slug(text: str) -> str:
    return slugify(text, replacements=GERMAN, max_length=80, word_boundary=True)


def office_records(count: int) -> list[dict[str, Any]]:
    """The Service-Center first, then departments and partners spread over the districts."""
    records = [
        _office(
            0, "service-center", "Service-Center der Stadt", "amt", "Telefonische Auskunft zu allen Leistungen – 115."
        )
    ]
    for index in range(1, count):
        name, kind, summary = DEPARTMENTS[(index - 1) % len(DEPARTMENTS)]
        district = DISTRICTS[((index - 1) // len(DEPARTMENTS)) % len(DISTRICTS)]
        round_ = (index - 1) // (len(DEPARTMENTS) * len(DISTRICTS))
        full = f"{name} {district}" + (f" {round_ + 1}" if round_ else "")
        records.append(_office(index, slug(full), full, kind, summary))
    return records


def _office(index: int, office_id: str, name: str, kind: str, summary: str) -> dict[str, Any]:
    rng = random.Random(1000 + index)
    morning = rng.choice(["07:30-12:30", "08:00-12:00", "08:00-13:00"])
    afternoon = rng.choice(["13:30-16:00", "14:00-18:00"])
    return {
        "id": office_id,
        "name": name,
        "kind": kind,
        "summary": f"Zuständig für {summary[0].lower()}{summary[1:]}",
        "address": {
            "street": f"{rng.choice(STREETS)} {rng.randint(1, 120)}",
            "postal_code": f"{34117 + rng.randint(0, 20) * 2}",
            "city": "Kassel",
            "room": f"Erdgeschoss, Zimmer {rng.randint(1, 40)}",
        },
        "phone": f"0561 787-{1000 + index % 9000}",
        "email": f"{office_id[:40]}@kassel.example",
        "web": f"https://www.kassel.example/{office_id}",
        "booking": "https://termine.kassel.example/",
        "hours": {
            "mo": [morning, afternoon],
            "di": [morning],
            "mi": [morning],
            "do": [morning, afternoon],
            "fr": [morning],
            "note": "Einlass bis 30 Minuten vor Schluss.",
        },
        "exceptions": [{"date": dt.date(2026, 12, 24), "note": "Heiligabend"}],
        "accessibility": "- Stufenloser Zugang über den Haupteingang.\n- Aufzug in alle Etagen.\n"
        "- Barrierefreies WC im Erdgeschoss.\n",
        "transit": f"Straßenbahn bis Haltestelle „{rng.choice(DISTRICTS)}“, dann 3 Minuten zu Fuß.",
        "payment_methods": ["girocard", "bar"],
        "example": True,
        "reviewed": dt.date(2026, 11, 1),
    }


def topic_records(count: int) -> list[dict[str, Any]]:
    return [
        {"id": slug(title), "title": title, "summary": summary, "order": index * 10}
        for index, (title, summary) in enumerate(TOPICS[:count])
    ]


def service_record(index: int, title: str, offices: list[str], topics: list[str]) -> dict[str, Any]:
    """Service number `index`; its text depends only on the index, its references on the catalogue's size."""
    rng = random.Random(index)
    obj = next(o for o in OBJECTS if title.startswith(o))
    qualifier = next((q for q in QUALIFIERS[1:] if q in title), "in Sonderfällen")

    def sentences(count: int) -> str:
        return " ".join(
            s.format(obj=obj, channel=rng.choice(CHANNELS), qual=qualifier) for s in rng.sample(SENTENCES, count)
        )

    primary = offices[1 + rng.randrange(len(offices) - 1)] if len(offices) > 1 else offices[0]
    record: dict[str, Any] = {
        "id": slug(title),
        "title": title,
        "leika": f"99{rng.randrange(10**12):012d}",
        "synonyms": [obj, f"{obj} Antrag", f"{title.split()[-1]} {obj.split()[0]}"],
        "summary": f"{title}: {sentences(2)}",
        "description": f"{sentences(3)}\n\n**Wichtig:** {sentences(1)}\n\n- {sentences(1)}\n- {sentences(1)}\n",
        "prerequisites": rng.sample(PREREQUISITES, 3),
        "documents": [
            {k: v for k, v in (("name", name), ("note", note), ("when", when)) if v}
            for name, note, when in rng.sample(DOCUMENTS, rng.randint(3, 6))
        ],
        "fees": [
            {"label": f"{obj} – Grundgebühr", "amount": rng.choice([0, 10, 12.5, 25, 37, 46, 80])},
            {"label": "Zuschlag für Eilbearbeitung", "amount": 20, "amount_max": 40, "note": "Nur auf Antrag."},
        ],
        "fee_basis": {"title": "Verwaltungskostensatzung der Stadt", "url": "https://www.kassel.example/satzungen"},
        "deadlines": ["Stellen Sie den Antrag spätestens zwei Wochen vor dem gewünschten Termin."],
        "processing_time": rng.choice(["sofort", "etwa 1 Woche", "2 bis 3 Wochen", "bis zu 3 Monate"]),
        "procedure": PROCEDURE[: rng.randint(4, len(PROCEDURE))],
        "appointment": {
            "required": rng.random() < 0.6,
            "url": "https://termine.kassel.example/",
            "phone": "115",
            "walk_in": rng.random() < 0.4,
        },
        "forms": [{"title": f"Antragsformular {obj} (PDF)", "url": "https://www.kassel.example/formulare"}],
        "legal_basis": [
            {"title": f"§ {rng.randint(1, 80)} {law}", "url": f"https://www.gesetze-im-internet.de/{key}/"}
            for law, key in rng.sample(LAWS, 2)
        ],
        "sources": [{"title": "Leistungskatalog der Verwaltung (LeiKa)", "url": "https://fimportal.de/"}],
        "offices": [primary, "service-center"] if rng.random() < 0.5 else [primary],
        "topics": rng.sample(topics, 2 if len(topics) > 1 else 1),
        "notes": f"- {sentences(1)}\n- Sie haben Fragen? Rufen Sie die **115** an.\n",
        "popular": index < 10,
        "reviewed": FIRST_SERVICE_DATE + dt.timedelta(days=index % 300),
    }
    if rng.random() < 0.35:
        record["online_service"] = {
            "url": f"https://portal.kassel.example/{record['id']}",
            "label": "Jetzt online beantragen",
            "requires": "BundID-Konto oder Online-Ausweisfunktion",
        }
    return record


def catalogue(n: int) -> dict[str, list[dict[str, Any]]]:
    """All records of a synthetic catalogue of n services, as plain data."""
    sizes = Sizes(n)
    offices = office_records(sizes.offices)
    topics = topic_records(sizes.topics)
    office_ids = [o["id"] for o in offices]
    topic_ids = [t["id"] for t in topics]
    services = [service_record(i, title, office_ids, topic_ids) for i, title in enumerate(titles(n))]
    return {"services": services, "offices": offices, "topics": topics}


def service_id(index: int) -> str:
    """Id (and URL slug) of service number `index`: the same in every catalogue that has it."""
    return slug(titles(index + 1)[index])


CONTENT = {
    "115.md": "# Behördennummer 115\n\nDie 115 erreichen Sie Montag bis Freitag von 8 bis 18 Uhr. Sie beantwortet "
    "Fragen zu Leistungen der Stadt, des Landes und des Bundes.\n\nZurück zu den [Leistungen](leistungen/index.md).\n",
    "hilfe.md": "# Hilfe\n\nSo finden Sie eine Leistung: über die [Suche](leistungen/index.md), die Lebenslagen "
    "oder die Liste von A bis Z.\n",
    "impressum.md": "# Impressum\n\nStadt Kassel, Obere Königsstraße 8, 34117 Kassel (Beispieldaten).\n",
    "datenschutz.md": "# Datenschutz\n\nDiese Website setzt keine Cookies und lädt nichts von anderen Servern.\n",
    "barrierefreiheit.md": "# Barrierefreiheit\n\nDiese Website soll für alle nutzbar sein.\n",
    "leichte-sprache.md": "# Leichte Sprache\n\nHier finden Sie Informationen in Leichter Sprache.\n",
    "gebaerdensprache.md": "# Gebärdensprache\n\nDie 115 bietet ein Gebärdentelefon an.\n",
}
NAV: list[Any] = [
    {"Start": "index.md"},
    {"Leistungen A–Z": "leistungen/index.md"},
    {"Lebenslagen": "lebenslagen/index.md"},
    {"Dienststellen": "dienststellen/index.md"},
    {"Online-Dienste": "online-dienste/index.md"},
    {"Behördennummer 115": "115.md"},
    {"Hilfe": "hilfe.md"},
    {
        "Rechtliches": [
            {"Impressum": "impressum.md"},
            {"Datenschutz": "datenschutz.md"},
            {"Barrierefreiheit": "barrierefreiheit.md"},
            {"Leichte Sprache": "leichte-sprache.md"},
            {"Gebärdensprache": "gebaerdensprache.md"},
        ]
    },
]


LANDKREISE = ["Landkreis Nord", "Landkreis Süd"]
COUNTY_DEPARTMENTS = {"Straßenverkehrsamt", "Sozialamt", "Jugendamt", "Gesundheitsamt"}
"""Tasks a Landkreis does for its municipalities (vehicle registration, social benefits, …), as in Hessen."""
LOCAL_PARTS = 10
"""Services for which each municipality writes a local part (a local fee and a note)."""


def verbund(data: dict[str, list[dict[str, Any]]], count: int) -> list[str]:
    """Turn a catalogue into a Verbund of `count` municipalities, in place; return their ids in order.

    The first is the city itself: its rules name the catalogue's own offices. Every other municipality belongs
    to one of two Landkreise and has three offices of its own (Bürgerbüro, Standesamt, Rathaus); its rules send
    each service to one of them or to its Landkreis' office, by the department the service's office belongs
    to. Each service's task is its first office; each municipality writes local parts for LOCAL_PARTS services.
    """
    services, offices = data["services"], data["offices"]
    department = {o["id"]: DEPARTMENTS[(i - 1) % len(DEPARTMENTS)][0] for i, o in enumerate(offices) if i}
    for service in services:
        service["task"] = service["offices"][0]
    tasks = sorted({s["task"] for s in services})
    reviewed = dt.date(2026, 11, 1)
    county_offices = {}
    for number, county in enumerate(LANDKREISE):
        for kind in ("verkehr", "soziales"):
            office = _office(len(offices), f"kreis-{number}-{kind}", f"{county} – {kind.title()}", "amt", county)
            office["district"] = county
            offices.append(office)
            county_offices[(county, kind)] = office["id"]
    ids = ["stadt"]
    data["municipalities"] = [
        {"id": "stadt", "name": "Stadt", "kind": "kreisfreie-stadt", "postal_codes": ["34117", "34119"],
         "example": True, "tasks": {task: task for task in tasks}, "reviewed": reviewed}
    ]  # fmt: skip
    for index in range(1, count):
        own, county = f"m{index:02d}", LANDKREISE[index % len(LANDKREISE)]
        for kind, name in (("buergerbuero", "Bürgerbüro"), ("standesamt", "Standesamt"), ("rathaus", "Rathaus")):
            office = _office(len(offices), f"{kind}-{own}", f"{name} Gemeinde {index}", "amt", f"{name} {own}")
            office["municipality"] = own
            offices.append(office)
        rules = {}
        for task in tasks:
            name = department.get(task, "")
            if name in COUNTY_DEPARTMENTS:
                rules[task] = county_offices[(county, "soziales" if name != "Straßenverkehrsamt" else "verkehr")]
            elif name == "Bürgeramt":
                rules[task] = f"buergerbuero-{own}"
            elif name == "Standesamt":
                rules[task] = f"standesamt-{own}"
            else:
                rules[task] = f"rathaus-{own}"
        local = {
            services[(index * 37 + k * 101) % len(services)]["id"]: {
                "fees": [{"label": "Örtliche Gebühr", "amount": 10 + index}],
                "notes": f"In Gemeinde {index} gilt eine örtliche Satzung.",
            }
            for k in range(min(LOCAL_PARTS, len(services)))
        }
        data["municipalities"].append(
            {"id": own, "name": f"Gemeinde {index}", "kind": "gemeinde", "district": county,
             "postal_codes": [f"{35000 + index * 7:05d}"], "example": True, "tasks": rules, "services": local,
             "reviewed": reviewed}
        )  # fmt: skip
        ids.append(own)
    return ids


def write_project(target: Path, n: int, municipalities: int = 0) -> Path:
    """Write a synthetic project with n services into `target`; return its mkdocs.yml. With `municipalities`,
    the site is a Verbund that answers for that many municipalities (`verbund`).

    The mkdocs.yml inherits the repository's, so the benchmark builds with whatever theme, plugins and
    extensions the real site uses; only the plugin's settings are its own (the repository's name the demo's
    municipalities).
    """
    target.mkdir(parents=True, exist_ok=True)
    data = catalogue(n)
    places = verbund(data, municipalities) if municipalities else []
    for folder, records in data.items():
        kind = "municipality" if folder == "municipalities" else folder.removesuffix("s")
        (target / folder).mkdir(exist_ok=True)
        for record in records:
            text = yaml.dump(record, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=110)
            header = f"# yaml-language-server: $schema={REPO / 'schema' / kind}.schema.json\n"
            (target / folder / f"{record['id']}.yaml").write_text(header + text, encoding="utf-8")
    _write_content(target / "content")
    config = {
        "INHERIT": str(REPO / "mkdocs.yml"),
        "site_name": f"Synthetischer Katalog ({n} Leistungen)",
        "docs_dir": "content",
        "theme": {"custom_dir": str(REPO / "theme")},
        "plugins": [
            {"rathaus": {"city": "Kassel", "demo": True, "service_center": "service-center", "municipalities": places}}
        ],
        "nav": NAV + ([{"Wohnorte": "kommunen/index.md"}] if places else []),
    }
    path = target / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


class _Dumper(yaml.SafeDumper):
    """Writes long text as editors do: multi-line Markdown as `|` blocks."""


_Dumper.add_representer(
    str,
    lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None),
)


def _write_content(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in CONTENT.items():
        (folder / name).write_text(text, encoding="utf-8")


def write_plain_project(target: Path, n: int) -> Path:
    """Write the same catalogue as Markdown pages for plain mkdocs-material (search on); return its mkdocs.yml.

    This is the baseline: what a city gets when it writes its catalogue as one Markdown page per service.
    The navigation lists the same overview pages as ours; services are reached through them.
    """
    data = catalogue(n)
    offices = {o["id"]: o for o in data["offices"]}
    topics = {t["id"]: t for t in data["topics"]}
    services = sorted(data["services"], key=lambda s: s["title"].casefold())
    docs = target / "docs"
    _write_content(docs)
    pages: dict[str, str] = {
        "index.md": "# Digitales Rathaus\n\n"
        + "".join(f"- [{s['title']}](leistungen/{s['id']}.md)\n" for s in services if s["popular"])
        + "".join(f"- [{t['title']}](lebenslagen/{t['id']}.md)\n" for t in topics.values()),
        "leistungen/index.md": "# Leistungen A–Z\n\n" + _md_list(services, "leistungen/"),
        "lebenslagen/index.md": "# Lebenslagen\n\n"
        + "".join(f"- [{t['title']}]({t['id']}.md): {t['summary']}\n" for t in topics.values()),
        "dienststellen/index.md": "# Dienststellen\n\n"
        + "".join(f"- [{o['name']}]({o['id']}.md)\n" for o in offices.values()),
        "online-dienste/index.md": "# Online-Dienste\n\n"
        + _md_list([s for s in services if "online_service" in s], "leistungen/"),
    }
    for topic in topics.values():
        members = [s for s in services if topic["id"] in s["topics"]]
        pages[f"lebenslagen/{topic['id']}.md"] = f"# {topic['title']}\n\n{topic['summary']}\n\n" + _md_list(
            members, "../leistungen/"
        )
    for office in offices.values():
        members = [s for s in services if office["id"] in s["offices"]]
        pages[f"dienststellen/{office['id']}.md"] = (
            _md_office(office, "##") + "\n## Leistungen\n\n" + _md_list(members, "../leistungen/")
        )
    for service in services:
        pages[f"leistungen/{service['id']}.md"] = _md_service(service, offices, topics)
    for path, text in pages.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
    config = {
        "site_name": f"Plain mkdocs-material ({n} Leistungen)",
        "site_url": "https://example.org/",
        "theme": {"name": "material", "language": "de", "font": False},
        "plugins": [{"search": {"lang": "de"}}],
        "markdown_extensions": ["tables", "attr_list", {"toc": {"permalink": True}}],
        "nav": NAV,
    }
    path = target / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _md_list(services: list[dict[str, Any]], prefix: str) -> str:
    return "".join(f"- [{s['title']}]({prefix}{s['id']}.md): {s['summary']}\n" for s in services)


def _md_office(office: dict[str, Any], level: str) -> str:
    address = office["address"]
    hours = "".join(f"| {day} | {', '.join(times)} Uhr |\n" for day, times in office["hours"].items() if day != "note")
    return (
        f"#{level[:-1]} {office['name']}\n\n{office['summary']}\n\n"
        f"{address['street']}, {address['postal_code']} {address['city']} ({address['room']})  \n"
        f"Telefon: [{office['phone']}](tel:{office['phone'].replace(' ', '')})  \n"
        f"E-Mail: <{office['email']}>  \nTermin: <{office['booking']}>\n\n"
        f"| Tag | Öffnungszeiten |\n|---|---|\n{hours}\n{office['hours']['note']}\n\n"
        f"{level} Barrierefreiheit\n\n{office['accessibility']}\n{office['transit']}\n"
    )


def _md_service(s: dict[str, Any], offices: dict[str, Any], topics: dict[str, Any]) -> str:
    lines = [f"# {s['title']}\n", s["summary"] + "\n"]
    if "online_service" in s:
        online = s["online_service"]
        lines.append(f"[{online['label']}]({online['url']}){{ .md-button .md-button--primary }}\n")
    lines += ["## Beschreibung\n", s["description"], "## Voraussetzungen\n"]
    lines += [f"- {p}" for p in s["prerequisites"]] + ["", "## Unterlagen\n"]
    for d in s["documents"]:
        lines.append(f"- [ ] **{d['name']}**" + (f" – {d['when']}" if "when" in d else "") + f" {d.get('note', '')}")
    lines += ["", "## Kosten\n", "| Wofür | Betrag |", "|---|---|"]
    for f in s["fees"]:
        amount = f"{f['amount']} €" + (f" bis {f['amount_max']} €" if "amount_max" in f else "")
        lines.append(f"| {f['label']} | {amount} {f.get('note', '')} |")
    lines += ["", f"Grundlage: [{s['fee_basis']['title']}]({s['fee_basis']['url']})\n"]
    lines += ["## Dauer\n", s["processing_time"] + "\n", "## Fristen\n"] + [f"- {d}" for d in s["deadlines"]]
    lines += ["", "## Ablauf\n"] + [f"{i}. {step}" for i, step in enumerate(s["procedure"], 1)]
    lines += ["", "## Zuständige Stellen\n"] + [_md_office(offices[o], "###") for o in s["offices"]]
    lines += ["## Formulare\n"] + [f"- [{f['title']}]({f['url']})" for f in s["forms"]]
    lines += ["", "## Hinweise\n", s["notes"], "## Rechtsgrundlagen\n"]
    lines += [f"- [{link['title']}]({link['url']})" for link in s["legal_basis"]]
    lines += ["", "## Fragen?\n", "Rufen Sie die [115](tel:115) an – Montag bis Freitag 8 bis 18 Uhr.\n"]
    lines.append("Lebenslagen: " + ", ".join(f"[{topics[t]['title']}](../lebenslagen/{t}.md)" for t in s["topics"]))
    lines.append(f"\nZuletzt geprüft: {s['reviewed']:%d.%m.%Y} · LeiKa-Schlüssel {s['leika']}\n")
    return "\n".join(lines)


def scratch(need_gb: float = 6) -> Path | None:
    """Where benchmarks write projects and sites: tmpfs (/dev/shm) when it has room, else the system's temp."""
    shm = Path("/dev/shm")
    if shm.is_dir():
        stats = os.statvfs(shm)
        if stats.f_bavail * stats.f_frsize >= need_gb * 1e9:
            return shm
    return None


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic catalogue of N services.")
    parser.add_argument("n", type=int, help="number of services")
    parser.add_argument("target", type=Path, help="folder to write the project into")
    parser.add_argument("--plain", action="store_true", help="write Markdown pages for plain mkdocs-material instead")
    parser.add_argument("--municipalities", type=int, default=0, help="a Verbund of that many municipalities")
    args = parser.parse_args(argv)
    if args.plain:
        print(write_plain_project(args.target, args.n))
    else:
        print(write_project(args.target, args.n, args.municipalities))


if __name__ == "__main__":
    main()
