"""Import time and build time of Munich's real catalogue (the DLDB export in ../shared/data/dldb-muenchen).

    python benchmarks/dldb_import.py            # medians of 3 runs
    python benchmarks/dldb_import.py --runs 1

Each run writes a fresh project into a temporary folder (tmpfs when there is room), then times, each as its own
process as an editor would run them: `rathaus import dldb` into the empty project, the same import again (which
writes no file), `rathaus check`, and `mkdocs build --strict` of the imported catalogue. It prints the medians and
what the import wrote. Munich's texts are never written into the repository.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import scratch

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "project"


def munich() -> Path:
    """`<repo>/../shared/data/dldb-muenchen`, or beside the main checkout when this is a git worktree."""
    for folder in REPO.parents:
        candidate = folder / "shared" / "data" / "dldb-muenchen"
        if candidate.is_dir():
            return candidate
    raise SystemExit("../shared/data/dldb-muenchen not found")


def empty_project(target: Path) -> Path:
    """The test project's settings and hand-written pages, without records, for the city of München."""
    shutil.copytree(FIXTURE, target)
    for folder in ("services", "offices", "topics"):
        shutil.rmtree(target / folder)
    config = target / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("THEME_DIR", str(REPO / "theme"))
    text = text.replace("city: Teststadt", "city: München").replace("      service_center: buergeramt-mitte\n", "")
    config.write_text(text, encoding="utf-8")
    return target


def timed(*command: str, cwd: Path) -> tuple[float, str]:
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{proc.stdout}\n{proc.stderr}")
    return elapsed, proc.stdout


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs to take the median of (default 3)")
    args = parser.parse_args(argv)
    data = munich()
    services, locations = str(data / "services_de.json"), str(data / "locations_de.json")
    rathaus = (sys.executable, "-m", "rathaus.cli")
    times: dict[str, list[float]] = {"import": [], "re-import": [], "check": [], "build --strict": []}
    report = ""
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory(dir=scratch(0.5)) as tmp:
            project = empty_project(Path(tmp) / "project")
            elapsed, report = timed(*rathaus, "import", "dldb", services, locations, cwd=project)
            times["import"].append(elapsed)
            times["re-import"].append(timed(*rathaus, "import", "dldb", services, locations, cwd=project)[0])
            times["check"].append(timed(*rathaus, "check", cwd=project)[0])
            site = Path(tmp) / "site"
            build = (sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-d", str(site))
            times["build --strict"].append(timed(*build, cwd=project)[0])
            pages = sum(1 for _ in site.rglob("index.html"))
    print(f"Munich DLDB export ({data}), median of {args.runs} run(s), each step a process of its own:")
    for step, values in times.items():
        print(f"  {step:<16} {statistics.median(values):6.2f} s")
    print(f"  site: {pages} pages")
    print("Import report (last run):")
    print("\n".join(line for line in report.splitlines() if not line.startswith("  neu: ")))


if __name__ == "__main__":
    main()
