"""Fixtures: a tiny real project in tmp_path, the real CLI and a real mkdocs build."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "project"
DEMO_BUILD_DAY = dt.date(2026, 11, 25)
DEMO_BUILD_EPOCH = int(dt.datetime(2026, 11, 25, tzinfo=dt.UTC).timestamp())

# The tests build as a developer does, with the cache; that builds under CI skip it has its own test.
os.environ.pop("CI", None)


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()


def rathaus(*args: str, cwd: Path, env: dict[str, str] | None = None, user: Sequence[str] = ()) -> Result:
    """Run the real `rathaus` command line in `cwd` (as another user: `user`, a prefix from `unprivileged`)."""
    proc = subprocess.run(
        [*user, sys.executable, "-m", "rathaus.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def unprivileged() -> list[str]:
    """The command prefix that runs a command without root's right to write anywhere (tests that need a folder
    to be read-only): none for an ordinary user, `setpriv` to nobody for root (e.g. in a container)."""
    if os.geteuid() != 0:
        return []
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


@pytest.fixture
def shared_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Like `project`, but in a folder every user may enter, and owned by the user of `unprivileged`."""
    folder = Path(tempfile.mkdtemp(prefix="rathaus-shared-"))
    folder.chmod(0o755)
    target = copy_project(folder / "project")
    if os.geteuid() == 0:
        for path in [target, *target.rglob("*")]:
            os.chown(path, 65534, 65534, follow_symlinks=False)
    yield target
    subprocess.run(["chmod", "-R", "u+w", str(folder)], check=False)
    shutil.rmtree(folder, ignore_errors=True)


def mkdocs_build(project: Path, site: Path, *extra: str, env: dict[str, str] | None = None) -> Result:
    """Run a real `mkdocs build` of `project` into `site`. Quiet unless strict: mkdocs' `-q` drops the warnings
    that `--strict` counts, so `-q --strict` would pass a build with a broken link."""
    quiet = [] if "--strict" in extra else ["-q"]
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *quiet, "-f", str(project / "mkdocs.yml"), "-d", str(site), *extra],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def copy_project(target: Path) -> Path:
    """Copy tests/project to `target` and point its theme at the repository's theme/."""
    shutil.copytree(FIXTURE, target)
    config = target / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("THEME_DIR", str(REPO / "theme")), encoding="utf-8")
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of tests/project whose theme is the repository's theme/."""
    return copy_project(tmp_path / "project")


def shared_data(name: str) -> Path:
    """A data set of the shared folder beside the repository (`<repo>/../shared/data/<name>`; a git worktree
    further down finds it beside its main checkout)."""
    for folder in REPO.parents:
        candidate = folder / "shared" / "data" / name
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"../shared/data/{name} not found beside {REPO}")


def import_munich(target: Path) -> Path:
    """A project at `target` whose catalogue is Munich's DLDB export, imported with the real `rathaus import dldb`
    (the tiny project's settings and hand-written pages, none of its records)."""
    project = copy_project(target)
    for folder in ("services", "offices", "topics"):
        shutil.rmtree(project / folder)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("city: Teststadt", "city: München")
    config.write_text(text.replace("      service_center: buergeramt-mitte\n", ""), encoding="utf-8")
    munich = shared_data("dldb-muenchen")
    result = rathaus("import", "dldb", str(munich / "services_de.json"), str(munich / "locations_de.json"), cwd=project)
    assert result.code == 0, result.err
    (project / "import-report.txt").write_text(result.out, encoding="utf-8")
    return project


@pytest.fixture(scope="session")
def munich_catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with Munich's real catalogue imported (once per session; copy it before changing anything).
    `import-report.txt` in it holds what the import printed."""
    return import_munich(tmp_path_factory.mktemp("munich") / "project")


@pytest.fixture(scope="session")
def project_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/project built once per test process, for tests that only read the built site."""
    folder = tmp_path_factory.mktemp("project-site")
    site = folder / "site"
    result = mkdocs_build(copy_project(folder / "project"), site)
    assert result.code == 0, result.err
    return site


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real demo catalogue of the repository, built once with `mkdocs build --strict`."""
    site = tmp_path_factory.mktemp("demo") / "site"
    # Built as on one fixed day (reproducible builds' SOURCE_DATE_EPOCH): its pages carry the public holidays of
    # that year and the next, whatever year the tests run in (tests/test_snapshot.py).
    result = mkdocs_build(REPO, site, "--strict", env={**os.environ, "SOURCE_DATE_EPOCH": str(DEMO_BUILD_EPOCH)})
    assert result.code == 0, result.err
    return site


@pytest.fixture(scope="session")
def demo_url(demo_site: Path, serve) -> str:
    """The demo site served over HTTP once for the whole session."""
    return serve(demo_site)


@pytest.fixture(scope="session")
def serve():
    """Serve a built site folder over HTTP on localhost, as a visitor's browser would load it."""
    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(QuietHandler, directory=str(folder))
        server = QuietServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}/"

    yield start
    for server in servers:
        server.shutdown()


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # A browser that closes a tab mid-download resets its connection: not an error of the site.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright; no browser is downloaded."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def browser_page(browser):
    """A fresh browser tab (its own context: no shared cookies or storage)."""
    context = browser.new_context(locale="de-DE")
    tab = context.new_page()
    yield tab
    context.close()
