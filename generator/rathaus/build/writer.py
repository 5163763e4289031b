"""Writing what the catalogue adds to a built site: record pages, exports, search and redirects, on every core.

Record pages are the bulk of a site: one per service, office and Lebenslage. Each is its body, rendered from
the record, filled into the theme's frame of its folder (frame.py); a service's JSON and Markdown are written
with it. That work is split across worker processes (parallel.py), and the search index is built meanwhile.
Under `mkdocs serve`, a rebuild renders only the records whose pages show something edited (`Kept`); the files
of the others stay where the last build wrote them.
"""

from __future__ import annotations

import functools
import operator
import os
import shutil
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..models import Service
from ..outputs.exports import SMALL_FILES, Exports, write_text
from ..outputs.pages import PageSpec, Renderer, templates_changed_at
from ..outputs.redirects import RedirectPages
from ..outputs.search import ContentPage, write_search
from ..templating import compile_all
from ..urls import markdown_path, service_api_path, service_url
from ..verbund import LocalService
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


@dataclass(frozen=True)
class Made:
    """What a serve process remembers of one record's files, which stay on disk."""

    records: tuple[object, ...]
    """What the files show (`Catalogue.shown_with`), as the objects they were made from."""
    homes: tuple[str, ...]
    markdown: str | None
    """A service's Markdown, for /llms-full.txt."""
    json: str | None
    """A service's JSON, for /api/v1/services.json."""

    def still_from(self, records: tuple[object, ...]) -> bool:
        """Made from these very objects? load.py hands out the same object for a file that did not change,
        so an edit anywhere in what a record's page shows makes a new one here."""
        return len(records) == len(self.records) and all(map(operator.is_, records, self.records))


ASIDE = ".rathaus-kept"
"""Where a serve rebuild keeps the last build's record files while the host empties the site folder: a hidden
folder, which hosts leave alone (mkdocs' `clean_directory` keeps every name that starts with a dot)."""


def homes(spec: PageSpec) -> tuple[str, ...]:
    """The folders and files that hold a record's files and move as one: a page's folder (a service's also
    holds its Markdown and its local versions, so a local version's home is its service's) and a service's JSON."""
    if isinstance(spec.record, LocalService):
        return (service_url(spec.record.service.id),)
    if isinstance(spec.record, Service):
        return (spec.url, service_api_path(spec.record.id))
    return (spec.url,)


@dataclass
class Kept:
    """What a `mkdocs serve` process keeps between rebuilds, so that an edit costs the pages it shows on, the
    search index and the site-wide exports, not the whole catalogue: what each record's files were made from,
    the frames they were filled into and the settings. The files stay on disk: before the host empties the site
    folder, `set_aside` moves the folders that hold them into a hidden folder, and the next build moves back the
    homes whose files are still whole (`SiteWriter.put_back`). At 40 municipalities × 1,000 services that is
    1.2 GB of pages a rebuild neither writes again nor holds in memory."""

    settings: tuple[object, ...] = ()
    frames: dict[str, Frame] = field(default_factory=dict)
    records: dict[str, Made] = field(default_factory=dict)
    homes: dict[str, set[str]] = field(default_factory=dict)
    """Each home and the pages whose files it holds."""
    collected: tuple[tuple[str, ...], dict[str, str]] | None = None
    """The services' Markdown and JSON texts and the files made of them (`Exports.collected`)."""
    aside: Path | None = None
    """The hidden folder the last build's files wait in, from `set_aside` until the next build has written."""

    def set_aside(self, site_dir: Path) -> None:
        """Move the top folders that hold record files out of the host's way: one rename each. When a failed
        build left the last good files aside, they stay there; what that build wrote is the host's to clean."""
        if not self.records:
            return
        self.aside = site_dir / ASIDE
        if self.aside.exists():
            return
        self.aside.mkdir()
        tops = {home.split("/", 1)[0] for home in self.homes}
        for top in sorted(tops):
            if (site_dir / top).exists():
                (site_dir / top).rename(self.aside / top)

    def forget_aside(self) -> None:
        """Delete what was set aside and not moved back: files of records that changed or are gone."""
        if self.aside is not None:
            shutil.rmtree(self.aside, ignore_errors=True)
            self.aside = None


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
    """What the previous build wrote, left in place where nothing it shows has changed (`mkdocs serve`)."""

    def write(self, content_pages: Sequence[ContentPage] = (), *, workers: int = 1) -> None:
        """Write record pages, exports, the search index and redirects, on up to `workers` processes; with
        `kept`, leave the files of records whose pages show nothing new as they are, and update `kept`.

        /llms-full.txt and /api/v1/services.json take the services' Markdown and JSON in the order of `records`,
        which lists them from A to Z.
        """
        self.content_pages = content_pages
        shown: dict[str, tuple[object, ...]] = {}
        home_of: dict[str, tuple[str, ...]] = {}
        if self.kept is not None:
            catalogue, last = self.renderer.catalogue, self.kept.records
            for spec in self.records:
                shown[spec.url] = catalogue.shown_with(spec.record) if spec.record else ()
                home_of[spec.url] = before.homes if (before := last.get(spec.url)) else homes(spec)  # by URL alone
        by_home = pages_by_home(home_of)
        reused = self.put_back(shown, by_home)
        new = [spec for spec in self.records if spec.url not in reused]
        compile_all(self.renderer.env)
        # Under `mkdocs serve` the search index is built in this process, so its caches (index terms of every
        # entry, the noun lexicon) serve the rebuilds; they would stay in a worker process and go with it.
        search = self.write_search if self.kept is not None else None
        done = run(self.jobs(new, search=search is None), workers if len(self.records) >= WORTH_FORKING else 1, search)
        written = dict(zip((spec.url for spec in new), (w for ws in done for w in ws), strict=True))
        made: dict[str, Written | Made] = {**reused, **written}
        self.write_collected([made[spec.url] for spec in self.records if isinstance(spec.record, Service)])
        if self.kept is not None:
            self.kept.forget_aside()
            self.kept.settings = self.settings()
            self.kept.frames = dict(self.frames)
            self.kept.homes = by_home
            self.kept.records = reused | {
                url: Made(shown[url], home_of[url], files.markdown, files.json) for url, files in written.items()
            }

    def write_collected(self, services: Sequence[Written | Made]) -> None:
        """/llms-full.txt and /api/v1/services.json from the services' Markdown and JSON (`Exports.collected`).
        Under `mkdocs serve`, when these are the very texts of the last build (kept records keep theirs), so are
        the files."""
        markdown, json = [s.markdown or "" for s in services], [s.json or "" for s in services]
        parts = (*markdown, *json)
        earlier = self.kept.collected if self.kept is not None else None
        if earlier is not None and len(earlier[0]) == len(parts) and all(map(operator.is_, earlier[0], parts)):
            collected = earlier[1]
        else:
            collected = self.exports.collected(markdown, json)
        for path, text in collected.items():
            write_text(self.site_dir / path, text)
        if self.kept is not None:
            self.kept.collected = (parts, collected)

    def put_back(self, shown: Mapping[str, tuple[object, ...]], wanted: Mapping[str, set[str]]) -> dict[str, Made]:
        """Move back the set-aside homes whose files are all still wanted, and name the records whose files there
        need no rendering: their pages show nothing new (`shown`: what each page shows now), and neither settings
        nor their folder's frame changed. A home that held a page no longer built stays aside and is deleted
        with the rest; its records are rendered afresh. `wanted`: each home and the pages that are to be in it."""
        kept = self.kept
        if kept is None or kept.aside is None or kept.settings != self.settings():
            return {}
        whole = [home for home, urls in kept.homes.items() if home in wanted and urls <= wanted[home]]
        aside, site = str(kept.aside), str(self.site_dir)
        back = {home for home in whole if _move(f"{aside}/{home}", f"{site}/{home}")}
        same_frame = {folder: kept.frames.get(folder) == frame for folder, frame in self.frames.items()}
        return {
            spec.url: made
            for spec in self.records
            if (made := kept.records.get(spec.url)) is not None
            and same_frame[spec.folder]
            and back.issuperset(made.homes)
            and made.still_from(shown[spec.url])
        }

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

    def jobs(self, new: Sequence[PageSpec], *, search: bool = True) -> list[Callable[[], list[Written]]]:
        """Independent pieces of work, longest first, so that the cores finish at about the same time. Those that
        render records return each one's Markdown and JSON (a service's), in order; the others return nothing.
        `search`: the search index is one of them."""
        groups = [*self.exports.outputs(), *chunks(self.redirects.outputs(), SMALL_FILES)]
        outputs = [functools.partial(self.write_outputs, group) for group in groups]
        return [
            *([self.write_search] if search else []),
            *outputs,
            *(functools.partial(self.write_records, chunk) for chunk in chunks(new, CHUNK)),
        ]

    def write_records(self, specs: Iterable[PageSpec]) -> list[Written]:
        return [replace(w, body="", edit="") for w in map(self.write_record, specs)]  # sent back: only what's collected

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


def pages_by_home(home_of: Mapping[str, tuple[str, ...]]) -> dict[str, set[str]]:
    """Each home (`homes`) and the pages whose files it holds."""
    pages: dict[str, set[str]] = defaultdict(set)
    for url, its_homes in home_of.items():
        for home in its_homes:
            pages[home].add(url)
    return pages


def _move(source: str, target: str) -> bool:
    """Move a set-aside home back into the site folder, unless it is gone or the place is taken. Plain strings
    and one `rename` while the folder is there: thousands of homes move on every serve rebuild."""
    if os.path.lexists(target):
        return False
    try:
        os.rename(source, target)
    except FileNotFoundError:
        if not os.path.lexists(source):
            return False
        os.makedirs(os.path.dirname(target.rstrip("/")), exist_ok=True)
        os.rename(source, target)
    return True
