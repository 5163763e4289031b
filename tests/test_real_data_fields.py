"""The fields real catalogues need: each one from the YAML onto the page, into the JSON API, JSON-LD where
schema.org has a property, and the editors' JSON Schema; and the limits widened where real data differs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from .conftest import REPO, copy_project, mkdocs_build, rathaus

LONG_DOCUMENT = "Nachweis " + "über die Ausbildung und die bisherige Tätigkeit im Beruf, " * 7  # 400+ characters
SERVICE_ADDITIONS = """\
prerequisites:
  - Hauptwohnsitz in Teststadt
  - title: Deutsche Staatsangehörigkeit
    explanation: Ausländische Staatsangehörige beantragen einen **Aufenthaltstitel**.
bookings:
  - office: buergeramt-mitte
    url: https://termine.teststadt.example/buergeramt/ausweis
    note: Termine für Ausweise nur vormittags.
links:
  - title: Informationen des Bundes zum Ausweis
    url: http://www.personalausweisportal.de/
related: [wohnsitz-anmelden]
source:
  system: dldb
  id: "1063423"
  updated: 2026-06-08
"""
OFFICE_ADDITIONS = """\
authority:
  name: Stadtverwaltung Teststadt
  unit: Ordnungsamt
  url: https://teststadt.example/verwaltung
phones:
  - label: Terminvereinbarung
    number: 0561 787-4141
fax: 0561 787-4099
contact_form: https://teststadt.example/kontakt/buergeramt
"""


def add(path: Path, text: str) -> None:
    """Add fields to a record: before its review date, or at the end of a topic (which has none)."""
    record = path.read_text(encoding="utf-8")
    record = record.replace("reviewed:", text + "reviewed:", 1) if "reviewed:" in record else record + text
    path.write_text(record, encoding="utf-8")


@pytest.fixture(scope="module")
def real_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test project with every new field set once, a long document name and an http:// link."""
    project = copy_project(tmp_path_factory.mktemp("real") / "project")
    service = project / "services/personalausweis.yaml"
    add(service, SERVICE_ADDITIONS)
    text = service.read_text(encoding="utf-8").replace("- name: Bisheriger Ausweis", f"- name: {LONG_DOCUMENT}")
    service.write_text(text, encoding="utf-8")
    add(project / "offices/buergeramt-mitte.yaml", OFFICE_ADDITIONS)
    add(project / "topics/ausweise.yaml", "parent: umzug\n")
    return project


@pytest.fixture(scope="module")
def real_site(real_project: Path) -> Path:
    site = real_project.parent / "site"
    result = mkdocs_build(real_project, site, "--strict")
    assert result.code == 0, result.err
    return site


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def api(site: Path, name: str) -> Any:
    return json.loads((site / "api/v1" / name).read_text(encoding="utf-8"))


def json_ld(soup: BeautifulSoup) -> dict[str, Any]:
    return json.loads(soup.select_one('script[type="application/ld+json"]').string)


def office_entry(site: Path) -> dict[str, Any]:
    return next(o["office"] for o in api(site, "offices.json")["offices"] if o["office"]["id"] == "buergeramt-mitte")


def schema_property(kind: str, *path: str) -> dict[str, Any]:
    """A property of the committed editors' schema, following $refs through nested sections."""
    document = json.loads((REPO / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    part = document
    for name in path:
        prop = part["properties"][name]
        part = prop
        for ref in [
            prop.get("$ref"),
            *(o.get("$ref") for o in prop.get("anyOf", [])),
            prop.get("items", {}).get("$ref"),
        ]:
            if ref:
                part = {**document["$defs"][ref.split("/")[-1]], **{k: v for k, v in prop.items() if k != "$ref"}}
    return part


def test_check_passes_and_warns_about_http_with_the_https_suggestion(real_project: Path) -> None:
    result = rathaus("check", cwd=real_project)
    assert result.code == 0, result.out
    line = next(n for n, text in enumerate(real_project.joinpath("services/personalausweis.yaml").open(), 1)
                if "http://www.personalausweisportal.de/" in text)  # fmt: skip
    assert (
        f"services/personalausweis.yaml:{line}:10: links[0].url: Warnung: unverschlüsselter Link "
        "http://www.personalausweisportal.de/; bitte https://www.personalausweisportal.de/ verwenden"
    ) in result.out


def test_prerequisites_with_explanation(real_site: Path) -> None:
    items = page(real_site, "leistungen/personalausweis").select("#voraussetzungen li")
    assert [li.contents[0].strip() for li in items] == ["Hauptwohnsitz in Teststadt", "Deutsche Staatsangehörigkeit"]
    assert items[1].select_one(".rh-note strong").get_text() == "Aufenthaltstitel"
    service = api(real_site, "services/personalausweis.json")["service"]
    assert service["prerequisites"] == [
        "Hauptwohnsitz in Teststadt",  # a plain line stays a line in the API
        {
            "title": "Deutsche Staatsangehörigkeit",
            "explanation": "Ausländische Staatsangehörige beantragen einen **Aufenthaltstitel**.",
        },
    ]
    schema = json.loads((REPO / "schema/service.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["prerequisites"]["items"] == {"$ref": "#/$defs/Prerequisite"}
    line, item = schema["$defs"]["Prerequisite"]["anyOf"]  # a plain line stays valid
    assert line["type"] == "string"
    assert item["properties"]["explanation"]["description"] == "Erläuterung der Voraussetzung (Markdown)."


def test_per_office_booking(real_site: Path) -> None:
    soup = page(real_site, "leistungen/personalausweis")
    link = soup.select_one("#termin .rh-bookings a")
    assert link["href"] == "https://termine.teststadt.example/buergeramt/ausweis"
    assert link.get_text() == "Termin buchen: Bürgeramt Mitte"
    assert "Termine für Ausweise nur vormittags." in soup.select_one("#termin .rh-bookings").get_text()
    service = api(real_site, "services/personalausweis.json")["service"]
    assert service["bookings"] == [
        {
            "office": "buergeramt-mitte",
            "url": "https://termine.teststadt.example/buergeramt/ausweis",
            "note": "Termine für Ausweise nur vormittags.",
        }
    ]
    channel = next(c for c in json_ld(soup)["availableChannel"] if c["@id"].endswith("#kanal-vor-ort-buergeramt-mitte"))
    assert channel["serviceUrl"] == "https://termine.teststadt.example/buergeramt/ausweis"
    assert channel["description"] == "Termine für Ausweise nur vormittags."
    assert schema_property("service", "bookings")["description"].startswith("Terminbuchung je Stelle")


def test_further_information_links(real_site: Path) -> None:
    link = page(real_site, "leistungen/personalausweis").select_one("#weitere-informationen a")
    assert (link["href"], link.get_text()) == (
        "http://www.personalausweisportal.de/",
        "Informationen des Bundes zum Ausweis",
    )
    service = api(real_site, "services/personalausweis.json")["service"]
    assert service["links"] == [
        {"title": "Informationen des Bundes zum Ausweis", "url": "http://www.personalausweisportal.de/"}
    ]
    markdown = (real_site / "leistungen/personalausweis/index.md").read_text(encoding="utf-8")
    assert "## Weiterführende Informationen" in markdown
    assert schema_property("service", "links")["description"].startswith("Weiterführende Informationen")


def test_related_services(real_site: Path) -> None:
    soup = page(real_site, "leistungen/personalausweis")
    link = soup.select_one("#verwandt a")
    assert (link["href"], link.get_text()) == ("../wohnsitz-anmelden/", "Wohnsitz anmelden")
    assert api(real_site, "services/personalausweis.json")["service"]["related"] == ["wohnsitz-anmelden"]
    assert json_ld(soup)["isRelatedTo"] == [
        {
            "@type": "GovernmentService",
            "@id": "https://rathaus.test/leistungen/wohnsitz-anmelden/#leistung",
            "name": "Wohnsitz anmelden",
        }
    ]
    assert schema_property("service", "related")["items"]["pattern"]


def test_import_source(real_site: Path) -> None:
    service = api(real_site, "services/personalausweis.json")["service"]
    assert service["source"] == {"system": "dldb", "id": "1063423", "updated": "2026-06-08", "fingerprint": None}
    assert schema_property("service", "source", "id")["description"] == "Kennung des Eintrags im Quellsystem."


def test_authority_of_an_office(real_site: Path) -> None:
    for url in ("dienststellen/buergeramt-mitte", "leistungen/personalausweis"):
        contact = page(real_site, url).select_one(".rh-contact")
        assert "Stadtverwaltung Teststadt, Ordnungsamt" in contact.get_text(), url
    assert office_entry(real_site)["authority"] == {
        "name": "Stadtverwaltung Teststadt",
        "unit": "Ordnungsamt",
        "url": "https://teststadt.example/verwaltung",
    }
    office = json_ld(page(real_site, "dienststellen/buergeramt-mitte"))
    assert office["parentOrganization"] == {
        "@type": "GovernmentOrganization",
        "name": "Stadtverwaltung Teststadt, Ordnungsamt",
        "url": "https://teststadt.example/verwaltung",
    }
    assert schema_property("office", "authority", "unit")["description"].startswith("Organisationseinheit")


def test_several_labelled_phone_numbers_fax_and_contact_form(real_site: Path) -> None:
    contact = page(real_site, "dienststellen/buergeramt-mitte").select_one(".rh-contact")
    terms = [dt.get_text() for dt in contact.select("dt")]
    assert {"Terminvereinbarung", "Fax", "Kontaktformular"} <= set(terms)
    assert contact.select_one('a[href="tel:+495617874141"]').get_text() == "0561 787-4141"
    assert "0561 787-4099" in contact.get_text()
    assert contact.select_one('a[href="https://teststadt.example/kontakt/buergeramt"]')
    office = office_entry(real_site)
    assert office["phones"] == [{"label": "Terminvereinbarung", "number": "0561 787-4141"}]
    assert office["fax"] == "0561 787-4099"
    assert office["contact_form"] == "https://teststadt.example/kontakt/buergeramt"
    linked = json_ld(page(real_site, "dienststellen/buergeramt-mitte"))
    assert linked["faxNumber"] == "+495617874099"
    assert linked["contactPoint"] == [
        {"@type": "ContactPoint", "contactType": "Terminvereinbarung", "telephone": "+495617874141"},
        {
            "@type": "ContactPoint",
            "contactType": "Kontaktformular",
            "url": "https://teststadt.example/kontakt/buergeramt",
        },
    ]
    for field in ("phones", "fax", "contact_form"):
        assert schema_property("office", field)["description"], field


def test_topic_parent(real_site: Path) -> None:
    child = page(real_site, "lebenslagen/ausweise")
    assert child.select_one(".rh-parent a")["href"] == "../umzug/"
    parent = page(real_site, "lebenslagen/umzug")
    assert [a.get_text() for a in parent.select(".rh-subtopics a")] == ["Ausweise und Dokumente"]
    topic = next(t["topic"] for t in api(real_site, "topics.json")["topics"] if t["topic"]["id"] == "ausweise")
    assert topic["parent"] == "umzug"
    assert schema_property("topic", "parent")["description"].startswith("Übergeordnete Lebenslage")


def test_long_document_names_of_real_data_pass(real_site: Path) -> None:
    assert len(LONG_DOCUMENT) > 300
    names = [d.get_text() for d in page(real_site, "leistungen/personalausweis").select(".rh-doc")]
    assert LONG_DOCUMENT.strip() in names


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "topics: [ausweise]",
            "topics: [ausweise]\nrelated: [reisepass]",
            "services/personalausweis.yaml:18:11: related[0]: unbekannte Leistung „reisepass“",
            id="unknown-related",
        ),
        pytest.param(
            "topics: [ausweise]",
            "topics: [ausweise]\nbookings:\n  - office: stadtreiniger\n    note: x",
            "services/personalausweis.yaml:19:13: bookings[0].office: Stelle „stadtreiniger“ steht nicht unter "
            "offices dieser Leistung",
            id="booking-elsewhere",
        ),
        pytest.param(
            "topics: [ausweise]",
            "topics: [ausweise]\nlinks:\n  - title: Skript\n    url: javascript:alert(1)",
            "services/personalausweis.yaml:20:10: links[0].url: Link muss mit https:// beginnen",
            id="script-link",
        ),
    ],
)
def test_new_fields_are_checked(project: Path, old: str, new: str, expected: str) -> None:
    path = project / "services/personalausweis.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    result = rathaus("check", cwd=project)
    assert result.code == 1
    assert expected in result.out, result.out


def test_topic_parent_must_exist_and_not_loop(project: Path) -> None:
    add(project / "topics/ausweise.yaml", "parent: umzug\n")
    add(project / "topics/umzug.yaml", "parent: ausweise\n")
    result = rathaus("check", cwd=project)
    assert result.code == 1
    assert "topics/ausweise.yaml:6:9: parent: Kreis:" in result.out, result.out


def test_new_service_gets_a_short_readable_id(project: Path) -> None:
    title = "Beantragung oder Abholung einer neuen Zulassungsbescheinigung Teil II nach Verlust oder Diebstahl"
    result = rathaus("new", "service", title, cwd=project)
    assert result.code == 0, result.err
    assert (project / "services/beantragung-abholung-neuen-zulassungsbescheinigung.yaml").is_file()
    assert rathaus("check", cwd=project).code == 0
