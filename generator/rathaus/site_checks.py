"""What a site adds to its catalogue and may get wrong: hand-written pages and settings that name records.

A link from content/ to a record that does not exist, or a `service_center` that names no office, stops the
strict build. `rathaus check` reports them before that, as it reports a record's problems: with the file, the
line and the column where an editor fixes them.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from .kinds import KINDS, Kind
from .load import suggest
from .problems import Problem
from .settings import Project
from .urls import service_url

RECORD_PAGES: dict[str, Kind] = {kind.prefix.rstrip("/"): kind for kind in KINDS.values()}
"""The first part of a record page's address → its kind: `leistungen` → services."""

_INLINE = re.compile(r"\]\(\s*<?([^)\s>]+)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)", re.MULTILINE)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def record_link(target: str, page: str) -> tuple[str, str] | None:
    """(URL folder, id) when a link `target` written on the content page `page` (docs-relative) leads to a record's
    page: `leistungen/x/index.md`, `../leistungen/x/`, `/leistungen/x.md`, …; None for anything else."""
    url = urlsplit(target)
    if url.scheme or url.netloc or not url.path:
        return None
    path = unquote(url.path)
    joined = posixpath.normpath(
        path.lstrip("/") if path.startswith("/") else posixpath.join(posixpath.dirname(page), path)
    )
    parts = joined.split("/")
    if parts[0] not in RECORD_PAGES or len(parts) not in (2, 3) or parts[1] == "index.md":
        return None
    if len(parts) == 3 and parts[2] != "index.md":
        return None
    name = parts[1].removesuffix(".md") if len(parts) == 2 else parts[1]
    return (parts[0], name) if "." not in name else None


def _links(text: str) -> Iterator[tuple[str, int, int]]:
    """Every link target of a Markdown text outside code blocks, with its line and column (1-based)."""
    fence = ""
    hidden = []
    for line in text.splitlines(keepends=True):
        opening = _FENCE.match(line)
        if opening and (not fence or opening.group(1).startswith(fence)):
            fence = "" if fence else opening.group(1)[:3]
            hidden.append(" " * len(line.rstrip("\n")) + "\n")
        else:
            hidden.append(" " * len(line.rstrip("\n")) + "\n" if fence else line)
    visible = "".join(hidden)
    for pattern in (_INLINE, _REFERENCE):
        for match in pattern.finditer(visible):
            start = match.start(1)
            number = visible.count("\n", 0, start) + 1
            yield match.group(1), number, start - (visible.rfind("\n", 0, start) + 1) + 1


def _unknown(prefix: str, record_id: str, known: dict[str, set[str]], aliases: dict[str, str]) -> str | None:
    """The message for a link to a record that does not exist (None when it does)."""
    kind = RECORD_PAGES[prefix]
    ids = known.get(kind.folder, set())
    if record_id in ids:
        return None
    if kind.name == "service" and record_id in aliases:
        current = aliases[record_id]
        return f"„{record_id}“ ist die frühere Kennung von „{current}“; bitte auf {service_url(current)} verlinken"
    return f"unbekannte {kind.label} „{record_id}“{suggest(record_id, sorted(ids))}"


def content_link_problems(
    docs_dir: Path, display: str, known: dict[str, set[str]], aliases: dict[str, str]
) -> list[Problem]:
    """Links from the hand-written pages under `docs_dir` (shown as `display`, e.g. "content") to records that do
    not exist. `known` holds the ids of each catalogue folder; `aliases` maps a service's former ids to it."""
    problems = []
    for path in sorted(docs_dir.rglob("*.md")):
        page = path.relative_to(docs_dir).as_posix()
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # mkdocs reports a page it cannot read
        for target, line, column in _links(text):
            found = record_link(target, page)
            message = _unknown(*found, known, aliases) if found else None
            if message:
                problems.append(Problem(f"{display}/{page}", line, column, "", f"Link: {message}"))
    return problems


def nav_problems(
    settings: Path, display: str, known: dict[str, set[str]], aliases: dict[str, str], absent: dict[str, str]
) -> list[Problem]:
    """Entries of the settings' `nav` that lead to records that do not exist, or to a list page this site does not
    make (`absent`: its source path → why)."""
    try:
        root = yaml.compose(settings.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []  # the host reports a settings file it cannot read
    nav = next((v for k, v in root.value if k.value == "nav"), None) if isinstance(root, yaml.MappingNode) else None
    problems = []
    for node in _scalars(nav):
        found = record_link(node.value, "index.md")
        message = _unknown(*found, known, aliases) if found else absent.get(posixpath.normpath(node.value))
        if message:
            line, column = node.start_mark.line + 1, node.start_mark.column + 1
            problems.append(Problem(display, line, column, "nav", message))
    return problems


def _scalars(node: yaml.Node | None) -> Iterator[yaml.ScalarNode]:
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _scalars(item)
    elif isinstance(node, yaml.MappingNode):
        for _, value in node.value:
            yield from _scalars(value)


def site_problems(project: Project, aliases: dict[str, str]) -> list[Problem]:
    """Links from content pages and `nav` entries to records that are not in the project's catalogue (a record
    is there when its file is: an invalid record is reported as such, not as every link to it)."""
    root = project.root
    known = {kind.folder: {path.stem for path in (root / kind.folder).glob("*.yaml")} for kind in KINDS.values()}
    problems = content_link_problems(project.content_dir, _shown(project.content_dir, root), known, aliases)
    absent = {}
    if not project.site.municipalities:  # the list of places exists only in a Verbund
        places = KINDS["municipality"].prefix
        absent[f"{places}index.md"] = f"die Seite {places} gibt es nur im Verbund (Einstellung municipalities)"
    shown = _shown(project.config_file, root)
    return problems + nav_problems(project.config_file, shown, known, aliases, absent)


def _shown(path: Path, root: Path) -> str:
    """A path as problems name it: relative to the catalogue, as record files are."""
    path, root = path.resolve(), root.resolve()
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
