"""The theme's frame for record pages: mkdocs renders its page template once per folder with placeholders."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment

from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..build.frame import CONTENT, Frame, placeholder


def render_frame(env: Environment, config: MkDocsConfig, nav: Navigation, files: Files, folder: str, *,
                 editable: bool) -> Frame:  # fmt: skip
    """The theme's page for the records in `folder`, rendered as mkdocs renders a page, with placeholders.
    Other plugins see it as a page (`on_page_context`, `on_post_page`), so what they add is on every record."""
    page = Page(placeholder("title"), File.generated(config, f"{folder}rahmen/index.md", content=""), config)
    page.content, page.meta = CONTENT, {"description": placeholder("description")}
    page.canonical_url = page.canonical_url and placeholder("canonical")
    page.edit_url = placeholder("edit") if editable else None  # the record's YAML file
    context: Any = get_context(nav, files, config, page)
    context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
    output = env.get_template("main.html").render(context)
    return Frame.parse(config.plugins.on_post_page(output, page=page, config=config))
