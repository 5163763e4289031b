"""The site's settings: the `rathaus` block of mkdocs.yml, validated once, by one model, with German errors.

The host engine reads its own settings file and hands the block's values here unchecked; what the block says
is checked only by `Settings`, and a mistake is reported like a record's: `mkdocs.yml:29:22:
plugins.rathaus.review_months: Wert muss mindestens 1 sein`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import Field, ValidationError

from .build.parallel import available_cores
from .editing import records_edit_uri
from .load import Loc, Marks, Source, _translate
from .models import Site, SiteFacts
from .problems import CatalogueError, Problem

BLOCK = ("plugins", "rathaus")
"""Where the settings stand in mkdocs.yml."""


class Settings(SiteFacts):
    """The `rathaus` block of mkdocs.yml."""

    catalogue_dir: str | None = Field(
        default=None, description="Ordner mit services/, offices/ und topics/ (Standard: der Ordner von mkdocs.yml)."
    )
    edit_uri: str | None = Field(
        default=None,
        description="Pfad der Bearbeiten-Links für Einträge relativ zu repo_url "
        "(Standard: edit_uri von mkdocs ohne docs_dir).",
    )
    workers: int = Field(
        default=0, ge=0, description="Prozesse, die Seiten schreiben (0: einer je Kern; 1: keine weiteren)."
    )
    cache: bool = Field(default=True, description="Gelesene Einträge zwischen zwei Builds in cache_dir aufheben.")
    cache_dir: str = Field(default=".cache/rathaus", description="Ordner dafür, relativ zu mkdocs.yml.")
    intern_url: str | None = Field(
        default=None,
        description="Adresse der internen Fassung im Intranet (`rathaus build --intern`), eigene Basisadresse.",
    )
    intern_dir: str = Field(
        default="site-intern",
        description="Ordner der internen Fassung relativ zu mkdocs.yml; nie der Ordner der öffentlichen Website.",
    )


class SettingsError(CatalogueError):
    """The settings have errors; carries all of them, as a catalogue's errors are carried."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.args = (f"{len(problems)} Fehler in den Einstellungen:\n" + "\n".join(map(str, problems)),)


@dataclass(frozen=True)
class Project:
    """Where the catalogue is and how its site is made: everything a build reads besides the records."""

    config_file: Path
    root: Path
    """The catalogue folder (services/, offices/, topics/)."""
    site: Site
    settings: Settings
    name: str
    """The site's name (its title, and the name in exports)."""
    description: str | None
    site_dir: Path
    """Where the built site goes."""
    content_dir: Path
    """The hand-written pages (mkdocs' docs_dir): `rathaus check` follows their links to records."""

    @property
    def base_url(self) -> str:
        """Absolute links start here; without a site address they are site-absolute (`/…`). The internal
        build has its own address on the intranet (`intern_url`); `site.site_url` stays the public one."""
        if self.site.intern:
            return self.settings.intern_url or "/"
        return self.site.site_url or "/"

    @property
    def workers(self) -> int:
        return self.settings.workers or available_cores()

    def cache_folder(self) -> Path | None:
        """Where parsed records are kept between builds (beside mkdocs.yml); a folder that cannot be written
        only costs parsing again. None in CI, where anything in that folder came with the pull request."""
        if not self.settings.cache:
            return None
        if os.environ.get("CI") == "true":  # a fresh checkout: whatever is in the folder came with the repository
            return None
        folder = self.config_file.parent / self.settings.cache_dir
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        return folder


def validate(options: Mapping[str, Any], config_file: Path) -> Settings:
    """The block's values as `Settings`; raise `SettingsError` with every mistake, at its line in the file."""
    try:
        return Settings.model_validate(dict(options))
    except ValidationError as error:
        raise SettingsError(_problems(error, config_file)) from None


def project(
    config_file: Path,
    settings: Settings,
    *,
    name: str,
    description: str | None = None,
    site_url: str | None = None,
    repo_url: str | None = None,
    docs_edit_uri: str | None = None,
    docs_dir: str = "docs",
    site_dir: Path | None = None,
    intern: bool = False,
) -> Project:
    """The project as the settings file describes it (the engine's own settings given as keywords)."""
    base = config_file.parent
    root = base / settings.catalogue_dir if settings.catalogue_dir else base
    if not root.is_dir():
        source = _source(config_file)
        raise SettingsError([_in_block(source.problem(("catalogue_dir",), f"Ordner „{root}“ gibt es nicht"))])
    edit_uri = settings.edit_uri or records_edit_uri(docs_edit_uri, Path(docs_dir).name, os.path.relpath(root, base))
    facts = settings.model_dump(include=set(SiteFacts.model_fields))
    site = Site(
        **facts, site_url=site_url, repo_url=repo_url, edit_uri=edit_uri, intern=intern, settings_file=str(config_file)
    )
    return Project(config_file, root, site, settings, name, description, site_dir or base / "site", base / docs_dir)


def _problems(error: ValidationError, config_file: Path) -> list[Problem]:
    return [_in_block(problem) for problem in _translate(error, _source(config_file), Settings)]


def _in_block(problem: Problem) -> Problem:
    field = ".".join([*BLOCK, problem.field] if problem.field else BLOCK)
    return Problem(problem.path, problem.line, problem.column, field, problem.message, problem.severity)


def setting_problem(config_file: Path, key: str, message: str) -> Problem:
    """A problem with a valid setting that does not fit the catalogue (e.g. a `service_center` that names no
    office), at its line in the settings file."""
    return _in_block(_source(config_file).problem((key,), message))


def _source(config_file: Path) -> Source:
    """The settings file as a `Source` whose positions are those inside the `rathaus` block; when the file
    inherits the block (`INHERIT: base.yml`), the file that has it."""
    display = os.path.relpath(config_file) if not os.path.relpath(config_file).startswith("..") else str(config_file)
    source = Source(display)
    source._marks = Marks()
    try:
        node = yaml.compose(config_file.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError):
        return source
    block = _block(node)
    inherit = _value(node, "INHERIT")
    if block is None and isinstance(inherit, yaml.ScalarNode):
        parent = config_file.parent / inherit.value
        return _source(parent) if parent.resolve() != config_file.resolve() else source
    if block is not None:
        _mark(block, (), source._marks)
    return source


def _block(node: yaml.Node | None) -> yaml.Node | None:
    """The `rathaus` entry under `plugins:` (a list of names and one-key sections, or a section)."""
    plugins = _value(node, "plugins")
    entries = plugins.value if isinstance(plugins, yaml.SequenceNode) else [plugins]
    for entry in entries:
        found = _value(entry, BLOCK[1])
        if found is not None:
            return found
    return None


def _value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                found: yaml.Node = value_node
                return found
    return None


def _mark(node: yaml.Node, loc: Loc, marks: Marks) -> None:
    marks.values[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                marks.keys[(*loc, key_node.value)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                _mark(value_node, (*loc, key_node.value), marks)
