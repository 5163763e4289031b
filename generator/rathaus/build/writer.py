"""Writing what the catalogue adds to a built site: record pages, exports, search and redirects, on every core.

Record pages are the bulk of a site: one per service, office and Lebenslage. Each is its body, rendered from
the record, filled into the theme's frame of its folder (frame.py); a service's JSON and Markdown are written
with it. That work is split across worker processes (parallel.py), and the search index is built meanwhile.
Under `mkdocs serve`, a rebuild renders only the records whose pages show something edited (`Kept`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..models import Service
from ..outputs.exports import SMALL_FILES, Exports, write_text
from ..outputs.pages import PageSpec, Renderer, templates_changed_at
from ..outputs.redirects import RedirectPages
from ..outputs.search import ContentPage, write_search
from ..templating import compile_all
from ..urls import markdown_path, service_api_path
from .frame import Frame
from .parallel import WORTH_FORKING, chunks, run

CHUNK = 64
"""Record pages a worker takes at a time: small enough to keep every core busy to the end."""


@dataclass(frozen=True)
class Written:
    """One record's page body and, for a service, its JSON and Markdown, as a build made them."""

    body: str = ""
    edit: str = ""
    """The page's "Seite bearbeiten" link."""
    json: str | None = None
    markdown: str | None = None
    """A service's Markdown; /llms-full.txt is made of them."""
    made_from: tuple[object, ...] = ()
    """The records they show (`Catalogue.shown_with`), as the objects they were made from."""

    def still_from(self, records: tuple[object, ...]) -> bool:
        """Made from these very objects? load.py hands out the same object for a file that did not change,
        so an edit anywhere in what a record's page shows makes a new one here."""
        return len(records) == len(self.made_from) and all(a is b for a, b in zip(records, self.made_from, strict=True))


@dataclass
class Kept:
    """What a `mkdocs serve` process keeps between rebuilds: each record's files and the settings they were
    made with. A rebuild writes them again without rendering them while neither has changed, so an edit costs
    the pages it shows on, the search index and the site-wide exports, not the whole catalogue."""

    settings: tuple[object, ...] = ()
    records: dict[str, Written] = field(default_factory=dict)


@dataclass
class SiteWriter:
    """Writes the generated files of one catalogue into one built site folder."""

    site_dir: Path
    renderer: Renderer
    exports: Exports
    redirects: RedirectPages
    frames: Mapping[str, Frame]
    """The theme's frame for each folder of record pages (`PageSpec.folder`)."""
    records: Sequence[PageSpec] = field(default_factory=list)
    """The record pages (services, offices, Lebenslagen) to write."""
    content_pages: Sequence[ContentPage] = field(default_factory=list)
    """The hand-written pages, as the site engine rendered them, for the search index."""
    kept: Kept | None = None
    """The previous build's files, to write again where nothing they show has changed (`mkdocs serve`)."""

    def write(self, content_pages: Sequence[ContentPage] = (), *, workers: int = 1) -> None:
        """Write record pages, exports, the search index and redirects, on up to `workers` processes; update
        `kept` with what was written.

        /llms-full.txt takes the services' Markdown in the order of `records`, which lists them from A to Z.
        """
        self.content_pages = content_pages
        catalogue = self.renderer.catalogue
        shown = (
            {s.url: catalogue.shown_with(s.record) for s in self.records if s.record} if self.kept is not None else {}
        )
        written = self.reusable(shown)
        new = [spec for spec in self.records if spec.url not in written]
        again = [spec for spec in self.records if spec.url in written]
        compile_all(self.renderer.env)
        done = run(self.jobs(new, again), workers if len(self.records) >= WORTH_FORKING else 1)
        written.update(zip((spec.url for spec in new), (w for ws in done for w in ws), strict=True))
        markdown = [text for spec in self.records if (text := written[spec.url].markdown) is not None]
        self.exports.write_llms_full(self.site_dir, markdown)
        if self.kept is not None:
            self.kept.settings = self.settings()
            self.kept.records = {path: replace(written[path], made_from=records) for path, records in shown.items()}

    def settings(self) -> tuple[object, ...]:
        """What every record's files depend on besides the records: the site's settings and addresses, and the
        templates."""
        exports = self.exports
        return (
            self.renderer.catalogue.site,
            exports.base_url,
            exports.name,
            exports.description,
            templates_changed_at(),
        )

    def reusable(self, shown: Mapping[str, tuple[object, ...]]) -> dict[str, Written]:
        """The kept files of records whose pages show nothing new (`shown`: what each page shows now)."""
        if self.kept is None or self.kept.settings != self.settings():
            return {}
        kept = self.kept.records
        return {path: kept[path] for path, records in shown.items() if path in kept and kept[path].still_from(records)}

    def jobs(self, new: Sequence[PageSpec], again: Sequence[PageSpec]) -> list[Callable[[], list[Written]]]:
        """Independent pieces of work, longest first, so that the cores finish at about the same time. Those that
        render records return what they wrote, in order; the others return nothing."""
        groups = [*self.exports.outputs(), *chunks(self.redirects.outputs(), SMALL_FILES)]
        outputs = [functools.partial(self.write_outputs, group) for group in groups]
        return [
            self.write_search,
            *outputs,
            *(functools.partial(self.write_records, chunk) for chunk in chunks(new, CHUNK)),
            *(functools.partial(self.write_again, chunk) for chunk in chunks(again, CHUNK)),
        ]

    def write_records(self, specs: Iterable[PageSpec]) -> list[Written]:
        written = [self.write_record(spec) for spec in specs]
        if self.kept is None:  # only the Markdown is needed back, for /llms-full.txt
            return [Written(markdown=w.markdown) for w in written]
        return written

    def write_again(self, specs: Iterable[PageSpec]) -> list[Written]:
        assert self.kept is not None  # records are written again only from kept files
        for spec in specs:
            self.write_files(spec, self.kept.records[spec.url])
        return []

    def write_outputs(self, outputs: Iterable[tuple[str, Callable[[], str]]]) -> list[Written]:
        for path, make in outputs:
            write_text(self.site_dir / path, make())
        return []

    def write_search(self) -> list[Written]:
        write_search(self.site_dir, self.renderer.catalogue, self.content_pages)
        return []

    def write_record(self, spec: PageSpec) -> Written:
        """Render one record's page body and, for a service, its JSON and Markdown, and write them."""
        written = render_record(self.renderer, self.exports, spec)
        self.write_files(spec, written)
        return written

    def write_files(self, spec: PageSpec, written: Written) -> None:
        """A record's page, its body in the theme's frame, and its other files."""
        page = self.frames[spec.folder].fill(
            written.body,
            title=spec.title,
            description=spec.description,
            canonical=self.exports.url(spec.url),
            edit=written.edit,
        )
        write_text(self.site_dir / spec.url / "index.html", page)
        if isinstance(spec.record, Service) and written.json is not None and written.markdown is not None:
            write_text(self.site_dir / service_api_path(spec.record.id), written.json)
            write_text(self.site_dir / markdown_path(spec.record.id), written.markdown)


def render_record(renderer: Renderer, exports: Exports, spec: PageSpec) -> Written:
    """One record's page body and, for a service, its JSON and Markdown: all a record's files depend on besides
    the site's settings and the theme's frame (tests/test_serve.py checks that against `Catalogue.shown_with`)."""
    links = renderer.links(spec)
    body = renderer.render(spec, links, **exports.page_context(spec))
    json = markdown = None
    if isinstance(spec.record, Service):
        json, markdown = exports.service_outputs(spec.record)
    return Written(body, links.edit or "", json, markdown)
