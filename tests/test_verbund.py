"""The Verbund: one site answers for several municipalities. What `rathaus check` reports, what each
municipality's version of a service shows, and what programs get."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import mkdocs_build, rathaus

TESTSTADT = """\
# yaml-language-server: $schema=../../../schema/municipality.schema.json
id: teststadt
name: Teststadt
kind: kreisfreie-stadt
postal_codes: ["34117", "34119"]
example: true
tasks:
  passbehoerde: buergeramt-mitte
  meldebehoerde: buergeramt-mitte
reviewed: 2026-11-01
"""
VORORT = """\
# yaml-language-server: $schema=../../../schema/municipality.schema.json
id: vorort
name: Vorort
kind: gemeinde
district: Landkreis Test
postal_codes: ["34225"]
example: true
tasks:
  passbehoerde: buergerbuero-vorort
  meldebehoerde: buergerbuero-vorort
services:
  wohnsitz-anmelden:
    notes: In Vorort melden Sie sich auch im Ortsteilbüro an.
reviewed: 2026-11-01
"""
VORORT_OFFICE = """\
id: buergerbuero-vorort
name: Bürgerbüro Vorort
municipality: vorort
phone: 0561 4992-0
example: true
reviewed: 2026-11-01
"""
KREIS_OFFICE = """\
id: kfz-landkreis-test
name: Kfz-Zulassung Landkreis Test
district: Landkreis Test
example: true
reviewed: 2026-11-01
"""


def edit(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def verbund(project: Path) -> Path:
    """The test project as a Verbund of two municipalities: Teststadt and Vorort (Landkreis Test)."""
    edit(project, "mkdocs.yml", "      service_center: buergeramt-mitte\n",
         "      service_center: buergeramt-mitte\n      municipalities: [teststadt, vorort]\n")  # fmt: skip
    (project / "municipalities").mkdir()
    (project / "municipalities/teststadt.yaml").write_text(TESTSTADT, encoding="utf-8")
    (project / "municipalities/vorort.yaml").write_text(VORORT, encoding="utf-8")
    (project / "offices/buergerbuero-vorort.yaml").write_text(VORORT_OFFICE, encoding="utf-8")
    (project / "offices/kfz-landkreis-test.yaml").write_text(KREIS_OFFICE, encoding="utf-8")
    edit(project, "offices/buergeramt-mitte.yaml", "\nname:", "\nmunicipality: teststadt\nname:")
    edit(project, "services/personalausweis.yaml", "\ntopics:", "\ntask: passbehoerde\ntopics:")
    edit(project, "services/wohnsitz-anmelden.yaml", "\ntopics:", "\ntask: meldebehoerde\ntopics:")
    edit(project, "services/sperrmuell.yaml", "\ntopics:", "\ncentral_office: stadtreiniger\ntopics:")
    return project


def test_verbund_fixture_passes_check(verbund):
    result = rathaus("check", cwd=verbund)
    assert result.code == 0, result.out + result.err


def test_demo_verbund_passes_check_with_every_municipality():
    from .conftest import REPO

    result = rathaus("check", cwd=REPO)
    assert result.code == 0, result.out
    assert "0 Fehler" in result.err
    assert "municipalities: [kassel, baunatal, niestetal, herborn]" in (REPO / "mkdocs.yml").read_text("utf-8")


BROKEN = [
    pytest.param(
        "mkdocs.yml",
        "municipalities: [teststadt, vorort]",
        "municipalities: [teststadt, vorrot]",
        "mkdocs.yml:16:35: plugins.rathaus.municipalities[1]: unbekannte Kommune „vorrot“ – meinten Sie „vorort“?",
        id="unknown-municipality-in-settings",
    ),
    pytest.param(
        "offices/buergerbuero-vorort.yaml",
        "municipality: vorort",
        "municipality: vorrt",
        "offices/buergerbuero-vorort.yaml:3:15: municipality: unbekannte Kommune „vorrt“ – meinten Sie „vorort“?",
        id="unknown-municipality-of-office",
    ),
    pytest.param(
        "municipalities/vorort.yaml",
        "  passbehoerde: buergerbuero-vorort\n",
        "",
        "municipalities/vorort.yaml:8:1: tasks: keine zuständige Stelle für „Personalausweis beantragen“ "
        "(services/personalausweis.yaml): bitte unter tasks eine Stelle für die Aufgabe „passbehoerde“ nennen",
        id="pair-without-responsible-office",
    ),
    pytest.param(
        "services/personalausweis.yaml",
        "task: passbehoerde\n",
        "",
        "services/personalausweis.yaml:2:5: id: keine zuständige Stelle in Teststadt (municipalities/teststadt.yaml)",
        id="service-without-task-or-central-office",
    ),
    pytest.param(
        "municipalities/vorort.yaml",
        "    notes: In Vorort",
        "    offices: [buergeramt-mitte]\n    notes: In Vorort",
        "municipalities/vorort.yaml:13:15: services.wohnsitz-anmelden.offices[0]: Stelle „buergeramt-mitte“ gehört "
        "zur Kommune „teststadt“, nicht zu „vorort“",
        id="local-part-names-office-of-other-municipality",
    ),
    pytest.param(
        "municipalities/vorort.yaml",
        "  meldebehoerde: buergerbuero-vorort",
        "  meldebehoerde: buergerbuero-vorort\n  kfz-zulassung: kfz-landkreis-test",
        None,
        id="office-of-own-landkreis-is-fine",
    ),
    pytest.param(
        "municipalities/teststadt.yaml",
        "  meldebehoerde: buergeramt-mitte",
        "  meldebehoerde: buergeramt-mitte\n  kfz-zulassung: kfz-landkreis-test",
        "municipalities/teststadt.yaml:10:18: tasks.kfz-zulassung: Stelle „kfz-landkreis-test“ gehört zum "
        "Landkreis Test; Teststadt gehört zu keinem Landkreis (kreisfrei)",
        id="rule-names-office-of-other-landkreis",
    ),
    pytest.param(
        "municipalities/vorort.yaml",
        "  wohnsitz-anmelden:",
        "  wohnsitz-anmeldn:",
        "municipalities/vorort.yaml:12:3: services.wohnsitz-anmeldn: unbekannte Leistung „wohnsitz-anmeldn“ – "
        "meinten Sie „wohnsitz-anmelden“?",
        id="local-part-for-unknown-service",
    ),
    pytest.param(
        "municipalities/vorort.yaml",
        'postal_codes: ["34225"]',
        'postal_codes: ["3422"]',
        "municipalities/vorort.yaml:6:16: postal_codes[0]: Postleitzahl aus 5 Ziffern erwartet",
        id="bad-postcode",
    ),
    pytest.param(
        "municipalities/teststadt.yaml",
        "kind: kreisfreie-stadt\n",
        'kind: kreisfreie-stadt\nags: "0661100"\n',
        "municipalities/teststadt.yaml:5:6: ags: Amtlicher Gemeindeschlüssel aus genau 8 Ziffern erwartet",
        id="bad-municipality-key",
    ),
]


@pytest.mark.parametrize(("relative", "old", "new", "expected"), BROKEN)
def test_check_reports_verbund_mistakes_with_position(verbund, relative, old, new, expected):
    edit(verbund, relative, old, new)
    result = rathaus("check", cwd=verbund)
    if expected is None:
        assert result.code == 0, result.out + result.err
        return
    assert result.code == 1
    assert any(line.startswith(expected) for line in result.lines), result.out


def test_every_unanswered_pair_is_reported(verbund):
    """Two services without a rule in Vorort: both pairs, not only the first."""
    rules = "  passbehoerde: buergerbuero-vorort\n  meldebehoerde: buergerbuero-vorort\n"
    edit(verbund, "municipalities/vorort.yaml", rules, "  standesamt: buergerbuero-vorort\n")
    result = rathaus("check", cwd=verbund)
    assert result.code == 1
    unanswered = [line for line in result.lines if "keine zuständige Stelle für" in line]
    assert len(unanswered) == 2, result.out
    assert all(line.startswith("municipalities/vorort.yaml:") for line in unanswered)


# Pages --------------------------------------------------------------------------------------------------


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def text_of(soup: BeautifulSoup | None) -> str:
    assert soup is not None
    return " ".join(soup.get_text(" ").split())


def test_baunatal_personalausweis_shows_baunatal_buergerbuero_not_kassel(demo_site):
    soup = page(demo_site, "leistungen/personalausweis-beantragen/baunatal")
    responsible = text_of(soup.select_one("#zustaendig"))
    assert "Bürgerbüro Baunatal" in responsible
    assert "Marktplatz 14" in responsible
    assert "Bürgeramt – Bürgerbüro im Rathaus" not in responsible  # Kassel's
    assert "Obere Königsstraße" not in text_of(soup.select_one("article"))
    assert "Für Wohnort Baunatal" in text_of(soup.select_one(".rh-place"))
    # The shared description is there too: documents and legal basis.
    assert soup.select("#unterlagen li") and soup.select("#rechtsgrundlagen li")
    assert soup.select_one("link[rel=canonical]")["href"].endswith("/leistungen/personalausweis-beantragen/baunatal/")


def test_kassel_personalausweis_shows_kassel_buergeramt(demo_site):
    responsible = text_of(page(demo_site, "leistungen/personalausweis-beantragen/kassel").select_one("#zustaendig"))
    assert "Bürgeramt – Bürgerbüro im Rathaus" in responsible
    assert "Baunatal" not in responsible


def test_niestetal_vehicle_registration_shows_the_landkreis_office(demo_site):
    responsible = text_of(page(demo_site, "leistungen/fahrzeug-zulassen/niestetal").select_one("#zustaendig"))
    assert "Die Gemeinde Niestetal bietet diese Leistung nicht selbst an" in responsible
    assert "Kfz-Zulassungsstelle Kassel" in responsible


def test_herborn_driving_licence_goes_to_lahn_dill_kreis(demo_site):
    responsible = text_of(page(demo_site, "leistungen/fuehrerschein-ersterteilung/herborn").select_one("#zustaendig"))
    assert "Führerscheinstelle des Lahn-Dill-Kreises" in responsible
    assert "Landkreises Kassel" not in responsible


@pytest.mark.parametrize("place", ["kassel", "baunatal", "niestetal", "herborn"])
def test_kindergeld_shows_the_familienkasse_for_every_municipality(demo_site, place):
    responsible = text_of(page(demo_site, f"leistungen/kindergeld-beantragen/{place}").select_one("#zustaendig"))
    assert "Familienkasse der Bundesagentur für Arbeit" in responsible
    assert "für alle Wohnorte dieselbe Stelle" in responsible


def test_shared_page_links_every_municipalitys_version_without_javascript(demo_site):
    soup = page(demo_site, "leistungen/personalausweis-beantragen")
    links = {a.get_text(strip=True): a["href"] for a in soup.select("#zustaendig .rh-place-list a")}
    assert links == {"Kassel": "kassel/", "Baunatal": "baunatal/", "Niestetal": "niestetal/", "Herborn": "herborn/"}
    assert soup.select_one(".rh-place-form").has_attr("hidden")  # the field needs JavaScript
    for href in links.values():
        assert (demo_site / "leistungen/personalausweis-beantragen" / href / "index.html").is_file()


def test_federal_service_names_its_central_office_on_the_shared_page(demo_site):
    responsible = text_of(page(demo_site, "leistungen/rentenauskunft-beantragen").select_one("#zustaendig"))
    assert "Deutsche Rentenversicherung" in responsible


def test_municipality_overview_lists_its_services_and_offices(demo_site):
    soup = page(demo_site, "kommunen/herborn")
    assert soup.h1.get_text(strip=True) == "Herborn"
    facts = text_of(soup.select_one(".rh-contact"))
    assert "Lahn-Dill-Kreis" in facts and "35745" in facts and "06532012" in facts
    offices = text_of(soup.select_one("#stellen + ul"))
    assert "Bürgerbüro Herborn" in offices and "Kfz-Zulassungsstelle des Lahn-Dill-Kreises" in offices
    services = {a.get_text(strip=True): a["href"] for a in soup.select("#leistungen + ul a")}
    assert services["Personalausweis beantragen"] == "../../leistungen/personalausweis-beantragen/herborn/"
    listing = page(demo_site, "kommunen")
    names = [a.get_text(strip=True) for a in listing.select(".rh-list a")]
    assert names == ["Kassel", "Baunatal", "Niestetal", "Herborn"]


def test_local_pages_are_in_the_sitemap(demo_site):
    sitemap = (demo_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/leistungen/personalausweis-beantragen/baunatal/</loc>" in sitemap
    assert "/kommunen/niestetal/</loc>" in sitemap


def test_local_page_weight_does_not_list_other_municipalities(demo_site):
    """A local page names its own municipality, not the others: its weight does not grow with the Verbund."""
    article = text_of(page(demo_site, "leistungen/personalausweis-beantragen/niestetal").select_one("article"))
    assert "Niestetal" in article
    assert "Herborn" not in article and "Baunatal" not in article


def test_single_city_site_has_no_verbund_pages(project, tmp_path):
    site = tmp_path / "site"
    assert mkdocs_build(project, site).code == 0
    assert not (site / "kommunen").exists()
    assert not page(site, "leistungen/personalausweis").select(".rh-place-list")


def test_verbund_build_of_fixture(verbund, tmp_path):
    site = tmp_path / "site"
    result = mkdocs_build(verbund, site)
    assert result.code == 0, result.err
    local = page(site, "leistungen/wohnsitz-anmelden/vorort")
    assert "Bürgerbüro Vorort" in text_of(local.select_one("#zustaendig"))
    assert "In Vorort melden Sie sich auch im Ortsteilbüro an." in text_of(local.select_one("#hinweise"))
    assert "Ortsteilbüro" not in text_of(page(site, "leistungen/wohnsitz-anmelden/teststadt").select_one("article"))


# For programs -------------------------------------------------------------------------------------------


def jsonld(site: Path, url: str, kind: str) -> dict:
    for script in page(site, url).select('script[type="application/ld+json"]'):
        data = json.loads(script.string)
        if data.get("@type") == kind:
            return data
    raise AssertionError(f"no {kind} on {url}")


def test_local_page_jsonld_names_provider_and_area_of_its_municipality(demo_site):
    data = jsonld(demo_site, "leistungen/fahrzeug-zulassen/niestetal", "GovernmentService")
    assert data["url"].endswith("/leistungen/fahrzeug-zulassen/niestetal/")
    assert data["areaServed"]["name"] == "Niestetal"
    assert data["areaServed"]["identifier"]["value"] == "06633020"
    assert data["areaServed"]["containedInPlace"]["name"] == "Landkreis Kassel"
    assert data["provider"]["name"] == "Kfz-Zulassungsstelle Kassel"
    assert data["isBasedOn"].endswith("/leistungen/fahrzeug-zulassen/#leistung")
    kindergeld = jsonld(demo_site, "leistungen/kindergeld-beantragen/baunatal", "GovernmentService")
    assert kindergeld["provider"]["name"] == "Familienkasse der Bundesagentur für Arbeit"


def test_json_api_carries_responsibilities_per_municipality(demo_site):
    data = json.loads((demo_site / "api/v1/services/personalausweis-beantragen.json").read_text("utf-8"))
    by_place = {r["municipality"]: r for r in data["responsibilities"]}
    assert list(by_place) == ["kassel", "baunatal", "niestetal", "herborn"]
    assert by_place["baunatal"]["offices"] == ["buergerbuero-baunatal"]
    assert by_place["baunatal"]["rule"] == "local"
    assert by_place["herborn"] == {
        "municipality": "herborn",
        "name": "Herborn",
        "ags": "06532012",
        "url": "https://kassel.digitales-rathaus.example/leistungen/personalausweis-beantragen/herborn/",
        "rule": "task",
        "offices": ["buergerbuero-herborn"],
    }
    places = json.loads((demo_site / "api/v1/municipalities.json").read_text("utf-8"))
    assert [m["municipality"]["name"] for m in places["municipalities"]] == [
        "Kassel",
        "Baunatal",
        "Niestetal",
        "Herborn",
    ]
    assert places["municipalities"][1]["municipality"]["tasks"]["kfz-zulassung"] == "kfz-zulassungsstelle"


def test_llms_txt_lists_the_municipalities(demo_site):
    text = (demo_site / "llms.txt").read_text(encoding="utf-8")
    section = text.split("## Wohnorte", 1)[1].split("\n## ", 1)[0]
    for name, key in [
        ("Kassel", "06611000"),
        ("Baunatal", "06633003"),
        ("Niestetal", "06633020"),
        ("Herborn", "06532012"),
    ]:
        assert f"[{name}](" in section and key in section


# In a browser -------------------------------------------------------------------------------------------

PLACE_SEARCH = """async (queries) => {
  const engine = await rathausSearch.load("search/");
  const root = new URL("./", location.href).href;
  const found = [];
  for (const query of queries) {
    const results = await engine.search(query, {limit: 3});
    found.push(results.map((r) => [r.url.replace(root, ""), r.title]));
  }
  return found;
}"""


def test_search_understands_a_place_in_the_query(demo_site, serve, browser_page):
    browser_page.goto(serve(demo_site))
    queries = ["personalausweis baunatal", "Baunatal Personalausweis", "perso 34225", "kindergeld herborn", "niestetal"]
    found = browser_page.evaluate(PLACE_SEARCH, queries)
    assert found[0][0] == ["leistungen/personalausweis-beantragen/baunatal/", "Personalausweis beantragen – Baunatal"]
    assert found[1][0][0] == "leistungen/personalausweis-beantragen/baunatal/"
    assert found[2][0][0] == "leistungen/personalausweis-beantragen/baunatal/"
    assert found[3][0][0] == "leistungen/kindergeld-beantragen/herborn/"
    assert found[4][0] == ["kommunen/niestetal/", "Niestetal"]
    for results in found:
        for url, _ in results:
            assert (demo_site / url / "index.html").is_file(), url


@pytest.mark.parametrize(("typed", "place"), [("Baunatal", "baunatal"), ("34266", "niestetal"), ("herb", "herborn")])
def test_place_field_goes_to_the_municipalitys_version(demo_site, serve, browser_page, typed, place):
    tab = browser_page
    tab.goto(serve(demo_site) + "leistungen/personalausweis-beantragen/")
    field = tab.get_by_label("Wohnort oder Postleitzahl")
    field.fill(typed)
    field.press("Enter")
    tab.wait_for_url(f"**/leistungen/personalausweis-beantragen/{place}/")
    assert tab.locator(".rh-place strong").inner_text() == {"baunatal": "Baunatal", "niestetal": "Niestetal",
                                                             "herborn": "Herborn"}[place]  # fmt: skip


def test_place_field_says_when_it_knows_no_such_place(demo_site, serve, browser_page):
    tab = browser_page
    tab.goto(serve(demo_site) + "leistungen/personalausweis-beantragen/")
    field = tab.get_by_label("Wohnort oder Postleitzahl")
    field.fill("Hamburg")
    tab.get_by_role("button", name="Anzeigen").click()
    status = tab.locator(".rh-place-form [role=status]")
    assert "Für „Hamburg“ gibt es hier keinen Wohnort" in status.inner_text()
    assert field.get_attribute("aria-invalid") == "true"
    assert tab.url.endswith("/leistungen/personalausweis-beantragen/")


def test_without_javascript_the_place_links_lead_to_the_local_version(demo_site, serve, browser):
    context = browser.new_context(locale="de-DE", java_script_enabled=False)
    tab = context.new_page()
    tab.goto(serve(demo_site) + "leistungen/fahrzeug-zulassen/")
    assert not tab.get_by_label("Wohnort oder Postleitzahl").is_visible()
    tab.locator(".rh-place-list").get_by_role("link", name="Niestetal").click()
    tab.wait_for_url("**/leistungen/fahrzeug-zulassen/niestetal/")
    assert "Kfz-Zulassungsstelle Kassel" in tab.locator("#zustaendig").inner_text()
    context.close()


def test_local_page_is_byte_for_byte_the_same_with_more_municipalities(verbund, tmp_path):
    """Per-page weight does not grow with the Verbund: a third municipality changes no byte of Vorort's page."""
    before = tmp_path / "before"
    assert mkdocs_build(verbund, before).code == 0
    third = VORORT.replace("id: vorort", "id: drittort").replace("name: Vorort", "name: Drittort")
    (verbund / "municipalities/drittort.yaml").write_text(third.replace("buergerbuero-vorort", "kfz-landkreis-test"))
    edit(verbund, "mkdocs.yml", "[teststadt, vorort]", "[teststadt, vorort, drittort]")
    after = tmp_path / "after"
    result = mkdocs_build(verbund, after)
    assert result.code == 0, result.err
    assert (after / "leistungen/personalausweis/drittort/index.html").is_file()
    for url in ["leistungen/personalausweis/vorort", "leistungen/wohnsitz-anmelden/teststadt"]:
        assert (before / url / "index.html").read_bytes() == (after / url / "index.html").read_bytes(), url


def test_rathaus_new_municipality_writes_a_valid_record(verbund):
    result = rathaus("new", "municipality", "Neustadt", cwd=verbund)
    assert result.code == 0, result.err
    text = (verbund / "municipalities/neustadt.yaml").read_text(encoding="utf-8")
    assert "\nname: Neustadt\n" in text
    assert "$schema=../schema/municipality.schema.json" in text or "municipality.schema.json" in text
    check = rathaus("check", cwd=verbund)
    assert check.code == 0, check.out + check.err
