"""Writing what the catalogue adds to a built site: record pages, exports, search and redirects, on every core.

Record pages are the bulk of a site: one per service, office and Lebenslage. Each is its body, rendered from
the record, filled into the theme's frame of its folder (frame.py); a service's JSON and Markdown are written
with it. That work is split across worker processes forked from this one: they inherit catalogue, templates
and frames as they are, so nothing is pickled but chunk numbers. The search index is built meanwhile.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .exports import Exports, write_text
from .frame import Frame
from .memory import objects_kept
from .models import Service
from .pages import PageSpec, Renderer
from .redirects import redirect_pages
from .search import ContentPage, write_search

PARALLEL_FROM = 300
"""Fewer record pages than this are written by this process alone: forking would cost more than it saves."""
CHUNK = 64
"""Record pages a worker takes at a time: small enough to keep every core busy to the end."""


def available_cores() -> int:
    """The cores this process may run on (a container or `taskset` may allow fewer than the machine has)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def can_fork() -> bool:
    """Forked workers share the parent's memory for free; only Linux forks cheaply and safely."""
    return sys.platform.startswith("linux")


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
        """Write record pages, exports, the search index and redirects, on up to `workers` processes."""
        self.content_pages = content_pages
        jobs = self.jobs()
        with objects_kept():
            if workers > 1 and len(self.records) >= PARALLEL_FROM and can_fork():
                context = multiprocessing.get_context("fork")
                with context.Pool(workers, initializer=_adopt, initargs=(self,)) as pool:
                    pool.map(_run, range(len(jobs)), chunksize=1)
            else:
                for job in jobs:
                    job()
        self.exports.write_llms_full(self.site_dir)
        for path, text in redirect_pages(self.renderer.catalogue, self.renderer.catalogue.site.site_url).items():
            write_text(self.site_dir / path, text)

    def jobs(self) -> list[Callable[[], None]]:
        """Independent pieces of work, longest first, so that the cores finish at about the same time."""
        chunks = [self.records[start : start + CHUNK] for start in range(0, len(self.records), CHUNK)]
        return [self.write_search, lambda: self.exports.write(self.site_dir)] + [
            functools.partial(self.write_records, chunk) for chunk in chunks
        ]

    def write_records(self, specs: Iterable[PageSpec]) -> None:
        for spec in specs:
            self.write_record(spec)

    def write_record(self, spec: PageSpec) -> None:
        """One record's page and, for a service, its JSON and Markdown."""
        body = self.renderer.render(spec, **self.exports.page_context(spec))
        page = self.frames[spec.folder].fill(
            body,
            title=spec.title,
            description=spec.description,
            canonical=self.exports.url(spec.url),
            edit=self.renderer.links(spec).edit or "",
        )
        write_text(self.site_dir / spec.url / "index.html", page)
        if isinstance(spec.record, Service):
            for path, text in self.exports.service_outputs(spec.record):
                write_text(self.site_dir / path, text)

    def write_search(self) -> None:
        write_search(self.site_dir, self.renderer.catalogue, self.content_pages)


_writer: SiteWriter | None = None


def _adopt(writer: SiteWriter) -> None:
    """Runs in each forked worker: the writer came with the fork, not through a pipe."""
    global _writer
    _writer = writer


def _run(job: int) -> None:
    assert _writer is not None
    _writer.jobs()[job]()
