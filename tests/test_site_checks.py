"""`rathaus check` catches what the build catches: links from hand-written pages and settings that name records
that do not exist, at their line, and messages that do not assume the demo city."""

from __future__ import annotations

import re
from pathlib import Path

from .conftest import mkdocs_build, rathaus
from .test_check import SERVICE, edit

PAGE = """# Hilfe

Zum [Ausweis](../leistungen/personalausweis/index.md) und zum [Amt](../dienststellen/buergeramt-mitte/index.md).
Die [Stadtkasse](../dienststellen/stadtkasse/index.md) und der
[Reisepass](../leistungen/personalausweiss/index.md) fehlen.

```markdown
Ein Beispiel, kein Link: [Muster](../leistungen/muster/index.md)
```

Zur [Lebenslage][umzug], zum [alten Namen](../leistungen/perso/index.md).

[umzug]: ../lebenslagen/umzg/index.md
"""


def test_links_from_content_pages_to_missing_records_are_errors_at_their_line(project: Path, tmp_path: Path) -> None:
    edit(project, SERVICE, "reviewed:", "aliases: [perso]\nreviewed:")
    (project / "content" / "hilfe").mkdir()
    (project / "content" / "hilfe" / "index.md").write_text(PAGE, encoding="utf-8")
    result = rathaus("check", cwd=project)
    assert result.code == 1
    assert result.lines == [
        "content/hilfe/index.md:4:18: Link: unbekannte Dienststelle „stadtkasse“",
        "content/hilfe/index.md:5:13: Link: unbekannte Leistung „personalausweiss“ – meinten Sie „personalausweis“?",
        "content/hilfe/index.md:11:44: Link: „perso“ ist die frühere Kennung von „personalausweis“; bitte auf "
        "leistungen/personalausweis/ verlinken",
        "content/hilfe/index.md:13:10: Link: unbekannte Lebenslage „umzg“ – meinten Sie „umzug“?",
    ], result.out
    assert "4 Fehler" in result.err
    # The strict build stops at the same links: the check said so first.
    build = rathaus("build", "--strict", "-d", str(tmp_path / "site"), cwd=project)
    assert build.code == 1
    assert "target 'dienststellen/stadtkasse/index.md' is not found" in build.err


def test_nav_entries_to_missing_records_are_errors_at_their_line(project: Path) -> None:
    edit(project, "mkdocs.yml", "  - Behördennummer 115: 115.md\n", "  - Behördennummer 115: 115.md\n"
         "  - Ausweis: leistungen/personalausweis/index.md\n  - Pass: leistungen/reisepass/index.md\n")  # fmt: skip
    result = rathaus("check", cwd=project)
    assert result.code == 1
    assert result.lines == ["mkdocs.yml:24:11: nav: unbekannte Leistung „reisepass“"], result.out


def test_nav_entry_to_the_list_of_places_needs_a_verbund(project: Path, tmp_path: Path) -> None:
    """The list of places (kommunen/) is made only for a Verbund: a site without municipalities that keeps the
    demo's nav entry hears so from the check, not first from the strict build."""
    edit(project, "mkdocs.yml", "  - Behördennummer 115: 115.md\n",
         "  - Behördennummer 115: 115.md\n  - Wohnorte: kommunen/index.md\n")  # fmt: skip
    result = rathaus("check", cwd=project)
    assert result.code == 1
    assert result.lines == [
        "mkdocs.yml:23:15: nav: die Seite kommunen/ gibt es nur im Verbund (Einstellung municipalities)"
    ], result.out
    build = rathaus("build", "--strict", "-d", str(tmp_path / "site"), cwd=project)
    assert build.code == 1
    assert "'kommunen/index.md' is included in the 'nav' configuration" in build.err


def test_unknown_service_center_is_reported_at_its_line_in_mkdocs_yml(project: Path) -> None:
    edit(project, "mkdocs.yml", "service_center: buergeramt-mitte", "service_center: buergeramt-mite")
    result = rathaus("check", cwd=project)
    assert result.code == 1
    line = next(n for n, text in enumerate((project / "mkdocs.yml").read_text().splitlines(), 1) if "mite" in text)
    assert line > 1
    assert result.lines == [
        f"mkdocs.yml:{line}:23: plugins.rathaus.service_center: unbekannte Stelle „buergeramt-mite“ – meinten Sie "
        "„buergeramt-mitte“?"
    ], result.out
    # The build reports the same place.
    build = rathaus("build", cwd=project)
    assert build.code == 1
    assert f"mkdocs.yml:{line}:23: plugins.rathaus.service_center" in build.err


def test_a_setting_in_an_inherited_file_is_reported_there(project: Path) -> None:
    (project / "mkdocs.yml").rename(project / "base.yml")
    (project / "mkdocs.yml").write_text("INHERIT: base.yml\nsite_name: Rathaus Nord\n", encoding="utf-8")
    edit(project, "base.yml", "service_center: buergeramt-mitte", "service_center: buergeramt-nord")
    result = rathaus("check", cwd=project)
    assert result.code == 1
    assert re.match(r"base\.yml:\d\d:23: plugins\.rathaus\.service_center: unbekannte Stelle", result.out), result.out


def test_messages_give_examples_for_any_city(project: Path) -> None:
    edit(project, "mkdocs.yml", "city: Teststadt", "city: München")
    office = "offices/buergeramt-mitte.yaml"
    edit(project, office, "phone: 0561 787-4040", "phone: bitte anrufen")
    edit(project, office, "email: buergeramt@teststadt.example", "email: buergeramt")
    edit(project, office, "booking: https://", "booking: ftp://")
    result = rathaus("check", cwd=project)
    assert result.code == 1
    assert len(result.lines) == 3, result.out
    for line in result.lines:
        assert "z. B." in line  # every message shows what is expected …
        assert not re.search(r"kassel|0561|\b561\b", line, re.IGNORECASE), line  # … without another city's data


def test_the_tests_strict_build_fails_on_a_broken_link(project: Path, tmp_path: Path) -> None:
    # mkdocs' -q hides the warnings --strict counts: the helper that other tests use must not pass this build.
    (project / "content" / "hilfe.md").write_text("# Hilfe\n\n[Weg](gibt-es-nicht.md)\n", encoding="utf-8")
    assert mkdocs_build(project, tmp_path / "site").code == 0
    strict = mkdocs_build(project, tmp_path / "strict", "--strict")
    assert strict.code == 1
    assert "gibt-es-nicht.md" in strict.err
