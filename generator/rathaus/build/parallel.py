"""Independent jobs on every core, in worker processes forked from the build.

Forked workers start in microseconds and inherit the catalogue, templates and everything else as they are:
only a job's number goes to a worker and only its result comes back. Python's `fork` is cheap and safe on
Linux in a process with one thread; elsewhere, and in a process that runs other threads (`mkdocs serve` runs
its web server and file watcher in threads: a fork copies a lock another thread may hold, and the worker can
hang on it), the jobs run in the building process, one after another.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from .memory import objects_kept

T = TypeVar("T")

WORTH_FORKING = 300
"""Below this many records a build does the work itself: forking and collecting results would cost more."""


def available_cores() -> int:
    """The cores this process may run on (a container or `taskset` may allow fewer than the machine has)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def chunks(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """`items` in pieces of `size`, the last one shorter: the jobs' share of a long list."""
    return [items[start : start + size] for start in range(0, len(items), size)]


def can_fork() -> bool:
    """Forking is safe here: Linux, and no thread besides this one."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


def run(jobs: Sequence[Callable[[], T]], workers: int, here: Callable[[], object] | None = None) -> list[T]:
    """Each job's result, in order; on up to `workers` forked processes, longest jobs best placed first.
    `here` runs in this process meanwhile: what it leaves in this process' caches is there for the next build."""
    if workers <= 1 or len(jobs) <= 1 or not can_fork():
        if here is not None:
            here()
        return [job() for job in jobs]
    with (
        objects_kept(),
        multiprocessing.get_context("fork").Pool(min(workers, len(jobs)), initializer=_adopt, initargs=(jobs,)) as pool,
    ):
        pending = pool.map_async(_run, range(len(jobs)), chunksize=1)
        if here is not None:
            here()
        return pending.get()


_jobs: Sequence[Callable[[], Any]] = ()


def _adopt(jobs: Sequence[Callable[[], Any]]) -> None:
    """Runs in each worker: the jobs came with the fork, not through a pipe."""
    global _jobs
    _jobs = jobs


def _run(number: int) -> Any:
    return _jobs[number]()
