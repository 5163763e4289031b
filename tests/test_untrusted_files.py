"""Hostile and odd files in the record folders: each gives a German `file:line` message and exit 1, never a
traceback, and nothing is silently skipped or silently accepted."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import Result, rathaus
from .test_check import SERVICE, edit

RECORD = (Path(__file__).parent / "project" / SERVICE).read_text(encoding="utf-8")


def deep(project: Path) -> None:
    levels = 700  # between Python's recursion limit and libyaml's own limit of 1,000
    (project / "services/tief.yaml").write_text(f"id: tief\nsummary: {'[' * levels}{']' * levels}\n")


def folder_named_yaml(project: Path) -> None:
    (project / "services/ordner.yaml").mkdir()


def link_to_a_folder(project: Path) -> None:
    (project / "services/ordner.yaml").symlink_to(project / "offices")


def dangling_link(project: Path) -> None:
    (project / "services/weg.yaml").symlink_to(project / "services/gibt-es-nicht.yaml")


def link_to_dev_zero(project: Path) -> None:
    (project / "services/null.yaml").symlink_to("/dev/zero")


def pipe(project: Path) -> None:
    os.mkfifo(project / "services/rohr.yaml")


CRASHES: list[tuple[Callable[[Path], None], str]] = [
    (deep, "services/tief.yaml:2:30: summary[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: "
     "zu tief verschachtelt (mehr als 20 Ebenen)"),
    (folder_named_yaml, "services/ordner.yaml:1:1: ist ein Ordner, keine Datei; Einträge gehören direkt in services/"),
    (link_to_a_folder, "services/ordner.yaml:1:1: ist ein Ordner, keine Datei; Einträge gehören direkt in services/"),
    (dangling_link, "services/weg.yaml:1:1: Datei nicht gefunden (Verknüpfung ins Leere?)"),
    (link_to_dev_zero, "services/null.yaml:1:1: Verknüpfung führt aus dem Repository heraus; "
     "bitte die Datei selbst einchecken"),
    (pipe, "services/rohr.yaml:1:1: keine gewöhnliche Datei (Gerät, Pipe oder Socket)"),
]  # fmt: skip


def bounded(*args: str, cwd: Path) -> Result:
    """`rathaus` with 2 GB of memory and two minutes at most: a regression that reads /dev/zero or waits on a
    pipe fails the test instead of the machine."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    command = [sys.executable, "-m", "rathaus.cli", *args]
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120, preexec_fn=limit)
    return Result(done.returncode, done.stdout, done.stderr)


@pytest.mark.parametrize(("make", "message"), CRASHES, ids=[make.__name__ for make, _ in CRASHES])
def test_a_bad_file_is_a_message_not_a_traceback(project, make, message):
    make(project)
    check = bounded("check", cwd=project)
    assert check.code == 1
    assert message in check.lines, check.out + check.err
    assert "Traceback" not in check.err
    build = bounded("build", cwd=project)
    assert build.code == 1
    assert message in build.err and "Traceback" not in build.err
    assert not (project / "site").exists()


def test_a_link_to_a_valid_record_outside_the_repository_is_not_published(project, tmp_path):
    outside = tmp_path / "anderswo.yaml"
    outside.write_text(RECORD.replace("id: personalausweis", "id: anderswo"), encoding="utf-8")
    (project / "services/anderswo.yaml").symlink_to(outside)
    result = rathaus("check", cwd=project)
    assert result.code == 1
    assert (
        "services/anderswo.yaml:1:1: Verknüpfung führt aus dem Repository heraus; bitte die Datei selbst einchecken"
        in (result.lines)
    )
    inside = project / "services/kopie.yaml"
    inside.symlink_to("personalausweis.yaml")  # a link within the repository is a file like any other
    assert "services/kopie.yaml:2:5: id: Kennung „personalausweis“ passt nicht zum Dateinamen; erwartet „kopie“" in (
        rathaus("check", cwd=project).lines
    )


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("reisepass.YAML", "Dateiendung .YAML: bitte in .yaml umbenennen"),
        ("reisepass.YML", "Dateiendung .YML: bitte in .yaml umbenennen"),
        ("reisepass", "wird nicht gelesen: in services/ gehören nur Einträge <kennung>.yaml"),
        ("reisepass.txt", "wird nicht gelesen: in services/ gehören nur Einträge <kennung>.yaml"),
        ("unterordner/reisepass.yaml", "Unterordner werden nicht gelesen; Einträge gehören direkt in services/"),
    ],
)
def test_a_record_the_loader_would_skip_is_reported(project, name, message):
    path = project / "services" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(RECORD.replace("id: personalausweis", "id: reisepass"), encoding="utf-8")
    result = rathaus("check", cwd=project)
    assert result.code == 1
    assert f"services/{name.split('/')[0]}:1:1: {message}" in result.lines, result.out
    assert "0 Fehler" not in result.err


def test_hidden_files_such_as_gitkeep_are_left_alone(project):
    (project / "services/.gitkeep").write_text("")
    assert rathaus("check", cwd=project).code == 0


@pytest.mark.parametrize(
    ("relative", "old", "new", "expected"),
    [
        (SERVICE, "reviewed: 2026-11-01", 'leika: "٩٩١٠٢٠١٣١٠٤٠٠٠"\nreviewed: 2026-11-01',
         "leika: LeiKa-Schlüssel aus genau 14 Ziffern erwartet"),
        ("offices/buergeramt-mitte.yaml", 'postal_code: "34117"', 'postal_code: "３４１１７"',
         "address.postal_code: Postleitzahl aus 5 Ziffern erwartet"),
        ("offices/buergeramt-mitte.yaml", '"08:00-12:00", "13:00-16:00"', '"0٨:00-12:00", "13:00-16:00"',
         "hours.mo[0]: Zeitspanne im Format HH:MM-HH:MM erwartet"),
    ],
    ids=["leika", "postal-code", "hours"],
)  # fmt: skip
def test_only_ascii_digits_are_digits(project, relative, old, new, expected):
    edit(project, relative, old, new)
    result = rathaus("check", cwd=project)
    assert result.code == 1
    assert any(line.startswith(relative) and expected in line for line in result.lines), result.out


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("title: Personalausweis beantragen", 'title: "Personal\\0ausweis"',
         "3:8: title: unsichtbares Steuerzeichen U+0000 an Stelle 9; bitte entfernen"),
        ("title: Personalausweis beantragen", 'title: "\\e[2J\\e[31mPersonalausweis"',
         "3:8: title: unsichtbares Steuerzeichen U+001B an Stelle 1; bitte entfernen"),
        ("title: Personalausweis beantragen", 'title: "Personalausweis \\u202egartnaeb"',
         "3:8: title: unsichtbares Richtungszeichen U+202E an Stelle 17; bitte entfernen"),
        ("synonyms: [Perso, Ausweis]", 'synonyms: [Perso, "Aus\\u2066weis"]',
         "4:19: synonyms[1]: unsichtbares Richtungszeichen U+2066 an Stelle 4; bitte entfernen"),
        ("title: Personalausweis beantragen", 'title: Personalausweis beantragen\ndescription: "Text\\0"',
         "4:14: description: unsichtbares Steuerzeichen U+0000 an Stelle 5; bitte entfernen"),
        ("title: Personalausweis beantragen", 'title: Personalausweis beantragen\ndescription: "Text\\e[31m"',
         "4:14: description: unsichtbares Steuerzeichen U+001B an Stelle 5; bitte entfernen"),
    ],
    ids=["nul", "esc", "bidi-override", "bidi-isolate", "nul-in-long-text", "esc-in-long-text"],
)  # fmt: skip
def test_control_and_bidi_characters_are_rejected(project, old, new, expected):
    edit(project, SERVICE, old, new)
    result = rathaus("check", cwd=project)
    assert result.code == 1
    assert f"{SERVICE}:{expected}" in result.lines, result.out
    assert "\x1b" not in result.out + result.err


def test_bidi_marks_stay_allowed_in_long_text(project):
    edit(project, SERVICE, "title: Personalausweis beantragen",
         'title: Personalausweis beantragen\ndescription: "Auf Arabisch: \\u202bبطاقة الهوية\\u202c."')  # fmt: skip
    assert rathaus("check", cwd=project).code == 0
