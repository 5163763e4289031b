"""`rathaus new`: a skeleton that passes the check as written and explains every field."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from rathaus.models import Office, Service, Topic

from .conftest import rathaus

MODELS = {"service": ("services", Service), "office": ("offices", Office), "topic": ("topics", Topic)}


def uncomment(text: str, field: str) -> str:
    """What an editor does in the skeleton: remove „# “ in front of a commented example field."""
    lines = text.splitlines()
    start = lines.index(next(line for line in lines if line.startswith(f"# {field}:")))
    end = start + 1
    while end < len(lines) and lines[end].startswith("#   "):
        end += 1
    lines[start:end] = [line[2:] for line in lines[start:end]]
    return "\n".join(lines) + "\n"


def test_new_service_passes_check_as_written(project):
    result = rathaus("new", "service", "Hund anmelden", cwd=project)
    assert result.code == 0, result.err
    path = project / "services/hund-anmelden.yaml"
    assert result.out.strip() == f"Angelegt: {path}"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/service.schema.json\n")
    assert "\nid: hund-anmelden\n" in text
    assert "\ntitle: Hund anmelden\n" in text
    assert f"\nreviewed: {dt.date.today().isoformat()}\n" in text

    check = rathaus("check", cwd=project)
    assert check.code == 0, check.out
    assert "0 Fehler" in check.err
    # What is left to fill in is listed as warnings, each pointing into the new file.
    left = sorted(line.split(": ")[1] for line in check.lines)
    assert left == ["documents", "fees", "offices", "summary", "synonyms"], check.out
    assert all(line.startswith("services/hund-anmelden.yaml:") and "Warnung:" in line for line in check.lines)


def test_filled_in_skeleton_passes_strict_check(project):
    assert rathaus("new", "service", "Hund anmelden", cwd=project).code == 0
    path = project / "services/hund-anmelden.yaml"
    text = path.read_text(encoding="utf-8")
    for field in ("synonyms", "documents", "fees", "offices"):
        text = uncomment(text, field)
    text = text.replace("  - buergeramt\n  - service-center\n", "  - buergeramt-mitte\n")
    text = re.sub(r"\nsummary: .*\n", "\nsummary: Wer einen Hund hält, meldet ihn zur Hundesteuer an.\n", text)
    path.write_text(text, encoding="utf-8")
    result = rathaus("check", "--strict", cwd=project)
    assert result.code == 0, result.out
    assert "0 Fehler, 0 Warnungen" in result.err


@pytest.mark.parametrize("kind", MODELS)
def test_skeleton_explains_every_field_in_a_comment(project, kind):
    folder, model = MODELS[kind]
    assert rathaus("new", kind, "Neuer Eintrag", cwd=project).code == 0
    lines = (project / folder / "neuer-eintrag.yaml").read_text(encoding="utf-8").splitlines()
    for name, field in model.model_fields.items():
        key = next(i for i, line in enumerate(lines) if re.match(rf"^(# )?{name}:", line))
        comment = []
        for line in reversed(lines[:key]):
            if not line.startswith("# "):
                break
            comment.insert(0, line[2:])
        assert " ".join(comment).endswith(field.description), (name, comment)


def test_id_and_file_name_are_a_german_slug_of_the_title(project):
    slugs = {
        "Führerschein für Übersee": "fuehrerschein-fuer-uebersee",
        "Straßenreinigung: Gebühren": "strassenreinigung-gebuehren",
        "Ärztliche Bescheinigung (Öffentlicher Dienst)": "aerztliche-bescheinigung-oeffentlicher-dienst",
    }
    for title, slug in slugs.items():
        assert rathaus("new", "service", title, cwd=project).code == 0
        text = (project / f"services/{slug}.yaml").read_text(encoding="utf-8")
        assert f"\nid: {slug}\n" in text
        assert f"\ntitle: '{title}'\n" in text or f"\ntitle: {title}\n" in text
    assert rathaus("check", cwd=project).code == 0


def test_new_office_and_topic_pass_check(project):
    assert rathaus("new", "office", "Bürgeramt Nord", cwd=project).code == 0
    assert rathaus("new", "topic", "Hunde & Katzen", cwd=project).code == 0
    assert "\nname: Bürgeramt Nord\n" in (project / "offices/buergeramt-nord.yaml").read_text(encoding="utf-8")
    assert (project / "topics/hunde-katzen.yaml").is_file()
    result = rathaus("check", cwd=project)
    assert result.code == 0, result.out
    assert "0 Fehler" in result.err


def test_existing_record_is_never_overwritten(project):
    path = project / "services/personalausweis.yaml"
    before = path.read_bytes()
    result = rathaus("new", "service", "Personalausweis", cwd=project)
    assert result.code == 1
    assert "services/personalausweis.yaml gibt es schon" in result.err
    assert path.read_bytes() == before


def test_explicit_id_must_be_a_valid_slug(project):
    result = rathaus("new", "service", "Hund anmelden", "--id", "Hund_Anmelden", cwd=project)
    assert result.code == 1
    assert "Vorschlag: „hund-anmelden“" in result.err
    assert not list((project / "services").glob("*Hund*"))
