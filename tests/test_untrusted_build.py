"""`rathaus build` against what a pull request or a crash can leave: a hostile cache, a killed build, two builds
at once, read-only folders. The site at site/ is always whole, nothing from .cache/ is published or run."""

from __future__ import annotations

import fcntl
import hashlib
import marshal
import os
import pickle
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from rathaus import load

from .conftest import rathaus, unprivileged
from .test_build import tree_digest

SERVICE = "services/personalausweis.yaml"
TITLE = "Personalausweis beantragen"


def title_of(site: Path, service: str = "personalausweis") -> str:
    page = BeautifulSoup((site / f"leistungen/{service}/index.html").read_text(encoding="utf-8"), "html.parser")
    return page.h1.get_text(strip=True)


def leftovers(project: Path) -> list[str]:
    return sorted(path.name for path in project.iterdir() if path.name.startswith(".site"))


# The cache ---------------------------------------------------------------------------------------------------


def forged_parsed_cache(project: Path, entries: dict[str, dict]) -> None:
    """What someone who read load.py commits under .cache/rathaus/: the parsed-YAML cache as the code of
    7e06948 wrote it (marshal, its own version stamp), with their data under the hashes of real files."""
    version = hashlib.sha256(
        Path(load.__file__).read_bytes() + f"{yaml.__version__} {sys.version} {marshal.version}".encode()
    ).hexdigest()
    data = {
        hashlib.sha256((project / path).read_bytes()).hexdigest(): marshal.dumps(value)
        for path, value in entries.items()
    }
    folder = project / ".cache/rathaus"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "yaml.marshal").write_bytes(marshal.dumps({"version": version, "data": data}))


def parsed(project: Path, relative: str) -> dict:
    """A record file as the loader parses it (text stays text)."""
    data, problems = load.read_yaml((project / relative).read_bytes(), load.Source(relative))
    assert not problems
    return data


def test_substituted_cache_entries_publish_nothing(project):
    record = parsed(project, SERVICE)
    forged = {**record, "title": "Gefälscht", "online_service": {"url": "https://phishing.example/"}}
    forged["fees"] = [{"label": "Gebühr", "amount": "999"}]
    forged_parsed_cache(project, {SERVICE: forged})
    result = rathaus("build", "--strict", cwd=project)
    assert result.code == 0, result.err
    assert title_of(project / "site") == TITLE
    texts = [p for p in (project / "site").rglob("*") if p.suffix in (".html", ".json", ".md", ".txt", ".js")]
    published = "".join(path.read_text(encoding="utf-8") for path in texts)
    assert "phishing.example" not in published and "Gefälscht" not in published and "999,00" not in published
    assert "yaml.marshal stammt nicht aus einem Build auf diesem Rechner" in result.err


def test_cached_data_for_a_broken_file_does_not_make_the_build_pass(project):
    path = project / SERVICE
    record = parsed(project, SERVICE)
    path.write_text(path.read_text(encoding="utf-8").replace("amount: 46.00", "amount: viel"), encoding="utf-8")
    forged_parsed_cache(project, {SERVICE: record})
    check = rathaus("check", cwd=project)
    build = rathaus("build", cwd=project)
    assert check.code == build.code == 1
    assert f"{SERVICE}:12:13: fees[0].amount: Betrag als Zahl erwartet" in check.out
    assert f"{SERVICE}:12:13: fees[0].amount: Betrag als Zahl erwartet" in build.err
    assert not (project / "site").exists()


def test_a_cache_file_that_crashes_marshal_is_never_unpacked(project):
    folder = project / ".cache/rathaus"
    folder.mkdir(parents=True)
    # A dict whose key is a tuple that contains itself: hashing it overflows the C stack in marshal.loads.
    (folder / "yaml.marshal").write_bytes(b"{\xa9\x01r\x00\x00\x00\x00N0")
    result = rathaus("build", cwd=project)
    assert result.code == 0, result.err
    assert title_of(project / "site") == TITLE
    assert leftovers(project) == []


def test_a_cache_signed_on_another_machine_is_not_used(project, tmp_path):
    mine = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "mine")}
    theirs = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "theirs")}
    assert rathaus("build", cwd=project, env=theirs).code == 0
    again = rathaus("build", cwd=project, env=theirs)
    assert "nicht verwendet" not in again.err
    result = rathaus("build", cwd=project, env=mine)
    assert result.code == 0
    assert "yaml.marshal stammt nicht aus einem Build auf diesem Rechner" in result.err


class _Marker:
    """A pickle that creates a file when it is unpickled."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (Path.touch, (self.path,))


def test_under_ci_nothing_in_the_cache_folder_is_read(project, tmp_path):
    """Jinja's bytecode cache unpickles what it finds; under CI the folder came with the pull request."""
    from jinja2.bccache import bc_magic

    marker = tmp_path / "pickle-ran"
    folder = project / ".cache/rathaus"
    folder.mkdir(parents=True)
    templates = Path(load.__file__).parent / "templates"
    for template in templates.iterdir():
        for key in (template.name, f"{template.name}|{template}"):
            name = f"__jinja2_{hashlib.sha1(key.encode()).hexdigest()}.cache"
            (folder / name).write_bytes(bc_magic + pickle.dumps(_Marker(marker)))
    forged_parsed_cache(project, {SERVICE: {**parsed(project, SERVICE), "title": "Gefälscht"}})
    result = rathaus("build", "--strict", cwd=project, env={**os.environ, "CI": "true"})
    assert result.code == 0, result.err
    assert not marker.exists()
    assert title_of(project / "site") == TITLE


def test_a_cache_folder_that_cannot_be_written_only_costs_time(shared_project):
    user = unprivileged()
    cache = shared_project / ".cache/rathaus"
    cache.mkdir(parents=True)
    if user:
        os.chown(shared_project / ".cache", 65534, 65534)
        os.chown(cache, 65534, 65534)
    cache.chmod(0o555)
    result = rathaus("build", cwd=shared_project, user=user)
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    assert title_of(shared_project / "site") == TITLE


# The swap ----------------------------------------------------------------------------------------------------


def build_command(project: Path) -> list[str]:
    return [sys.executable, "-m", "rathaus.cli", "build"]


def test_a_kill_at_any_moment_of_a_build_leaves_a_whole_site(project):
    assert rathaus("build", cwd=project).code == 0
    whole = tree_digest(project / "site")
    started = time.monotonic()
    assert rathaus("build", cwd=project).code == 0
    duration = time.monotonic() - started
    randomly = random.Random(16)
    for _ in range(20):
        build = subprocess.Popen(
            build_command(project), cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(randomly.uniform(0.3, 1.1) * duration)  # most kills late in the build, where the swap is
        build.send_signal(signal.SIGKILL)
        build.wait()
        assert (project / "site").is_dir()
        assert tree_digest(project / "site") == whole
    assert rathaus("build", cwd=project).code == 0
    assert tree_digest(project / "site") == whole
    assert leftovers(project) == []


def test_a_kill_between_two_renames_is_repaired_by_the_next_build(project):
    """What a kill between `site → .site-old` and `.site-new-* → site` left (the swap of 7e06948, and the
    fallback where the file system cannot exchange two folders): the next build puts the old site back first."""
    assert rathaus("build", cwd=project).code == 0
    (project / "site").rename(project / ".site-old")
    (project / ".site-new-killed").mkdir()
    path = project / SERVICE
    path.write_text(path.read_text(encoding="utf-8").replace("amount: 46.00", "amount: viel"), encoding="utf-8")
    assert rathaus("build", cwd=project).code == 1
    assert title_of(project / "site") == TITLE  # the previous site is back
    assert leftovers(project) == []


def test_two_builds_at_once_both_end_cleanly(project):
    assert rathaus("build", cwd=project).code == 0
    whole = tree_digest(project / "site")
    missing: list[float] = []
    running = threading.Event()
    running.set()

    def watch() -> None:
        while running.is_set():
            if not (project / "site").is_dir():
                missing.append(time.monotonic())
            time.sleep(0.0005)

    watcher = threading.Thread(target=watch)
    watcher.start()
    builds = [subprocess.Popen(build_command(project), cwd=project, stderr=subprocess.PIPE, text=True)]
    while not list(project.glob(".site-new-*")) and builds[0].poll() is None:
        time.sleep(0.005)  # the first build is under way
    builds.append(subprocess.Popen(build_command(project), cwd=project, stderr=subprocess.PIPE, text=True))
    results = [(build.wait(), build.communicate()[1]) for build in builds]
    running.clear()
    watcher.join()
    assert [code for code, _ in results] == [0, 0], results
    assert all("Traceback" not in err for _, err in results)
    assert missing == []
    assert tree_digest(project / "site") == whole
    assert leftovers(project) == []


def test_a_build_waits_while_another_one_holds_the_site_folder(project):
    """Builds into one folder take turns (a lock on the folder that holds the site), so they never rename over
    each other; here the test holds that lock as a running build would."""
    folder = os.open(project, os.O_RDONLY)
    fcntl.flock(folder, fcntl.LOCK_EX)
    build = subprocess.Popen(build_command(project), cwd=project, stderr=subprocess.PIPE, text=True)
    try:
        assert build.stderr is not None
        first = build.stderr.readline()
        assert first.startswith("Eine andere Erstellung von ") and "warte" in first, first
        time.sleep(0.5)
        assert build.poll() is None and not (project / "site").exists() and leftovers(project) == []
    finally:
        os.close(folder)  # the other build ends
    assert build.wait(timeout=300) == 0
    assert title_of(project / "site") == TITLE


def test_stale_folders_of_killed_builds_are_cleaned(project):
    (project / ".site-new-abc123").mkdir()
    (project / ".site-new-abc123/index.html").write_text("halb", encoding="utf-8")
    assert rathaus("build", cwd=project).code == 0
    assert leftovers(project) == []


def test_a_read_only_site_is_replaced(shared_project):
    user = unprivileged()
    assert rathaus("build", cwd=shared_project, user=user).code == 0
    subprocess.run(["chmod", "-R", "a-w", str(shared_project / "site")], check=True)
    for _ in range(2):
        result = rathaus("build", cwd=shared_project, user=user)
        assert result.code == 0, result.err
    assert title_of(shared_project / "site") == TITLE
    assert leftovers(shared_project) == []


def test_a_read_only_repository_gets_a_message(shared_project):
    user = unprivileged()
    subprocess.run(["chmod", "-R", "a-w", str(shared_project)], check=True)
    result = rathaus("build", cwd=shared_project, user=user)
    assert result.code == 1
    assert "Traceback" not in result.err
    assert f"Fehler: {shared_project}: keine Schreibrechte" in result.err
    check = rathaus("check", cwd=shared_project, user=user)
    assert check.code == 0, check.err
