"""Edit-to-reload latency of `mkdocs serve`: one record is edited, how long until the browser shows the change?

    python benchmarks/serve.py                         # N = 1,000 services, 5 edits
    python benchmarks/serve.py --services 1000 --edits 3 --keep
    python benchmarks/serve.py --services 1000 --municipalities 40   # a Verbund: edit one municipality's office

Issue 7 asks: with `mkdocs serve` at 1,000 services, an edited record's page is rebuilt and reloaded within 2 s.
The script writes a synthetic project (benchmarks/synth.py, on tmpfs when /dev/shm has room), starts
`mkdocs serve` on a free loopback port and opens one service page in Debian's Chromium (Playwright), so the
page's livereload script is connected. Then, once per edit, it rewrites that record's `summary:` with a unique
marker and measures from the write until the reloaded page in the browser contains the marker. The server's
log gives the breakdown: when the watcher noticed the change, the build time mkdocs reports, and when it told
the browsers to reload. The machine may be shared, so the load average is printed with every figure.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import scratch, service_id, write_project

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync"]
HOST = "127.0.0.1"
TARGET = 2.0  # seconds: issue 7, edit → reloaded page at 1,000 services; issue 17, the rebuild in a Verbund of 40
STARTUP_TIMEOUT = 300.0  # the first full build at 1,000 services takes a while on a busy 2-core machine
STARTUP_PER_MUNICIPALITY = 30.0  # a Verbund's first build writes a page per service and municipality
CONNECT_TIMEOUT = 30.0
EDIT_TIMEOUT = 30.0
IDLE_QUIET = 1.0  # the server counts as idle once its log has been silent this long after its last reload
IDLE_TIMEOUT = 60.0
POLL = 0.02

# A top-level `summary:` with its continuation lines (folded plain scalars and `|` blocks are indented).
SUMMARY = re.compile(r"^summary:.*\n(?:[ \t]+.*\n|\n(?=[ \t]))*", re.MULTILINE)
BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")
SERVING = re.compile(r"Serving on (http://\S+)")


@dataclass
class Edit:
    visible: float  # write → marker in the reloaded page
    detected: float | None  # write → "Detected file changes"
    build: float | None  # what mkdocs reports
    reload: float | None  # write → "Reloading browsers"
    builds: int  # rebuilds the one write caused (more than one means the watcher saw it twice)
    load: float


class LogTail(threading.Thread):
    """Reads the server's log as it grows and stamps every line with the time it appeared (±POLL)."""

    def __init__(self, path: Path) -> None:
        super().__init__(daemon=True)
        self.path, self.running = path, True
        self.lines: list[tuple[float, str]] = []
        self.lock = threading.Lock()

    def run(self) -> None:
        with self.path.open("rb") as log:
            pending = b""
            while self.running:
                chunk = log.read()
                if not chunk:
                    time.sleep(POLL)
                    continue
                now = time.time()
                *complete, pending = (pending + chunk).split(b"\n")
                with self.lock:
                    self.lines.extend((now, line.decode(errors="replace")) for line in complete)

    def since(self, index: int) -> list[tuple[float, str]]:
        with self.lock:
            return self.lines[index:]

    def count(self) -> int:
        with self.lock:
            return len(self.lines)

    def text(self, last: int = 40) -> str:
        return "\n".join(line for _, line in self.since(max(0, self.count() - last)))

    def stop(self) -> None:
        self.running = False
        self.join(timeout=2)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def start_server(config: Path, port: int, log: Path, tmp: Path) -> subprocess.Popen[bytes]:
    """`mkdocs serve` in a child process; its temporary site goes to `tmp` (tmpfs, removed with the project)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(tmp)}
    # With a -W option mkdocs leaves out its filter of repeated log messages, which would drop "Documentation
    # built in 1.86 seconds" when an earlier rebuild took as long: every build time is then in the log.
    command = [
        sys.executable,
        "-W",
        "default",
        "-m",
        "mkdocs",
        "serve",
        "-f",
        str(config),
        "--dev-addr",
        f"{HOST}:{port}",
    ]
    with log.open("wb") as out:
        return subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)


def stop_server(server: subprocess.Popen[bytes]) -> None:
    """Ctrl-C first, so mkdocs removes its temporary site; kill it if it does not stop."""
    if server.poll() is not None:
        return
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=15)


def wait_serving(
    server: subprocess.Popen[bytes], tail: LogTail, path: str, fallback: str, timeout: float = STARTUP_TIMEOUT
) -> str:
    """Wait until the server answers for the page; return the page's URL (mkdocs mounts at site_url's path)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"mkdocs serve exited with {server.returncode}:\n{tail.text()}")
        base = next((m[1] for _, line in tail.since(0) if (m := SERVING.search(line))), None)
        if base:
            url = base.rstrip("/") + "/" + path
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    if response.status == 200:
                        return url
            except (urllib.error.URLError, OSError):
                pass
        time.sleep(0.25)
    raise SystemExit(f"mkdocs serve did not answer at {fallback} within {timeout:.0f} s:\n{tail.text()}")


def wait_line(tail: LogTail, start: int, text: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(text in line for _, line in tail.since(start)):
            return True
        time.sleep(POLL)
    return False


def wait_idle(server: subprocess.Popen[bytes], tail: LogTail, start: int) -> None:
    """Wait until every rebuild since `start` has reloaded the browsers and the log has gone quiet."""
    deadline = time.monotonic() + IDLE_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"mkdocs serve exited with {server.returncode}:\n{tail.text()}")
        lines = tail.since(start)
        detected = sum("Detected file changes" in line for _, line in lines)
        reloaded = sum("Reloading browsers" in line for _, line in lines)
        last = lines[-1][0] if lines else 0.0
        if reloaded >= detected and time.time() - last >= IDLE_QUIET:
            return
        time.sleep(0.1)
    raise SystemExit(f"mkdocs serve did not become idle within {IDLE_TIMEOUT:.0f} s:\n{tail.text()}")


def shows(page: Page, marker: str) -> bool:
    """Whether the page's text contains the marker; False while the page is between documents."""
    try:
        return bool(page.evaluate("m => !!document.body && document.body.innerText.includes(m)", marker))
    except PlaywrightError:  # execution context destroyed by the reload
        return False


def loaded_at(page: Page) -> float | None:
    """Wall-clock time (s) the current document finished parsing, from the browser's navigation timing."""
    try:
        stamp = page.evaluate(
            "() => { const n = performance.getEntriesByType('navigation')[0];"
            " return n && n.domContentLoadedEventEnd ? performance.timeOrigin + n.domContentLoadedEventEnd : null; }"
        )
    except PlaywrightError:
        return None
    return stamp / 1000 if stamp else None


def edit_once(
    number: int, record: Path, page: Page, server: subprocess.Popen[bytes], tail: LogTail, timeout: float = EDIT_TIMEOUT
) -> Edit:
    """Rewrite the record's summary with a marker; time until the reloaded page in the browser shows it."""
    wait_idle(server, tail, 0)
    marker = f"Messlauf {number} {time.time_ns() // 1_000_000}"
    text = record.read_text(encoding="utf-8")
    edited, replaced = SUMMARY.subn(f"summary: {marker} – geänderte Kurzbeschreibung.\n", text, count=1)
    if not replaced:
        raise SystemExit(f"no top-level summary: in {record}")
    start = tail.count()
    written = time.time()
    record.write_text(edited, encoding="utf-8")
    deadline = time.monotonic() + timeout
    while not shows(page, marker):
        if time.monotonic() > deadline:
            raise SystemExit(f"edit {number}: marker not shown within {timeout:.0f} s:\n{tail.text()}")
        if server.poll() is not None:
            raise SystemExit(f"mkdocs serve exited with {server.returncode}:\n{tail.text()}")
        time.sleep(POLL)
    seen = time.time()
    parsed = loaded_at(page)  # more precise than the poll, when the browser's clock agrees with ours
    visible = parsed if parsed is not None and written < parsed <= seen else seen
    wait_idle(server, tail, start)
    lines = tail.since(start)
    detected = next((t - written for t, line in lines if "Detected file changes" in line), None)
    reload = next((t - written for t, line in lines if "Reloading browsers" in line), None)
    build = next((float(m[1]) for _, line in lines if (m := BUILT.search(line))), None)
    builds = sum("Detected file changes" in line for _, line in lines)
    return Edit(visible - written, detected, build, reload, builds, os.getloadavg()[0])


def seconds(value: float | None) -> str:
    return f"{value:6.2f} s" if value is not None else "     – "


def run(work: Path, n: int, edits: int, municipalities: int = 0) -> list[Edit]:
    """Edit a service (one city), or in a Verbund of `municipalities` one municipality's office: its page shows
    the edit, and the rebuild renders that office's pages (its local service pages), not the Verbund's."""
    started = time.monotonic()
    config = write_project(work / "project", n, municipalities)
    if municipalities:
        record = work / "project" / "offices" / "buergerbuero-m01.yaml"
        path = "dienststellen/buergerbuero-m01/"
    else:
        record = work / "project" / "services" / f"{service_id(0)}.yaml"
        path = f"leistungen/{service_id(0)}/"
    what = f"{n} services" + (f" × {municipalities} municipalities" if municipalities else "")
    print(f"project {config.parent} ({what}) written in {time.monotonic() - started:.1f} s", flush=True)
    port = free_port()
    log = work / "serve.log"
    (work / "tmp").mkdir(exist_ok=True)
    server = start_server(config, port, log, work / "tmp")
    tail = LogTail(log)
    tail.start()
    results: list[Edit] = []
    try:
        started = time.monotonic()
        startup = STARTUP_TIMEOUT + STARTUP_PER_MUNICIPALITY * municipalities
        url = wait_serving(server, tail, path, f"http://{HOST}:{port}/", startup)
        initial = next((float(m[1]) for _, line in tail.since(0) if (m := BUILT.search(line))), None)
        print(
            f"mkdocs serve answering after {time.monotonic() - started:.1f} s "
            f"(first build {seconds(initial).strip()}), load {os.getloadavg()[0]:.1f}; page {url}",
            flush=True,
        )
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            try:
                page = browser.new_page()
                connected = tail.count()
                page.goto(url, wait_until="load", timeout=60_000)
                if not wait_line(tail, connected, "Browser connected", CONNECT_TIMEOUT):
                    raise SystemExit(f"the page's livereload script did not connect:\n{tail.text()}")
                print(
                    f"{'edit':>4} {'visible':>9} {'detected':>9} {'build':>9} {'reload':>9} {'builds':>6} {'load':>5}"
                )
                for number in range(1, edits + 1):
                    edit = edit_once(number, record, page, server, tail, EDIT_TIMEOUT * (1 + municipalities / 4))
                    results.append(edit)
                    print(
                        f"{number:>4} {seconds(edit.visible):>9} {seconds(edit.detected):>9} "
                        f"{seconds(edit.build):>9} {seconds(edit.reload):>9} {edit.builds:>6} {edit.load:>5.1f}",
                        flush=True,
                    )
            finally:
                browser.close()
    finally:
        stop_server(server)
        tail.stop()
    return results


def summary(results: list[Edit], verbund: bool) -> None:
    """Issue 7 (one city) asks for the reloaded page within the target; issue 17 (a Verbund) for the rebuild."""
    visible = [r.visible for r in results]
    builds = [r.build for r in results if r.build is not None]
    load = os.getloadavg()
    print(
        f"write → page shows the edit: median {statistics.median(visible):.2f} s, max {max(visible):.2f} s "
        f"over {len(visible)} edits"
        + ("" if verbund else f"; target ≤ {TARGET:.0f} s: {'met' if max(visible) <= TARGET else 'not met'}")
    )
    if builds:
        print(
            f"build time mkdocs reports: median {statistics.median(builds):.2f} s, max {max(builds):.2f} s"
            + (f"; target ≤ {TARGET:.0f} s: {'met' if max(builds) <= TARGET else 'not met'}" if verbund else "")
        )
    elif verbund:
        print("build time mkdocs reports: not in the log; target not measured")
    print(f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} CPUs")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--services", type=int, default=1000, help="number of services (default: 1000)")
    parser.add_argument("--edits", type=int, default=5, help="edits to time (default: 5)")
    parser.add_argument("--keep", action="store_true", help="keep the project folder and the server log")
    parser.add_argument(
        "--municipalities", type=int, default=0, help="a Verbund of that many municipalities; edits one's office"
    )
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} not found (apt-get install chromium)")
    work = Path(tempfile.mkdtemp(prefix="rathaus-serve-", dir=scratch(2)))
    print(f"work folder {work}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}", flush=True)
    try:
        results = run(work, args.services, max(1, args.edits), args.municipalities)
    finally:
        if args.keep:
            shutil.rmtree(work / "tmp", ignore_errors=True)
            print(f"kept {work / 'project'} and {work / 'serve.log'}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    summary(results, verbund=args.municipalities > 0)


if __name__ == "__main__":
    main()
