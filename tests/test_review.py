"""Stale and incomplete records: warnings in `rathaus check`, failures under --strict, a review list."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from rathaus.review import months_before

from .conftest import rathaus
from .test_check import edit

SERVICE = "services/personalausweis.yaml"
TODAY = dt.date.today()
LONG_AGO = dt.date(TODAY.year - 2, TODAY.month, 1)


def set_reviewed(project, relative: str, day: dt.date) -> None:
    path = project / relative
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [f"reviewed: {day.isoformat()}" if line.startswith("reviewed:") else line for line in lines]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def fresh(project) -> None:
    """Every record reviewed recently, so only what a test changes can be stale."""
    for path in [*project.glob("services/*.yaml"), *project.glob("offices/*.yaml")]:
        set_reviewed(project, str(path.relative_to(project)), TODAY - dt.timedelta(days=30))


def test_fresh_and_complete_catalogue_passes_strict_check(project):
    fresh(project)
    result = rathaus("check", "--strict", cwd=project)
    assert result.code == 0, result.out
    assert result.err.strip() == "0 Fehler, 0 Warnungen"


def test_stale_reviewed_is_a_warning_that_fails_under_strict(project):
    fresh(project)
    set_reviewed(project, SERVICE, LONG_AGO)
    result = rathaus("check", cwd=project)
    assert result.code == 0, result.out
    line = f"{SERVICE}:24:11: reviewed: Warnung: zuletzt geprüft am {LONG_AGO.day}. "
    assert len(result.lines) == 1 and result.lines[0].startswith(line), result.out
    assert "vor mehr als 12 Monaten" in result.out
    assert "0 Fehler, 1 Warnung" in result.err
    strict = rathaus("check", "--strict", cwd=project)
    assert strict.code == 1
    assert strict.lines == result.lines


def test_stale_office_is_reported_too(project):
    fresh(project)
    set_reviewed(project, "offices/stadtreiniger.yaml", LONG_AGO)
    result = rathaus("check", "--strict", cwd=project)
    assert result.code == 1
    assert result.out.startswith("offices/stadtreiniger.yaml:9:11: reviewed: Warnung: zuletzt geprüft")


def test_review_period_is_configurable(project):
    fresh(project)
    set_reviewed(project, SERVICE, LONG_AGO)
    edit(project, "mkdocs.yml", "      city: Teststadt\n", "      city: Teststadt\n      review_months: 36\n")
    assert rathaus("check", "--strict", cwd=project).code == 0
    edit(project, "mkdocs.yml", "review_months: 36", "review_months: 6")
    set_reviewed(project, SERVICE, months_before(TODAY, 7))
    result = rathaus("check", "--strict", cwd=project)
    assert result.code == 1
    assert "vor mehr als 6 Monaten" in result.out


def drop_field(project, relative: str, field: str) -> None:
    """Remove a top-level field with everything indented under it."""
    path = project / relative
    lines, kept, inside = path.read_text(encoding="utf-8").splitlines(), [], False
    for line in lines:
        if not line.startswith(" "):
            inside = line.startswith(f"{field}:")
        if not inside:
            kept.append(line)
    assert len(kept) < len(lines), field
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("offices", "keine zuständige Stelle angegeben"),
        ("fees", "keine Gebühren angegeben"),
        ("documents", "keine Unterlagen angegeben"),
        ("synonyms", "keine Suchbegriffe angegeben"),
    ],
)
def test_missing_part_of_a_service_is_a_warning_unless_declared_empty(project, field, message):
    fresh(project)
    drop_field(project, SERVICE, field)
    result = rathaus("check", cwd=project)
    assert result.code == 0
    assert len(result.lines) == 1, result.out
    assert result.lines[0].startswith(f"{SERVICE}:2:1: {field}: Warnung: {message}")
    # `field: []` says "there is none, on purpose" and silences the warning.
    edit(project, SERVICE, "reviewed:", f"{field}: []\nreviewed:")
    assert rathaus("check", "--strict", cwd=project).code == 0


def test_warnings_become_annotations_under_github_actions(project):
    fresh(project)
    set_reviewed(project, SERVICE, LONG_AGO)
    result = rathaus("check", cwd=project, env={**os.environ, "GITHUB_ACTIONS": "true"})
    assert result.code == 0
    annotation = f"::warning file={SERVICE},line=24,col=11,title=reviewed::zuletzt geprüft am"
    assert any(line.startswith(annotation) for line in result.lines), result.out


def test_report_lists_stale_and_incomplete_records_grouped_by_office(project):
    fresh(project)
    set_reviewed(project, SERVICE, LONG_AGO)
    drop_field(project, "services/sperrmuell.yaml", "synonyms")
    result = rathaus("report", cwd=project)
    assert result.code == 0, result.err
    report = result.out
    assert report.startswith("# Prüfliste Digitales Rathaus Teststadt\n")
    assert "2 Einträge zu prüfen: 1 veraltet, 1 unvollständig." in report
    mitte = report.index("## Bürgeramt Mitte (`buergeramt-mitte`)")
    reiniger = report.index("## Die Stadtreiniger (`stadtreiniger`)")
    stale = report.index(f"- [ ] Personalausweis beantragen – `{SERVICE}`: zuletzt geprüft am {LONG_AGO.day}. ")
    incomplete = report.index("- [ ] Sperrmüll anmelden – `services/sperrmuell.yaml`: ohne Suchbegriffe")
    assert mitte < stale < reiniger < incomplete
    assert "Wohnsitz anmelden" not in report


def test_report_links_each_record_to_its_editor_on_the_forge(project):
    fresh(project)
    set_reviewed(project, SERVICE, LONG_AGO)
    edit(project, "mkdocs.yml", "docs_dir: content\n",
         "docs_dir: content\nrepo_url: https://github.com/stadt/rathaus\nedit_uri: edit/main/content/\n")  # fmt: skip
    report = rathaus("report", cwd=project).out
    link = "[Personalausweis beantragen](https://github.com/stadt/rathaus/edit/main/services/personalausweis.yaml)"
    assert f"- [ ] {link} – `{SERVICE}`" in report


def test_report_of_a_clean_catalogue_says_so(project):
    fresh(project)
    result = rathaus("report", cwd=project)
    assert result.code == 0
    assert "Alle Einträge sind aktuell und vollständig." in result.out


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 11, 25), 12, dt.date(2025, 11, 25)),
        (dt.date(2026, 3, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2024, 3, 31), 1, dt.date(2024, 2, 29)),
        (dt.date(2026, 1, 15), 13, dt.date(2024, 12, 15)),
    ],
)
def test_months_before_keeps_the_calendar_day(day, months, expected):
    assert months_before(day, months) == expected


def test_report_shows_record_text_without_mentions_images_links_or_html(project):
    import cmarkgfm
    from bs4 import BeautifulSoup
    from cmarkgfm.cmark import Options

    hostile = (
        "@octocat #1 ![x](https://tracker.example/p.png) [Klick](https://evil.example) <img src=x> www.evil.example"
    )
    fresh(project)
    set_reviewed(project, SERVICE, LONG_AGO)
    edit(project, SERVICE, "title: Personalausweis beantragen", f"title: '{hostile}'")
    edit(project, "offices/buergeramt-mitte.yaml", "name: Bürgeramt Mitte", "name: 'Amt @stadt/team **laut**'")
    edit(project, "mkdocs.yml", "docs_dir: content\n",
         "docs_dir: content\nrepo_url: https://github.com/stadt/rathaus\nedit_uri: edit/main/content/\n")  # fmt: skip
    result = rathaus("report", cwd=project)
    assert result.code == 0, result.err
    extensions = ["autolink", "table", "strikethrough", "tasklist"]
    html = cmarkgfm.markdown_to_html_with_extensions(result.out, Options.CMARK_OPT_UNSAFE, extensions)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("img") is None and soup.find("strong") is None
    assert [a["href"] for a in soup.find_all("a")] == [
        "https://github.com/stadt/rathaus/edit/main/services/personalausweis.yaml"
    ]
    text = soup.get_text()
    assert "@octocat" not in text and "#1" not in text and "@stadt" not in text  # no mention, no reference
    assert text.replace("\u200b", "").count(hostile) == 1  # shown as written
    assert "Amt @stadt/team **laut**" in text.replace("\u200b", "")
