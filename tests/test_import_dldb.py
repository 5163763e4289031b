"""`rathaus import dldb` with Munich's real DLDB export: a clean catalogue, a strict build, safe re-imports."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

from .conftest import mkdocs_build, rathaus, shared_data

MUNICH = shared_data("dldb-muenchen")


def files(project: Path) -> dict[str, tuple[bytes, int]]:
    """Every record file with its bytes and modification time."""
    return {
        str(path.relative_to(project)): (path.read_bytes(), path.stat().st_mtime_ns)
        for folder in ("services", "offices", "topics")
        for path in sorted((project / folder).glob("*.yaml"))
    }


def reimport(project: Path, services: Path = MUNICH / "services_de.json", *extra: str):  # type: ignore[no-untyped-def]
    return rathaus("import", "dldb", str(services), str(MUNICH / "locations_de.json"), *extra, cwd=project)


def copy(munich_catalogue: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(munich_catalogue, tmp_path / "project"))


def test_munich_import_passes_check_and_builds_strict(munich_catalogue: Path, tmp_path: Path) -> None:
    report = (munich_catalogue / "import-report.txt").read_text(encoding="utf-8")
    assert "Geschrieben: 262 Dateien (262 neu, 0 aktualisiert)" in report
    assert "Nicht importiert, weil nicht öffentlich (public: false): 9 Standorte, 125 Leistungen." in report
    assert "Nicht übernommen:" in report and "162 × Leistungen: duration (Termindauer in Minuten)" in report

    check = rathaus("check", cwd=munich_catalogue)
    assert check.code == 0, check.out
    assert check.err.strip().startswith("0 Fehler"), check.err
    assert "keine Kurzbeschreibung angegeben" in check.out  # an empty description is the editors' to-do

    site = tmp_path / "site"
    build = mkdocs_build(munich_catalogue, site, "--strict")
    assert build.code == 0, build.err
    page = (site / "leistungen" / "gewerbe-anmeldung" / "index.html").read_text(encoding="utf-8")
    assert "Gewerbe-Anmeldung" in page
    assert "<strong>vor oder spätestens mit Aufnahme der Tätigkeit</strong>" in page  # HTML → Markdown → HTML
    assert "50 bis 60 Euro (abhängig von der Rechtsform)" in page
    assert "terminvereinbarung.html/#/services/1063423/locations/10546" in page  # the location's booking link
    assert "Landeshauptstadt München, Kreisverwaltungsreferat" in page  # the office's authority
    api = json.loads((site / "api" / "v1" / "services" / "gewerbe-anmeldung.json").read_text(encoding="utf-8"))
    assert api["service"]["source"]["id"] == "1063423"
    assert api["service"]["leika"] == "99050012104000"
    assert "Gewerbeanmeldung" in api["service"]["synonyms"]


def test_internal_services_never_reach_the_site(munich_catalogue: Path) -> None:
    exported = json.loads((MUNICH / "services_de.json").read_text(encoding="utf-8"))["data"]
    internal = {str(s["id"]) for s in exported if s["public"] is False}
    imported = {
        yaml.safe_load(path.read_text(encoding="utf-8"))["source"]["id"]
        for path in (munich_catalogue / "services").glob("*.yaml")
    }
    assert len(internal) == 125
    assert imported and not imported & internal
    assert len(imported) == 162


def test_the_report_names_what_was_left_out_and_chosen_ones_can_be_imported(
    munich_catalogue: Path, tmp_path: Path
) -> None:
    """Munich's `public: false` mixes internal appointment types ("Testleistung") with services that are only not
    booked online (residence permits): the report lists each, and `--nonpublic` imports the chosen ones."""
    report = (munich_catalogue / "import-report.txt").read_text(encoding="utf-8")
    assert "  Leistung 1063486: Wohnsitz abmelden" in report
    assert "Testleistung" in report
    exported = json.loads((MUNICH / "services_de.json").read_text(encoding="utf-8"))["data"]
    chosen = {str(s["id"]): s["name"] for s in exported if s["name"] in ("Wohnsitz abmelden", "Sterbeurkunde")}
    assert len(chosen) == 2

    project = copy(munich_catalogue, tmp_path)
    before = files(project)
    unknown = reimport(project, MUNICH / "services_de.json", "--nonpublic", "999999999")
    assert unknown.code != 0
    assert "--nonpublic: keine Leistung und kein Standort mit der DLDB-Kennung 999999999" in unknown.err
    assert "Traceback" not in unknown.out
    assert files(project) == before  # nothing written

    result = reimport(project, MUNICH / "services_de.json", "--nonpublic", *chosen)
    assert result.code == 0, result.out
    assert "(2 neu, 3 aktualisiert)" in result.out  # those that name them as combinable now link to them
    assert "Wohnsitz abmelden" not in result.out.split("public: false")[1]  # no longer among those left out
    imported = {
        yaml.safe_load(path.read_text(encoding="utf-8"))["source"]["id"]: path.stem
        for path in (project / "services").glob("*.yaml")
    }
    assert set(chosen) <= set(imported)
    related = yaml.safe_load((project / "services" / "wohnsitzanmeldung.yaml").read_text(encoding="utf-8"))["related"]
    assert "wohnsitz-abmelden" in related
    assert rathaus("check", cwd=project).code == 0


def test_ids_are_short_readable_and_unique(munich_catalogue: Path) -> None:
    ids = [path.stem for folder in ("services", "offices") for path in (munich_catalogue / folder).glob("*.yaml")]
    assert max(map(len, ids)) <= 50
    assert "gewerbe-anmeldung" in ids
    # "Beantragung oder Abholung einer neuen Zulassungsbescheinigung Teil II nach Verlust oder Diebstahl"
    assert "beantragung-abholung-neuen-zulassungsbescheinigung" in ids


def test_second_import_of_the_same_export_changes_no_file(munich_catalogue: Path, tmp_path: Path) -> None:
    project = copy(munich_catalogue, tmp_path)
    before = files(project)
    result = reimport(project)
    assert result.code == 0, result.err
    assert "Geschrieben: 0 Dateien (0 neu, 0 aktualisiert), 262 unverändert." in result.out
    assert files(project) == before


def test_edited_record_survives_reimport_as_conflict(munich_catalogue: Path, tmp_path: Path) -> None:
    project = copy(munich_catalogue, tmp_path)
    record = project / "services" / "gewerbe-anmeldung.yaml"
    edited = (
        record.read_text(encoding="utf-8").replace("title: Gewerbe-Anmeldung", "title: Gewerbe anmelden")
        + "popular: true\n"
    )
    record.write_text(edited, encoding="utf-8")
    result = reimport(project)
    assert result.code == 0, result.err
    assert record.read_text(encoding="utf-8") == edited
    assert "Konflikte: 1 seit dem letzten Import bearbeitete Einträge, nicht überschrieben:" in result.out
    assert "services/gewerbe-anmeldung.yaml: abweichend popular, title (der Export ist unverändert)" in result.out
    assert rathaus("check", cwd=project).code == 0


def test_newer_export_updates_adds_and_reports_removed(munich_catalogue: Path, tmp_path: Path) -> None:
    project = copy(munich_catalogue, tmp_path)
    export = json.loads((MUNICH / "services_de.json").read_text(encoding="utf-8"))
    services = {str(s["id"]): s for s in export["data"]}
    services["1063423"]["fees"] = "<p>60 bis 70 Euro</p>"
    services["1063423"]["meta"]["lastupdate"] = "2026-09-01T10:00:00"
    removed = next(s for s in export["data"] if s["public"] and str(s["id"]) != "1063423")
    export["data"].remove(removed)
    added = json.loads(json.dumps(services["1063423"]))
    added.update(id="99999999", name="Gewerbe-Anmeldung für Reisegewerbe", combinable=[])
    export["data"].append(added)
    newer = tmp_path / "services_newer.json"
    newer.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    removed_file = next(
        path
        for path in (project / "services").glob("*.yaml")
        if yaml.safe_load(path.read_text(encoding="utf-8"))["source"]["id"] == str(removed["id"])
    )

    result = reimport(project, newer)
    assert result.code == 0, result.err
    assert "(1 neu, " in result.out and "neu: services/gewerbe-anmeldung-fuer-reisegewerbe.yaml" in result.out
    assert "aktualisiert: services/gewerbe-anmeldung.yaml" in result.out
    updated = yaml.safe_load((project / "services" / "gewerbe-anmeldung.yaml").read_text(encoding="utf-8"))
    assert updated["fees"] == [{"label": "Gebühr", "note": "60 bis 70 Euro"}]
    assert str(updated["reviewed"]) == "2026-09-01"
    assert "Nicht mehr im Export: 1 Einträge (nicht gelöscht, bitte prüfen):" in result.out
    assert f"services/{removed_file.name} (DLDB {removed['id']})" in result.out
    assert removed_file.exists()
    assert rathaus("check", cwd=project).code == 0


def test_topics_become_a_tree_of_lebenslagen(munich_catalogue: Path, tmp_path: Path) -> None:
    project = copy(munich_catalogue, tmp_path)
    topics = {
        "data": [
            {"id": "1", "name": "Wirtschaft", "relation": {"rank": 5, "childs": [{"id": "2"}], "services": []}},
            {"id": "2", "name": "Gewerbe", "relation": {"services": [{"id": "1063423"}]}},
        ]
    }
    topics_file = tmp_path / "topics.json"
    topics_file.write_text(json.dumps(topics), encoding="utf-8")
    result = reimport(project, MUNICH / "services_de.json", "--topics", str(topics_file))
    assert result.code == 0, result.err
    child = yaml.safe_load((project / "topics" / "gewerbe.yaml").read_text(encoding="utf-8"))
    assert child["parent"] == "wirtschaft"
    service = yaml.safe_load((project / "services" / "gewerbe-anmeldung.yaml").read_text(encoding="utf-8"))
    assert service["topics"] == ["gewerbe"]
    site = tmp_path / "site"
    assert mkdocs_build(project, site, "--strict").code == 0
    parent_page = (site / "lebenslagen" / "wirtschaft" / "index.html").read_text(encoding="utf-8")
    assert 'href="../gewerbe/">Gewerbe</a>' in parent_page


def test_unreadable_export_is_a_german_error(tmp_path: Path) -> None:
    broken = tmp_path / "services.json"
    broken.write_text('{"data": [', encoding="utf-8")
    result = rathaus(
        "import", "dldb", str(broken), str(MUNICH / "locations_de.json"), "--into", str(tmp_path), cwd=tmp_path
    )
    assert result.code == 1
    assert f"Fehler: {broken}:1:11: kein gültiges JSON" in result.err
    assert "Traceback" not in result.err
    assert not (tmp_path / "offices").exists()


def export(items: list[dict], generated: str = "2026-10-01T08:00:00") -> str:
    return json.dumps({"meta": {"generated": generated}, "data": items}, ensure_ascii=False)


SERVICE = {
    "id": "501",
    "name": "Personalausweis",
    "description": '<h2>Wichtig</h2><p onclick="steal()">Bringen Sie <strong>alles</strong> mit.'
    "<script>alert(1)</script> "
    '<a href="javascript:alert(2)">Hier</a> &lt;script&gt;alert(3)&lt;/script&gt;</p><p>Zweiter Absatz.</p>',
    "meta": {"lastupdate": "2026-09-15T10:00:00", "keywords": "Perso, Ausweis beantragen, Personalausweis"},
    "leika": "99102013104000",
    "fees": "<p>Gebührenfrei</p>",
    "public": True,
    "links": [{"name": "Ausweisportal", "link": "http://www.personalausweisportal.de/", "description": False}],
    "forms": [{"name": "Vollmacht", "link": "https://stadt.example/vollmacht.pdf", "description": False}],
    "onlineprocessing": {"link": "https://online.stadt.example/ausweis", "description": "BundID-Konto"},
    "locations": [
        {"location": "7", "appointment": {"link": "https://termine.stadt.example/7/501", "allowed": True}},
        {"location": "8", "appointment": {"link": "https://termine.stadt.example/8/501", "allowed": False}},
        {"location": "9", "appointment": {"link": "https://termine.stadt.example/9/501", "allowed": True}},
    ],
    "combinable": [501, 502],
}
INTERNAL = {"id": "502", "name": "Shortlane 30 min", "description": "", "meta": {}, "public": False, "locations": []}
LOCATIONS = [
    {
        "id": "7",
        "name": "Bürgerbüro Nord (KVR-II/1)",
        "organization": "Landeshauptstadt Teststadt",
        "organizationUnit": "Kreisverwaltungsreferat",
        "public": True,
        "meta": {"lastupdate": "2026-09-01T00:00:00"},
        "address": {"street": "Hauptstraße", "house_number": "1", "postal_code": "34117", "city": "Teststadt"},
        "geo": {"lat": "51.3", "lon": "9.5"},
        "contact": {
            "phone": "0561 787-1, 0561 787-2",
            "fax": "0561 787-9",
            "email": "nord@stadt.example",
            "signed_maillink": "https://stadt.example/kontakt/nord",
        },
    },
    {
        "id": "8",
        "name": "Bürgerbüro Süd",
        "public": True,
        "address": {"street": "Südweg", "house_number": "2", "postal_code": "34119", "city": "Teststadt"},
        "contact": {"phone": "", "email": ""},
    },
    {"id": "9", "name": "Teststandort", "public": False, "address": {}, "contact": {}},
]
AUTHORITIES = [
    {"id": "1", "name": "Bezirksamt Süd", "webinfo": "https://sued.stadt.example/", "locations": [{"id": "8"}]}
]


def test_small_export_maps_every_field_and_keeps_pages_safe(project: Path, tmp_path: Path) -> None:
    files_ = {"s.json": export([SERVICE, INTERNAL]), "l.json": export(LOCATIONS), "a.json": export(AUTHORITIES)}
    for name, text in files_.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = rathaus(
        "import", "dldb", str(tmp_path / "s.json"), str(tmp_path / "l.json"), "--authorities", str(tmp_path / "a.json"),
        cwd=project,
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "Nicht importiert, weil nicht öffentlich (public: false): 1 Standorte, 1 Leistungen." in result.out
    assert "1 × Leistungen: Standort nicht öffentlich oder unbekannt" in result.out

    # A hand-written record of the same name keeps its id; the import takes the next free one.
    service = yaml.safe_load((project / "services/personalausweis-2.yaml").read_text(encoding="utf-8"))
    assert service["source"]["id"] == "501" and str(service["source"]["updated"]) == "2026-09-15"
    assert str(service["reviewed"]) == "2026-09-15"
    assert service["synonyms"] == ["Perso", "Ausweis beantragen"]
    assert service["fees"] == [{"label": "Gebühr", "amount": 0}]
    assert service["description"].startswith("### Wichtig\n\nBringen Sie **alles** mit.")
    assert "onclick" not in service["description"] and "javascript" not in service["description"]
    assert service["summary"] == "Bringen Sie alles mit. Hier <script>alert(3)</script> Zweiter Absatz."
    assert service["online_service"] == {"url": "https://online.stadt.example/ausweis", "requires": "BundID-Konto"}
    assert service["links"] == [{"title": "Ausweisportal", "url": "http://www.personalausweisportal.de/"}]
    assert service["forms"] == [{"title": "Vollmacht", "url": "https://stadt.example/vollmacht.pdf"}]
    assert service["offices"] == ["buergerbuero-nord-kvr-ii-1", "buergerbuero-sued"]
    assert service["bookings"] == [
        {"office": "buergerbuero-nord-kvr-ii-1", "url": "https://termine.stadt.example/7/501"},
        {"office": "buergerbuero-sued", "note": "An diesem Standort ist keine Online-Terminbuchung möglich."},
    ]
    assert "related" not in service  # the only other combinable service is internal
    north = yaml.safe_load((project / "offices/buergerbuero-nord-kvr-ii-1.yaml").read_text(encoding="utf-8"))
    assert north["authority"] == {"name": "Landeshauptstadt Teststadt", "unit": "Kreisverwaltungsreferat"}
    assert (north["phone"], north["phones"]) == ("0561 787-1", [{"label": "Telefon", "number": "0561 787-2"}])
    assert (north["fax"], north["contact_form"]) == ("0561 787-9", "https://stadt.example/kontakt/nord")
    assert north["address"] == {"street": "Hauptstraße 1", "postal_code": "34117", "city": "Teststadt"}
    assert north["geo"] == {"lat": 51.3, "lon": 9.5}
    south = yaml.safe_load((project / "offices/buergerbuero-sued.yaml").read_text(encoding="utf-8"))
    assert south["authority"] == {"name": "Bezirksamt Süd", "url": "https://sued.stadt.example/"}
    assert str(south["reviewed"]) == "2026-10-01"  # no date of its own: the export's

    check = rathaus("check", cwd=project)
    assert check.code == 0, check.out
    assert "links[0].url: Warnung: unverschlüsselter Link http://www.personalausweisportal.de/" in check.out
    site = tmp_path / "site"
    assert mkdocs_build(project, site, "--strict").code == 0
    page = (site / "leistungen/personalausweis-2/index.html").read_text(encoding="utf-8")
    body = page[page.index('<article class="rh-service"') :]
    assert "<script>alert" not in body and "javascript:" not in body and "onclick" not in body
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in body  # the text of the export, shown as text
    assert "<h3>Wichtig</h3>" in body
