"""`mkdocs serve` while an editor works: every edit shows as a fresh build of the same files would show it.

A serve rebuild leaves the files of records whose pages show nothing new where the last build wrote them
(writer.Kept). These tests edit records under a real `mkdocs serve` and compare what it serves with a real
`mkdocs build` of the same files.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from rathaus.build.parallel import WORTH_FORKING
from rathaus.build.writer import Written, render_record
from rathaus.catalogue import Catalogue, build_catalogue
from rathaus.kinds import kind_of
from rathaus.models import Office, Service, Site, Topic
from rathaus.site import SiteFiles
from rathaus.urls import record_url

from .conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
from synth import service_id, write_project

SERVICES = WORTH_FORKING + 60  # enough for the rebuilds to run on workers
SERVING = "Serving on"
"""Logged once the first build is done."""
RELOADED = "Reloading browsers"
"""Logged after each rebuild. Not "Documentation built in": mkdocs drops a log message it has logged before, so a
rebuild that takes as long as an earlier one, to the hundredth of a second, would not be counted."""
GENERATED_FILES = (
    "leistungen/",
    "dienststellen/",
    "lebenslagen/",
    "kommunen/",
    "api/",
    "llms",
    "leika/",
    "search/",
    "sitemap.xml",
)
"""What the library writes: record pages, JSON, Markdown, site-wide exports, redirects, search index, sitemap."""
# mkdocs serve adds its livereload script to every HTML page it sends, right before </body>.
LIVERELOAD = re.compile(rb"<script>(?:(?!<script>).)*?</script>(?=</body>)", re.DOTALL)


class Server:
    """A real `mkdocs serve` of a project, with its log."""

    def __init__(self, config: Path, log: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.log = log
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "--dev-addr", f"127.0.0.1:{self.port}"],
                stdout=out,
                stderr=subprocess.STDOUT,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            )
        self.url = f"http://127.0.0.1:{self.port}/"

    def builds(self) -> int:
        log = self.log.read_text(encoding="utf-8", errors="replace")
        return (SERVING in log) + log.count(RELOADED)

    def wait_for_build(self, after: int, timeout: float = 120) -> None:
        """Until more than `after` builds are done and the log has gone quiet."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text(encoding="utf-8")
            quiet = time.time() - self.log.stat().st_mtime > 0.5
            if self.builds() > after and quiet:
                return
            time.sleep(0.1)
        pytest.fail(f"mkdocs serve did not rebuild within {timeout:.0f} s:\n{self.log.read_text(encoding='utf-8')}")

    def get(self, path: str) -> bytes:
        with urllib.request.urlopen(self.url + path, timeout=30) as response:
            return LIVERELOAD.sub(b"", response.read()) if path.endswith(".html") else response.read()

    def status(self, path: str) -> int:
        try:
            with urllib.request.urlopen(self.url + path, timeout=30) as response:
                return int(response.status)
        except urllib.error.HTTPError as error:
            return error.code

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def fresh_build(config: Path, site: Path, url: str) -> dict[str, bytes]:
    """The generated files a real `mkdocs build` of the same files writes, by path;
    with serve's address as site_url, which serve sets too."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
        capture_output=True,
        text=True,
        env={**os.environ, "SITE_URL": url},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return {
        path: file.read_bytes()
        for file in sorted(site.rglob("*"))
        if file.is_file() and (path := file.relative_to(site).as_posix()).startswith(GENERATED_FILES)
    }


def edit(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    """Change a record and save it as editors do, in one step: the watcher never sees half a file."""
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(record)
    saved = path.parents[2] / f"{path.name}.saving"  # outside the watched folders
    saved.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    saved.replace(path)


def test_mkdocs_serve_shows_every_edit_as_a_fresh_build_of_the_same_files(tmp_path):
    config = write_project(tmp_path / "project", SERVICES, municipalities=3)
    root = config.parent
    first = yaml.safe_load((root / f"services/{service_id(0)}.yaml").read_text(encoding="utf-8"))
    partner = next(p.stem for p in sorted((root / "offices").glob("*.yaml")) if "kind: partner" in p.read_text())
    other_office = next(p.stem for p in sorted((root / "offices").glob("*.yaml")) if p.stem not in first["offices"])
    named = "".join(p.read_text(encoding="utf-8") for p in (root / "municipalities").glob("*.yaml"))
    removed = next(service_id(i) for i in range(2, SERVICES) if service_id(i) not in named)
    edits = {
        # the service's own page and local versions, its offices' and Lebenslagen's lists
        "a service's title": (f"services/{service_id(0)}.yaml", lambda r: r.update(title="Umbenannte Leistung")),
        # the service pages that name the office, and every list that shows it as a partner
        "a partner's name": (f"offices/{partner}.yaml", lambda r: r.update(name="Umbenannter Partner")),
        # the footers of the services in it
        "a Lebenslage's title": (f"topics/{first['topics'][0]}.yaml", lambda r: r.update(title="Neue Lebenslage")),
        # every page
        "the Service-Center's phone": ("offices/service-center.yaml", lambda r: r.update(phone="0561 999999")),
        # both offices' lists
        "a service's office": (f"services/{service_id(1)}.yaml", lambda r: r.update(offices=[other_office])),
        # the local versions it is responsible for, the municipality's overview
        "a municipality's office": ("offices/buergerbuero-m01.yaml", lambda r: r.update(phone="0561 123450")),
        # the municipality's local versions and overview
        # one local version: the others of that municipality stay as they were, which a fresh build confirms
        "a municipality's local note": (
            "municipalities/m01.yaml",
            lambda r: next(iter(r["services"].values())).update(notes="Neue örtliche Regel."),
        ),
        # the local versions of the services of that task, and the shared pages' JSON
        "a municipality's rule": (
            "municipalities/m01.yaml",
            lambda r: r["tasks"].update({"buergeramt-mitte": "rathaus-m01"}),
        ),
        # every page that names the municipality
        "a municipality's name": ("municipalities/m02.yaml", lambda r: r.update(name="Umbenannte Gemeinde")),
        # its page, local versions, JSON and Markdown are gone
        "a service removed": (f"services/{removed}.yaml", None),
    }
    server = Server(config, tmp_path / "serve.log")
    try:
        server.wait_for_build(0)
        before = fresh_build(config, tmp_path / "fresh-0", server.url)
        for number, (what, (path, change)) in enumerate(edits.items(), start=1):
            done = server.builds()
            if change is None:
                (root / path).unlink()
            else:
                edit(root / path, change)
            server.wait_for_build(done)
            expected = fresh_build(config, tmp_path / f"fresh-{number}", server.url)
            assert len(expected) > 3 * SERVICES
            differ = [path for path, content in expected.items() if server.get(path) != content]
            assert differ == [], f"after editing {what}"
            gone = sorted(set(before) - set(expected))
            assert [path for path in gone if server.status(path) != 404] == [], f"after editing {what}"
            before = expected
        assert len(gone) > 3  # the removed service's page, local versions, JSON and Markdown
    finally:
        server.stop()


def variants(value: object) -> list[object]:
    """Values that differ from `value` in one place each: text, flags, numbers, dates, lists, every nested field."""
    if isinstance(value, bool):
        return [not value]
    if isinstance(value, str):  # still a phone number, time, address or link when it was one
        return [value[:-1] + str((int(value[-1]) + 1) % 10) if value[-1:].isdigit() else value + "x"]
    if isinstance(value, int | Decimal):
        return [value + 1]
    if isinstance(value, dt.date):
        return [value - dt.timedelta(days=1)]
    if isinstance(value, list):
        return [value[:-1], [*value, *value[-1:]]] if value else []
    if isinstance(value, BaseModel):
        return [
            value.model_copy(update={name: changed})
            for name in type(value).model_fields
            for changed in variants(getattr(value, name))
        ]
    return []


def record_files(catalogue: Catalogue) -> dict[str, Written]:
    """What a build renders for every record page, as the writer renders it."""
    files = SiteFiles(catalogue, base_url="https://rathaus.test/", name="Testrathaus", description=None)
    return {spec.url: render_record(files.renderer, files.exports, spec) for spec in files.records}


def test_a_record_page_shows_only_records_its_shown_with_names(project):
    """Every field of every record, changed one at a time: the record files that change are exactly those whose
    `Catalogue.shown_with` names the changed record. A template that starts to show something more (a partner's
    phone on a Lebenslage page, say) fails here, rather than serving stale pages under `mkdocs serve`."""
    site = Site(city="Teststadt", demo=True, service_center="buergeramt-mitte", repo_url="https://example.org/r",
                edit_uri="edit/main/")  # fmt: skip
    catalogue = build_catalogue(project, site)
    before = record_files(catalogue)
    shows = {url: {(type(r), r.id) for r in catalogue.shown_with(spec_record) if isinstance(r, BaseModel)}
             for url, spec_record in ((record_url(r), r) for r in records_of(catalogue))}  # fmt: skip
    checked = 0
    for record in records_of(catalogue):
        folder = kind_of(record).folder
        for name in type(record).model_fields:
            if name == "id":
                continue
            for changed in variants(getattr(record, name)):
                edited = record.model_copy(update={name: changed})
                records = {**getattr(catalogue, folder), record.id: edited}
                after = record_files(replace(catalogue, **{folder: records}))
                differ = {url for url in before if after[url] != before[url]}
                unnamed = {url for url in differ if (type(record), record.id) not in shows[url]}
                assert unnamed == set(), f"{folder}/{record.id}.yaml {name}"
                checked += 1
    assert checked > 50


def records_of(catalogue: Catalogue) -> list[Service | Office | Topic]:
    return [*catalogue.services.values(), *catalogue.offices.values(), *catalogue.topics.values()]
