"""How a build keeps Python's cycle collector from walking the catalogue again and again.

A catalogue of 1,000 services is hundreds of thousands of objects that live for the whole build. Each automatic
collection walks all of them anew: that made loading 40 % slower and a whole build about a fifth slower. They
hold no reference cycles, so the collector is paused while they are made and told to leave them alone after.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No automatic collection inside the block (nothing is lost: it runs again afterwards)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def objects_kept() -> Iterator[None]:
    """Every object alive now is left out of collections inside the block; forked workers then also keep
    sharing the parent's memory pages instead of copying each page a collection touches.

    Blocks nest inside `leave_alone`: Python can only unfreeze everything at once, so a block that finds
    objects already left alone leaves them (and what it froze itself) so until `collectable_again`."""
    frozen_before = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        yield
    finally:
        if not frozen_before:
            gc.unfreeze()


def leave_alone() -> None:
    """Leave every object alive now out of later collections, until a block of `objects_kept` ends or
    `collectable_again` is called.

    Called when the catalogue is loaded (it lives for the whole build), and once more as a build process
    ends: Python's last collection at exit would walk every object again only to free nothing (0.2 s).
    """
    gc.freeze()


def collectable_again() -> None:
    """Undo `leave_alone`. A `mkdocs serve` process builds again and again: what one build leaves behind must
    become garbage that the collector frees, not stay left alone for the life of the process."""
    gc.unfreeze()
