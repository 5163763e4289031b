"""Pages that scale with real catalogues: many locations, same-named offices, long words, fees in words, A–Z."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import Locator

from .browser_checks import sideways_overflow
from .conftest import mkdocs_build

DISTRICTS = ["Pankow", "Mitte", "Spandau", "Neukölln", "Lichtenberg", "Reinickendorf"]
LONG_WORD = "Grundstücksverkehrsgenehmigungszuständigkeitsübertragungsverordnungsänderungsbescheid"
LONG_URL = "https://service.teststadt.example/dokumente/" + "formular-" * 12 + "antrag.pdf"


def write(project: Path, folder: str, record: dict) -> None:
    text = yaml.safe_dump(record, allow_unicode=True, sort_keys=False)
    (project / folder / f"{record['id']}.yaml").write_text(text, encoding="utf-8")


def office(office_id: str, name: str, district: str | None, street: str) -> dict:
    record = {
        "id": office_id,
        "name": name,
        "address": {"street": street, "postal_code": "10115", "city": "Teststadt"},
        "phone": "030 9018-0",
        "email": f"{office_id}@teststadt.example",
        "hours": {"mo": ["08:00-12:00"]},
        "example": True,
        "reviewed": "2026-11-01",
    }
    if district:
        record["authority"] = {"name": f"Bezirksamt {district}", "unit": "Amt für Bürgerdienste"}
    return record


@pytest.fixture
def many(project: Path) -> Path:
    """The tiny project plus a service offered at 14 places: twelve Bürgerämter in six districts (two each) and
    two offices called "Vermessung" in two districts, and a service with long words and fees in words. The site's
    stylesheet is on, as in the repository's mkdocs.yml."""
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "extra_css:\n  - assets/rathaus.css\n", encoding="utf-8")
    ids = []
    for index in range(12):
        district = DISTRICTS[index % 6]
        office_id = f"buergeramt-{index + 1}"
        write(project, "offices", office(office_id, f"Bürgeramt {index + 1}", district, f"Hauptstraße {index + 1}"))
        ids.append(office_id)
    for district in ("Pankow", "Spandau"):
        office_id = f"vermessung-{district.lower()}"
        write(project, "offices", office(office_id, "Vermessung", district, "Am Markt 1"))
        ids.append(office_id)
    write(
        project,
        "services",
        {
            "id": "wohnung-anmelden",
            "title": "Anmeldung einer Wohnung",
            "summary": "Wer in eine Wohnung zieht, meldet sich innerhalb von zwei Wochen an.",
            "documents": [{"name": "Wohnungsgeberbestätigung"}],
            "fees": [{"label": "Anmeldung", "amount": 0}],
            "synonyms": ["Ummelden"],
            "offices": ids,
            "bookings": [{"office": o, "url": f"https://termine.teststadt.example/{o}"} for o in ids],
            "reviewed": "2026-11-01",
        },
    )
    write(
        project,
        "services",
        {
            "id": "grundstueck",
            "title": f"{LONG_WORD} beantragen",
            "summary": f"Den {LONG_WORD} beantragen Eigentümerinnen und Eigentümer.",
            "documents": [{"name": f"{LONG_WORD}sunterlagen"}, {"name": f"Formular {LONG_URL}"}],
            "fees": [
                {"label": "Gebühr", "note": f"Je nach Wert {LONG_WORD}: 13 Euro bis 2.000 Euro; " * 4},
                {"label": "Auslagen", "note": "Nach Aufwand"},
            ],
            "synonyms": [],
            "forms": [{"title": LONG_URL, "url": LONG_URL}],
            "offices": ["buergeramt-mitte"],
            "reviewed": "2026-11-01",
        },
    )
    return project


@pytest.fixture
def many_site(many: Path, tmp_path: Path) -> Path:
    result = mkdocs_build(many, tmp_path / "site", "--strict")
    assert result.code == 0, result.err
    return tmp_path / "site"


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def text(element) -> str:
    return " ".join(element.get_text(" ").split())


def test_a_service_at_many_places_shows_one_card_and_the_others_compact_by_authority(many_site: Path) -> None:
    where = soup(many_site, "leistungen/wohnung-anmelden").select_one("#zustaendig")
    assert len(where.select(".rh-office")) == 1  # the first office in full
    assert where.select_one(".rh-office h3").get_text(strip=True) == "Bürgeramt 1"
    entries = where.select(".rh-locations__list > li")
    assert len(entries) == 13
    assert text(where.select_one("#weitere-stellen")) == "13 weitere Stellen"
    # Grouped by authority, in German order; each entry: name → office page, address, this service's booking.
    headings = [text(h) for h in where.select(".rh-locations h4")]
    assert headings == sorted(headings) and len(headings) == 6
    assert headings[0] == "Bezirksamt Lichtenberg, Amt für Bürgerdienste"
    first = entries[0]
    assert first.a["href"] == "../../dienststellen/buergeramt-5/"
    assert text(first.select_one(".rh-locations__address")) == "Hauptstraße 5, 10115 Teststadt"
    booking = first.select_one(".rh-locations__booking a")
    assert booking["href"] == "https://termine.teststadt.example/buergeramt-5"
    assert text(booking) == "Termin buchen bei Bürgeramt 5"  # "bei …" for screen readers only
    # The phone all of them share is said once, not thirteen times; no opening hours in the compact list.
    assert text(where).count("030 9018-0") == 2  # the card and the shared line
    assert "Telefon für alle: 030 9018-0" in text(where)
    assert not where.select(".rh-locations table")
    # The Termin section points to the offices instead of repeating fourteen links.
    termin = soup(many_site, "leistungen/wohnung-anmelden").select_one("#termin")
    assert [a["href"] for a in termin.select("a")] == ["#zustaendig"]


def test_a_service_at_a_few_places_shows_each_in_full(many: Path, tmp_path: Path) -> None:
    path = many / "services" / "wohnung-anmelden.yaml"
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    record["offices"], record["bookings"] = record["offices"][:3], record["bookings"][:3]
    write(many, "services", record)
    assert mkdocs_build(many, tmp_path / "site").code == 0
    where = soup(tmp_path / "site", "leistungen/wohnung-anmelden").select_one("#zustaendig")
    assert len(where.select(".rh-office")) == 3
    assert len(where.select(".rh-office table.rh-hours")) == 3
    assert not where.select(".rh-locations")


def test_same_named_offices_are_told_apart_everywhere_they_are_named(many_site: Path) -> None:
    expected = [f"Vermessung (Bezirksamt {d}, Amt für Bürgerdienste)" for d in ("Pankow", "Spandau")]
    where = soup(many_site, "leistungen/wohnung-anmelden")
    named = [text(a) for a in where.select(".rh-locations__list > li > a") if "Vermessung" in text(a)]
    assert sorted(named) == expected
    listing = [text(a) for a in soup(many_site, "dienststellen").select(".rh-list a") if "Vermessung" in text(a)]
    assert sorted(listing) == expected
    page = soup(many_site, "dienststellen/vermessung-pankow")
    assert text(page.h1) == expected[0]
    assert page.title.get_text().startswith(expected[0])
    assert text(soup(many_site, "dienststellen/buergeramt-1").h1) == "Bürgeramt 1"  # unique names stay as they are


def test_same_named_offices_of_one_authority_are_told_apart_by_address(many: Path, tmp_path: Path) -> None:
    for district, street in (("Pankow", "Am Markt 1"), ("Spandau", "Breite Straße 9")):
        record = office(f"vermessung-{district.lower()}", "Vermessung", "Mitte", street)
        write(many, "offices", record)
    assert mkdocs_build(many, tmp_path / "site").code == 0
    names = [text(a) for a in soup(tmp_path / "site", "dienststellen").select(".rh-list a")]
    assert "Vermessung (Am Markt 1, 10115 Teststadt)" in names
    assert "Vermessung (Breite Straße 9, 10115 Teststadt)" in names


def test_fees_in_words_are_a_list_and_amounts_a_table(many_site: Path) -> None:
    words = soup(many_site, "leistungen/grundstueck").select_one("#kosten")
    assert not words.select("table")
    assert [text(dt) for dt in words.select("dl.rh-fee-list dt")] == ["Gebühr", "Auslagen"]
    assert text(words.select("dl.rh-fee-list dd")[1]) == "Nach Aufwand"
    amounts = soup(many_site, "leistungen/wohnung-anmelden").select_one("#kosten")
    assert [text(th) for th in amounts.select("table.rh-fees th")] == ["Wofür", "Betrag", "Anmeldung"]
    assert "gebührenfrei" in text(amounts)


def test_a_to_z_lists_titles_without_summaries(many_site: Path) -> None:
    page = soup(many_site, "leistungen")
    entries = page.select("ul.rh-list--titles > li")
    assert len(entries) == 5
    assert "Personalausweis beantragen" in [text(li.a) for li in entries]
    assert not page.select(".rh-list__summary")
    assert "Wer in eine Wohnung zieht" not in text(page)


def lines_of(element: Locator) -> int:
    """On how many lines the browser sets an element's text."""
    return element.evaluate(
        """e => { const r = document.createRange(); r.selectNodeContents(e);
                  return Math.round(r.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight)); }"""
    )


@pytest.mark.parametrize("url", ["leistungen/grundstueck/", "leistungen/wohnung-anmelden/", "leistungen/"])
def test_long_words_and_links_wrap_on_a_320_pixel_screen(url: str, many_site: Path, serve, browser) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="de-DE")
    page = context.new_page()
    page.goto(serve(many_site) + url)
    assert sideways_overflow(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    if url == "leistungen/grundstueck/":
        # The fee's label keeps a line of its own: "Gebühr" is one line high, never "Ge/büh/r".
        labels = page.locator(".rh-fee-list dt")
        assert labels.count() == 2
        assert all(lines_of(label) == 1 for label in labels.all())
    context.close()


def test_a_long_note_does_not_squeeze_the_label_of_a_priced_fee(many: Path, tmp_path: Path, serve, browser) -> None:
    path = many / "services" / "grundstueck.yaml"
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    record["fees"] = [{"label": "Gebühr", "amount": 13, "note": f"Bei {LONG_WORD} mehr. " * 6}]
    write(many, "services", record)
    assert mkdocs_build(many, tmp_path / "site").code == 0
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="de-DE")
    page = context.new_page()
    page.goto(serve(tmp_path / "site") + "leistungen/grundstueck/")
    assert lines_of(page.locator("table.rh-fees tbody th").first) == 1, "Wofür-Spalte zusammengedrückt"
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()
