"""Search payload and first-query latency in Chromium: our prebuilt index against Material's search.

    python benchmarks/search.py                  # N = 1,000 and 10,000 synthetic services, 3 runs each
    python benchmarks/search.py --sizes 1000 --runs 1

For every N the synthetic catalogue of benchmarks/synth.py (`write_project`, with the repository's shared
synonym list) goes through `rathaus.outputs.search.write_search` into a copy of the built demo site, whose pages carry
the same header, search box and scripts as any site (only search/ differs); the same catalogue as plain
Markdown pages (`write_plain_project`) is built with mkdocs-material and its search plugin (`lang: de`).
Printed per engine:

- payload: gzip -9 size of what its search downloads (a server that compresses sends about this much):
  the index, the result list files (ours: all of them; a query fetches only those it shows), the scripts,
  and what the first query actually fetched;
- first query: milliseconds from a keypress in the search box to the first results painted, in Debian's
  chromium (median of the runs, each a fresh page in a fresh browser context), from a page served by a
  separate process:
  - "cold" = right after the page's load event, the first key focuses the box and the query follows at
    once. Material starts loading its index with the page; ours when the browser is idle after the load
    event (requestIdleCallback) or when the box is focused, whichever comes first. The idle callback
    usually runs before the key arrives (Playwright needs some milliseconds to send it), so ours has
    usually started, not finished, loading by then;
  - "saving" = "cold" with Save-Data on (navigator.connection.saveData): ours then loads only when the box
    is focused, so everything loads after the key, as "cold" meant before the idle preload. Material
    ignores Save-Data;
  - "idle" = "cold" once the network has been quiet for half a second, as for a visitor who starts typing
    a moment after the page appeared: whatever a search loads by itself has loaded;
  - "warm" = the search is loaded and the query typed but its last letter; from that last keypress.

The load average printed with each row tells how busy the machine was (other work slows every figure).
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from rathaus.catalogue import build_catalogue
from rathaus.models import Site
from rathaus.outputs.search import write_search

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import scratch, write_plain_project, write_project

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
    latency: dict[str, float]
    """Median milliseconds per mode (MODES)."""
    build: float | None = None


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9))


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """The folder over HTTP from a child process.

    A server thread in this process would share the GIL with the Playwright client and hold back responses
    while the client sends keys, which delays exactly the files a cold query waits for.
    """
    command = [sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", str(folder)]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert server.stdout is not None
        started = re.search(r" port (\d+)", server.stdout.readline())  # printed once it listens
        if not started:
            raise RuntimeError("http.server did not start")
        yield f"http://127.0.0.1:{started.group(1)}/"
    finally:
        server.terminate()
        server.wait()


def mkdocs_build(config: Path, site: Path) -> float:
    start = time.perf_counter()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


MODES = ("cold", "saving", "idle", "warm")
SAVE_DATA = "Object.defineProperty(navigator, 'connection', {value: {saveData: true}})"


def first_query(browser: Browser, url: str, engine: Engine, mode: str) -> tuple[float, list[str]]:
    """Milliseconds from a keypress to results painted, and the search files the page fetched.

    Cold: right after the page's load event, the first key goes into the box (focusing it), the rest of the
    query follows at once; measured from that first key. Saving: the same with Save-Data on. Idle: the same,
    once the network has been quiet for half a second (Playwright's "networkidle"): whatever the page loads
    by itself has loaded. Warm: the search is loaded and the query typed but its last letter; measured from
    the keypress of that last letter.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="de-DE")
    page = context.new_page()
    page.add_init_script(PROBE.replace("RESULT", repr(engine.result)))
    if mode == "saving":
        page.add_init_script(SAVE_DATA)
    page.goto(url, wait_until="networkidle" if mode == "idle" else "load")
    if mode == "warm":
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


def measure(browser: Browser, site: Path, engine: Engine, runs: int) -> tuple[dict[str, float], int]:
    """Median latency per mode, and the gzip size of what a cold first query fetched."""
    times: dict[str, list[float]] = {mode: [] for mode in MODES}
    fetched = 0
    with served(site) as url:
        for _ in range(runs):
            for mode in MODES:
                elapsed, files = first_query(browser, url, engine, mode)
                times[mode].append(elapsed)
                if mode == "cold":
                    fetched = sum(gz(site / name) for name in set(files) if engine.downloads(name))
    return {mode: statistics.median(values) for mode, values in times.items()}, fetched


def ours(browser: Browser, host: Path, work: Path, n: int, runs: int) -> Measured:
    """The synthetic catalogue's search files written into a copy of the built demo site (`host`)."""
    root = work / f"ours-{n}"
    write_project(root, n)
    (root / "search").mkdir()
    shutil.copy(REPO / "search" / "synonyms.yaml", root / "search" / "synonyms.yaml")
    catalogue = build_catalogue(root, Site(city="Kassel"))
    site = work / f"site-ours-{n}"
    shutil.copytree(host, site)
    shutil.rmtree(site / "search")
    start = time.perf_counter()
    written = write_search(site, catalogue)
    build = time.perf_counter() - start
    sizes = {path.name: gz(path) for path in written}
    latency, fetched = measure(browser, site, OURS, runs)
    results = sum(size for name, size in sizes.items() if name.startswith("results-"))
    scripts = sizes["stemmer.js"] + sizes["search.js"]
    return Measured(sizes["index.json"], results, scripts, fetched, latency, build)


def material(browser: Browser, host: Path, work: Path, n: int, runs: int) -> Measured:
    """The same text as Markdown pages, built with mkdocs-material and its search (`host` is not needed)."""
    site = work / f"site-material-{n}"
    mkdocs_build(write_plain_project(work / f"plain-{n}", n), site)
    # What its German search loads besides the index: the worker (with lunr) and lunr-languages' German files.
    assets = site / "assets" / "javascripts"
    languages = [assets / "lunr" / "min" / f"lunr.{name}.min.js" for name in ("stemmer.support", "de")]
    scripts = sum(gz(p) for p in [*assets.glob("workers/search.*.js"), *languages])
    latency, fetched = measure(browser, site, MATERIAL, runs)
    return Measured(gz(site / "search" / "search_index.json"), 0, scripts, fetched, latency)


def kb(size: int) -> str:
    return f"{size / 1024:,.0f}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="numbers of services, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    args = parser.parse_args(argv)
    sizes = [int(n) for n in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(dir=scratch(need_gb=2)) as folder, sync_playwright() as playwright:
        work = Path(folder)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        host = work / "host"
        mkdocs_build(REPO / "mkdocs.yml", host)
        print(f"query {QUERY!r}; payload in KB gzip -9; first query in ms (median of {args.runs}), keypress to results")
        print("painted; load average (1 min) of this machine before each row, which others may share\n")
        modes = "".join(f"{mode:>7}" for mode in MODES)
        print(f"{'':>10} {'N':>7} {'index':>7} {'results':>8} {'scripts':>8} {'fetched':>8}{modes} {'load':>5}")
        for n in sizes:
            for name, engine in (("ours", ours), ("Material", material)):
                load = os.getloadavg()[0]
                measured = engine(browser, host, work, n, args.runs)
                print(
                    f"{name:>10} {n:>7,} {kb(measured.index):>7} {kb(measured.results):>8} "
                    f"{kb(measured.scripts):>8} {kb(measured.fetched):>8}"
                    + "".join(f"{measured.latency[mode]:>7,.0f}" for mode in MODES)
                    + f" {load:>5.2f}"
                    + (f"   (index built in {measured.build:.1f} s)" if measured.build is not None else ""),
                    flush=True,
                )
        browser.close()


if __name__ == "__main__":
    main()
