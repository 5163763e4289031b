"""Search payload and first-query latency in Chromium: our prebuilt index against Material's search.

    python benchmarks/search.py                  # N = 1,000 and 10,000 synthetic services, 3 runs each
    python benchmarks/search.py --sizes 1000 --runs 1

For every N a synthetic catalogue (written by this script, `write_catalogue`) goes through
`rathaus.search.write_search` into a copy of the built demo site, whose pages carry the same header, search
box and scripts as any site (only search/ differs); the same text as plain Markdown pages (`write_markdown`)
is built with mkdocs-material and its search plugin (`lang: de`). Printed per engine:

- payload: gzip -9 size of what its search downloads (a server that compresses sends about this much):
  the index, the result list files (ours: all of them; a query fetches only those it shows), the scripts,
  and what the first query actually fetched;
- first query: milliseconds from a keypress in the search box to the results painted, in Debian's chromium
  (median of the runs, each in a fresh browser context): "cold" = right after the page loaded, the first key
  focuses the box and the query follows at once, so everything loads after that key; "warm" = the search is
  loaded (ours loads when the box is focused or hovered), measured from the query's last keypress.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml
from playwright.sync_api import Browser, sync_playwright

from rathaus.catalogue import build_catalogue
from rathaus.models import Site
from rathaus.search import write_search

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync"]
QUERY = "wohngeld"

# Records the first keydown and the moment the first result is painted (a frame after it entered the DOM).
PROBE = """
window.__bench = {key: 0, painted: 0};
addEventListener("keydown", () => { if (!__bench.key) __bench.key = performance.now(); }, true);
new MutationObserver(() => {
  if (__bench.key && __bench.painted === 0 && document.querySelector(RESULT)) {
    __bench.painted = -1;
    requestAnimationFrame(() => setTimeout(() => { __bench.painted = performance.now(); }));
  }
}).observe(document, {childList: true, subtree: true});
"""


# A small synthetic catalogue: German service names built from parts, with the fields the index reads.
OBJECTS = [
    "Personalausweis", "Reisepass", "Führerschein", "Wohngeld", "Hundesteuer", "Gewerbeanmeldung", "Baugenehmigung",
    "Bewohnerparkausweis", "Geburtsurkunde", "Eheurkunde", "Sterbeurkunde", "Meldebescheinigung", "Führungszeugnis",
    "Elterngeld", "Kita-Platz", "Schülerbeförderung", "Fischereischein", "Jagdschein", "Waffenbesitzkarte",
    "Gaststättenerlaubnis", "Marktstand", "Sondernutzung", "Sperrmüll", "Biotonne", "Grabstätte",
    "Wohnberechtigungsschein", "Zweitwohnungsteuer", "Grundsteuerbescheid", "Einbürgerung", "Aufenthaltstitel",
    "Verpflichtungserklärung", "Briefwahl", "Beglaubigung", "Fundsache", "Taxikonzession", "Plakatierung",
    "Feuerwerk", "Veranstaltung", "Baumfällung", "Solarförderung", "Schwerbehindertenausweis", "Blindengeld",
    "Unterhaltsvorschuss", "Lebensbescheinigung", "Reisegewerbekarte", "Sperrzeitverkürzung", "Halteverbot",
    "Hausnummer", "Wasseranschluss", "Musikschulplatz", "Bildungsgutschein", "Heizkostenzuschuss",
    "Vereinsregisterauszug"
]  # fmt: skip
ACTIONS = [
    "beantragen", "verlängern", "ändern", "abmelden", "anmelden", "ersetzen", "zurückgeben", "übertragen", "prüfen",
    "widerrufen"
]  # fmt: skip
QUALIFIERS = ["", "für Unternehmen", "für Minderjährige", "für Vereine", "im Eilverfahren", "als Zweitschrift",
              "für Menschen mit Behinderung", "für Studierende", "für Seniorinnen und Senioren", "aus dem Ausland",
              "online", "mit Vollmacht", "für Gewerbetreibende", "in Kassel-Mitte", "in Wehlheiden"]  # fmt: skip
TOPICS = [
    "Umzug", "Geburt", "Heirat", "Todesfall", "Auto", "Bauen", "Arbeit", "Gewerbe", "Schule", "Kinderbetreuung",
    "Pflege", "Rente", "Gesundheit", "Haustiere", "Abfall", "Steuern", "Ausweise", "Einbürgerung", "Aufenthalt",
    "Ehrenamt", "Kultur", "Sport", "Veranstaltungen", "Umwelt", "Wahlen", "Soziales", "Behinderung", "Sicherheit",
    "Gastronomie", "Friedhof"
]  # fmt: skip
OFFICES = [
    "Bürgeramt", "Ordnungsamt", "Straßenverkehrsamt", "Standesamt", "Sozialamt", "Jugendamt", "Bauaufsicht",
    "Steueramt"
]  # fmt: skip
DOCUMENTS = ["Personalausweis oder Reisepass", "Biometrisches Passfoto", "Meldebescheinigung", "Vollmacht",
             "Geburtsurkunde", "Nachweis über das Einkommen", "Mietvertrag", "Handelsregisterauszug", "Lageplan",
             "Bescheid der Krankenkasse", "Zustimmung der Sorgeberechtigten", "Bisherige Bescheinigung",
             "Nachweis der Haftpflichtversicherung", "Ärztliches Attest", "Übersetzung der Dokumente"]  # fmt: skip
SENTENCES = ["Den Antrag stellen Sie {channel}.", "Die Stelle prüft Ihre Angaben und meldet sich, wenn etwas fehlt.",
             "Bitte halten Sie alle Unterlagen bereit, damit die Bearbeitung nicht länger dauert.",
             "Besondere Regeln gelten {qualifier}.", "Die Entscheidung erhalten Sie schriftlich.",
             "Fragen beantwortet die Behördennummer 115.", "Die Gebühr richtet sich nach dem Aufwand.",
             "In dringenden Fällen geht es gegen einen Zuschlag schneller.",
             "Wenn sich Ihre Angaben ändern, teilen Sie uns das bitte sofort mit.",
             "Eine Vertretung durch eine bevollmächtigte Person ist möglich.",
             "Minderjährige brauchen die Zustimmung ihrer gesetzlichen Vertretung.",
             "Sie erhalten eine Nachricht, sobald das Dokument abholbereit ist.",
             "Für die Bearbeitung brauchen wir in der Regel zwei bis drei Wochen.",
             "Bringen Sie Originale mit; Kopien allein genügen nicht.",
             "Die Rechtsgrundlage finden Sie in der Satzung der Stadt.",
             "Bei Fragen zu den Unterlagen hilft Ihnen das Service-Center weiter."]  # fmt: skip
PREREQUISITES = ["Sie sind in der Stadt mit Hauptwohnsitz gemeldet.", "Sie sind mindestens 18 Jahre alt.",
                 "Sie kommen persönlich oder schicken eine bevollmächtigte Person.",
                 "Ihr Einkommen liegt unter der gesetzlichen Grenze.",
                 "Das Grundstück liegt im Stadtgebiet."]  # fmt: skip
CHANNELS = ["online, per Post oder persönlich", "nur persönlich", "schriftlich oder per E-Mail"]


def services(n: int) -> list[dict]:
    """n distinct services; service i is the same whatever n is."""
    records = []
    for i in range(n):
        chance = random.Random(i)
        obj = OBJECTS[i % len(OBJECTS)]
        action = ACTIONS[i // len(OBJECTS) % len(ACTIONS)]
        qualifier = QUALIFIERS[i // (len(OBJECTS) * len(ACTIONS)) % len(QUALIFIERS)]
        title = " ".join(part for part in (obj, qualifier, action) if part) + f" ({i // 7500 + 1})" * (i >= 7500)
        text = [s.format(channel=chance.choice(CHANNELS), qualifier=qualifier or "für alle") for s in SENTENCES]
        records.append({
            "id": f"leistung-{i:05d}",
            "title": title,
            "synonyms": [obj, f"{obj} {action}", f"Antrag {obj}"],
            "summary": f"{obj} {action}: " + " ".join(chance.sample(text, 2)),
            "description": " ".join(chance.sample(text, 6)),
            "prerequisites": chance.sample(PREREQUISITES, 2),
            "documents": [{"name": d, "note": chance.choice(text)}
                          for d in chance.sample(DOCUMENTS, chance.randint(2, 6))],
            "fees": [{"label": f"Gebühr {obj}", "amount": chance.choice([0, 12, 25, 40, 60])}],
            "deadlines": [chance.choice(text)],
            "procedure": chance.sample(text, 4),
            "notes": " ".join(chance.sample(text, 2)),
            "offices": [f"amt-{chance.randrange(max(8, n // 25)):04d}"],
            "topics": chance.sample([f"thema-{t:02d}" for t in range(len(TOPICS))], 2),
            "reviewed": dt.date(2026, 11, 1),
        })  # fmt: skip
    return records


def offices(n: int) -> list[dict]:
    return [{"id": f"amt-{i:04d}", "name": f"{OFFICES[i % len(OFFICES)]} {i // len(OFFICES) + 1}",
             "summary": f"Zuständig für Anliegen im Bezirk {i + 1}.", "phone": f"0561 787-{1000 + i}",
             "address": {"street": f"Obere Königsstraße {i + 1}", "postal_code": "34117", "city": "Kassel"},
             "hours": {"mo": ["08:00-12:00"], "di": ["08:00-12:00", "14:00-18:00"], "do": ["08:00-12:00"]},
             "reviewed": dt.date(2026, 11, 1)}
            for i in range(max(8, n // 25))]  # fmt: skip


def topics() -> list[dict]:
    return [{"id": f"thema-{i:02d}", "title": title, "summary": f"Was Sie zum Thema {title} erledigen können."}
            for i, title in enumerate(TOPICS)]  # fmt: skip


def write_catalogue(root: Path, n: int) -> None:
    """services/, offices/ and topics/ of a synthetic catalogue, as editors write them."""
    for folder, records in (("services", services(n)), ("offices", offices(n)), ("topics", topics())):
        (root / folder).mkdir(parents=True)
        for record in records:
            text = yaml.safe_dump(record, allow_unicode=True, sort_keys=False)
            (root / folder / f"{record['id']}.yaml").write_text(text, encoding="utf-8")


def write_markdown(root: Path, n: int) -> Path:
    """The same text as one Markdown page per service, office and topic, for plain mkdocs-material."""
    docs = root / "docs"
    pages = {"index.md": "# Digitales Rathaus\n\nAlle Leistungen der Stadt.\n"}
    topic_names = {t["id"]: t["title"] for t in topics()}
    office_text = {o["id"]: f"{o['name']}: {o['summary']} {o['address']['street']}, {o['address']['postal_code']} "
                   f"Kassel, Telefon {o['phone']}. Öffnungszeiten: Montag 8 bis 12 Uhr, Dienstag 8 bis 12 und 14 bis "
                   "18 Uhr, Donnerstag 8 bis 12 Uhr." for o in offices(n)}  # fmt: skip
    for t in topics():
        pages[f"lebenslagen/{t['id']}.md"] = f"# {t['title']}\n\n{t['summary']}\n"
    for o in offices(n):
        pages[f"dienststellen/{o['id']}.md"] = f"# {o['name']}\n\n{office_text[o['id']]}\n"
    for s in services(n):
        pages[f"leistungen/{s['id']}.md"] = "\n\n".join([
            f"# {s['title']}", s["summary"], "Suchbegriffe: " + ", ".join(s["synonyms"]), "## Beschreibung",
            s["description"], "## Voraussetzungen", "\n".join(f"- {p}" for p in s["prerequisites"]), "## Unterlagen",
            "\n".join(f"- {d['name']}: {d['note']}" for d in s["documents"]), "## Kosten",
            f"{s['fees'][0]['label']}: {s['fees'][0]['amount']} Euro", "## Fristen", s["deadlines"][0], "## Ablauf",
            "\n".join(f"1. {step}" for step in s["procedure"]), "## Hinweise", s["notes"], "## Zuständig",
            " ".join(office_text[o] for o in s["offices"]),
            "Lebenslagen: " + ", ".join(topic_names[t] for t in s["topics"]),
            "Fragen? Rufen Sie die 115 an – Montag bis Freitag 8 bis 18 Uhr.",
        ]) + "\n"  # fmt: skip
    pages["leistungen/index.md"] = "# Leistungen A–Z\n\n" + "".join(
        f"- [{s['title']}]({s['id']}.md)\n" for s in services(n)
    )
    for path, text in pages.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
    # Only the overview pages in the navigation, as on our site: a navigation of every page on every page
    # would make the build quadratic in N.
    config = {"site_name": "Rathaus", "site_url": "https://example.org/", "use_directory_urls": True,
              "theme": {"name": "material", "language": "de", "font": False},
              "plugins": [{"search": {"lang": "de"}}],
              "nav": [{"Start": "index.md"}, {"Leistungen A–Z": "leistungen/index.md"}]}  # fmt: skip
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return root / "mkdocs.yml"


@dataclass(frozen=True)
class Engine:
    """How to drive one search UI in the browser."""

    name: str
    box: str
    result: str
    ready: str
    """JavaScript expression that is true once the search can answer."""
    downloads: Callable[[str], bool]
    """Which fetched files belong to the search."""


OURS = Engine(
    name="ours",
    box="#rh-header-query",
    result="header [role=option]",
    ready="rathausSearch.load(document.querySelector('header form').dataset.rhSearch).then(() => true)",
    downloads=lambda path: path.startswith("search/"),
)
MATERIAL = Engine(
    name="Material",
    box=".md-search__input",
    result=".md-search-result__item",
    ready="!/initialisiert/i.test(document.querySelector('.md-search-result__meta').textContent)",
    downloads=lambda path: "search" in path or "lunr" in path,
)


@dataclass
class Measured:
    index: int
    results: int
    scripts: int
    fetched: int
    cold: float
    warm: float
    build: float | None = None


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9))


@contextmanager
def served(folder: Path) -> Iterator[str]:
    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def mkdocs_build(config: Path, site: Path) -> float:
    start = time.perf_counter()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def first_query(browser: Browser, url: str, engine: Engine, *, warm: bool) -> tuple[float, list[str]]:
    """Milliseconds from a keypress to results painted, and the search files the page fetched.

    Cold: right after the page loaded, the first key goes into the box (focusing it), the rest of the query
    follows at once; measured from that first key. Warm: the search is loaded and the query typed but its
    last letter; measured from the keypress of that last letter.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="de-DE")
    page = context.new_page()
    page.add_init_script(PROBE.replace("RESULT", repr(engine.result)))
    page.goto(url, wait_until="load")
    if warm:
        page.click(engine.box)
        page.wait_for_function(engine.ready, timeout=300_000)
        page.keyboard.type(QUERY[:-1])
        page.wait_for_function("__bench.painted > 0", timeout=300_000)
        page.evaluate("__bench.key = 0; __bench.painted = 0")  # the next results that are painted count
        page.locator(engine.box).press(QUERY[-1])
    else:
        page.locator(engine.box).press(QUERY[0])
        page.keyboard.type(QUERY[1:])
    page.wait_for_function("__bench.painted > 0", timeout=300_000)
    elapsed = page.evaluate("__bench.painted - __bench.key")
    base = url.rsplit("/", 1)[0] + "/"
    names = page.evaluate("performance.getEntriesByType('resource').map((e) => e.name)")
    context.close()
    return elapsed, [name.removeprefix(base).split("?")[0] for name in names if name.startswith(base)]


def measure(browser: Browser, site: Path, engine: Engine, runs: int) -> tuple[float, float, int]:
    """Median cold and warm latency, and the gzip size of what a cold first query fetched."""
    cold, warm, fetched = [], [], 0
    with served(site) as url:
        for _ in range(runs):
            elapsed, files = first_query(browser, url, engine, warm=False)
            cold.append(elapsed)
            fetched = sum(gz(site / name) for name in set(files) if engine.downloads(name))
            warm.append(first_query(browser, url, engine, warm=True)[0])
    return statistics.median(cold), statistics.median(warm), fetched


def ours(browser: Browser, host: Path, work: Path, n: int, runs: int) -> Measured:
    """The synthetic catalogue's search files written into a copy of the built demo site (`host`)."""
    root = work / f"ours-{n}"
    write_catalogue(root, n)
    catalogue = build_catalogue(root, Site(city="Kassel"))
    site = work / f"site-ours-{n}"
    shutil.copytree(host, site)
    shutil.rmtree(site / "search")
    start = time.perf_counter()
    sizes = write_search(site, catalogue)
    build = time.perf_counter() - start
    cold, warm, fetched = measure(browser, site, OURS, runs)
    results = sum(size for name, size in sizes.items() if name.startswith("results-"))
    return Measured(sizes["index.json"], results, sizes["lunr.js"] + sizes["search.js"], fetched, cold, warm, build)


def material(browser: Browser, host: Path, work: Path, n: int, runs: int) -> Measured:
    """The same text as Markdown pages, built with mkdocs-material and its search (`host` is not needed)."""
    site = work / f"site-material-{n}"
    mkdocs_build(write_markdown(work / f"plain-{n}", n), site)
    # What its German search loads besides the index: the worker (with lunr) and lunr-languages' German files.
    assets = site / "assets" / "javascripts"
    languages = [assets / "lunr" / "min" / f"lunr.{name}.min.js" for name in ("stemmer.support", "de")]
    scripts = sum(gz(p) for p in [*assets.glob("workers/search.*.js"), *languages])
    cold, warm, fetched = measure(browser, site, MATERIAL, runs)
    return Measured(gz(site / "search" / "search_index.json"), 0, scripts, fetched, cold, warm)


def kb(size: int) -> str:
    return f"{size / 1024:,.0f}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="numbers of services, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    args = parser.parse_args(argv)
    sizes = [int(n) for n in args.sizes.split(",")]
    scratch = Path("/dev/shm") if Path("/dev/shm").is_dir() else None
    with tempfile.TemporaryDirectory(dir=scratch) as folder, sync_playwright() as playwright:
        work = Path(folder)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        host = work / "host"
        mkdocs_build(REPO / "mkdocs.yml", host)
        print(f"query {QUERY!r}; payload in KB gzip -9; first query in ms, keypress to results painted\n")
        print(f"{'':>10} {'N':>7} {'index':>7} {'results':>8} {'scripts':>8} {'fetched':>8} {'cold':>8} {'warm':>7}")
        for n in sizes:
            for name, engine in (("ours", ours), ("Material", material)):
                measured = engine(browser, host, work, n, args.runs)
                print(
                    f"{name:>10} {n:>7,} {kb(measured.index):>7} {kb(measured.results):>8} "
                    f"{kb(measured.scripts):>8} {kb(measured.fetched):>8} {measured.cold:>8,.0f} {measured.warm:>7,.0f}"
                    + (f"   (index built in {measured.build:.1f} s)" if measured.build is not None else ""),
                    flush=True,
                )
        browser.close()


if __name__ == "__main__":
    main()
