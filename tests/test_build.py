"""A real `mkdocs build` of a tiny project: what a citizen sees on the built pages."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import mkdocs_build, rathaus


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def text_of(soup: BeautifulSoup) -> str:
    return " ".join(soup.get_text(" ").split())


@pytest.fixture
def site(project_site: Path) -> Path:
    """The tiny project, built once for every test that only reads it."""
    return project_site


def test_service_page_shows_documents_fees_office_and_115(site):
    soup = page(site, "leistungen/personalausweis")
    assert soup.h1.get_text(strip=True) == "Personalausweis beantragen"
    documents = [li.select_one(".rh-doc").get_text(strip=True) for li in soup.select("#unterlagen li")]
    assert documents == ["Bisheriger Ausweis", "Biometrisches Passfoto"]
    assert len(soup.select("#unterlagen input[type=checkbox]")) == 2
    fees = text_of(soup.select_one("#kosten"))
    assert "Ab 24 Jahren 46,00 €" in fees
    assert "Unter 24 Jahren 27,60 €" in fees
    office = soup.select_one("#zustaendig")
    assert "Bürgeramt Mitte" in text_of(office)
    assert office.select_one('a[href="tel:+495617874040"]').get_text() == "0561 787-4040"
    hours = {tr.th.get_text(): tr.td.get_text() for tr in office.select(".rh-hours tr")}
    assert hours["Montag"] == "08:00–12:00 Uhr, 13:00–16:00 Uhr"
    assert hours["Freitag"] == "07:30–12:00 Uhr"
    assert "Mittwoch" not in hours
    assert soup.select_one(".rh-hotline a[href='tel:115']")
    assert "Zuletzt geprüft: 1. November 2026" in text_of(soup)


def test_online_service_gets_a_start_button(site):
    button = page(site, "leistungen/personalausweis").select_one("#online a.rh-start")
    assert button["href"] == "https://www.personalausweisportal.de/"
    assert "online-dienste" in {p.name for p in site.iterdir()}
    online = page(site, "online-dienste")
    assert [a.get_text() for a in online.select(".rh-list a")] == ["Personalausweis beantragen"]


def test_every_page_shows_115_and_the_demo_notice(site):
    for url in ["", "leistungen", "leistungen/sperrmuell", "dienststellen/stadtreiniger", "115"]:
        soup = page(site, url)
        assert soup.select_one(".md-banner a[href='tel:115']"), url
        assert "Beispieldaten" in soup.select_one(".md-banner").get_text(), url


def test_a_to_z_links_every_service_with_letter_jumps(site):
    soup = page(site, "leistungen")
    links = {a["href"] for a in soup.select(".rh-list a")}
    assert links == {"personalausweis/", "sperrmuell/", "wohnsitz-anmelden/"}
    assert [a.get_text() for a in soup.select(".rh-letters a")] == ["P", "S", "W"]
    assert soup.select_one("#buchstabe-p")


def test_topic_and_office_pages_list_their_services(site):
    umzug = page(site, "lebenslagen/umzug")
    assert {a.get_text() for a in umzug.select(".rh-list a")} == {"Sperrmüll anmelden", "Wohnsitz anmelden"}
    office = page(site, "dienststellen/buergeramt-mitte")
    assert {a.get_text() for a in office.select("#leistungen .rh-list a")} == {
        "Personalausweis beantragen",
        "Wohnsitz anmelden",
    }
    assert "Obere Königsstraße 8" in text_of(office.select_one("#kontakt"))


def test_partner_services_are_marked_as_such(site):
    soup = page(site, "leistungen/sperrmuell")
    assert "unser Partner Die Stadtreiniger" in text_of(soup.select_one(".rh-partner"))
    assert "Partner: Die Stadtreiniger" in text_of(page(site, "leistungen"))


def test_services_are_not_in_the_navigation(site):
    nav = page(site, "leistungen/personalausweis").select_one("nav.md-nav--primary")
    hrefs = [a.get("href", "") for a in nav.select("a")]
    assert not any("wohnsitz-anmelden" in h or "sperrmuell" in h for h in hrefs)
    assert "Leistungen A–Z" in text_of(nav)


def test_editor_markdown_is_rendered_as_commonmark_and_scripts_are_removed(project, tmp_path):
    path = project / "services/wohnsitz-anmelden.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "Die Anmeldung ist **gebührenfrei**.",
        'Die Anmeldung ist **gebührenfrei**. <script>alert(1)</script> <a href="javascript:alert(2)" '
        'onclick="alert(3)">x</a> <img src=x onerror=alert(4)>',
    )
    path.write_text(text, encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.code == 0, result.err
    html = (tmp_path / "site/leistungen/wohnsitz-anmelden/index.html").read_text(encoding="utf-8")
    body = BeautifulSoup(html, "html.parser").select_one("#beschreibung")
    assert body.strong.get_text() == "gebührenfrei"
    assert body.li.get_text() == "Wohnungsgeberbestätigung mitbringen"
    assert "alert" not in str(body)
    assert "<script" not in str(body)


def test_record_text_is_escaped_everywhere_on_the_page(project, tmp_path):
    attack = "</title><script>alert(1)</script><b onmouseover=alert(2)>Sperr"
    path = project / "services/sperrmuell.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("title: Sperrmüll anmelden", f"title: '{attack}'")
    text = text.replace("summary: Die", "summary: '\"><script>alert(3)</script>' # Die")
    path.write_text(text, encoding="utf-8")
    assert mkdocs_build(project, tmp_path / "site").code == 0
    html = (tmp_path / "site/leistungen/sperrmuell/index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    # JSON-LD carries the text as data (escaped; see test_exports); no other script may contain it.
    scripts = [s for s in soup.find_all("script") if s.get("type") != "application/ld+json"]
    assert [s for s in scripts if "alert" in s.get_text()] == []
    assert soup.find(onmouseover=True) is None
    assert soup.title.get_text().startswith(attack)
    assert soup.h1.get_text() == attack
    assert soup.find("meta", attrs={"name": "description"})["content"].startswith('"><script>alert(3)')


def test_pages_reference_no_other_origin(site):
    for html in site.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for element in soup.find_all(tag):
                value = element.get(attr, "")
                if tag == "link" and element.get("rel") == ["canonical"]:
                    continue
                assert not value.startswith(("http:", "https:", "//")), f"{html}: {element}"


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_failed_build_leaves_the_previous_site_unchanged(project):
    assert rathaus("build", cwd=project).code == 0
    site = project / "site"
    before = tree_digest(site)
    path = project / "services/personalausweis.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("amount: 46.00", "amount: viel"), encoding="utf-8")
    result = rathaus("build", cwd=project)
    assert result.code == 1
    assert "services/personalausweis.yaml:12:13: fees[0].amount" in result.err
    assert "bleibt unverändert" in result.err
    assert tree_digest(site) == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


def test_successful_build_replaces_the_site(project):
    assert rathaus("build", cwd=project).code == 0
    (project / "site" / "stale.html").write_text("alt", encoding="utf-8")
    assert rathaus("build", cwd=project).code == 0
    assert not (project / "site" / "stale.html").exists()
    assert (project / "site/leistungen/personalausweis/index.html").exists()
