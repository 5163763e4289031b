"""Programs read the catalogue: JSON-LD on the pages, the JSON API with its schemas, llms.txt, stable addresses."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup
from extruct.jsonld import JsonLdExtractor

from rathaus.catalogue import build_catalogue
from rathaus.models import Site
from rathaus.outputs.exports import (
    OFFICE_SECTIONS,
    SERVICE_SECTIONS,
    OfficesDocument,
    ServiceEntry,
    ServicesDocument,
    TopicsDocument,
)

from .conftest import REPO, copy_project, mkdocs_build

SCHEMA_ORG = "https://schema.org/"
LEIKA = "99123456789012"
SHARED_LEIKA = "99000000000002"
ATTACK = "</script><script>alert(1)</script>"

COMPLETE_SERVICE = f"""\
id: alles-drin
title: Alles drin beantragen
leika: "{SHARED_LEIKA}"
synonyms: [Vollständig]
summary: Eine Leistung, in der jedes Feld gesetzt ist.
description: Eine **ausführliche** Beschreibung.
prerequisites:
  - Sie wohnen in Teststadt.
  - title: Sie sind volljährig.
    explanation: Für Kinder beantragen die **Eltern**.
documents:
  - name: Ausweis
    note: gültig
    when: immer
fees:
  - label: Grundgebühr
    amount: 10.00
    amount_max: 50.00
  - label: Nach Aufwand
    note: je angefangene Viertelstunde 12 Euro
fee_basis:
  title: Gebührensatzung
  url: https://teststadt.example/satzung
deadlines: [innerhalb von zwei Wochen]
processing_time: sofort
procedure: [Antrag stellen, Gebühr zahlen]
online_service:
  url: https://online.teststadt.example/alles
  label: Jetzt online beantragen
  requires: BundID-Konto
appointment:
  required: true
  url: https://termine.teststadt.example/
  phone: 0561 787-4040
  walk_in: true
  note: Termine sind knapp.
bookings:
  - office: stadtreiniger
    url: https://termine.teststadt.example/stadtreiniger
    note: Nur vormittags.
forms:
  - title: Antragsformular
    url: https://teststadt.example/antrag.pdf
links:
  - title: Mehr zum Thema
    url: https://teststadt.example/mehr
related: [sperrmuell]
legal_basis:
  - title: § 1 Testgesetz
    url: https://teststadt.example/gesetz
sources:
  - title: Testquelle
    url: https://teststadt.example/quelle
offices: [buergeramt-mitte, stadtreiniger]
topics: [umzug, ausweise]
notes: Bitte **pünktlich** kommen.
faq:
  - question: Geht das auch schneller?
    answer: Nur **online**.
reviewed: 2025-03-04
"""


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def soup_of(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup(read(site, f"{url}index.html"), "html.parser")


def base_url(site: Path) -> str:
    """The site's own address, as its start page declares it."""
    return soup_of(site, "").find("link", rel="canonical")["href"]


def json_ld(site: Path, url: str) -> list[dict]:
    """The JSON-LD items of a built page, read by extruct as a search engine would."""
    return JsonLdExtractor().extract(read(site, f"{url}index.html"), base_url=base_url(site) + url)


def the_item(site: Path, url: str, kind: str) -> dict:
    """The one item of type `kind` on a page; a service page may also carry its questions as a FAQPage."""
    items = [item for item in json_ld(site, url) if (item["@type"] == "FAQPage") == (kind == "FAQPage")]
    assert [item["@type"] for item in items] == [kind], url
    assert items[0]["@context"].rstrip("/") + "/" == SCHEMA_ORG
    return items[0]


def local_file(site: Path, base: str, url: str) -> Path:
    """Where an absolute link into the site lives in the built folder."""
    assert url.startswith(base), url
    path = site / url.removeprefix(base)
    return path / "index.html" if url.endswith("/") else path


def demo_catalogue():
    return build_catalogue(REPO, Site(city="Kassel", service_center="service-center"))


def check_office(data: dict, office, base: str) -> None:
    """A GovernmentOffice as it must appear on the office page and as a provider."""
    assert data["@type"] == "GovernmentOffice"
    assert data["name"] == office.name
    assert data["url"] == f"{base}dienststellen/{office.id}/"
    if office.address:
        assert data["address"] == {
            "@type": "PostalAddress",
            "streetAddress": office.address.street,
            "postalCode": office.address.postal_code,
            "addressLocality": office.address.city,
            "addressCountry": "DE",
        }
    if office.phone:
        assert re.fullmatch(r"\+49\d+|115", data["telephone"]), data["telephone"]
    if office.email:
        assert data["email"] == office.email
    if office.hours:
        ranges = sum(len(getattr(office.hours, day)) for day in ("mo", "di", "mi", "do", "fr", "sa", "so"))
        specs = data.get("openingHoursSpecification", [])
        assert len(specs) == ranges
        for spec in specs:
            assert spec["@type"] == "OpeningHoursSpecification"
            assert spec["dayOfWeek"].startswith(SCHEMA_ORG)
            assert re.fullmatch(r"\d\d:\d\d", spec["opens"]) and re.fullmatch(r"\d\d:\d\d", spec["closes"])


# JSON-LD ------------------------------------------------------------------------------------------------


def test_every_demo_service_page_describes_a_government_service(demo_site):
    catalogue = demo_catalogue()
    base = base_url(demo_site)
    assert len(catalogue.services) >= 30
    for service in catalogue.services.values():
        url = f"leistungen/{service.id}/"
        data = the_item(demo_site, url, "GovernmentService")
        assert data["url"] == base + url
        assert data["name"] == service.title
        assert data["description"] == service.summary
        assert data["serviceType"] == ([t.title for t in catalogue.topics_of(service)] or service.title)
        # The demo is a Verbund: each local page names its municipality (test_verbund.py), the shared page none.
        assert "areaServed" not in data
        offices = catalogue.offices_of(service)
        check_office(data["provider"], offices[0], base)
        channels = {c["@id"].removeprefix(base + url): c for c in data["availableChannel"]}
        expected = {f"#kanal-vor-ort-{o.id}" for o in offices} | {"#kanal-115", "#kanal-service-center"}
        if service.online_service:
            expected.add("#kanal-online")
            assert channels["#kanal-online"]["serviceUrl"] == service.online_service.url
        assert set(channels) == expected, service.id
        assert all(c["@type"] == "ServiceChannel" for c in channels.values())
        assert channels["#kanal-115"]["servicePhone"]["telephone"] == "115"
        assert channels["#kanal-service-center"]["name"] == "Service-Center der Stadt Kassel"
        for office in offices:
            check_office(channels[f"#kanal-vor-ort-{office.id}"]["serviceLocation"], office, base)
        assert len(data.get("offers", [])) == len(service.fees)


def test_every_demo_office_page_describes_a_government_office(demo_site):
    catalogue = demo_catalogue()
    base = base_url(demo_site)
    for office in catalogue.offices.values():
        data = the_item(demo_site, f"dienststellen/{office.id}/", "GovernmentOffice")
        check_office(data, office, base)
    with_hours = [o for o in catalogue.offices.values() if o.hours]
    assert with_hours, "the demo should have offices with opening hours"


def test_start_page_offers_a_site_search(demo_site):
    base = base_url(demo_site)
    data = the_item(demo_site, "", "WebSite")
    assert data["url"] == base
    assert data["name"] == "Digitales Rathaus Kassel"
    action = data["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == base + "suche/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"


@pytest.fixture(scope="module")
def rich_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test project plus a service with every field, LeiKa keys, distinct review dates and a full office."""
    project = copy_project(tmp_path_factory.mktemp("rich") / "project")
    (project / "services/alles-drin.yaml").write_text(COMPLETE_SERVICE, encoding="utf-8")
    edits = {
        "services/personalausweis.yaml": [("reviewed: 2026-11-01", f'leika: "{LEIKA}"\nreviewed: 2024-02-03')],
        "services/wohnsitz-anmelden.yaml": [("reviewed: 2026-11-01", f'leika: "{SHARED_LEIKA}"\nreviewed: 2026-11-01')],
        "offices/buergeramt-mitte.yaml": [
            (
                "reviewed: 2026-11-01",
                "transit: Straßenbahn bis Rathaus\naccessibility: Stufenloser Zugang\n"
                "exceptions:\n  - date: 2026-12-24\n    note: Heiligabend\n"
                "geo: {lat: 51.3127, lon: 9.4797}\nreviewed: 2025-06-07",
            )
        ],
    }
    for name, replacements in edits.items():
        path = project / name
        text = path.read_text(encoding="utf-8")
        for old, new in replacements:
            assert old in text
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    site = project.parent / "site"
    result = mkdocs_build(project, site, "--strict")
    assert result.code == 0, result.err
    return site


def test_service_with_every_field_has_complete_json_ld(rich_site):
    data = the_item(rich_site, "leistungen/alles-drin/", "GovernmentService")
    assert data["identifier"] == {"@type": "PropertyValue", "propertyID": "LeiKa", "value": SHARED_LEIKA}
    assert data["serviceType"] == ["Umzug", "Ausweise und Dokumente"]
    assert data["alternateName"] == ["Vollständig"]
    assert data["offers"] == [
        {
            "@type": "Offer",
            "name": "Grundgebühr",
            "priceSpecification": {
                "@type": "PriceSpecification",
                "minPrice": "10.00",
                "maxPrice": "50.00",
                "priceCurrency": "EUR",
            },
        },
        {"@type": "Offer", "name": "Nach Aufwand", "description": "je angefangene Viertelstunde 12 Euro"},
    ]
    provider = data["provider"]
    assert provider["geo"] == {"@type": "GeoCoordinates", "latitude": 51.3127, "longitude": 9.4797}
    assert provider["paymentAccepted"] == "Bargeld, Girocard (EC-Karte)"
    assert provider["specialOpeningHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "validFrom": "2026-12-24",
            "validThrough": "2026-12-24",
            "opens": "00:00",
            "closes": "00:00",
            "description": "Heiligabend",
        }
    ]
    online = [c for c in data["availableChannel"] if c["@id"].endswith("#kanal-online")]
    assert online == [
        {
            "@type": "ServiceChannel",
            "@id": "https://rathaus.test/leistungen/alles-drin/#kanal-online",
            "name": "Jetzt online beantragen",
            "description": "BundID-Konto",
            "serviceUrl": "https://online.teststadt.example/alles",
        }
    ]
    center = next(c for c in data["availableChannel"] if c["@id"].endswith("#kanal-service-center"))
    assert center["servicePhone"]["telephone"] == "+495617874040"
    assert center["servicePhone"]["email"] == "buergeramt@teststadt.example"
    assert len(center["servicePhone"]["hoursAvailable"]) == 5


def test_service_with_questions_has_a_faq_page_beside_its_government_service(rich_site):
    assert [item["@type"] for item in json_ld(rich_site, "leistungen/alles-drin/")] == ["GovernmentService", "FAQPage"]
    data = the_item(rich_site, "leistungen/alles-drin/", "FAQPage")
    assert data["@id"] == "https://rathaus.test/leistungen/alles-drin/#fragen"
    assert data["about"] == {"@id": "https://rathaus.test/leistungen/alles-drin/#leistung"}
    assert data["mainEntity"] == [
        {
            "@type": "Question",
            "name": "Geht das auch schneller?",
            "acceptedAnswer": {"@type": "Answer", "text": "<p>Nur <strong>online</strong>.</p>\n"},
        }
    ]
    assert [item["@type"] for item in json_ld(rich_site, "leistungen/sperrmuell/")] == ["GovernmentService"]


# Stable addresses --------------------------------------------------------------------------------------


def test_leika_address_redirects_to_the_service(rich_site, serve, browser_page):
    soup = soup_of(rich_site, f"leika/{LEIKA}/")
    assert soup.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=../../leistungen/personalausweis/"
    assert soup.find("link", rel="canonical")["href"] == "https://rathaus.test/leistungen/personalausweis/"
    link = soup.select_one("main a")
    assert (link["href"], link.get_text()) == ("../../leistungen/personalausweis/", "Personalausweis beantragen")
    base = serve(rich_site)
    browser_page.goto(f"{base}leika/{LEIKA}/")
    browser_page.wait_for_url("**/leistungen/personalausweis/")
    assert browser_page.get_by_role("heading", level=1).inner_text() == "Personalausweis beantragen"


def test_leika_key_shared_by_two_services_lets_the_visitor_choose(rich_site):
    soup = soup_of(rich_site, f"leika/{SHARED_LEIKA}/")
    assert soup.find("meta", attrs={"http-equiv": "refresh"}) is None
    assert [a.get_text() for a in soup.select("main a")] == ["Alles drin beantragen", "Wohnsitz anmelden"]
    assert not (rich_site / "leika" / "99999999999999").exists()


def test_sitemap_lastmod_is_the_review_date(rich_site):
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.fromstring(read(rich_site, "sitemap.xml"))
    lastmod = {u.findtext("s:loc", namespaces=namespace): u.findtext("s:lastmod", namespaces=namespace) for u in root}
    assert lastmod["https://rathaus.test/leistungen/personalausweis/"] == "2024-02-03"
    assert lastmod["https://rathaus.test/leistungen/alles-drin/"] == "2025-03-04"
    assert lastmod["https://rathaus.test/leistungen/wohnsitz-anmelden/"] == "2026-11-01"
    assert lastmod["https://rathaus.test/dienststellen/buergeramt-mitte/"] == "2025-06-07"
    # A topic page changes when one of its services does: it takes the newest of them.
    assert lastmod["https://rathaus.test/lebenslagen/ausweise/"] == "2025-03-04"
    assert lastmod["https://rathaus.test/api/"] == "2026-11-01"


def test_section_anchors_on_the_pages_are_exactly_those_listed_on_api(rich_site):
    article = soup_of(rich_site, "leistungen/alles-drin/").select_one("article.rh-service")
    labels = {element["aria-labelledby"] for element in article.select("[aria-labelledby]")}
    anchors = {element["id"] for element in article.select("[id]")} - labels
    assert anchors == set(SERVICE_SECTIONS)
    content = soup_of(rich_site, "dienststellen/buergeramt-mitte/").select_one(".md-content")
    assert {s["id"] for s in content.select("section[id]")} - labels == set(OFFICE_SECTIONS)
    api = soup_of(rich_site, "api/")
    listed = [code.get_text() for code in api.select("#sprungmarken td:first-child code")]
    assert listed == [f"#{a}" for a in SERVICE_SECTIONS] + [f"#{a}" for a in OFFICE_SECTIONS]


def test_api_page_is_linked_from_every_page_and_its_links_resolve(rich_site):
    assert soup_of(rich_site, "leistungen/").select_one(".rh-footer a[href='../api/']")
    api = soup_of(rich_site, "api/")
    links = [a["href"] for a in api.select(".md-content a[href]") if not a["href"].startswith(("#", "https:"))]
    assert "v1/services.json" in links and f"../leika/{SHARED_LEIKA}/" in links
    for href in links:
        target = (rich_site / "api" / href).resolve()
        assert (target / "index.html" if href.endswith("/") else target).is_file(), href


# JSON API ----------------------------------------------------------------------------------------------


def validator(site: Path, name: str) -> jsonschema.Validator:
    schema = json.loads(read(site, f"api/v1/schema/{name}.schema.json"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_json_exports_validate_against_their_schemas_and_load_back_into_the_models(demo_site):
    catalogue = demo_catalogue()
    services_text = read(demo_site, "api/v1/services.json")
    validator(demo_site, "services").validate(json.loads(services_text))
    services = ServicesDocument.model_validate_json(services_text)
    assert [e.service.id for e in services.services] == [s.id for _, g in catalogue.services_a_to_z for s in g]
    single = validator(demo_site, "service")
    for entry in services.services:
        service = entry.service
        assert service == catalogue.services[service.id]
        assert [o.office for o in entry.offices] == catalogue.offices_of(service)
        assert [t.topic for t in entry.topics] == catalogue.topics_of(service)
        assert local_file(demo_site, services.site.url, entry.url).is_file()
        assert local_file(demo_site, services.site.url, entry.markdown_url).is_file()
        text = local_file(demo_site, services.site.url, entry.api_url).read_text(encoding="utf-8")
        single.validate(json.loads(text))
        assert ServiceEntry.model_validate_json(text) == entry

    offices_text = read(demo_site, "api/v1/offices.json")
    validator(demo_site, "offices").validate(json.loads(offices_text))
    offices = OfficesDocument.model_validate_json(offices_text)
    assert {o.office.id: o.office for o in offices.offices} == catalogue.offices
    listing = {o.office.id: [s.id for s in o.services] for o in offices.offices}
    assert listing["buergeramt"] == [s.id for s in catalogue.services_by_office["buergeramt"]]

    topics_text = read(demo_site, "api/v1/topics.json")
    validator(demo_site, "topics").validate(json.loads(topics_text))
    topics = TopicsDocument.model_validate_json(topics_text)
    assert [t.topic for t in topics.topics] == catalogue.topics_ordered
    assert all(t.services for t in topics.topics)


def test_schemas_reject_what_the_models_reject(demo_site):
    document = json.loads(read(demo_site, "api/v1/services.json"))
    check = validator(demo_site, "services")
    document["services"][0]["service"]["colour"] = "blau"
    with pytest.raises(jsonschema.ValidationError, match="colour"):
        check.validate(document)
    del document["services"][0]["service"]["colour"]
    del document["services"][1]["service"]["title"]
    with pytest.raises(jsonschema.ValidationError, match="title"):
        check.validate(document)
    document["services"][1]["service"]["title"] = "Wieder da"
    document["services"][2]["offices"][0]["office"]["email"] = "keine adresse"
    with pytest.raises(jsonschema.ValidationError, match="email"):
        check.validate(document)


# Markdown and llms.txt ---------------------------------------------------------------------------------


def markdown_links(text: str) -> list[tuple[str, str]]:
    return re.findall(r"\[((?:[^\]\\]|\\.)*)\]\(([^)\s]+)\)", text)


def test_llms_txt_follows_the_convention_and_every_link_is_in_the_site(demo_site):
    base = base_url(demo_site)
    text = read(demo_site, "llms.txt")
    lines = text.splitlines()
    assert lines[0] == "# Digitales Rathaus Kassel"
    assert lines[1] == "" and lines[2].startswith("> ")
    assert [line for line in lines if line.startswith("## ")] == [
        "## Leistungen",
        "## Lebenslagen",
        "## Wohnorte",
        "## Dienststellen",
        "## Daten",
        "## Optional",
    ]
    links = [url for _, url in markdown_links(text)]
    assert len(links) > 60
    for url in links:
        assert local_file(demo_site, base, url).is_file(), url
    section = text.split("\n## Leistungen\n")[1].split("\n## ")[0]
    listed = [url for _, url in markdown_links(section)]
    services = sorted(p.stem for p in (REPO / "services").glob("*.yaml"))
    assert sorted(listed) == sorted(f"{base}leistungen/{s}/index.md" for s in services)


def test_service_markdown_carries_the_facts_of_the_record(rich_site):
    text = read(rich_site, "leistungen/personalausweis/index.md")
    assert text.startswith("# Personalausweis beantragen\n\n> Den Personalausweis beantragen Sie persönlich")
    assert "<https://rathaus.test/leistungen/personalausweis/>" in text
    assert f"LeiKa-Schlüssel {LEIKA}" in text
    assert "## Unterlagen\n\n- Bisheriger Ausweis\n- Biometrisches Passfoto: Digital im Bürgeramt erstellt\n" in text
    assert "- Ab 24 Jahren: 46,00\u00a0€\n- Unter 24 Jahren: 27,60\u00a0€\n" in text
    assert "[Mehr zum Online-Ausweis](https://www.personalausweisportal.de/)" in text
    assert "- Anschrift: Obere Königsstraße 8, 34117 Teststadt" in text
    assert "Montag 08:00–12:00 Uhr, 13:00–16:00 Uhr; Dienstag 08:00–12:00 Uhr" in text
    assert "Behördennummer 115" in text
    assert "\n\n\n" not in text
    full = read(rich_site, "llms-full.txt")
    for service in ("alles-drin", "personalausweis", "sperrmuell", "wohnsitz-anmelden"):
        assert read(rich_site, f"leistungen/{service}/index.md") in full
    complete = read(rich_site, "leistungen/alles-drin/index.md")
    headings = [line.removeprefix("## ") for line in complete.splitlines() if line.startswith("## ")]
    assert headings == [title for title, _ in SERVICE_SECTIONS.values()] + ["Fragen?"]


# Bad input ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def attacked_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test project with a script-closing string in a title, summary, description and office name."""
    project = copy_project(tmp_path_factory.mktemp("attack") / "project")
    path = project / "services/wohnsitz-anmelden.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("title: Wohnsitz anmelden", f"title: 'Wohnsitz {ATTACK}'")
    text = text.replace("summary: Melden Sie", f"summary: '{ATTACK} Melden Sie' # ")
    text = text.replace("Die Anmeldung ist **gebührenfrei**.", f"Die Anmeldung ist **gebührenfrei**. {ATTACK}")
    text = text.replace("reviewed: 2026-11-01", f'leika: "{LEIKA}"\npopular: true\nreviewed: 2026-11-01')
    path.write_text(text, encoding="utf-8")
    office = project / "offices/buergeramt-mitte.yaml"
    office.write_text(
        office.read_text(encoding="utf-8").replace("name: Bürgeramt Mitte", f"name: 'Bürgeramt {ATTACK}'"),
        encoding="utf-8",
    )
    site = project.parent / "site"
    result = mkdocs_build(project, site, "--strict")
    assert result.code == 0, result.err
    return site


def test_script_in_record_text_cannot_break_out_of_json_ld_or_anywhere_else(attacked_site):
    pages = sorted(attacked_site.rglob("*.html"))
    assert len(pages) > 15
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html, page
        for script in BeautifulSoup(html, "html.parser").find_all("script"):
            assert "alert" not in script.get_text() or script.get("type") == "application/ld+json", page
    data = the_item(attacked_site, "leistungen/wohnsitz-anmelden/", "GovernmentService")
    assert data["name"] == f"Wohnsitz {ATTACK}"
    assert data["description"].startswith(ATTACK)
    assert data["provider"]["name"] == f"Bürgeramt {ATTACK}"
    office = the_item(attacked_site, "dienststellen/buergeramt-mitte/", "GovernmentOffice")
    assert office["name"] == f"Bürgeramt {ATTACK}"
    assert soup_of(attacked_site, f"leika/{LEIKA}/").select_one("main a").get_text() == f"Wohnsitz {ATTACK}"
    markdown = read(attacked_site, "leistungen/wohnsitz-anmelden/index.md")
    assert "<script" not in markdown and "&lt;script>alert(1)&lt;/script>" in markdown


def test_script_in_record_text_fires_no_dialog_in_a_browser(attacked_site, serve, browser_page):
    dialogs: list[str] = []
    browser_page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    base = serve(attacked_site)
    browser_page.goto(base)
    browser_page.evaluate("alert('probe')")
    assert dialogs == ["probe"], "the dialog listener must see an alert"
    for url in ["", "leistungen/", "lebenslagen/umzug/", "dienststellen/buergeramt-mitte/", "api/", f"leika/{LEIKA}/"]:
        browser_page.goto(base + url)
        browser_page.wait_for_load_state("load")
    browser_page.wait_for_url("**/leistungen/wohnsitz-anmelden/")
    assert browser_page.get_by_role("heading", level=1).inner_text() == f"Wohnsitz {ATTACK}"
    assert dialogs == ["probe"]


def test_content_file_in_the_way_of_an_export_stops_the_build(project, tmp_path):
    (project / "content/llms.txt").write_text("# von Hand\n", encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.code == 1
    assert "content/ enthält Dateien, die erzeugt werden: llms.txt" in result.err


URL_ATTACK = "https://x.example/)<script>alert(2)</script>"
HOSTILE_LINKS = (
    "[Antrag](javascript:alert(3)) [Bild](data:text/html;base64,PHNjcmlwdD5hbGVydCg0KTwvc2NyaXB0Pg==) "
    "[VB](VBScript:msgbox(5)) [Kodiert](&#106;avascript:alert(6)) ![Pixel](https://tracker.example/p.png) "
    "[Verweis][boese]\n\n[boese]: javascript:alert(7)\n"
)


@pytest.fixture(scope="module")
def markdown_attack_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A service whose URLs end the Markdown link early and whose description links to scripts."""
    project = copy_project(tmp_path_factory.mktemp("markdown-attack") / "project")
    urls = [f"{URL_ATTACK}{n}" for n in range(6)]
    service = project / "services/wohnsitz-anmelden.yaml"
    text = service.read_text(encoding="utf-8").replace(
        "reviewed: 2026-11-01",
        f"forms: [{{title: Formular, url: '{urls[0]}'}}]\n"
        f"legal_basis: [{{title: Gesetz, url: '{urls[1]}'}}]\n"
        f"sources: [{{title: Quelle, url: '{urls[2]}'}}]\n"
        f"fee_basis: {{title: Satzung, url: '{urls[3]}'}}\n"
        f"online_service: {{url: '{urls[4]}'}}\n"
        f"appointment: {{url: '{urls[5]}'}}\n"
        f"notes: {json.dumps(HOSTILE_LINKS)}\n"
        "faq: [{question: 'Frage [x](javascript:alert(8))', answer: '[Antwort](javascript:alert(9))'}]\n"
        "reviewed: 2026-11-01",
    )
    text = text.replace("Die Anmeldung ist **gebührenfrei**.", "Siehe [Amt](https://www.teststadt.example/).")
    service.write_text(text, encoding="utf-8")
    office = project / "offices/buergeramt-mitte.yaml"
    office.write_text(
        office.read_text(encoding="utf-8").replace(
            "booking: https://termine.teststadt.example/buergeramt", f"booking: '{URL_ATTACK}>'"
        ),
        encoding="utf-8",
    )
    site = project.parent / "site"
    result = mkdocs_build(project, site, "--strict")
    assert result.code == 0, result.err
    return site


def test_markdown_and_text_copies_hold_no_script_and_no_script_link(markdown_attack_site):
    import cmarkgfm
    from cmarkgfm.cmark import Options

    copies = [*markdown_attack_site.rglob("*.md"), *markdown_attack_site.rglob("*.txt")]
    assert {"llms.txt", "llms-full.txt", "index.md"} <= {path.name for path in copies}
    for path in copies:
        text = path.read_text(encoding="utf-8")
        assert "<script" not in text, path
        rendered = cmarkgfm.markdown_to_html_with_extensions(text, Options.CMARK_OPT_UNSAFE, ["autolink", "table"])
        soup = BeautifulSoup(rendered, "html.parser")
        assert soup.find("script") is None and soup.find("img") is None, path
        for link in soup.find_all("a"):
            assert link["href"].startswith(("https://", "mailto:", "tel:")), (path, link)
    markdown = read(markdown_attack_site, "leistungen/wohnsitz-anmelden/index.md")
    assert "[Formular](https://x.example/%29%3Cscript%3Ealert%282%29%3C/script%3E0)" in markdown
    assert "Siehe [Amt](https://www.teststadt.example/)." in markdown  # a harmless text keeps its links
    assert "\\[Antrag\\](javascript:alert(3))" in markdown  # a hostile one shows as written
