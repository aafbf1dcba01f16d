"""Media files stored by a write that may never commit: noted in a ledger before they are written, deleted
when their transaction rolls back, forgotten once it commits.

Files cannot take part in a database transaction: a group that fails after its cover or body images were
stored, a batch undone at commit, or a run killed halfway would leave files no row refers to. So each run
keeps a ledger (`MEDIA_ROOT/.import-ledger/<random>.jsonl`, one stored name per line, locked while the run
lives). A failed write deletes what it noted; a committed one clears its names (`transaction.on_commit`,
so a write nested in a caller's transaction waits for the real commit). A ledger left behind by a killed
run is swept at the start of the next run: its files that no post or author refers to are deleted.

Names are noted before their file is written (cover, avatar and body image names are known in advance).
Cover renditions are not the import's: `covers.lazy` makes them when a reader first asks for one.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import posixpath
import time
import uuid
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q

from blog.models import Author, Post, language_codes

FOLDER = ".import-ledger"
STALE_SECONDS = 3600


class Ledger:
    """One run's stored-but-not-yet-committed file names; the file is created at the first note."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.names: list[str] = []
        self.path: Path | None = None
        self._file = None

    def note(self, name: str) -> None:
        if self._file is None:
            self._open()
        self.names.append(name)
        self._file.write(json.dumps(name) + "\n")
        self._file.flush()

    def undo(self, mark: int) -> None:
        """Delete the files noted since `mark`: the rows that would refer to them were rolled back."""
        for name in self.names[mark:]:
            _delete(name)
        del self.names[mark:]
        self._rewrite()

    def forget(self, names: list[str]) -> None:
        """The rows referring to these files are committed: they are no longer the ledger's."""
        gone = set(names)
        self.names = [name for name in self.names if name not in gone]
        self._rewrite()

    def close(self) -> None:
        """Remove the ledger, unless it still names files whose transaction has not ended (the caller's,
        around the whole run): the next run's sweep decides about them by looking at the rows."""
        if self._file is None:
            return
        if not self.names:
            self.path.unlink(missing_ok=True)
        self._file.close()  # releases the lock
        self._file = None

    def _open(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        # Locked under a name the sweep ignores, then renamed: a sweep never sees it unlocked.
        locked = self.folder / f"{uuid.uuid4().hex}.tmp"
        self._file = locked.open("a+", encoding="utf-8")
        fcntl.flock(self._file, fcntl.LOCK_EX)
        self.path = locked.with_suffix(".jsonl")
        os.replace(locked, self.path)

    def _rewrite(self) -> None:
        if self._file is None:
            return
        self._file.seek(0)
        self._file.truncate()
        self._file.write("".join(json.dumps(name) + "\n" for name in self.names))
        self._file.flush()


_active: ContextVar[Ledger | None] = ContextVar("import_media_ledger", default=None)


def folder() -> Path:
    return Path(settings.MEDIA_ROOT) / FOLDER


@contextlib.contextmanager
def recording(*, enabled: bool) -> Iterator[int]:
    """Keep a ledger while the block runs (not in a dry run: nothing is stored); yields how many files a
    killed earlier run had left behind and were deleted now."""
    if not enabled:
        yield 0
        return
    removed = sweep()
    ledger = Ledger(folder())
    token = _active.set(ledger)
    try:
        yield removed
    finally:
        _active.reset(token)
        ledger.close()


# --- what the writers and the pipeline call (no-ops without an active ledger) ---------------------------


def note(name: str) -> None:
    ledger = _active.get()
    if ledger is not None and name:
        ledger.note(name)


def save(name: str, content: bytes) -> str:
    """Store `content` under `name` (or the free name the storage picks), noted first."""
    free = default_storage.get_available_name(name)
    note(free)
    stored = default_storage.save(free, ContentFile(content))
    if stored != free:
        note(stored)
    return stored


def save_field_file(field_file, name: str, content: bytes) -> None:
    """`field_file.save(name, …, save=False)` under a free name noted before the file is written.

    The free name is asked for first: when `name` is taken (a bundle's `cover.jpg`, a file left by deleted
    rows) the storage would pick another one while writing, and a kill between that write and noting it
    left a file no ledger named (bench.kill_import found one in 1,000 posts)."""
    wanted = field_file.field.generate_filename(field_file.instance, name)
    free = field_file.storage.get_available_name(wanted, max_length=field_file.field.max_length)
    note(free)
    field_file.save(posixpath.basename(free), ContentFile(content), save=False)
    if field_file.name != free:  # taken meanwhile by another process: the storage picked yet another
        note(field_file.name)


def mark() -> int:
    ledger = _active.get()
    return len(ledger.names) if ledger is not None else 0


def undo(since: int) -> None:
    ledger = _active.get()
    if ledger is not None:
        ledger.undo(since)


def keep_on_commit(since: int) -> None:
    """The files noted since `since` belong to rows of the current transaction: forget them when it commits
    (when it rolls back instead, they stay noted for `undo` or the next run's sweep)."""
    ledger = _active.get()
    if ledger is not None and len(ledger.names) > since:
        names = ledger.names[since:]
        transaction.on_commit(lambda: ledger.forget(names))


# --- the next run -------------------------------------------------------------------------------------------


def sweep() -> int:
    """Delete the unreferenced files named by ledgers no live run holds; how many were deleted."""
    removed = 0
    base = folder()
    if not base.is_dir():
        return 0
    _remove_stale_locks(base)
    for path in sorted(base.glob("*.jsonl")):
        with path.open("r+", encoding="utf-8") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # a run in progress
            names = set(_names(handle))
            if names:
                removed += sum(_delete(name) for name in names - _referenced(names))
            path.unlink(missing_ok=True)
    return removed


def _remove_stale_locks(base: Path) -> None:
    """A run killed between creating its ledger and renaming it leaves an empty `.tmp` file; a young one may
    be a run starting right now, so only old ones go."""
    for path in base.glob("*.tmp"):
        with contextlib.suppress(OSError):
            if time.time() - path.stat().st_mtime > STALE_SECONDS:
                path.unlink()


def _names(lines) -> Iterator[str]:
    for line in lines:
        try:
            name = json.loads(line)
        except ValueError:
            continue  # the last line of a run killed while writing it: its file was not written yet
        if isinstance(name, str) and name:
            yield name


def _referenced(names: set[str]) -> set[str]:
    """The names some row refers to: a post's cover or its renditions, an author's avatar, a post body."""
    found = set(Post.objects.filter(cover__in=names).values_list("cover", flat=True))
    found |= set(Author.objects.filter(avatar__in=names).values_list("avatar", flat=True))
    for renditions in Post.objects.exclude(cover="").values_list("cover_renditions", flat=True):
        found |= names & set(_strings(renditions))
    bodies = [f"body_{code}" for code in language_codes()]
    for name in names - found:
        if Post.objects.filter(_any_contains(bodies, name)).exists():
            found.add(name)
    return found


def _any_contains(fields: list[str], text: str) -> Q:
    query = Q()
    for name in fields:
        query |= Q(**{f"{name}__contains": text})
    return query


def _strings(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _delete(name: str) -> int:
    if default_storage.exists(name):
        default_storage.delete(name)
        return 1
    return 0
