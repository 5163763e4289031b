"""mkdocs as the host of `rathaus` commands: read the settings file, and build a site into a folder."""

from __future__ import annotations

from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException

from ..problems import Problem
from ..settings import Project, SettingsError
from .config import SettingsAbort, project_of
from .plugin import RathausPlugin


class HostError(Exception):
    """mkdocs stopped; the message says why (mkdocs' own, or the library's in German)."""


def read_project(config_file: Path) -> Project:
    """The library's project from a settings file; `SettingsError` names every mistake in it."""
    try:
        config = load_config(str(config_file))
    except SettingsAbort as abort:
        raise abort.error from None
    except (MkDocsException, Abort) as error:
        raise HostError(str(error)) from None
    plugin = config.plugins.get("rathaus")
    if not isinstance(plugin, RathausPlugin) or plugin.settings is None:
        raise SettingsError([Problem(str(config_file), 1, 1, "plugins", "Plugin „rathaus“ ist nicht eingetragen")])
    return project_of(config, plugin.settings)


def build(config_file: Path, site_dir: Path, *, strict: bool, intern: bool = False) -> None:
    """A whole site into `site_dir`: mkdocs renders the hand-written pages, the library writes the rest.

    `intern`: the Service-Center's internal site, with the records' `intern` notes (`Site.intern`).
    """
    try:
        config = load_config(str(config_file), strict=strict or None, site_dir=str(site_dir))
        plugin = config.plugins.get("rathaus")
        if isinstance(plugin, RathausPlugin):
            plugin.intern = intern
        mkdocs_build(config)
    except SettingsAbort as abort:
        raise abort.error from None
    except (MkDocsException, Abort) as error:
        raise HostError(str(error)) from None
