"""The editors' JSON Schemas: every field explained in German with an example, and true to the catalogue."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from .conftest import REPO

KINDS = {"services": "service", "offices": "office", "topics": "topic"}


def schema(kind: str) -> dict:
    return json.loads((REPO / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))


def fields(document: dict):
    """(owner, name, property schema) for the top-level fields and the fields of every nested object."""
    owners = [(document["title"], document)] + [(d["title"], d) for d in document.get("$defs", {}).values()]
    for owner, part in owners:
        for name, prop in part.get("properties", {}).items():
            yield owner, name, prop


class EditorLoader(yaml.SafeLoader):
    """Reads YAML the way the editor's YAML extension does (YAML 1.2: a date stays text)."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@pytest.mark.parametrize("kind", KINDS.values())
def test_every_field_is_described_in_german_with_an_example(kind):
    document = schema(kind)
    assert re.search(r"[äöüßÄÖÜ]|\b(der|die|das|und|für)\b", document["description"]), document["description"]
    for owner, name, prop in fields(document):
        assert prop.get("description"), f"{owner}.{name} has no description"
        assert prop.get("examples"), f"{owner}.{name} has no example"
        assert "title" not in prop, f"{owner}.{name} carries an English title derived from its name"


@pytest.mark.parametrize("kind", KINDS.values())
def test_schema_examples_satisfy_the_schema(kind):
    document = schema(kind)
    for owner, name, prop in fields(document):
        validator = jsonschema.Draft7Validator({**prop, "$defs": document.get("$defs", {})})
        for example in prop["examples"]:
            errors = [e.message for e in validator.iter_errors(example)]
            assert not errors, f"{owner}.{name}: example {example!r}: {errors}"


@pytest.mark.parametrize("folder", KINDS)
def test_every_record_is_valid_as_the_editor_sees_it(folder):
    validator = jsonschema.Draft7Validator(schema(KINDS[folder]))
    records = sorted((REPO / folder).glob("*.yaml"))
    assert records
    for path in records:
        text = path.read_text(encoding="utf-8")
        assert text.startswith(f"# yaml-language-server: $schema=../schema/{KINDS[folder]}.schema.json\n"), path
        errors = [
            f"{'.'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(yaml.load(text, EditorLoader))
        ]
        assert not errors, f"{path.relative_to(REPO)}: {errors}"


def test_vscode_maps_each_folder_to_its_schema_and_recommends_the_yaml_extension():
    settings = json.loads((REPO / ".vscode/settings.json").read_text(encoding="utf-8"))
    mapping = {folder for schema_file, folders in settings["yaml.schemas"].items() for folder in folders}
    assert mapping == {f"{folder}/*.yaml" for folder in KINDS}
    for schema_file, folders in settings["yaml.schemas"].items():
        assert (REPO / schema_file).is_file(), schema_file
        assert all(KINDS[Path(f).parent.name] in schema_file for f in folders)
    extensions = json.loads((REPO / ".vscode/extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]
