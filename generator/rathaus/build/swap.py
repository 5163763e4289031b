"""Putting a built site in place as one step, one build at a time.

A build writes into a fresh folder beside the target (`.site-new-*`) and only a complete one replaces `site/`:
on Linux with one `renameat2(RENAME_EXCHANGE)`, which swaps the two folders atomically, so a kill at any moment
leaves the previous or the new site at `site/`, never none. The folder that held the previous site is removed
afterwards; whatever a killed build left behind is removed by the next one. Builds into the same folder take a
lock (on the folder that holds the site) and wait for each other, so they never rename over each other.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


class SiteFolderError(Exception):
    """The site's folder cannot be written (a read-only repository or file system): a German message."""


@contextlib.contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """A new empty folder to build into; swapped in for `target` when the block ends normally, removed when
    it raises. Raises `SiteFolderError` when the folder that holds `target` cannot be written."""
    parent = target.parent
    with _writing(parent):
        parent.mkdir(parents=True, exist_ok=True)
        lock = os.open(parent, os.O_RDONLY)
    try:
        _wait_for_lock(lock, target)
        with _writing(parent):
            _clean_up(target)
            staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=parent))
        try:
            yield staging
        except BaseException:
            remove_tree(staging)
            raise
        with _writing(parent):
            _swap_in(staging, target)
    finally:
        os.close(lock)  # the kernel drops the lock also when the process is killed


@contextlib.contextmanager
def _writing(folder: Path) -> Iterator[None]:
    """Our own file operations on the site's folder: a folder or file system that cannot be written is a
    message, not a traceback."""
    try:
        yield
    except PermissionError:
        raise SiteFolderError(
            f"{folder}: keine Schreibrechte – die Website kann hier nicht gebaut werden (Ordner schreibgeschützt?)"
        ) from None
    except OSError as error:
        if error.errno not in _REASONS:
            raise
        raise SiteFolderError(f"{folder}: {_REASONS[error.errno]}") from None


_REASONS = {
    errno.EROFS: "Dateisystem ist schreibgeschützt – die Website kann hier nicht gebaut werden",
    errno.ENOSPC: "kein Platz mehr auf dem Datenträger",
    errno.EDQUOT: "Speicherkontingent erschöpft",
}


def _wait_for_lock(descriptor: int, target: Path) -> None:
    """An exclusive lock on the folder that holds the site, waiting for another build that holds it."""
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print(f"Eine andere Erstellung von {target} läuft gerade; warte, bis sie fertig ist …", file=sys.stderr)
        fcntl.flock(descriptor, fcntl.LOCK_EX)


def _clean_up(target: Path) -> None:
    """Remove what killed builds left: their unfinished folders and, from a swap by two renames, the previous
    site, which goes back to `target` if a kill came between the renames."""
    old = target.with_name(f".{target.name}-old")
    if old.is_dir() and not target.exists():
        old.rename(target)
    for leftover in [*target.parent.glob(f".{target.name}-new-*"), old]:
        if leftover.is_dir() and not leftover.is_symlink():
            remove_tree(leftover)


def _swap_in(staging: Path, target: Path) -> None:
    if not os.path.lexists(target):
        staging.rename(target)  # one atomic rename: nothing there to keep
        return
    if target.is_symlink() or not target.is_dir():
        raise SiteFolderError(f"{target}: ist kein Ordner; bitte entfernen oder einen anderen Zielordner wählen")
    if _exchange(staging, target):
        remove_tree(staging)  # now the previous site
        return
    old = target.with_name(f".{target.name}-old")  # no atomic exchange here: two renames, repaired by _clean_up
    target.rename(old)
    staging.rename(target)
    remove_tree(old)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one system call; False where the system or file system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def remove_tree(path: Path) -> bool:
    """Remove a folder, also one whose folders were made read-only; True when it is gone. A folder that still
    cannot be removed is named, and the build goes on: it only costs space."""
    shutil.rmtree(path, onerror=_writable_and_again)
    if os.path.lexists(path):
        print(f"Hinweis: {path} konnte nicht gelöscht werden; bitte von Hand entfernen.", file=sys.stderr)
        return False
    return True


def _writable_and_again(function: Callable[..., Any], name: str, _: object) -> None:
    """rmtree's error handler: a read-only folder blocks deleting its entries, so make it writable and retry."""
    with contextlib.suppress(OSError):
        folder = os.path.dirname(name)
        os.chmod(folder, os.stat(folder).st_mode | stat.S_IWUSR | stat.S_IXUSR)
        if function is os.rmdir or function is os.unlink:
            function(name)
        elif os.path.isdir(name):
            os.chmod(name, os.stat(name).st_mode | stat.S_IWUSR | stat.S_IXUSR | stat.S_IRUSR)
            shutil.rmtree(name, onerror=lambda *args: None)
