"""`rathaus`: the catalogue library from the shell (check, build, new, report, schema)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import sys
from pathlib import Path

from .build.swap import SiteFolderError, replacing
from .catalogue import load_catalogue
from .importers.dldb import ImportFailed, import_dldb
from .kinds import KINDS
from .mkdocs import host
from .models import EditorSchema, Synonyms
from .problems import Problem
from .review import ISSUE_LIMIT, review_findings, review_report
from .scaffold import ScaffoldError, create
from .settings import Project, SettingsError
from .site_checks import site_problems

SCHEMAS = {**{name: kind.model for name, kind in KINDS.items()}, "synonyms": Synonyms}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="rathaus", description="Digitales Rathaus: Katalog prüfen und bauen.")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="Einstellungen (Standard: mkdocs.yml)")
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="alle Einträge prüfen und jeden Fehler und jede Warnung melden")
    check_parser.add_argument("--strict", action="store_true", help="auch bei Warnungen mit Fehlercode 1 enden")
    new = commands.add_parser("new", help="einen neuen Eintrag mit allen Feldern als Vorlage anlegen")
    kinds = "service (Leistung), office (Dienststelle), topic (Lebenslage), municipality (Kommune)"
    new.add_argument("kind", choices=list(KINDS), help=kinds)
    new.add_argument("title", help="Titel bzw. Name, z. B. „Hund anmelden“")
    new.add_argument("--id", help="Kennung und Dateiname (Standard: aus dem Titel gebildet)")
    report_parser = commands.add_parser(
        "report", help="Prüfliste (veraltete und unvollständige Einträge) als Markdown ausgeben"
    )
    report_parser.add_argument(
        "--limit",
        type=int,
        help=f"höchstens so viele Zeichen ausgeben (ein GitHub-Issue fasst {ISSUE_LIMIT}): die Zahlen je Stelle "
        "und so viele Listen, wie hineinpassen",
    )
    report_parser.add_argument("--full", type=Path, help="die ganze Prüfliste zusätzlich in diese Datei schreiben")
    report_parser.add_argument("--link", default="", help="wo Lesende die vollständige Prüfliste finden (Adresse)")
    build = commands.add_parser("build", help="die Website bauen (ersetzt site/ nur bei Erfolg)")
    build.add_argument("--strict", action="store_true", help="Warnungen von mkdocs als Fehler behandeln")
    build.add_argument("-d", "--site-dir", help="Zielordner (Standard: site_dir aus mkdocs.yml)")
    build.add_argument(
        "--intern",
        action="store_true",
        help="interne Fassung für das Service-Center mit den Feldern `intern` (Standard-Ziel: site-intern/)",
    )
    importing = commands.add_parser("import", help="einen Katalog aus einem anderen Format übernehmen")
    formats = importing.add_subparsers(dest="format", required=True)
    dldb = formats.add_parser("dldb", help="Export der Dienstleistungsdatenbank (DLDB, JSON) von Berlin oder München")
    dldb.add_argument("services", type=Path, help="Leistungen, z. B. services_de.json")
    dldb.add_argument("locations", type=Path, help="Standorte, z. B. locations_de.json")
    dldb.add_argument("--topics", type=Path, help="Themen, z. B. topics_de.json")
    dldb.add_argument("--authorities", type=Path, help="Behörden, z. B. authorities_de.json")
    dldb.add_argument("--into", type=Path, help="Katalogordner (Standard: der Katalog aus den Einstellungen)")
    dldb.add_argument(
        "--nonpublic",
        nargs="+",
        default=[],
        metavar="KENNUNG",
        help="auch diese als nicht öffentlich markierten Leistungen oder Standorte übernehmen (DLDB-Kennungen)",
    )
    schema = commands.add_parser("schema", help="JSON-Schemas für Editoren nach schema/ schreiben")
    schema.add_argument("--check", action="store_true", help="nur prüfen, ob schema/ aktuell ist")
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(levelname)s: %(message)s", level=logging.WARNING)
    if args.command == "check":
        return check(Path(args.config_file), strict=args.strict)
    if args.command == "new":
        return new_record(Path(args.config_file), args.kind, args.title, args.id)
    if args.command == "report":
        return review(Path(args.config_file), limit=args.limit, full=args.full, link=args.link)
    if args.command == "import":
        return import_catalogue(Path(args.config_file), args)
    if args.command == "build":
        return build_site(Path(args.config_file), strict=args.strict, site_dir=args.site_dir, intern=args.intern)
    return write_schemas(Path(args.config_file).parent / "schema", check_only=args.check)


def read_project(config_file: Path) -> Project:
    """The project from the settings file, or exit 1 with every mistake in it (German, with its line)."""
    try:
        return host.read_project(config_file)
    except SettingsError as error:
        report(error.problems)
        raise SystemExit(1) from None
    except host.HostError as error:
        print(f"Fehler: {error}", file=sys.stderr)
        raise SystemExit(1) from None


def check(config_file: Path, *, strict: bool = False) -> int:
    """Validate the whole catalogue; print every problem; exit 1 on any error (or any warning when strict)."""
    project = read_project(config_file)
    catalogue, problems = load_catalogue(project.root, project.site, workers=project.workers)
    aliases = {alias: s.id for s in catalogue.services.values() for alias in s.aliases} if catalogue else {}
    problems = sorted(problems + site_problems(project, aliases))
    report(problems)
    failing = problems if strict else [p for p in problems if p.severity == "error"]
    return 1 if failing else 0


def report(problems: list[Problem]) -> None:
    """One line per problem, plus GitHub annotations when running under Actions."""
    for problem in problems:
        print(problem)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in problems:
            print(problem.annotation())
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    print(f"{errors} Fehler, {warnings} {'Warnung' if warnings == 1 else 'Warnungen'}", file=sys.stderr)


def new_record(config_file: Path, kind: str, title: str, record_id: str | None) -> int:
    """Scaffold a record that passes `rathaus check` as written; refuse to overwrite."""
    root = read_project(config_file).root
    try:
        path = create(root, config_file.parent / "schema", kind, title, record_id, dt.date.today())
    except ScaffoldError as error:
        print(f"Fehler: {error}", file=sys.stderr)
        return 1
    print(f"Angelegt: {path}")
    print("Jetzt die Felder ausfüllen und `rathaus check` ausführen.", file=sys.stderr)
    return 0


def review(config_file: Path, *, limit: int | None = None, full: Path | None = None, link: str = "") -> int:
    """Print the Markdown review list of stale and incomplete records, grouped by office; with `limit`, only what
    fits (the counts per office first), and with `full`, write the whole list to that file too."""
    project = read_project(config_file)
    today = dt.date.today()
    catalogue, problems = load_catalogue(project.root, project.site, today, workers=project.workers)
    if catalogue is None:
        report([p for p in problems if p.severity == "error"])
        print("Die Prüfliste braucht einen fehlerfreien Katalog.", file=sys.stderr)
        return 1
    findings = review_findings(catalogue, today)
    if full is not None:
        full.write_text(review_report(catalogue, findings, today), encoding="utf-8")
    where = link or (f"Datei `{full.name}`" if full is not None else "")
    print(review_report(catalogue, findings, today, limit=limit, full=where), end="")
    return 0


def import_catalogue(config_file: Path, args: argparse.Namespace) -> int:
    """Import a foreign export into the catalogue; print what was written, kept, left out and not mapped."""
    root = args.into or (read_project(config_file).root if config_file.is_file() else config_file.parent)
    try:
        result = import_dldb(
            root, args.services, args.locations, args.topics, args.authorities, nonpublic=args.nonpublic
        )
    except ImportFailed as error:
        print(f"Fehler: {error}", file=sys.stderr)
        return 1
    print("\n".join(result.lines()))
    print("Jetzt `rathaus check` ausführen: Warnungen sind die offenen Aufgaben der Redaktion.", file=sys.stderr)
    return 0


def build_site(config_file: Path, *, strict: bool, site_dir: str | None, intern: bool = False) -> int:
    """Build into a new folder beside the target and swap it in only when the build succeeded (build/swap.py).

    `intern`: the Service-Center's internal site, into its own folder (`intern_dir`), never the public one.
    """
    project = read_project(config_file)
    default = config_file.parent / project.settings.intern_dir if intern else project.site_dir
    target = Path(site_dir or default).resolve()
    if intern and target == project.site_dir.resolve():
        print(f"Fehler: Die interne Fassung darf nicht in den Ordner der Website ({target}).", file=sys.stderr)
        return 1
    try:
        with replacing(target) as staging:
            host.build(config_file, staging, strict=strict, intern=intern)
    except SettingsError as error:
        report(error.problems)
        print(f"Die bisherige Website in {target} bleibt unverändert.", file=sys.stderr)
        return 1
    except host.HostError as error:
        print(f"Fehler: {error}", file=sys.stderr)
        print(f"Die bisherige Website in {target} bleibt unverändert.", file=sys.stderr)
        return 1
    except SiteFolderError as error:
        print(f"Fehler: {error}", file=sys.stderr)
        return 1
    print(f"Website gebaut: {target}", file=sys.stderr)
    return 0


def schema_documents() -> dict[str, str]:
    """File name → JSON Schema text, generated from the models (draft-07 keywords for editors)."""
    documents = {}
    for name, model in SCHEMAS.items():
        schema = model.model_json_schema(schema_generator=EditorSchema)
        schema = {
            "$schema": "http://json-schema.org/draft-07/schema#",
            "$comment": "Erzeugt mit `rathaus schema` aus generator/rathaus/models.py – nicht von Hand ändern.",
            **schema,
        }
        documents[f"{name}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    return documents


def write_schemas(folder: Path, *, check_only: bool) -> int:
    stale = []
    for name, text in schema_documents().items():
        path = folder / name
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path)
        if not check_only:
            folder.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if check_only and stale:
        for path in stale:
            print(f"{path}: veraltet – bitte `rathaus schema` ausführen und das Ergebnis einchecken")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
