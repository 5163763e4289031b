"""`rathaus check`: every editor mistake is reported with file, line, column, field and a German message."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import REPO, mkdocs_build, rathaus

SERVICE = "services/personalausweis.yaml"


def edit(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_demo_catalogue_passes_check():
    result = rathaus("check", cwd=REPO)
    assert result.code == 0, result.out
    assert "0 Fehler" in result.err


def test_fixture_catalogue_passes_check(project):
    result = rathaus("check", cwd=project)
    assert result.code == 0, result.out


BROKEN = [
    pytest.param(
        "title: Personalausweis beantragen\n",
        "title: Personalausweis beantragen\n  kosten: 5\n",
        f"{SERVICE}:4:9: YAML-Syntaxfehler: Doppelpunkt an unerwarteter Stelle: ist die Zeile zu weit eingerückt",
        id="yaml-syntax",
    ),
    pytest.param(
        "  - name: Bisheriger Ausweis",
        "\t- name: Bisheriger Ausweis",
        f"{SERVICE}:7:1: YAML-Syntaxfehler: Tabulator zum Einrücken; bitte mit Leerzeichen einrücken",
        id="yaml-tab",
    ),
    pytest.param(
        "summary: Den Personalausweis",
        'summary: "Den Personalausweis',
        f"{SERVICE}:5:10: YAML-Syntaxfehler: Anführungszeichen nicht geschlossen",
        id="yaml-unclosed-quote",
    ),
    pytest.param(
        "synonyms: [Perso, Ausweis]",
        "synonyms: [Perso, Ausweis",
        f"{SERVICE}:4:11: YAML-Syntaxfehler: eckige Klammer nicht geschlossen",
        id="yaml-unclosed-bracket",
    ),
    pytest.param(
        "title: Personalausweis beantragen",
        "title: @Personalausweis beantragen",
        f"{SERVICE}:3:8: YAML-Syntaxfehler: ein Wert beginnt mit einem Zeichen, das YAML reserviert",
        id="yaml-reserved-character",
    ),
    pytest.param(
        "  - name: Biometrisches Passfoto",
        "  - titel: Biometrisches Passfoto",
        f"{SERVICE}:8:5: documents[1].name: Pflichtfeld fehlt",
        id="missing-required-field",
    ),
    pytest.param(
        "title: Personalausweis beantragen\n",
        "",
        f"{SERVICE}:2:1: title: Pflichtfeld fehlt",
        id="missing-top-level-field",
    ),
    pytest.param(
        "amount: 46.00",
        "amount: siebenunddreißig",
        f"{SERVICE}:12:13: fees[0].amount: Betrag als Zahl erwartet",
        id="wrong-type",
    ),
    pytest.param(
        "processing_time: 3 bis 4 Wochen",
        "processing_time: [3, 4]",
        f"{SERVICE}:15:18: processing_time: Text erwartet, gefunden: Liste",
        id="wrong-type-list-for-text",
    ),
    pytest.param(
        "processing_time: 3 bis 4 Wochen",
        "bearbeitungszeit: 3 bis 4 Wochen",
        f"{SERVICE}:15:1: bearbeitungszeit: unbekanntes Feld „bearbeitungszeit“",
        id="unknown-field",
    ),
    pytest.param(
        "summary: Den",
        "summmary: Den",
        f"{SERVICE}:5:1: summmary: unbekanntes Feld „summmary“ – meinten Sie „summary“?",
        id="unknown-field-suggestion",
    ),
    pytest.param(
        "offices: [buergeramt-mitte]",
        "offices: [buergeramt-mite]",
        f"{SERVICE}:16:11: offices[0]: unbekannte Stelle „buergeramt-mite“ – meinten Sie „buergeramt-mitte“?",
        id="unknown-office-reference",
    ),
    pytest.param(
        "topics: [ausweise]",
        "topics: [ausweis-und-pass]",
        f"{SERVICE}:17:10: topics[0]: unbekannte Lebenslage „ausweis-und-pass“",
        id="unknown-topic-reference",
    ),
    pytest.param(
        "processing_time: 3 bis 4 Wochen\n",
        "processing_time: 3 bis 4 Wochen\ntitle: Ausweis\n",
        f"{SERVICE}:16:1: title: Feld „title“ steht doppelt (zuerst in Zeile 3)",
        id="duplicate-key",
    ),
    pytest.param(
        "id: personalausweis",
        "id: perso",
        f"{SERVICE}:2:5: id: Kennung „perso“ passt nicht zum Dateinamen; erwartet „personalausweis“",
        id="id-differs-from-file-name",
    ),
    pytest.param(
        "url: https://www.personalausweisportal.de/",
        "url: javascript:alert(1)",
        f"{SERVICE}:22:8: online_service.url: Link muss mit https:// beginnen",
        id="script-url",
    ),
    pytest.param(
        "reviewed: 2026-11-01",
        "reviewed: 1.11.2026",
        f"{SERVICE}:24:11: reviewed: Datum im Format JJJJ-MM-TT erwartet",
        id="german-date-format",
    ),
    pytest.param(
        "title: Personalausweis beantragen",
        "title: !!python/object/apply:os.system [echo]",
        f"{SERVICE}:3:8: title: YAML-Tag 'tag:yaml.org,2002:python/object/apply:os.system' ist nicht erlaubt",
        id="python-tag",
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), BROKEN)
def test_broken_service_is_reported_at_its_line(project, old, new, expected):
    edit(project, SERVICE, old, new)
    result = rathaus("check", cwd=project)
    assert result.code == 1
    assert any(line.startswith(expected) for line in result.lines), result.out


def test_office_with_bad_phone_mail_and_hours_gets_one_line_each(project):
    office = "offices/buergeramt-mitte.yaml"
    edit(project, office, "phone: 0561 787-4040", "phone: call us")
    edit(project, office, "email: buergeramt@teststadt.example", "email: buergeramt(at)teststadt")
    edit(project, office, '  di: ["08:00-12:00"]', '  di: ["8 bis 12"]')
    result = rathaus("check", cwd=project)
    assert result.code == 1
    assert f"{office}:9:8: phone: keine gültige Telefonnummer" in result.out
    assert f"{office}:10:8: email: keine gültige E-Mail-Adresse" in result.out
    assert f"{office}:14:8: hours.di[0]: Zeitspanne im Format HH:MM-HH:MM erwartet" in result.out


def test_every_error_in_every_file_is_reported_at_once(project):
    edit(project, SERVICE, "amount: 46.00", "amount: viel")
    edit(project, "services/sperrmuell.yaml", "offices: [stadtreiniger]", "offices: [stadtreinigung]")
    edit(project, "topics/umzug.yaml", "order: 1", "order: erste")
    result = rathaus("check", cwd=project)
    assert result.code == 1
    errors = [line for line in result.lines if "Warnung:" not in line]  # stale fixture dates add warnings
    assert len(errors) == 3, result.out
    assert "3 Fehler" in result.err


def test_file_that_is_not_utf8_is_named(project):
    path = project / SERVICE
    path.write_bytes(path.read_bytes().replace("Bürgeramt".encode(), "Bürgeramt".encode("latin-1")))
    result = rathaus("check", cwd=project)
    assert result.code == 1
    assert f"{SERVICE}:5:" in result.out
    assert "nicht UTF-8-kodiert" in result.out


def test_alias_bomb_is_stopped(project):
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 7):
        bomb.append(f"{chr(97 + level)}: &{chr(97 + level)} [{', '.join(['*' + chr(96 + level)] * 10)}]")
    (project / "topics" / "bombe.yaml").write_text("\n".join(bomb) + "\n", encoding="utf-8")
    result = rathaus("check", cwd=project)
    assert result.code == 1
    assert "topics/bombe.yaml:" in result.out
    assert "zu groß oder zu tief verschachtelt" in result.out


def test_strings_stay_strings(project):
    edit(project, SERVICE, "title: Personalausweis beantragen", "title: NO")
    edit(project, SERVICE, "processing_time: 3 bis 4 Wochen", "processing_time: 12:30")
    assert rathaus("check", cwd=project).code == 0


def test_mkdocs_build_fails_with_the_same_messages(project, tmp_path):
    edit(project, SERVICE, "offices: [buergeramt-mitte]", "offices: [buergeramt-mite]")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.code == 1
    assert f"{SERVICE}:16:11: offices[0]: unbekannte Stelle „buergeramt-mite“" in result.err


def test_annotations_under_github_actions(project):
    import os

    edit(project, SERVICE, "amount: 46.00", "amount: viel")
    result = rathaus("check", cwd=project, env={**os.environ, "GITHUB_ACTIONS": "true"})
    assert f"::error file={SERVICE},line=12,col=13,title=fees[0].amount::Betrag als Zahl erwartet" in result.out


def test_a_line_break_in_a_key_or_file_name_makes_exactly_one_annotation_each(project):
    import os

    forged = '"x\\n::add-mask::geheim\\n::error file=README.md,line=1::gefälscht": 1'
    edit(project, SERVICE, "title: Personalausweis beantragen", f"title: Personalausweis beantragen\n{forged}")
    record = (project / "services/sperrmuell.yaml").read_text(encoding="utf-8")
    (project / "services/a\n::error file=README.md,line=1::b.yaml").write_text(record, encoding="utf-8")
    (project / "services/c,line=99,file=README.md.yaml").write_text(record, encoding="utf-8")
    result = rathaus("check", cwd=project, env={**os.environ, "GITHUB_ACTIONS": "true"})
    assert result.code == 1
    commands = [line for line in result.lines if line.lstrip().startswith("::")]
    plain = [line for line in result.lines if not line.lstrip().startswith("::")]
    assert len(commands) == len(plain) == 3 + sum("Warnung:" in line for line in plain), result.out
    assert all(line.startswith(("::error file=services/", "::warning file=services/")) for line in commands)
    for command in commands:  # each names one file, one line: its properties cannot be overridden
        properties = command[2:].split("::", 1)[0].split(" ", 1)[1].split(",")
        assert [item.split("=", 1)[0] for item in properties] == ["file", "line", "col", "title"], command
    key = "x%0A%3A%3Aadd-mask%3A%3Ageheim%0A%3A%3Aerror file=README.md%2Cline=1%3A%3Agefälscht"
    assert f"::error file={SERVICE},line=4,col=1,title={key}::unbekanntes Feld „x%0A::add-mask::geheim" in (result.out)
    assert "::error file=services/c%2Cline=99%2Cfile=README.md.yaml,line=" in result.out
    assert "::error file=services/a%0A%3A%3Aerror file=README.md%2Cline=1%3A%3Ab.yaml,line=" in result.out
    assert f"{SERVICE}:4:1: x\\n::add-mask::geheim\\n::error file=README.md,line=1::gefälscht: unbekanntes" in (
        result.out
    )
