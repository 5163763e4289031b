"""`rathaus new`: a new record that is valid as written and explains every field in a comment.

The comments come from the model descriptions and the examples from the same models, so the skeleton,
the editors' JSON Schema and the validation never disagree.
"""

from __future__ import annotations

import datetime as dt
import os
import textwrap
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from slugify import slugify

from .kinds import KINDS
from .review import PLACEHOLDER

GERMAN = [["Ä", "Ae"], ["Ö", "Oe"], ["Ü", "Ue"], ["ä", "ae"], ["ö", "oe"], ["ü", "ue"], ["ß", "ss"], ["ẞ", "SS"]]
WIDTH = 116


class ScaffoldError(Exception):
    """The record cannot be created as asked (file exists, no usable id); the message says why in German."""


def slug(title: str) -> str:
    """`Führerschein für Übersee` → `fuehrerschein-fuer-uebersee` (German transliteration, at most 80 chars)."""
    return slugify(title, replacements=GERMAN, max_length=80, word_boundary=True)


ID_LENGTH = 50
"""New ids are at most this long: real titles run to 100 characters, and the id is every page's address."""
FILLER = {"und", "oder", "fuer", "der", "die", "das", "des", "dem", "den", "von", "vom", "zu", "zur", "zum", "mit",
          "im", "in", "an", "am", "auf", "bei", "ein", "eine", "einer", "eines", "nach", "sowie"}  # fmt: skip


def short_id(title: str) -> str:
    """A readable id for a new record: the title's slug, and for a long title its words without fillers, cut at a
    word boundary (`Aufenthaltserlaubnis – Forschende und wissenschaftliches Personal` →
    `aufenthaltserlaubnis-forschende-wissenschaftliches`)."""
    full = slug(title)
    if len(full) <= ID_LENGTH:
        return full
    words = [word for word in full.split("-") if word not in FILLER] or full.split("-")
    return slugify("-".join(words), max_length=ID_LENGTH, word_boundary=True)


class _Dumper(yaml.SafeDumper):
    """Block style with list items indented under their key, as in the catalogue's hand-written records."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _yaml(key: str, value: Any) -> list[str]:
    text = yaml.dump({key: value}, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=WIDTH)
    return text.splitlines()


def skeleton(kind: str, title: str, record_id: str, today: dt.date, schema: str) -> str:
    """The YAML text of a new record: required fields filled in, every other field as a commented example."""
    spec = KINDS[kind]
    model = spec.model
    values: dict[str, Any] = {"id": record_id, spec.title_field: title}
    if "reviewed" in model.model_fields:
        values["reviewed"] = today
    lines = [
        f"# yaml-language-server: $schema={schema}",
        f"# Neue {spec.label}, angelegt mit `rathaus new {kind}`. Pflichtfelder sind ausgefüllt; alle weiteren",
        "# Felder stehen auskommentiert darunter: „# “ vor dem Feld entfernen und das Beispiel ersetzen.",
        "# Danach `rathaus check` ausführen. Anleitung: docs/redaktion.md",
    ]
    for name, field in model.model_fields.items():
        required = field.is_required()
        if (required or name in spec.asked) and name not in values:
            # text (and what the kind asks for) gets the placeholder; a required choice or list its first example
            example = field.examples[0] if field.examples and field.annotation is not str else None
            values[name] = PLACEHOLDER if example is None or name in spec.asked else example
        prefix = "Pflichtfeld. " if required else ""
        lines.append("")
        lines += textwrap.wrap(prefix + (field.description or ""), WIDTH, initial_indent="# ", subsequent_indent="# ")
        if name in values:
            lines += _yaml(name, values[name])
        else:
            example = field.examples[0] if field.examples else field.get_default()
            lines += ["# " + line for line in _yaml(name, example)]
    try:
        model.model_validate(values)
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        raise ScaffoldError(f"„{title}“ ergibt keinen gültigen Eintrag ({problems})") from None
    return "\n".join(lines) + "\n"


def create(root: Path, schema_dir: Path, kind: str, title: str, record_id: str | None, today: dt.date) -> Path:
    """Write the skeleton to <folder>/<id>.yaml under `root`; never overwrite an existing record."""
    spec = KINDS[kind]
    record_id = record_id or short_id(title)
    if not record_id:
        raise ScaffoldError(f"Aus „{title}“ lässt sich keine Kennung bilden; bitte mit --id angeben")
    if record_id != slug(record_id):
        raise ScaffoldError(
            f"Kennung „{record_id}“ ist ungültig: nur Kleinbuchstaben a–z, Ziffern und Bindestriche "
            f"(Vorschlag: „{slug(record_id)}“)"
        )
    folder = root / spec.folder
    path = folder / f"{record_id}.yaml"
    if path.exists():
        raise ScaffoldError(f"{spec.folder}/{path.name} gibt es schon; bitte mit --id eine andere Kennung wählen")
    schema = Path(os.path.relpath((schema_dir / f"{kind}.schema.json").resolve(), folder.resolve())).as_posix()
    text = skeleton(kind, title, record_id, today, schema)
    folder.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": fail rather than overwrite, even in a race
        handle.write(text)
    return path
