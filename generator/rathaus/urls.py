"""The URL contract: every address of the site, and how one page links to another, relatively or absolutely.

Addresses are site-relative, lower case, directory style (`leistungen/<id>/`); links between pages are
relative, so the site works under any path; programs (JSON, JSON-LD, sitemap, canonical links) get absolute
ones under the site's address.
"""

from __future__ import annotations

import posixpath

from .kinds import KINDS, Record, kind_of

API = "api/v1/"
SEARCH = "suche/"
HOTLINE_PAGE = "115/"


def service_url(service_id: str) -> str:
    return KINDS["service"].url(service_id)


def office_url(office_id: str) -> str:
    return KINDS["office"].url(office_id)


def topic_url(topic_id: str) -> str:
    return KINDS["topic"].url(topic_id)


def municipality_url(municipality_id: str) -> str:
    return KINDS["municipality"].url(municipality_id)


def local_service_url(service_id: str, municipality_id: str) -> str:
    """A service as one municipality of a Verbund offers it: under the service, so the shared page is one up."""
    return f"{service_url(service_id)}{municipality_id}/"


LOCAL_FRAME = "leistungen/_ort/"
"""The theme frame folder of every local service page: they all sit at the same depth (`_` keeps the name
apart from service ids)."""


def record_url(record: Record) -> str:
    return kind_of(record).url(record.id)


def service_api_path(service_id: str) -> str:
    return f"{API}services/{service_id}.json"


def schema_path(name: str) -> str:
    return f"{API}schema/{name}.schema.json"


def markdown_path(service_id: str) -> str:
    return f"{service_url(service_id)}index.md"


def folder(url: str) -> str:
    """The folder a page's URL is in: `leistungen/x/` → `leistungen/`."""
    return posixpath.dirname(url.rstrip("/")) + "/"


def relative_href(target: str, base: str) -> str:
    """The link from the page at site-relative URL `base` to `target`: `leistungen/x/` → `../x/`.

    Both are clean site paths (no `.` or `..` parts), so this is posixpath.relpath without its file system
    work: every record page has links to a dozen other pages.
    """
    to, here = target.split("/"), base.split("/")
    to, here = [p for p in to if p], [p for p in here if p]
    common = 0
    while common < len(to) and common < len(here) and to[common] == here[common]:
        common += 1
    relative = "/".join([".."] * (len(here) - common) + to[common:])
    return relative + ("/" if target.endswith("/") else "") if relative else "./"


def absolute(base_url: str, path: str) -> str:
    """`https://stadt.example/` + `leistungen/x/`; with no site address (`/`) the path stays site-absolute."""
    return (base_url if base_url.endswith("/") else base_url + "/") + path
