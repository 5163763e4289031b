"""The monthly review at the size of a real catalogue: 1,500 stale records still make one issue within GitHub's
limit, with the counts per office, and the whole list as the run's artifact."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from rathaus.review import ISSUE_LIMIT

from .conftest import REPO, rathaus
from .test_workflows import load

sys.path.insert(0, str(REPO / "benchmarks"))
from synth import write_project

SERVICES = 1_500
FAKE_GH = """#!/bin/sh
# Stands in for GitHub's command line client: keeps what it was asked to post.
printf '%s\\n' "$@" > "$GH_ARGS"
while [ $# -gt 0 ]; do
  if [ "$1" = --body-file ]; then cp "$2" "$GH_BODY"; fi
  shift
done
"""


@pytest.fixture(scope="module")
def stale(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic catalogue of 1,500 services (and 60 offices), none of them reviewed since 2020."""
    project = write_project(tmp_path_factory.mktemp("stale") / "project", SERVICES).parent
    for path in [*project.glob("services/*.yaml"), *project.glob("offices/*.yaml")]:
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^reviewed: .*$", "reviewed: 2020-01-01", text), encoding="utf-8")
    return project


def run_step(step: dict, cwd: Path, env: dict[str, str]) -> None:
    """Run a workflow step's shell script as GitHub does (bash -e), with the step's environment supplied by us."""
    assert set(step.get("env", {})) <= set(env), "the step needs settings this test does not give"
    proc = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=cwd, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_review_workflow_posts_one_issue_within_githubs_limit_at_1500_stale_records(stale: Path, tmp_path: Path):
    steps = {step.get("name", step.get("uses", "")): step for step in load("review.yml")["jobs"]["report"]["steps"]}
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "gh").write_text(FAKE_GH, encoding="utf-8")
    (bin_dir / "gh").chmod(0o755)
    run_url = "https://github.com/stadt/rathaus/actions/runs/42"
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "REPO_URL": "https://github.com/stadt/rathaus",
        "RUN_URL": run_url,
        "NO_MKDOCS_2_WARNING": "1",
        "GH_TOKEN": "none",
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
        "GH_ARGS": str(tmp_path / "gh-args"),
        "GH_BODY": str(tmp_path / "issue.md"),
    }
    run_step(steps["Write the review list"], stale, env)
    run_step(steps["Open an issue when something needs a look"], stale, env)

    body = (tmp_path / "issue.md").read_text(encoding="utf-8")
    assert len(body) <= ISSUE_LIMIT
    assert "1560 Einträge zu prüfen: 1560 veraltet, 0 unvollständig." in body
    assert f"Die vollständige Prüfliste: Anhang „pruefliste“ unter {run_url}" in body
    # Every office is in the table with its count; the checklists that fit follow, whole.
    rows = re.findall(r"(?m)^\| (.+) \(`([a-z0-9-]+)`\) \| (\d+) \| (\d+) \|$", body)
    assert len(rows) == 60
    assert sum(int(stale) for *_, stale, _ in rows) == 1560
    checklists = re.findall(r"(?m)^## .+$", body)
    assert 1 <= len(checklists) < 60
    assert body.count("- [ ] ") == sum(int(s) for name, _, s, _ in rows if f"## {name} " in body)
    assert (tmp_path / "gh-args").read_text(encoding="utf-8").startswith("issue\ncreate\n--title\nPrüfliste ")

    # The artifact the run uploads is the whole list: every one of the 1,560 records, each once.
    upload = steps["actions/upload-artifact@v4"]
    full = (stale / upload["with"]["path"]).read_text(encoding="utf-8")
    items = re.findall(r"(?m)^- \[ \] .+ – `((?:services|offices)/[a-z0-9-]+\.yaml)`", full)
    assert len(items) == len(set(items)) == 1560
    assert "Nicht alle Einträge passen" not in full
    assert len(full) > ISSUE_LIMIT
    assert (tmp_path / "summary.md").read_text(encoding="utf-8") == body


def test_a_short_review_list_is_whole_within_the_limit(project: Path) -> None:
    path = project / "services" / "personalausweis.yaml"
    path.write_text(re.sub(r"(?m)^reviewed: .*$", "reviewed: 2020-01-01", path.read_text(encoding="utf-8")))
    limited = rathaus("report", "--limit", str(ISSUE_LIMIT), cwd=project)
    assert limited.code == 0, limited.err
    assert limited.out == rathaus("report", cwd=project).out
    assert "| Bürgeramt Mitte (`buergeramt-mitte`) | 1 | 0 |" in limited.out
    assert "- [ ] Personalausweis beantragen – `services/personalausweis.yaml`: zuletzt geprüft" in limited.out
    assert "Nicht alle Einträge passen" not in limited.out
