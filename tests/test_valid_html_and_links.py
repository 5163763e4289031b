"""The whole built demo site: valid HTML (the W3C validator) and no broken internal link or anchor."""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from .conftest import REPO

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LOCAL = "http://site.invalid/"  # stands for the site root while resolving relative links
SKIPPED_SCHEMES = ("mailto", "tel", "data")


def test_every_page_of_the_demo_site_is_valid_html(demo_site):
    assert VNU.is_file(), "vnu-jar fehlt: `npm ci` ausführen (./dev test macht das)"
    java = shutil.which("java")
    assert java, "Java fehlt: ./dev installiert default-jre-headless"
    pages = sorted(demo_site.rglob("*.html"))
    assert len(pages) > 50
    proc = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--skip-non-html", str(demo_site)],
        capture_output=True,
        text=True,
        check=False,
    )
    errors = proc.stderr.strip().replace(f"file:{demo_site}/", "")
    assert proc.returncode == 0 and not errors, errors


class LinksAndIds(HTMLParser):
    """Collects every href/src of a page and every id (and a name) an anchor can point at."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("href", "src"):
                self.links.append(value)
            elif name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)


def target_file(site: Path, path: str) -> Path:
    """The file a URL path is served from: folders serve their index.html."""
    file = site / unquote(path).lstrip("/")
    return file / "index.html" if path.endswith("/") or file.is_dir() else file


def anchors(pages: dict[str, LinksAndIds], site: Path, file: Path) -> set[str]:
    """The ids a link to `file` may name after '#' (none for files that are not pages)."""
    page = pages.get(file.relative_to(site).as_posix())
    return page.ids if page else set()


def test_every_internal_link_and_anchor_of_the_demo_site_resolves(demo_site):
    pages: dict[str, LinksAndIds] = {}
    for file in demo_site.rglob("*.html"):
        parser = LinksAndIds()
        parser.feed(file.read_text(encoding="utf-8"))
        pages[file.relative_to(demo_site).as_posix()] = parser
    # Canonical links and the sitemap name the public site_url: read as this site too.
    canonical = next(link for link in pages["index.html"].links if link.startswith("http"))
    site_url = urlsplit(canonical)
    sitemap = (demo_site / "sitemap.xml").read_text(encoding="utf-8")
    sitemap_links = [part.split("</loc>")[0] for part in sitemap.split("<loc>")[1:]]

    checked, broken = 0, []
    sources = [(page, link) for page, parser in pages.items() for link in parser.links]
    sources += [("sitemap.xml", link) for link in sitemap_links]
    for page, link in sources:
        url = urlsplit(urljoin(LOCAL + page, link))
        if url.scheme in SKIPPED_SCHEMES:
            continue
        if url.netloc == site_url.netloc:
            path = url.path.removeprefix(site_url.path.rstrip("/"))
        elif url.netloc == urlsplit(LOCAL).netloc:
            path = url.path
        else:
            continue  # another site: not ours to check here
        checked += 1
        file = target_file(demo_site, path)
        if not file.is_file():
            broken.append(f"{page}: {link} (keine Datei {file.relative_to(demo_site)})")
        elif url.fragment and unquote(url.fragment) not in anchors(pages, demo_site, file):
            broken.append(f"{page}: {link} (kein Anker #{url.fragment})")
    assert len(sitemap_links) > 50
    assert checked > 1000
    assert broken == [], "\n".join(broken)
