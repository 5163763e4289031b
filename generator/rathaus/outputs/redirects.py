"""Redirect pages: every former id of a renamed service (`aliases`) and every LeiKa key lead to the service.

A static site cannot answer with HTTP 301, so each such address gets a small page with a meta refresh,
a canonical link to the new address (search engines move their entry) and a visible link for people and
for browsers that do not follow refreshes. The pages are `noindex` and are not in the sitemap. A LeiKa key
that several services share gets a page to choose from instead.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from jinja2 import Environment

from ..catalogue import Catalogue
from ..models import Service
from ..urls import absolute, relative_href, service_url

LEIKA = "leika/"


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


def services_by_leika(catalogue: Catalogue) -> dict[str, list[Service]]:
    """LeiKa key → the services that carry it, A–Z."""
    groups: dict[str, list[Service]] = defaultdict(list)
    for _, group in catalogue.services_a_to_z:
        for service in group:
            if service.leika:
                groups[service.leika].append(service)
    return dict(groups)


class RedirectPages:
    """The redirect pages of one catalogue; links relative (the site works under any path), canonicals absolute."""

    def __init__(self, catalogue: Catalogue, env: Environment, *, site_url: str | None, name: str) -> None:
        self.catalogue = catalogue
        self.env = env
        self.site_url = site_url
        self.name = name

    def alias_page(self, redirect: Redirect) -> str:
        target = relative_href(redirect.new, redirect.old)
        canonical = absolute(self.site_url, redirect.new) if self.site_url else target
        return self.env.get_template("redirect.html").render(redirect=redirect, target=target, canonical=canonical)

    def leika_page(self, key: str, services: list[Service]) -> str:
        """/leika/<key>/: a redirect to the service with that key (a choice when several share it)."""
        here = f"{LEIKA}{key}/"
        base = self.site_url or "/"
        listed = [(s, relative_href(service_url(s.id), here), absolute(base, service_url(s.id))) for s in services]
        return self.env.get_template("leika.html").render(key=key, services=listed, name=self.name)

    def outputs(self) -> list[tuple[str, Callable[[], str]]]:
        """(path in the site, how to make its text) of every redirect page."""
        pages: list[tuple[str, Callable[[], str]]] = [
            (r.file, functools.partial(self.alias_page, r)) for r in redirects(self.catalogue)
        ]
        pages += [
            (f"{LEIKA}{key}/index.html", functools.partial(self.leika_page, key, services))
            for key, services in services_by_leika(self.catalogue).items()
        ]
        return pages
