"""Taking turns at the store file, and telling whether the process of a `running` run is gone.

DuckDB lets one process hold a file open for writing, and then no other process may open it, not
even to read; readers share it among themselves. So Polemos holds the file only for a moment —
one lookup, one batch's transaction — and a process that finds it taken retries until ``wait``
seconds have passed, then says in one line that the store is busy.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import time
from pathlib import Path

import duckdb

from polemos.errors import StoreError

DEFAULT_WAIT = 10.0  # seconds: longer than any one batch's write, short enough to tell a user
# Another process holds the file; or, in this process, another thread holds it in the other mode
# (DuckDB keeps one database per file and process, opened read-only or read-write).
_LOCKED = ("Could not set lock", "Conflicting lock", "with a different configuration")


def lock_wait(wait: float | None = None) -> float:
    """Seconds to wait for the store: ``wait`` if given, else ``$POLEMOS_LOCK_WAIT``, else 10."""
    if wait is not None:
        return max(0.0, wait)
    raw = os.environ.get("POLEMOS_LOCK_WAIT")
    if not raw:
        return DEFAULT_WAIT
    try:
        return max(0.0, float(raw))
    except ValueError:
        raise StoreError(f"{raw!r} is not a number of seconds", "$POLEMOS_LOCK_WAIT") from None


def connect(path: Path, *, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection to ``path``, retrying while another process holds the file.

    Raises StoreError "busy" after ``wait`` seconds, or with DuckDB's reason when the file is
    damaged, not a database, or cannot be written.
    """
    deadline = time.monotonic() + wait
    pause = 0.01
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.Error as err:
            message = str(err).splitlines()[0] if str(err) else type(err).__name__
            if damaged(message):
                raise StoreError(damaged(message) or message, str(path)) from None
            if not any(mark in message for mark in _LOCKED):
                raise StoreError(f"cannot open the store: {message}", str(path)) from None
            if time.monotonic() >= deadline:
                raise StoreError(
                    f"the store is busy: another process has it open (waited {wait:g} s; try "
                    "again, or wait longer with --wait SECONDS or $POLEMOS_LOCK_WAIT)",
                    str(path)) from None
        time.sleep(min(pause, max(0.0, deadline - time.monotonic())))
        pause = min(pause * 2, 0.2)


def damaged(reason: str) -> str | None:
    """The message for a damaged file (DuckDB checks each block's checksum as it reads it)."""
    if "Corrupt database file" not in reason:
        return None
    return (f"the store file is damaged ({reason}); restore it from a copy, or code the articles "
            "again into a new store")


def this_process() -> tuple[int, str]:
    """(pid, host name) recorded with a run, to tell later whether its process is gone."""
    return os.getpid(), socket.gethostname()


def process_is_gone(pid: int | None, host: str | None, started: dt.datetime | None) -> bool:
    """True when the process that started a run (at UTC ``started``) no longer runs.

    Only a run from this host can be judged; a pid that now belongs to a process started after
    the run did was reused, so the run's own process is gone.
    """
    if pid is None or host != socket.gethostname():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, under another user
        pass
    state, born = _process_state(pid)
    if state == "Z":  # killed, not yet reaped by its parent: it will never write again
        return True
    if born is None or started is None:
        return False
    return born > started.replace(tzinfo=dt.UTC).timestamp() + 1.0


def _process_state(pid: int) -> tuple[str | None, float | None]:
    """Process ``pid``'s state letter and start (epoch seconds), from Linux's /proc; else Nones."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        boot = next(int(line.split()[1]) for line in Path("/proc/stat").read_text().splitlines()
                    if line.startswith("btime "))
    except (OSError, StopIteration, ValueError):
        return None, None
    fields = stat[stat.rfind(")") + 2:].split()  # the name in parentheses may hold spaces
    return fields[0], boot + int(fields[19]) / os.sysconf("SC_CLK_TCK")
