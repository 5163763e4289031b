"""The thin mkdocs adapter: the library makes the site's files (`SiteFiles`), this plugin hands them to mkdocs."""

from __future__ import annotations

import html
import json
import logging
import re
from pathlib import Path
from typing import Any

from jinja2 import Environment

from mkdocs import __version__ as mkdocs_version
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..build.frame import Frame
from ..build.memory import collect_soon, leave_alone, pause_collector
from ..build.writer import Kept
from ..catalogue import build_catalogue
from ..hotline import HOTLINE
from ..kinds import KINDS
from ..outputs.pages import PageSpec
from ..outputs.search import ContentPage
from ..problems import CatalogueError
from ..settings import Project, Settings, SettingsError, validate
from ..site import SiteFiles
from ..templating import CompiledTemplates
from .config import SettingsAbort, project_of
from .frame import render_frame
from .theme_fixes import fix_theme_markup

THEME_TEMPLATES = CompiledTemplates(f"mkdocs {mkdocs_version}")
"""The theme's compiled templates (mkdocs makes its environment the same way within one version)."""


def source_path(spec: PageSpec) -> str:
    """The Markdown source path mkdocs files a generated page under: `leistungen/` → `leistungen/index.md`."""
    return spec.url + "index.md"


class RathausPlugin(BasePlugin):  # type: ignore[type-arg]  # its settings are `Settings`, not a mkdocs config
    """Lists and start page are mkdocs pages; record pages are written by the library into the theme's frame."""

    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.project: Project | None = None
        self.files: SiteFiles | None = None
        """This build's files; None while the plugin has not loaded a catalogue."""
        self.hosted: dict[str, PageSpec] = {}
        """The library's pages that mkdocs renders in the theme, by source path."""
        self.nav: Navigation | None = None
        self.frames: dict[str, Frame] = {}
        self.content_pages: list[ContentPage] = []
        self.kept: Kept | None = None
        """Under `mkdocs serve` (which keeps this plugin between rebuilds), what the last build wrote."""
        self.intern = False
        """Build the Service-Center's internal site (`rathaus build --intern`, host.build)."""

    def load_config(self, options: dict[str, Any], config_file_path: str | None = None) -> tuple[Any, Any]:
        """The `rathaus` block is checked by the library's `Settings` alone, with German messages."""
        result = super().load_config({}, config_file_path)
        try:
            self.settings = validate(options, Path(config_file_path or "mkdocs.yml"))
        except SettingsError as error:
            raise SettingsAbort(error) from None
        return result

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.kept = Kept() if command == "serve" else None

    def on_shutdown(self) -> None:
        if self.kept is None:
            leave_alone()  # the process ends now

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        # Validate before mkdocs touches site_dir: a broken catalogue leaves the last site as it was.
        assert self.settings is not None  # load_config ran
        if self.kept is not None:
            pause_collector()  # until on_post_build or on_build_error
        try:
            self.project = project = project_of(config, self.settings, intern=self.intern)
        except SettingsError as error:
            raise SettingsAbort(error) from None
        if project.site.intern:
            config.site_url = project.base_url  # the intranet's own address, for mkdocs' pages too
        rebuilding = self.kept is not None and bool(self.kept.records)  # unchanged records are in memory (load.py)
        cache = None if rebuilding else project.cache_folder()
        try:
            catalogue = build_catalogue(project.root, project.site, workers=project.workers, cache=cache)
        except CatalogueError as error:
            raise PluginError(str(error)) from None
        self.files = SiteFiles(catalogue, base_url=project.base_url, name=project.name, description=project.description)
        self.hosted = {source_path(spec): spec for spec in self.files.pages}
        RECORD_LINKS.paths = {source_path(spec) for spec in self.files.records if spec.link_target}
        logging.getLogger("mkdocs.structure.pages").addFilter(RECORD_LINKS)  # once: `mkdocs serve` builds again
        self.content_pages = []
        leave_alone()
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.kept is not None:  # mkdocs serve empties the site folder now; unchanged record files stay
            self.kept.set_aside(Path(config.site_dir))

    def on_build_error(self, *, error: Exception) -> None:
        if self.kept is not None:  # the files set aside wait for the next build
            collect_soon()

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        if self.project is not None:
            for folder in (*(kind.folder for kind in KINDS.values()), "search"):
                if (self.project.root / folder).is_dir():
                    server.watch(str(self.project.root / folder))
        return server

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if self.files is None:
            return files
        written = {file.src_uri for file in files}
        for spec in [*self.files.pages, *self.files.records]:
            if source_path(spec) in written:
                raise PluginError(f"content/{source_path(spec)} überschneidet sich mit einer erzeugten Seite")
        for spec in self.files.pages:
            # Only the front matter goes through Markdown; the body is rendered from the record. The theme
            # prints title and description without escaping, so they are handed over HTML-escaped.
            meta = {"title": html.escape(spec.title), "description": html.escape(spec.description)}
            stub = f"---\n{json.dumps(meta, ensure_ascii=False)}\n---\n"
            inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, source_path(spec), content=stub, inclusion=inclusion))
        for spec in self.files.records:
            # Known to mkdocs, so links from content pages resolve; excluded, because the library writes them.
            if spec.link_target:
                files.append(File.generated(config, source_path(spec), content="", inclusion=InclusionLevel.EXCLUDED))
        if clashes := self.files.clashes(f.dest_uri for f in files):
            raise PluginError(f"content/ enthält Dateien, die erzeugt werden: {', '.join(clashes)}")
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        self.nav = nav
        return nav

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        spec = self.hosted.get(page.file.src_uri)
        if spec is None:
            self.content_pages.append(ContentPage(page.url, page.title or "", html))
        if spec is None or self.files is None:
            return html
        page.update_date = self.files.lastmod(spec) or page.update_date  # sitemap lastmod = newest reviewed
        return self.files.body(spec)

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment | None:
        if self.files is None or self.nav is None:
            env.globals["rathaus"] = {"hotline": HOTLINE}  # the theme names the 115 on every page
            return env
        env.globals["rathaus"] = self.files.theme_context()
        env.bytecode_cache = env.bytecode_cache or THEME_TEMPLATES
        site = self.files.catalogue.site
        editable = bool(site.repo_url and site.edit_uri)
        folders = {spec.folder for spec in self.files.records}
        self.frames = {
            folder: render_frame(env, config, self.nav, files, folder, editable=editable) for folder in folders
        }
        return env

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.files is None or self.project is None:
            return
        self.files.write(
            Path(config.site_dir), self.frames, self.content_pages, workers=self.project.workers, kept=self.kept
        )
        if self.project.site.intern:
            hide_from_search_engines(Path(config.site_dir))
        if self.kept is not None:
            collect_soon()  # what this build left behind, once the browser has the new pages

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        return fix_theme_markup(output)

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str | None:
        return fix_theme_markup(output_content)  # 404.html is a theme template, not a page


def hide_from_search_engines(site_dir: Path) -> None:
    """The internal build is for the intranet: no sitemap, and robots.txt turns crawlers away (every page also
    says `noindex`, theme/main.html)."""
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        (site_dir / name).unlink(missing_ok=True)
    (site_dir / "robots.txt").write_text("User-agent: *\nDisallow: /\n", encoding="utf-8")


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
