"""The server's private copy of the store, refreshed after each batch a coder commits.

DuckDB lets one process write a file, and while it does no other process may open it, not even
to read. A server that opened the store for each request would, under steady traffic, always
hold it open and lock a ``polemos code`` run out; one that waited for the coder would stall
its clients. So the server answers from a copy: a refresher thread notices that the store
changed (its size or modification time), takes the file for a moment as any reader does
(``store_access.connect``: between two of the coder's batches, never inside one), copies it and
lets go. Requests read the newest copy; an older copy is deleted when its last request ends.
The data served is that of the last batch committed before the copy; a refresh that finds the
store busy keeps the copy it has and tries again on the next tick. DOCS: docs/serve.md
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import duckdb

from polemos.errors import StoreError
from polemos.store import Store
from polemos.store_access import connect

log = logging.getLogger(__name__)

REFRESH_EVERY = 0.5  # seconds between looks at the store: a committed batch shows within this
REFRESH_WAIT = 2.0  # seconds one refresh waits for the coder to let go before trying next tick
Stamp = tuple[tuple[int, int], ...]


@dataclass
class _Copy:
    """One copy of the store: its file, a connection that keeps DuckDB's instance of it open
    (so each request's connection is cheap), and how many requests read it now."""

    path: Path
    keeper: duckdb.DuckDBPyConnection
    taken_at: float
    readers: int = 0
    retired: bool = False  # a newer copy is served; drop this one when its readers are done


class Snapshot:
    """A read-only copy of the store at ``source``, kept current by ``refresh`` (or the thread
    ``start`` runs). Raises StoreError when the store is missing or damaged at the first copy."""

    def __init__(self, source: Path, *, every: float = REFRESH_EVERY) -> None:
        if not source.is_file():
            raise StoreError("no store here (create one with `polemos code` or `polemos demo`)",
                             str(source))
        self.source = source
        self.every = every
        self._dir = Path(tempfile.mkdtemp(prefix="polemos-serve-"))
        self._generation = 0
        self._stamp: Stamp = ()
        self._guard = threading.Lock()
        self._refreshing = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._current = self._take(wait=None)
        self.failed_refreshes = 0

    @contextmanager
    def reading(self) -> Iterator[Store]:
        """A read-only Store on the newest copy, kept on disk until this block ends."""
        with self._guard:
            copy = self._current
            copy.readers += 1
        try:
            yield Store(copy.path, read_only=True, wait=0)
        finally:
            with self._guard:
                copy.readers -= 1
                done = copy.retired and copy.readers == 0
            if done:
                _drop(copy)

    @property
    def copy_path(self) -> Path:
        """The file of the copy now served."""
        return self._current.path

    @property
    def age(self) -> float:
        """Seconds since the copy now served was taken."""
        return time.monotonic() - self._current.taken_at

    def refresh(self, *, wait: float | None = REFRESH_WAIT) -> bool:
        """Copy the store again if it changed since the last copy; whether a new copy is served.
        A store busy for longer than ``wait`` (or a refresh already running) keeps the old copy."""
        if self._stamp == _stamp(self.source):
            return False
        if not self._refreshing.acquire(blocking=wait is None):
            return False
        try:
            fresh = self._take(wait=wait)
        except StoreError as err:
            self.failed_refreshes += 1
            log.warning("store not copied this time (%s); serving the last copy", err)
            return False
        finally:
            self._refreshing.release()
        with self._guard:
            old, self._current = self._current, fresh
            old.retired = True
            done = old.readers == 0
        if done:
            _drop(old)
        return True

    def start(self) -> None:
        """Refresh every ``every`` seconds in a daemon thread, until ``close``."""
        self._thread = threading.Thread(target=self._run, name="polemos-snapshot", daemon=True)
        self._thread.start()

    def close(self) -> None:
        """Stop refreshing and delete every copy."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        _drop(self._current)
        shutil.rmtree(self._dir, ignore_errors=True)

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self.refresh()

    def _take(self, *, wait: float | None) -> _Copy:
        """Copy the store while holding it as a reader, so no batch is half-written in the copy
        (a file left with a write-ahead log by a killed writer is copied with its log)."""
        self._generation += 1
        target = self._dir / f"copy-{self._generation}.duckdb"
        con = connect(self.source, read_only=True, wait=10.0 if wait is None else wait)
        try:
            stamp = _stamp(self.source)
            shutil.copyfile(self.source, target)
            wal = self.source.with_name(self.source.name + ".wal")
            if wal.exists():
                shutil.copyfile(wal, target.with_name(target.name + ".wal"))
        except OSError as err:
            raise StoreError(f"cannot copy the store: {err.strerror or err}", str(self.source)) \
                from None
        finally:
            con.close()
        self._stamp = stamp
        keeper = connect(target, read_only=True, wait=0)
        # one thread per query: the server runs many small queries at once, and DuckDB's own
        # threads for each would only fight over the cores (a setting of the whole database)
        keeper.execute("SET threads TO 1")
        return _Copy(target, keeper, time.monotonic())


def _stamp(source: Path) -> Stamp:
    """What tells that the store changed: size and modification time of the file and its log."""
    marks = []
    for path in (source, source.with_name(source.name + ".wal")):
        try:
            st = path.stat()
        except OSError:
            marks.append((0, 0))
            continue
        marks.append((st.st_size, st.st_mtime_ns))
    return tuple(marks)


def _drop(copy: _Copy) -> None:
    """Close a copy no request reads any more and delete its files."""
    with suppress(duckdb.Error):
        copy.keeper.close()
    for path in (copy.path, copy.path.with_name(copy.path.name + ".wal")):
        path.unlink(missing_ok=True)
