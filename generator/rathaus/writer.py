"""Writing what the catalogue adds to a built site: record pages, exports, search and redirects, on every core.

Record pages are the bulk of a site: one per service, office and Lebenslage. Each is its body, rendered from
the record, filled into the theme's frame of its folder (frame.py); a service's JSON and Markdown are written
with it. That work is split across worker processes (parallel.py), and the search index is built meanwhile.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .exports import Exports, write_text
from .frame import Frame
from .models import Service
from .pages import PageSpec, Renderer
from .parallel import WORTH_FORKING, run
from .redirects import redirect_pages
from .search import ContentPage, write_search

CHUNK = 64
"""Record pages a worker takes at a time: small enough to keep every core busy to the end."""


@dataclass
class SiteWriter:
    """Writes the generated files of one catalogue into one built site folder."""

    site_dir: Path
    renderer: Renderer
    exports: Exports
    frames: Mapping[str, Frame]
    """The theme's frame for each folder of record pages (`PageSpec.folder`)."""
    records: Sequence[PageSpec] = field(default_factory=list)
    """The record pages (services, offices, Lebenslagen) to write."""
    content_pages: Sequence[ContentPage] = field(default_factory=list)
    """The hand-written pages, as the site engine rendered them, for the search index."""

    def write(self, content_pages: Sequence[ContentPage] = (), *, workers: int = 1) -> None:
        """Write record pages, exports, the search index and redirects, on up to `workers` processes.

        /llms-full.txt takes the services' Markdown in the order of `records`, which lists them from A to Z.
        """
        self.content_pages = content_pages
        self.renderer.load_templates()
        self.exports.load_templates()
        done = run(self.jobs(), workers if len(self.records) >= WORTH_FORKING else 1)
        self.exports.write_llms_full(self.site_dir, [text for texts in done for text in texts])
        for path, text in redirect_pages(self.renderer.catalogue, self.renderer.catalogue.site.site_url).items():
            write_text(self.site_dir / path, text)

    def jobs(self) -> list[Callable[[], list[str]]]:
        """Independent pieces of work, longest first, so that the cores finish at about the same time. Each
        returns the Markdown of the services it wrote, for /llms-full.txt."""
        chunks = [self.records[start : start + CHUNK] for start in range(0, len(self.records), CHUNK)]
        outputs = [functools.partial(self.write_outputs, group) for group in self.exports.outputs()]
        return [self.write_search, *outputs, *(functools.partial(self.write_records, chunk) for chunk in chunks)]

    def write_records(self, specs: Iterable[PageSpec]) -> list[str]:
        return [text for spec in specs for text in self.write_record(spec)]

    def write_outputs(self, outputs: Iterable[tuple[str, Callable[[], str]]]) -> list[str]:
        for path, make in outputs:
            write_text(self.site_dir / path, make())
        return []

    def write_search(self) -> list[str]:
        write_search(self.site_dir, self.renderer.catalogue, self.content_pages)
        return []

    def write_record(self, spec: PageSpec) -> list[str]:
        """One record's page and, for a service, its JSON and Markdown (returned too)."""
        links = self.renderer.links(spec)
        page = self.frames[spec.folder].fill(
            self.renderer.render(spec, links, **self.exports.page_context(spec)),
            title=spec.title,
            description=spec.description,
            canonical=self.exports.url(spec.url),
            edit=links.edit or "",
        )
        write_text(self.site_dir / spec.url / "index.html", page)
        if not isinstance(spec.record, Service):
            return []
        (json_path, json), (markdown_path, markdown) = self.exports.service_outputs(spec.record)
        write_text(self.site_dir / json_path, json)
        write_text(self.site_dir / markdown_path, markdown)
        return [markdown]
