"""The thin mkdocs adapter: the catalogue library does the work, this file only hands it to mkdocs."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .catalogue import RECORD_DIRS, build_catalogue
from .config import RathausConfig
from .htmlfix import fix_theme_markup
from .models import Site
from .pages import PageSpec, Renderer, page_specs
from .problems import CatalogueError


class RathausPlugin(BasePlugin[RathausConfig]):
    def __init__(self) -> None:
        self.root = Path()
        self.renderer: Renderer | None = None
        self.specs: dict[str, PageSpec] = {}

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
        self.specs = {spec.path: spec for spec in page_specs(catalogue)}
        return config

    def settings(self, config: MkDocsConfig) -> tuple[Path, Site]:
        """Where the catalogue lives and the site settings, as the library wants them."""
        root = Path(self.config.catalogue_dir or Path(config.config_file_path).parent)
        site = Site(
            city=self.config.city,
            demo=self.config.demo,
            service_center=self.config.service_center,
            feedback_mail=self.config.feedback_mail,
        )
        return root, site

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        for folder in RECORD_DIRS:
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
            inclusion = InclusionLevel.INCLUDED if spec.record is None else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, spec.path, content=stub, inclusion=inclusion))
        return files

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        spec = self.specs.get(page.file.src_uri)
        if spec is None or self.renderer is None:
            return html
        return self.renderer.render(spec)

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        return fix_theme_markup(output)

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str | None:
        return fix_theme_markup(output_content)  # 404.html is a theme template, not a page

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        if self.renderer is not None:
            env.globals["rathaus"] = self.renderer.context()
        return env
