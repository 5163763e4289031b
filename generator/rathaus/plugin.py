"""The thin mkdocs adapter: the catalogue library does the work, this file only hands it to mkdocs."""

from __future__ import annotations

import html
import json
import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .catalogue import RECORD_DIRS, build_catalogue
from .config import RathausConfig
from .editing import records_edit_uri
from .exports import Exports
from .htmlfix import fix_theme_markup
from .models import Site
from .pages import PageSpec, Renderer, page_specs
from .problems import CatalogueError
from .redirects import redirect_pages
from .search import ContentPage, write_search


class RathausPlugin(BasePlugin[RathausConfig]):
    def __init__(self) -> None:
        self.root = Path()
        self.renderer: Renderer | None = None
        self.exports: Exports | None = None
        self.specs: dict[str, PageSpec] = {}
        self.content_pages: list[ContentPage] = []

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        # Validate before mkdocs touches site_dir: a broken catalogue leaves the last site as it was.
        if not self.config.enabled:
            return config
        self.root, site = self.settings(config)
        try:
            catalogue = build_catalogue(self.root, site)
        except CatalogueError as error:
            raise PluginError(str(error)) from None
        self.renderer = Renderer(catalogue)
        self.exports = Exports(
            catalogue, base_url=config.site_url or "/", name=config.site_name, description=config.site_description
        )
        self.specs = {spec.path: spec for spec in page_specs(catalogue) + self.exports.page_specs()}
        self.content_pages = []
        return config

    def settings(self, config: MkDocsConfig) -> tuple[Path, Site]:
        """Where the catalogue lives and the site settings, as the library wants them."""
        base = Path(config.config_file_path).parent
        root = Path(self.config.catalogue_dir or base)
        site = Site(
            city=self.config.city,
            demo=self.config.demo,
            service_center=self.config.service_center,
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
        for spec in self.specs.values():
            if files.get_file_from_path(spec.path):
                raise PluginError(f"content/{spec.path} überschneidet sich mit einer erzeugten Seite")
            # Only the front matter goes through Markdown; the body is rendered from the record. The theme
            # prints title and description without escaping, so they are handed over HTML-escaped.
            meta = {"title": html.escape(spec.title), "description": html.escape(spec.description)}
            stub = f"---\n{json.dumps(meta, ensure_ascii=False)}\n---\n"
            inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, spec.path, content=stub, inclusion=inclusion))
        if self.exports is not None and (clashes := self.exports.clashes(f.dest_uri for f in files)):
            raise PluginError(f"content/ enthält Dateien, die erzeugt werden: {', '.join(clashes)}")
        return files

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        spec = self.specs.get(page.file.src_uri)
        if spec is None:
            self.content_pages.append(ContentPage(page.url, page.title or "", html))
        if spec is None or self.renderer is None or self.exports is None:
            return html
        # mkdocs would point the edit link at a Markdown file under docs_dir; ours is the record's YAML file.
        page.edit_url = self.renderer.links(spec).edit
        page.update_date = self.exports.lastmod(spec) or page.update_date  # sitemap lastmod = reviewed
        return self.renderer.render(spec, **self.exports.page_context(spec))

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.exports is None or self.renderer is None:
            return
        self.exports.write(Path(config.site_dir))
        write_search(Path(config.site_dir), self.renderer.catalogue, self.content_pages)
        for path, text in redirect_pages(self.renderer.catalogue, config.site_url).items():
            target = Path(config.site_dir) / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        return fix_theme_markup(output)

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str | None:
        return fix_theme_markup(output_content)  # 404.html is a theme template, not a page

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        if self.renderer is not None:
            env.globals["rathaus"] = self.renderer.context()
        return env
