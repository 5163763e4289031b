"""The thin mkdocs adapter: the catalogue library does the work, this file only hands it to mkdocs."""

from __future__ import annotations

import html
import json
import logging
import os
import re
from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache

from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..build.memory import collectable_again, leave_alone
from ..build.parallel import available_cores
from ..build.writer import Kept, SiteWriter
from ..catalogue import RECORD_DIRS, build_catalogue
from ..editing import records_edit_uri
from ..models import Site
from ..outputs.exports import Exports
from ..outputs.pages import PageSpec, Renderer, page_specs
from ..outputs.search import ContentPage
from ..problems import CatalogueError
from .config import RathausConfig
from .frame import CONTENT, Frame, placeholder
from .theme_fixes import fix_theme_markup


class RathausPlugin(BasePlugin[RathausConfig]):
    """Lists and start page are mkdocs pages; record pages are written by the library into the theme's frame."""

    def __init__(self) -> None:
        self.root = Path()
        self.renderer: Renderer | None = None
        self.exports: Exports | None = None
        self.specs: dict[str, PageSpec] = {}
        self.records: list[PageSpec] = []
        self.nav: Navigation | None = None
        self.frames: dict[str, Frame] = {}
        self.content_pages: list[ContentPage] = []
        self.templates: FileSystemBytecodeCache | None = None
        self.kept: Kept | None = None
        """Under `mkdocs serve` (which keeps this plugin between rebuilds), what the last build wrote."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        # Validate before mkdocs touches site_dir: a broken catalogue leaves the last site as it was.
        if not self.config.enabled:
            return config
        self.root, site = self.settings(config)
        cache = self.cache_folder(config)
        rebuilding = self.kept is not None and bool(self.kept.records)  # unchanged records are in memory (load.py)
        try:
            catalogue = build_catalogue(self.root, site, workers=self.workers, cache=None if rebuilding else cache)
        except CatalogueError as error:
            raise PluginError(str(error)) from None
        self.templates = FileSystemBytecodeCache(str(cache)) if cache else None
        self.renderer = Renderer(catalogue, self.templates)
        self.exports = Exports(
            catalogue,
            base_url=config.site_url or "/",
            name=config.site_name,
            description=config.site_description,
            bytecode_cache=self.templates,
        )
        specs = page_specs(catalogue) + self.exports.page_specs()
        self.specs = {spec.path: spec for spec in specs if spec.record is None}
        self.records = [spec for spec in specs if spec.record is not None]
        RECORD_LINKS.paths = {spec.path for spec in self.records}
        logging.getLogger("mkdocs.structure.pages").addFilter(RECORD_LINKS)  # once: `mkdocs serve` builds again
        self.content_pages = []
        leave_alone()
        return config

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.kept = Kept() if command == "serve" else None

    def on_shutdown(self) -> None:
        if self.kept is None:
            leave_alone()  # the process ends now

    def cache_folder(self, config: MkDocsConfig) -> Path | None:
        """Where parsed records and compiled templates are kept between builds, as Material's plugins keep theirs:
        .cache/ beside mkdocs.yml. A folder that cannot be written only costs parsing and compiling again."""
        if not self.config.cache:
            return None
        folder = Path(config.config_file_path).parent / self.config.cache_dir
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        return folder

    @property
    def workers(self) -> int:
        return self.config.workers or available_cores()

    def settings(self, config: MkDocsConfig) -> tuple[Path, Site]:
        """Where the catalogue lives and the site settings, as the library wants them."""
        base = Path(config.config_file_path).parent
        root = Path(self.config.catalogue_dir or base)
        site = Site(
            city=self.config.city,
            demo=self.config.demo,
            service_center=self.config.service_center,
            municipalities=self.config.municipalities,
            feedback_mail=self.config.feedback_mail,
            review_months=self.config.review_months,
            site_url=config.site_url,
            repo_url=config.repo_url,
            edit_uri=self.config.edit_uri
            or records_edit_uri(config.edit_uri, Path(config.docs_dir).name, os.path.relpath(root, base)),
        )
        return root, site

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        for folder in (*RECORD_DIRS, "search"):
            if (self.root / folder).is_dir():
                server.watch(str(self.root / folder))
        return server

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        for spec in [*self.specs.values(), *self.records]:
            if files.get_file_from_path(spec.path):
                raise PluginError(f"content/{spec.path} überschneidet sich mit einer erzeugten Seite")
        for spec in self.specs.values():
            # Only the front matter goes through Markdown; the body is rendered from the record. The theme
            # prints title and description without escaping, so they are handed over HTML-escaped.
            meta = {"title": html.escape(spec.title), "description": html.escape(spec.description)}
            stub = f"---\n{json.dumps(meta, ensure_ascii=False)}\n---\n"
            inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, spec.path, content=stub, inclusion=inclusion))
        for spec in self.records:
            # Known to mkdocs, so links from content pages resolve; excluded, because the library writes them.
            files.append(File.generated(config, spec.path, content="", inclusion=InclusionLevel.EXCLUDED))
        if self.exports is not None and (clashes := self.exports.clashes(f.dest_uri for f in files)):
            raise PluginError(f"content/ enthält Dateien, die erzeugt werden: {', '.join(clashes)}")
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        self.nav = nav
        return nav

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        spec = self.specs.get(page.file.src_uri)
        if spec is None:
            self.content_pages.append(ContentPage(page.url, page.title or "", html))
        if spec is None or self.renderer is None or self.exports is None:
            return html
        page.update_date = self.exports.lastmod(spec) or page.update_date  # sitemap lastmod = newest reviewed
        return self.renderer.render(spec, **self.exports.page_context(spec))

    def frame(self, env: Any, config: MkDocsConfig, files: Files, folder: str) -> Frame:
        """The theme's page for the records in `folder`, rendered as mkdocs renders a page, with placeholders."""
        page = Page(placeholder("title"), File.generated(config, f"{folder}rahmen/index.md", content=""), config)
        page.content, page.meta = CONTENT, {"description": placeholder("description")}
        page.canonical_url = page.canonical_url and placeholder("canonical")
        assert self.renderer is not None  # on_env renders frames only for a loaded catalogue
        site = self.renderer.catalogue.site
        page.edit_url = placeholder("edit") if site.repo_url and site.edit_uri else None  # the record's YAML file
        context = config.plugins.on_page_context(get_context(self.nav, files, config, page), page=page,
                                                 config=config, nav=self.nav)  # fmt: skip
        output = env.get_template("main.html").render(context)
        return Frame.parse(config.plugins.on_post_page(output, page=page, config=config))

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.exports is None or self.renderer is None:
            return
        writer = SiteWriter(
            Path(config.site_dir), self.renderer, self.exports, self.frames, self.records, kept=self.kept
        )
        writer.write(self.content_pages, workers=self.workers)
        if self.kept is not None:
            collectable_again()  # before the next rebuild

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        return fix_theme_markup(output)

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str | None:
        return fix_theme_markup(output_content)  # 404.html is a theme template, not a page

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        if self.renderer is None or self.exports is None:
            return env
        env.globals["rathaus"] = {**self.renderer.context(), "sitemap": self.exports.sitemap(self.records)}
        env.bytecode_cache = env.bytecode_cache or self.templates  # the theme's templates too
        self.frames = {folder: self.frame(env, config, files, folder) for folder in {s.folder for s in self.records}}
        return env


class _RecordLinks(logging.Filter):
    """Drops mkdocs' note that a link leads to a page "excluded from the built site" when that is a record page:
    record pages are excluded from mkdocs' own rendering only, the library writes them."""

    NOTE = re.compile(r"contains a link to '(.+)' which is excluded from the built site")

    def __init__(self) -> None:
        super().__init__()
        self.paths: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        note = self.NOTE.search(record.getMessage())
        return note is None or note.group(1) not in self.paths


RECORD_LINKS = _RecordLinks()
