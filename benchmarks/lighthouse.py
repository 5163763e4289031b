"""Lighthouse (mobile preset) on the demo site's start page and a service page: prints the four category scores.

Slow and noisy, so a benchmark and not a test. Needs `npm ci` (lighthouse in node_modules) and Debian's chromium.
The site is served from localhost with gzip, as any production web server would serve it.
Usage: .venv/bin/python benchmarks/lighthouse.py [--runs N]   (the median score of N runs is printed)
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
PAGES = {"Startseite": "", "Leistung": "leistungen/personalausweis-beantragen/"}
CATEGORIES = ["accessibility", "seo", "best-practices", "performance"]
TARGETS = {"accessibility": 100, "seo": 100, "best-practices": 95, "performance": 95}


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site as a production web server would: text compressed with gzip, assets cacheable."""

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        kind = self.guess_type(str(path))
        if not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", "") or not is_text(kind):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        if "/assets/" in self.path:
            self.send_header("Cache-Control", "public, max-age=31536000")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def is_text(kind: str) -> bool:
    return kind.startswith("text/") or kind in ("application/javascript", "application/json", "image/svg+xml")


def build(site: Path) -> None:
    """Build the demo site the way CI does."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-f", str(REPO / "mkdocs.yml"), "-d", str(site)],
        check=True,
        env=env,
    )


def audit(url: str) -> dict:
    """One Lighthouse run (its default config is the mobile preset: phone screen, slow 4G, 4x CPU slowdown)."""
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    proc = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            "--output-path=stdout",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return json.loads(proc.stdout)


def score(report: dict, category: str) -> int:
    return round(report["categories"][category]["score"] * 100)


def failed_audits(report: dict, category: str) -> list[str]:
    """The audits that cost points in a category, to say what to fix."""
    refs = report["categories"][category]["auditRefs"]
    audits = report["audits"]
    return [
        f"{ref['id']} ({audits[ref['id']]['score']})"
        for ref in refs
        if ref["weight"] > 0 and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median is printed")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("lighthouse fehlt: npm ci")
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=site))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}/"
        print(f"{'Seite':<12}" + "".join(f"{c:>16}" for c in CATEGORIES))
        for name, path in PAGES.items():
            reports = [audit(base + path) for _ in range(args.runs)]
            scores = {c: statistics.median(score(r, c) for r in reports) for c in CATEGORIES}
            print(f"{name:<12}" + "".join(f"{scores[c]:>16g}" for c in CATEGORIES))
            for category in CATEGORIES:
                if scores[category] < TARGETS[category]:
                    print(f"  {category} unter {TARGETS[category]}: {', '.join(failed_audits(reports[-1], category))}")
        server.shutdown()


if __name__ == "__main__":
    main()
