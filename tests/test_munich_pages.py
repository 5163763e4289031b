"""The browser suite over real pages: Munich's imported catalogue, built strictly, checked in Chromium (axe-core,
no sideways scrolling at 320 px) and by the W3C validator, including its longest service page, the service with
the most locations and the A–Z list."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from .browser_checks import axe_violations, describe, new_context, sideways_overflow
from .conftest import rathaus
from .test_valid_html_and_links import VNU


@pytest.fixture(scope="session")
def munich_site(munich_catalogue: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Munich's imported catalogue built with `rathaus build --strict`, with the site's stylesheet as in the
    repository's mkdocs.yml (the imported project starts from the tests' tiny settings)."""
    project = Path(shutil.copytree(munich_catalogue, tmp_path_factory.mktemp("munich-site") / "project"))
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "extra_css:\n  - assets/rathaus.css\n", encoding="utf-8")
    site = project.parent / "site"
    result = rathaus("build", "--strict", "-d", str(site), cwd=project)
    assert result.code == 0, result.err
    return site


def most_located(munich_catalogue: Path) -> tuple[str, list[str]]:
    """The service offered at the most offices, and its offices."""
    services = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (munich_catalogue / "services").glob("*.yaml")]
    top = max(services, key=lambda s: (len(s.get("offices", [])), s["id"]))
    return top["id"], top["offices"]


def pages(site: Path) -> list[str]:
    """Every page of a built site (its URL), without the redirect pages of former ids and LeiKa keys."""
    found = []
    for file in sorted(site.rglob("index.html")):
        if 'http-equiv="refresh"' not in file.read_text(encoding="utf-8")[:2000]:
            found.append(file.parent.relative_to(site).as_posix().removeprefix(".") + "/")
    return [url.removeprefix("/") for url in found]


@pytest.fixture(scope="session")
def sample(munich_site: Path, munich_catalogue: Path) -> dict[str, str]:
    """A sample of Munich's pages: one of every list, the longest service page, the service with the most
    locations, the office with the most services."""
    services = sorted((munich_site / "leistungen").glob("*/index.html"), key=lambda p: p.stat().st_size)
    services = [p for p in services if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")[:2000]]
    offices = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (munich_catalogue / "services").glob("*.yaml")]
    busiest: dict[str, int] = {}
    for service in offices:
        for office in service.get("offices", []):
            busiest[office] = busiest.get(office, 0) + 1
    return {
        "start": "",
        "a-z": "leistungen/",
        "dienststellen": "dienststellen/",
        "longest-service": f"leistungen/{services[-1].parent.name}/",
        "most-locations": f"leistungen/{most_located(munich_catalogue)[0]}/",
        "shortest-service": f"leistungen/{services[0].parent.name}/",
        "busiest-office": f"dienststellen/{max(busiest, key=lambda o: (busiest[o], o))}/",
    }


PAGES = ["start", "a-z", "dienststellen", "longest-service", "most-locations", "shortest-service", "busiest-office"]


@pytest.mark.parametrize("device", ["phone", "desktop"])
@pytest.mark.parametrize("name", PAGES)
def test_munich_page_has_no_accessibility_violations(name: str, device: str, sample, munich_site, serve, browser):
    context = new_context(browser, device)
    page = context.new_page()
    page.goto(serve(munich_site) + sample[name])
    violations = axe_violations(page)
    context.close()
    assert violations == [], f"{sample[name]}: {describe(violations)}"


def test_munich_sample_is_valid_html(sample: dict[str, str], munich_site: Path) -> None:
    java = shutil.which("java")
    assert java and VNU.is_file(), "Java und vnu-jar: ./dev installiert beides"
    files = [str(munich_site / url / "index.html") for url in sample.values()]
    proc = subprocess.run([java, "-jar", str(VNU), "--errors-only", *files], capture_output=True, text=True)
    assert proc.returncode == 0 and not proc.stderr.strip(), proc.stderr.replace(f"file:{munich_site}/", "")


def test_no_munich_page_scrolls_sideways_at_320_pixels(munich_site: Path, serve, browser) -> None:
    # Every page, not a sample: one long document name or URL on one page is enough to break it.
    base = serve(munich_site)
    urls = pages(munich_site)
    assert len(urls) > 250
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="de-DE")
    page = context.new_page()
    too_wide = {}
    for url in urls:
        page.goto(base + url)
        found = sideways_overflow(page)
        if found or page.evaluate("document.documentElement.scrollWidth") > 320:
            too_wide[url] = found[:3]
    context.close()
    assert too_wide == {}


def test_the_service_with_the_most_locations_lists_them_compactly(munich_catalogue, munich_site, serve, browser):
    service, offices = most_located(munich_catalogue)
    assert len(offices) >= 10
    html = (munich_site / "leistungen" / service / "index.html").read_text(encoding="utf-8")
    where = BeautifulSoup(html, "html.parser").select_one("#zustaendig")
    assert len(where.select(".rh-office")) == 1  # the first office in full …
    entries = where.select(".rh-locations__list > li")  # … the others one entry each: name, address, booking
    assert sorted(li.a["href"] for li in entries) == sorted(f"../../dienststellen/{o}/" for o in offices[1:])
    assert where.select(".rh-locations h4"), "grouped by authority"
    assert all(li.select_one(".rh-locations__address") for li in entries)
    assert not where.select(".rh-locations table")
    # On a phone, each further office takes a few lines, not a card with opening hours and contacts.
    context = new_context(browser, "phone")
    page = context.new_page()
    page.goto(serve(munich_site) + f"leistungen/{service}/")
    height = page.locator(".rh-locations").evaluate("e => e.getBoundingClientRect().height")
    context.close()
    assert height / len(entries) < 130, f"{height / len(entries):.0f} px je Stelle"
