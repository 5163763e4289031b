"""The adapter's settings: mkdocs hands the `rathaus` block over unchecked; `rathaus.settings` checks it once."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from ..settings import Project, Settings, SettingsError, project


class SettingsAbort(Abort):
    """Stops mkdocs with the German list of mistakes in the settings (no traceback, exit code 1)."""

    def __init__(self, error: SettingsError) -> None:
        super().__init__(str(error))
        self.error = error


def project_of(config: MkDocsConfig, settings: Settings, *, intern: bool = False) -> Project:
    """The library's project from mkdocs' own settings and the plugin's validated block."""
    return project(
        Path(config.config_file_path),
        settings,
        name=config.site_name,
        description=config.site_description,
        site_url=config.site_url,
        repo_url=config.repo_url,
        docs_edit_uri=config.edit_uri,
        docs_dir=config.docs_dir,
        site_dir=Path(config.site_dir),
        intern=intern,
    )
