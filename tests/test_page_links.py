"""Every record page lets people act on a mistake: "Seite bearbeiten" on the forge and "Fehler melden"."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup

from .conftest import mkdocs_build
from .test_check import edit

FORGE = "repo_url: https://github.com/stadt/rathaus\nedit_uri: edit/main/content/\n"


def build(project: Path, tmp_path: Path) -> Path:
    result = mkdocs_build(project, tmp_path / "site", "--strict")
    assert result.code == 0, result.err
    return tmp_path / "site"


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_record_pages_link_to_their_yaml_file_and_materials_edit_button_agrees(project, tmp_path):
    edit(project, "mkdocs.yml", "docs_dir: content\n", f"docs_dir: content\n{FORGE}")
    edit(project, "mkdocs.yml", "  font: false\n", "  font: false\n  features: [content.action.edit]\n")
    site = build(project, tmp_path)
    service = page(site, "leistungen/personalausweis")
    yaml_file = "https://github.com/stadt/rathaus/edit/main/services/personalausweis.yaml"
    assert service.find("a", string="Seite bearbeiten")["href"] == yaml_file
    # mkdocs would send Material's edit button to a Markdown file under content/ that does not exist.
    assert service.select_one("a.md-content__button")["href"] == yaml_file
    office = page(site, "dienststellen/stadtreiniger").find("a", string="Seite bearbeiten")
    assert office["href"] == "https://github.com/stadt/rathaus/edit/main/offices/stadtreiniger.yaml"
    assert page(site, "leistungen").select_one("a.md-content__button") is None  # generated list: no file
    handwritten = page(site, "115").select_one("a.md-content__button")
    assert handwritten["href"] == "https://github.com/stadt/rathaus/edit/main/content/115.md"


def test_feedback_opens_a_prefilled_mail_with_id_and_title(project, tmp_path):
    edit(
        project,
        "mkdocs.yml",
        "      city: Teststadt\n",
        "      city: Teststadt\n      feedback_mail: redaktion@teststadt.example\n",
    )
    site = build(project, tmp_path)
    href = page(site, "leistungen/sperrmuell").find("a", string="Fehler melden")["href"]
    assert href.startswith("mailto:redaktion@teststadt.example?subject=")
    assert " " not in href and "\n" not in href  # URL-encoded
    query = parse_qs(urlsplit(href).query)
    assert query["subject"] == ["Fehler melden: Sperrmüll anmelden (sperrmuell)"]
    body = query["body"][0]
    assert "Kennung: services/sperrmuell.yaml" in body
    assert "Adresse: https://rathaus.test/leistungen/sperrmuell/" in body


def test_feedback_without_mail_opens_a_new_issue_on_the_forge(project, tmp_path):
    edit(project, "mkdocs.yml", "docs_dir: content\n", f"docs_dir: content\n{FORGE}")
    edit(project, "services/sperrmuell.yaml", "title: Sperrmüll anmelden", "title: Sperrmüll & Elektroschrott?")
    site = build(project, tmp_path)
    href = page(site, "leistungen/sperrmuell").find("a", string="Fehler melden")["href"]
    url = urlsplit(href)
    assert f"{url.scheme}://{url.netloc}{url.path}" == "https://github.com/stadt/rathaus/issues/new"
    query = parse_qs(url.query)
    assert query["title"] == ["Fehler melden: Sperrmüll & Elektroschrott? (sperrmuell)"]
    assert "Kennung: services/sperrmuell.yaml" in query["body"][0]


def test_without_forge_or_mail_there_are_no_dead_links(project, tmp_path):
    site = build(project, tmp_path)
    soup = page(site, "leistungen/sperrmuell")
    assert soup.find("a", string="Seite bearbeiten") is None
    assert soup.find("a", string="Fehler melden") is None
