"""Big catalogues: record pages written by forked workers into the theme's frame, the same as one process writes."""

from __future__ import annotations

import hashlib
import marshal
import subprocess
import sys
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from rathaus.build.parallel import WORTH_FORKING
from rathaus.catalogue import load_catalogue
from rathaus.load import ParsedYaml
from rathaus.mkdocs.frame import CONTENT, Frame, placeholder
from rathaus.models import Site

from .conftest import REPO, mkdocs_build

sys.path.insert(0, str(REPO / "benchmarks"))
from synth import service_id, write_project

SERVICES = WORTH_FORKING + 60  # enough to be written by workers


def with_workers(config: Path, workers: int) -> None:
    """Set the plugin's `workers` in a synthetic project's mkdocs.yml (which inherits the repository's)."""
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings["plugins"] = [{"rathaus": {"city": "Kassel", "demo": True, "workers": workers}}]
    config.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")


def digests(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.name != "sitemap.xml.gz"  # gzip stamps the build time
    }


def test_workers_write_the_same_site_as_one_process(tmp_path):
    sites = {}
    for workers in (1, 2):
        config = write_project(tmp_path / f"project-{workers}", SERVICES)
        with_workers(config, workers)
        result = mkdocs_build(config.parent, tmp_path / f"site-{workers}")
        assert result.code == 0, result.err
        sites[workers] = tmp_path / f"site-{workers}"
    one, two = digests(sites[1]), digests(sites[2])
    assert one.keys() == two.keys()
    assert [path for path in one if one[path] != two[path]] == []
    assert len([p for p in one if p.startswith("leistungen/") and p.endswith("/index.html")]) == SERVICES + 1


def test_every_record_page_is_a_whole_theme_page_in_the_sitemap(tmp_path):
    config = write_project(tmp_path / "project", SERVICES)
    result = mkdocs_build(config.parent, tmp_path / "site")
    assert result.code == 0, result.err
    site = tmp_path / "site"
    soup = BeautifulSoup((site / f"leistungen/{service_id(0)}/index.html").read_text(encoding="utf-8"), "html.parser")
    title = soup.h1.get_text(strip=True)
    assert soup.title.get_text() == f"{title} - Synthetischer Katalog ({SERVICES} Leistungen)"
    assert soup.select_one("header.md-header") and soup.select_one("footer.rh-footer")
    assert soup.select_one("a.rh-skip")["href"] == "#inhalt"
    assert soup.select_one('link[rel="canonical"]')["href"].endswith(f"/leistungen/{service_id(0)}/")
    assert soup.select_one('meta[name="description"]')["content"] == soup.select_one(".rh-lead").get_text()
    assert len(soup.find_all("h1")) == 1
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("/leistungen/") == SERVICES + 1  # every service and the A–Z list
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "\ue000" not in text and "data-rathaus-slot" not in text, page


def test_the_frame_escapes_text_and_keeps_the_body_as_html():
    page = f'<title>{placeholder("title")}</title><main>{CONTENT}</main><a href="{placeholder("edit")}">'
    frame = Frame.parse(page)
    html = frame.fill("<h1>A &amp; B</h1>", title="</title><script>alert(1)</script>", edit='x" onclick="y')
    assert html == (
        "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title><main><h1>A &amp; B</h1></main>"
        '<a href="x&quot; onclick=&quot;y">'
    )


def strict_build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` with its log (`-q` would hide the warnings that strict mode counts)."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_content_pages_link_to_record_pages_and_a_wrong_link_fails_the_strict_build(project, tmp_path):
    content = project / "content/115.md"
    content.write_text(
        content.read_text(encoding="utf-8") + "\n[Ausweis](leistungen/personalausweis/index.md#unterlagen)\n",
        encoding="utf-8",
    )
    result = strict_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "excluded" not in result.stderr
    soup = BeautifulSoup((tmp_path / "site/115/index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.find("a", string="Ausweis")["href"] == "../leistungen/personalausweis/#unterlagen"

    content.write_text(content.read_text(encoding="utf-8") + "\n[Weg](leistungen/gibt-es-nicht/index.md)\n")
    result = strict_build(project, tmp_path / "site-2")
    assert result.returncode != 0
    assert "leistungen/gibt-es-nicht/index.md" in result.stderr


def test_an_edited_record_is_read_again_and_the_others_come_from_the_cache(project, tmp_path):
    site = Site(city="Teststadt")
    before, _ = load_catalogue(project, site, cache=tmp_path / "cache")
    path = project / "services/sperrmuell.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Sperrmüll", "Sperrgut", 1), encoding="utf-8")
    after, _ = load_catalogue(project, site, cache=tmp_path / "cache")
    assert before is not None and after is not None
    assert after.services["sperrmuell"].title != before.services["sperrmuell"].title
    assert after.services["personalausweis"] is before.services["personalausweis"]
    # The parsed data of the files loaded from memory stays in the file cache too.
    stored = ParsedYaml(tmp_path / "cache/yaml.marshal").known
    assert stored.keys() == {hashlib.sha256(p.read_bytes()).hexdigest() for p in project.glob("*/*.yaml")}


def parsed_cache(project: Path) -> ParsedYaml:
    """The parsed-YAML cache as this machine's builds read it (signed with this user's key)."""
    return ParsedYaml(project / ".cache/rathaus/yaml.marshal")


def title_of(site: Path, service: str) -> str:
    page = BeautifulSoup((site / f"leistungen/{service}/index.html").read_text(encoding="utf-8"), "html.parser")
    return page.h1.get_text()


def test_the_next_build_parses_only_files_that_changed(project, tmp_path):
    assert mkdocs_build(project, tmp_path / "site").code == 0
    files = sorted(project.glob("*/*.yaml"))
    digests = {hashlib.sha256(path.read_bytes()).hexdigest() for path in files}
    assert parsed_cache(project).known.keys() == digests  # one entry for each record file

    # An unchanged file is not parsed again: its data comes from the cache (here altered, and signed with this
    # machine's key as a build here would sign it, to show it).
    cache = parsed_cache(project)
    personalausweis = hashlib.sha256((project / "services/personalausweis.yaml").read_bytes()).hexdigest()
    data = marshal.loads(cache.known[personalausweis])
    cache.used = {**cache.known, personalausweis: marshal.dumps({**data, "title": "Aus dem Zwischenspeicher"})}
    cache.known = {}
    cache.save()
    assert mkdocs_build(project, tmp_path / "site").code == 0
    assert title_of(tmp_path / "site", "personalausweis") == "Aus dem Zwischenspeicher"

    # An edited file is parsed again, and its old version leaves the cache.
    path = project / "services/sperrmuell.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Sperrmüll anmelden", "Sperrgut anmelden"))
    assert mkdocs_build(project, tmp_path / "site").code == 0
    assert title_of(tmp_path / "site", "sperrmuell") == "Sperrgut anmelden"
    assert len(parsed_cache(project).known) == len(files)

    # A damaged cache is ignored with a note and written anew.
    (project / ".cache/rathaus/yaml.marshal").write_bytes(b"\x00 kaputt")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.code == 0
    assert "yaml.marshal stammt nicht aus einem Build auf diesem Rechner oder ist beschädigt" in result.err
    assert len(parsed_cache(project).known) == len(files)


def test_an_error_names_its_line_also_when_the_file_comes_from_the_cache(project, tmp_path):
    path = project / "services/sperrmuell.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: ", "titel: ", 1), encoding="utf-8")
    first = mkdocs_build(project, tmp_path / "site")
    again = mkdocs_build(project, tmp_path / "site")
    assert first.code != 0 and again.code != 0
    assert "services/sperrmuell.yaml:3:1: titel: unbekanntes Feld" in first.err
    assert [line for line in again.err.splitlines() if "sperrmuell.yaml" in line] == [
        line for line in first.err.splitlines() if "sperrmuell.yaml" in line
    ]
