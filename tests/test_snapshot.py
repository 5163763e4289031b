"""The demo site against its golden snapshot: any change to any file of the built site shows here, on purpose.

tests/snapshots/demo-site.txt holds every file of the site with its SHA-256, and the main content of a
representative set of pages (start page, lists, a service, an office, a Lebenslage, 115, /api/, a service's
Markdown) one element per line, so a change to them reads as a diff. After a change that is meant, write
the snapshot anew and commit it with the change:

    SNAPSHOT_UPDATE=1 .venv/bin/python -m pytest tests/test_snapshot.py
"""

from __future__ import annotations

import difflib
import hashlib
import os
from pathlib import Path

from bs4 import BeautifulSoup

SNAPSHOT = Path(__file__).parent / "snapshots" / "demo-site.txt"
PAGES = (
    "index.html",
    "leistungen/index.html",
    "leistungen/personalausweis-beantragen/index.html",
    "leistungen/personalausweis-beantragen/baunatal/index.html",
    "kommunen/baunatal/index.html",
    "dienststellen/buergeramt/index.html",
    "lebenslagen/umzug/index.html",
    "115/index.html",
    "api/index.html",
    "leistungen/personalausweis-beantragen/index.md",
)


def content(path: Path) -> str:
    """A page's main content, one element or line of text per line; Markdown as it is."""
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".html":
        return text
    main = BeautifulSoup(text, "html.parser").select_one("article") or BeautifulSoup(text, "html.parser")
    return main.prettify()


def snapshot(site: Path) -> str:
    lines = [
        "The demo site (`mkdocs build --strict`), as tests/test_snapshot.py checks it.",
        "",
        "==> every file <==",
        "",
    ]
    for file in sorted(p for p in site.rglob("*") if p.is_file()):
        data = file.read_bytes()
        lines.append(f"{hashlib.sha256(data).hexdigest()[:16]} {len(data):>8} {file.relative_to(site).as_posix()}")
    for page in PAGES:
        lines += ["", f"==> {page} <==", "", content(site / page).rstrip()]
    return "\n".join(lines) + "\n"


def test_the_demo_site_is_as_its_snapshot(demo_site):
    now = snapshot(demo_site)
    if os.environ.get("SNAPSHOT_UPDATE"):
        SNAPSHOT.parent.mkdir(exist_ok=True)
        SNAPSHOT.write_text(now, encoding="utf-8")
    before = SNAPSHOT.read_text(encoding="utf-8") if SNAPSHOT.exists() else ""
    if now != before:
        diff = difflib.unified_diff(before.splitlines(), now.splitlines(), "snapshot", "built", lineterm="", n=2)
        shown = "\n".join(list(diff)[:200])
        raise AssertionError(f"The demo site differs from {SNAPSHOT.name} (SNAPSHOT_UPDATE=1 if meant):\n{shown}")
