"""Redirect pages for renamed services: every former id in `aliases` keeps its old address working.

A static site cannot answer with HTTP 301, so each old address gets a small page with a meta refresh,
a canonical link to the new address (search engines move their entry) and a visible link for people and
for browsers that do not follow refreshes. The pages are `noindex` and are not in the sitemap.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import urljoin

from jinja2 import Environment, PackageLoader, select_autoescape

from ..catalogue import Catalogue
from .pages import service_url


@dataclass(frozen=True)
class Redirect:
    """One old address and the page it now leads to (both site-relative, directory style)."""

    old: str
    new: str
    title: str

    @property
    def file(self) -> str:
        """Where the redirect page is written inside the site folder."""
        return self.old + "index.html"


def redirects(catalogue: Catalogue) -> list[Redirect]:
    """`leistungen/<alias>/` → `leistungen/<id>/` for every alias of every service."""
    return [
        Redirect(service_url(alias), service_url(service.id), service.title)
        for service in catalogue.services.values()
        for alias in service.aliases
    ]


_env = Environment(
    loader=PackageLoader("rathaus", "templates"), autoescape=select_autoescape(default=True), trim_blocks=True
)


def redirect_html(redirect: Redirect, site_url: str | None) -> str:
    """The redirect page; its links are relative so the site works under any path, the canonical absolute."""
    relative = posixpath.relpath(redirect.new, redirect.old) + "/"
    canonical = urljoin(site_url, redirect.new) if site_url else relative
    return _env.get_template("redirect.html").render(redirect=redirect, target=relative, canonical=canonical)


def redirect_pages(catalogue: Catalogue, site_url: str | None) -> dict[str, str]:
    """File path inside the site folder → HTML, for the mkdocs adapter to write after the build."""
    return {r.file: redirect_html(r, site_url) for r in redirects(catalogue)}
