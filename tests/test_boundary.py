"""The engine boundary: only the adapter knows mkdocs, settings are checked once, the build does not depend
on what a cache holds, and the build's process handling is sound (collector blocks nest, no fork beside threads).
"""

from __future__ import annotations

import gc
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

from jinja2 import Environment, PackageLoader
from jinja2.bccache import Bucket, FileSystemBytecodeCache

from rathaus.build.memory import collect_soon, leave_alone, objects_kept
from rathaus.build.parallel import run

from .conftest import REPO, mkdocs_build, rathaus

ADAPTER = "generator/rathaus/mkdocs/"
KNOWS_THE_ENGINE = re.compile(r"import mkdocs|from mkdocs|material")


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_only_the_adapter_imports_mkdocs_or_knows_the_theme():
    tracked = subprocess.run(
        ["git", "ls-files", "generator"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    knowing = [
        path for path in tracked if KNOWS_THE_ENGINE.search((REPO / path).read_text(encoding="utf-8", errors="replace"))
    ]
    assert knowing, "the adapter itself imports mkdocs"
    assert [path for path in knowing if not path.startswith(ADAPTER)] == []


def test_a_block_of_kept_objects_does_not_end_what_the_build_left_alone():
    gc.collect()
    leave_alone()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        with objects_kept():
            pass
        assert gc.get_freeze_count() >= frozen
    finally:
        collect_soon(delay=0)
    assert gc.get_freeze_count() == 0


def test_no_worker_is_forked_while_another_thread_runs():
    # `mkdocs serve` runs its server and watcher in threads; a forked child may inherit a lock one of them holds.
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        processes = run([os.getpid] * 4, workers=2)
    finally:
        stop.set()
        thread.join()
    assert processes == [os.getpid()] * 4


def bad_settings(project: Path) -> dict[str, int]:
    """Three mistakes in the `rathaus` block; returns the line of each (1-based)."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "      city: Teststadt\n", "      citty: Teststadt\n      review_months: 0\n      workers: viele\n"
    )
    config.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    return {key: next(n for n, line in enumerate(lines, 1) if line.strip().startswith(key)) for key in
            ("citty", "review_months", "workers")}  # fmt: skip


def test_bad_settings_are_named_in_german_with_their_line_by_check_and_by_mkdocs(project, tmp_path):
    line = bad_settings(project)
    expected = [
        f"mkdocs.yml:{line['citty']}:7: plugins.rathaus.citty: unbekanntes Feld „citty“ – meinten Sie „city“?",
        f"mkdocs.yml:{line['review_months']}:22: plugins.rathaus.review_months: Wert muss mindestens 1 sein",
        f"mkdocs.yml:{line['workers']}:16: plugins.rathaus.workers: ganze Zahl erwartet",
    ]
    check = rathaus("check", cwd=project)
    build = mkdocs_build(project, tmp_path / "site")
    for result in (check, build):
        output = result.out + result.err
        assert result.code == 1, output
        assert "Traceback" not in output
        for message in expected:
            assert message in output, output
    assert not (tmp_path / "site").exists()


def with_leika(project: Path) -> None:
    path = project / "services/personalausweis.yaml"
    path.write_text(path.read_text(encoding="utf-8") + 'leika: "99123456789012"\n', encoding="utf-8")


def test_the_site_is_the_same_with_and_without_the_cache(project, tmp_path):
    with_leika(project)
    assert mkdocs_build(project, tmp_path / "first").code == 0  # fills the cache
    assert mkdocs_build(project, tmp_path / "cached").code == 0  # reads it
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("demo: true", "demo: true\n      cache: false"))
    assert mkdocs_build(project, tmp_path / "uncached").code == 0
    uncached = site_files(tmp_path / "uncached")
    assert "leika/99123456789012/index.html" in uncached
    assert site_files(tmp_path / "first") == uncached
    assert site_files(tmp_path / "cached") == uncached


def plant_compiled_templates(folder: Path, marker: Path) -> int:
    """Write a compiled template into `folder` for every template of the package, as a pull request could
    commit them into .cache/rathaus/: each one, when run, appends to `marker`. Returns how many."""
    env = Environment(loader=PackageLoader("rathaus", "templates"))
    cache = FileSystemBytecodeCache(str(folder))
    names = env.list_templates()
    for name in names:
        source, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
        bucket = Bucket(env, cache.get_cache_key(name, filename), cache.get_source_checksum(source))
        bucket.code = compile(f"open({str(marker)!r}, 'a').write({name!r})", filename or name, "exec")
        cache.dump_bytecode(bucket)
    return len(names)


def test_compiled_templates_committed_into_the_cache_run_nothing_and_change_nothing(project, tmp_path):
    with_leika(project)
    assert mkdocs_build(project, tmp_path / "clean").code == 0
    marker = tmp_path / "ran"
    assert plant_compiled_templates(project / ".cache/rathaus", marker) > 10
    result = mkdocs_build(project, tmp_path / "planted")
    assert not marker.exists()
    assert result.code == 0, result.err
    assert site_files(tmp_path / "planted") == site_files(tmp_path / "clean")


def test_the_types_check():
    result = subprocess.run(
        [sys.executable, "-m", "mypy"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
