"""The one library call a host engine needs: a catalogue and its settings in, the site's files out.

`SiteFiles` knows every page, file and redirect the catalogue yields. A host (the mkdocs adapter in
`rathaus.mkdocs`, or any other engine) does three things with it: it puts the bodies of the list pages
(`pages`, `body`) into its theme, hands over its theme's page for each folder of record pages (a `Frame`) and
its own hand-written pages (`ContentPage`, for the search), and lets `write` write everything else.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .build.frame import Frame
from .build.writer import Kept, SiteWriter
from .catalogue import Catalogue
from .hotline import HOTLINE
from .outputs.exports import Exports
from .outputs.pages import PageSpec, Renderer, page_specs
from .outputs.redirects import RedirectPages
from .outputs.search import ContentPage
from .templating import environment


class SiteFiles:
    """The files of one catalogue's site, with absolute addresses under `base_url`."""

    def __init__(self, catalogue: Catalogue, *, base_url: str, name: str, description: str | None) -> None:
        self.catalogue = catalogue
        self.env = environment(catalogue, base_url)
        self.renderer = Renderer(catalogue, self.env)
        self.exports = Exports(catalogue, base_url=base_url, name=name, description=description, env=self.env)
        self.redirects = RedirectPages(catalogue, self.env, site_url=catalogue.site.site_url, name=name)
        specs = page_specs(catalogue) + self.exports.page_specs()
        self.pages = [spec for spec in specs if spec.record is None]
        """Pages the host renders in its theme, with `body` as their content: start page, lists, search, /api/."""
        self.records = [spec for spec in specs if spec.record is not None]
        """Record pages (services, Lebenslagen, offices): `write` writes them into the theme's frames."""

    def body(self, spec: PageSpec) -> str:
        """The HTML body of one of `pages`."""
        return self.renderer.render(spec, **self.exports.page_context(spec))

    def lastmod(self, spec: PageSpec) -> str | None:
        """The sitemap date of a page (ISO): when its record, or the newest record it lists, was reviewed."""
        return self.exports.lastmod(spec)

    def theme_context(self) -> dict[str, Any]:
        """What the theme's own templates may show on every page (`rathaus` there)."""
        return {
            **self.renderer.context(),
            "hotline": HOTLINE,
            "sitemap": self.exports.sitemap(self.records),
        }

    def clashes(self, taken: Iterable[str]) -> list[str]:
        """Files of the host's own pages (e.g. a hand-written llms.txt) that a generated file would overwrite."""
        taken = set(taken)
        redirects = {path for path, _ in self.redirects.outputs()}
        return sorted((taken & redirects) | set(self.exports.clashes(taken)))

    def write(
        self,
        site_dir: Path,
        frames: Mapping[str, Frame],
        content_pages: Sequence[ContentPage] = (),
        *,
        workers: int = 1,
        kept: Kept | None = None,
    ) -> None:
        """Write record pages (each into `frames[spec.folder]`), exports, search index and redirects into
        `site_dir`, on up to `workers` processes; with `kept`, reuse what an earlier build wrote (serve)."""
        writer = SiteWriter(site_dir, self.renderer, self.exports, self.redirects, frames, self.records, kept=kept)
        writer.write(content_pages, workers=workers)
