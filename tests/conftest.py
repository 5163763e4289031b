"""Fixtures: a tiny real project in tmp_path, the real CLI and a real mkdocs build."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "project"


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()


def rathaus(*args: str, cwd: Path, env: dict[str, str] | None = None) -> Result:
    """Run the real `rathaus` command line in `cwd`."""
    proc = subprocess.run(
        [sys.executable, "-m", "rathaus.cli", *args], cwd=cwd, capture_output=True, text=True, env=env, check=False
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def mkdocs_build(project: Path, site: Path, *extra: str) -> Result:
    """Run a real `mkdocs build` of `project` into `site`."""
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site), *extra],
        capture_output=True,
        text=True,
        check=False,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of tests/project whose theme is the repository's theme/."""
    target = tmp_path / "project"
    shutil.copytree(FIXTURE, target)
    config = target / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("THEME_DIR", str(REPO / "theme")), encoding="utf-8")
    return target


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real demo catalogue of the repository, built once with `mkdocs build --strict`."""
    site = tmp_path_factory.mktemp("demo") / "site"
    result = mkdocs_build(REPO, site, "--strict")
    assert result.code == 0, result.err
    return site
