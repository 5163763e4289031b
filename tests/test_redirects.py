"""Renamed services: every former id (`aliases`) keeps its old address as a redirect to the new page."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import mkdocs_build
from .test_check import edit


@pytest.fixture
def renamed(project: Path, tmp_path: Path) -> Path:
    """The fixture's Personalausweis service was once called `perso` and `ausweis-beantragen`."""
    edit(project, "services/personalausweis.yaml", "reviewed:", "aliases: [perso, ausweis-beantragen]\nreviewed:")
    result = mkdocs_build(project, tmp_path / "site", "--strict")
    assert result.code == 0, result.err
    return tmp_path / "site"


def test_alias_page_points_people_browsers_and_search_engines_to_the_new_page(renamed):
    soup = BeautifulSoup((renamed / "leistungen/perso/index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.html["lang"] == "de"
    assert soup.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=../personalausweis/"
    assert soup.find("link", rel="canonical")["href"] == "https://rathaus.test/leistungen/personalausweis/"
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    link = soup.select_one("main a")
    assert link["href"] == "../personalausweis/"
    assert link.get_text() == "Personalausweis beantragen"
    assert (renamed / "leistungen/ausweis-beantragen/index.html").is_file()


def test_alias_pages_stay_out_of_the_sitemap(renamed):
    sitemap = (renamed / "sitemap.xml").read_text(encoding="utf-8")
    assert "leistungen/personalausweis/" in sitemap
    assert "leistungen/perso/" not in sitemap


def test_browser_following_an_old_address_ends_on_the_new_page(renamed, serve, browser_page):
    base = serve(renamed)
    browser_page.goto(base + "leistungen/perso/")
    browser_page.wait_for_url(base + "leistungen/personalausweis/")
    assert browser_page.url == base + "leistungen/personalausweis/"
    assert browser_page.get_by_role("heading", level=1).inner_text() == "Personalausweis beantragen"


def test_alias_that_is_still_a_service_id_is_an_error(project, tmp_path):
    edit(project, "services/personalausweis.yaml", "reviewed:", "aliases: [sperrmuell]\nreviewed:")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.code == 1
    assert "services/personalausweis.yaml:24:11: aliases[0]: frühere Kennung „sperrmuell“ ist schon vergeben" in (
        result.err
    )
