"""Build time, peak memory and output size for synthetic catalogues, ours against plain mkdocs-material.

    python benchmarks/build.py                        # N = 100, 1,000, 10,000; medians of 3 runs
    python benchmarks/build.py --sizes 100,1000 --runs 1
    python benchmarks/build.py --verbund 40 --sizes 1000 --runs 1 --no-plain   # a Verbund next to one city

For every N it writes a synthetic project (benchmarks/synth.py) and the same content as plain Markdown pages,
builds each with `mkdocs build` in a child process (project and output on tmpfs when /dev/shm exists) and
prints: wall time (median), CPU time of the build and its children, peak memory (the largest process, and the
whole process tree sampled every 20 ms), output size, one service page's weight, and the search payload.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import itertools

from synth import scratch, service_id, write_plain_project, write_project

SEARCH_MARKERS = ("search", "suche", "lunr")


@dataclass
class Run:
    wall: float
    cpu: float
    max_rss: int
    tree_rss: int


@dataclass
class Result:
    runs: list[Run]
    files: int
    bytes: int
    page: int
    page_gz: int
    search: int
    search_gz: int

    @property
    def wall(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def max_rss(self) -> int:
        return max(r.max_rss for r in self.runs)

    @property
    def tree_rss(self) -> int:
        return max(r.tree_rss for r in self.runs)


def build_once(config: Path, site: Path) -> Run:
    """One `mkdocs build` in a child process: wall and CPU time, and its peak memory."""
    shutil.rmtree(site, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        child = subprocess.Popen(command, env=env, stdout=log, stderr=log)
        sampler = TreeSampler(child.pid)
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        sampler.stop()
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            log.seek(0)
            raise SystemExit(f"build of {config} failed:\n{log.read().decode()}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, sampler.peak)


class TreeSampler(threading.Thread):
    """Samples the resident memory of a process and all its descendants (worker pools count too)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.running = pid, 0, True

    def run(self) -> None:
        while self.running:
            self.peak = max(self.peak, sum(_rss(pid) for pid in _tree(self.pid)))
            time.sleep(0.02)

    def stop(self) -> None:
        self.running = False
        self.join()


def _tree(pid: int) -> list[int]:
    pids, queue = [], [pid]
    while queue:
        current = queue.pop()
        pids.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                children = Path(f"/proc/{current}/task/{task}/children").read_text()
                queue.extend(int(c) for c in children.split())
        except OSError:
            continue
    return pids


def _rss(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, IndexError):
        return 0


def measure(config: Path, site: Path, runs: int, page: str) -> Result:
    results = [build_once(config, site) for _ in range(runs)]
    files = [p for p in site.rglob("*") if p.is_file()]
    search = [p for p in files if _is_search_payload(p.relative_to(site))]
    html = (site / page / "index.html").read_bytes()
    return Result(
        runs=results,
        files=len(files),
        bytes=sum(p.stat().st_size for p in files),
        page=len(html),
        page_gz=len(gzip.compress(html)),
        search=sum(p.stat().st_size for p in search),
        search_gz=sum(len(gzip.compress(p.read_bytes())) for p in search),
    )


def _is_search_payload(path: Path) -> bool:
    """Search data the site ships (index files), not the theme's bundled code or HTML pages."""
    text = path.as_posix().lower()
    return (
        any(m in text for m in SEARCH_MARKERS)
        and path.suffix != ".html"
        and not text.startswith("assets/javascripts/")
        and not text.endswith(".map")
    )


def mb(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def kb(size: int) -> str:
    return f"{size / 1e3:.1f} KB"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000,10000", help="comma-separated N (default: 100,1000,10000)")
    parser.add_argument("--runs", type=int, default=3, help="builds per N and generator; the median is shown")
    parser.add_argument("--no-plain", action="store_true", help="skip the plain mkdocs-material baseline")
    parser.add_argument(
        "--verbund", type=int, default=0, help="also build each N as a Verbund of that many municipalities"
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    base = scratch()
    ours: dict[int, Result] = {}
    with tempfile.TemporaryDirectory(prefix="rathaus-bench-", dir=base) as tmp:
        work = Path(tmp)
        print(f"work folder {work}, {os.cpu_count()} CPUs, medians of {args.runs} runs", flush=True)
        for n in sizes:
            page = f"leistungen/{service_id(0)}"
            ours[n] = measure(write_project(work / f"ours-{n}", n), work / f"ours-{n}-site", args.runs, page)
            report(n, "ours", ours[n])
            if args.verbund:
                verbund_report(work, n, args.verbund, args.runs, ours[n])
            if not args.no_plain:
                plain = measure(write_plain_project(work / f"plain-{n}", n), work / f"plain-{n}-site", args.runs, page)
                report(n, "plain mkdocs-material", plain)
                print(f"  N={n}: ours / plain = {ours[n].wall / plain.wall:.2f} (wall), "
                      f"{ours[n].cpu / plain.cpu:.2f} (CPU)", flush=True)  # fmt: skip
    summary(ours)


def report(n: int, label: str, r: Result) -> None:
    walls = ", ".join(f"{run.wall:.2f}" for run in r.runs)
    load = os.getloadavg()[0]  # other work on the machine slows every figure; this says how much there was
    print(
        f"  N={n:>6} {label:<22} wall {r.wall:6.2f} s ({walls})  CPU {r.cpu:6.2f} s  load {load:.1f}  "
        f"peak RSS {mb(r.max_rss)} (tree {mb(r.tree_rss)})  output {mb(r.bytes)} in {r.files} files  "
        f"service page {kb(r.page)} ({kb(r.page_gz)} gzip)  search {kb(r.search)} ({kb(r.search_gz)} gzip)",
        flush=True,
    )


def pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html"))


def verbund_report(work: Path, n: int, municipalities: int, runs: int, city: Result) -> None:
    """The same N services in a Verbund of `municipalities`, built in the same run as the one-city site `city`:
    time and peak memory per page, and the weight of one local page (it must not grow with the Verbund)."""
    site = work / f"verbund-{n}-site"
    local = f"leistungen/{service_id(0)}/m01"
    result = measure(write_project(work / f"verbund-{n}", n, municipalities), site, runs, local)
    report(n, f"Verbund × {municipalities}", result)
    count, single = pages(site), pages(work / f"ours-{n}-site")
    shared = (site / f"leistungen/{service_id(0)}/index.html").stat().st_size
    print(
        f"  N={n}: {count} pages (one city: {single}); time per page {result.wall / count * 1000:.2f} ms "
        f"(one city: {city.wall / single * 1000:.2f} ms), CPU per page {result.cpu / count * 1000:.2f} ms "
        f"(one city: {city.cpu / single * 1000:.2f} ms); peak memory {mb(result.tree_rss)} (tree); "
        f"local page {kb(result.page)} ({kb(result.page_gz)} gzip), one-city service page {kb(city.page)}, "
        f"shared page with the place list {kb(shared)}",
        flush=True,
    )


def summary(ours: dict[int, Result]) -> None:
    sizes = sorted(ours)
    for small, large in itertools.pairwise(sizes):
        a, b = ours[small], ours[large]
        print(
            f"ours: time({large})/time({small}) = {b.wall / a.wall:.1f} (wall), {b.cpu / a.cpu:.1f} (CPU); "
            f"service page {kb(a.page)} → {kb(b.page)} ({(b.page / a.page - 1) * 100:+.1f} %)"
        )


if __name__ == "__main__":
    main()
