"""The server's copy of the store: kept while the store is busy, taken afresh once it changed,
the old copy deleted when no request reads it, every copy deleted on close."""

from __future__ import annotations

import os
from pathlib import Path

import polemos
from polemos.serve.snapshot import Snapshot


def served_mentions(snapshot: Snapshot) -> int:
    with snapshot.reading() as store:
        return store.counts()["mentions"]


def test_snapshot_keeps_its_copy_while_the_store_is_busy(own_store: Path) -> None:
    snapshot = Snapshot(own_store)
    try:
        first = snapshot.copy_path
        assert snapshot.refresh() is False  # nothing changed: no copy taken
        with polemos.open_store(own_store) as store, store.connected(write=True) as con:
            con.execute("DELETE FROM mentions WHERE doc_id = 'inc-1'")
            os.utime(own_store)  # the store looks changed while the writer still holds it
            assert snapshot.refresh(wait=0.2) is False and snapshot.failed_refreshes == 1
            assert served_mentions(snapshot) == 7 and snapshot.copy_path == first
        with snapshot.reading() as reading:  # a request still reading the old copy ...
            assert snapshot.refresh(wait=None) is True
            assert first.exists() and reading.counts()["mentions"] == 7
        assert not first.exists()  # ... which goes once that request ends
        assert served_mentions(snapshot) == 5
    finally:
        snapshot.close()
    assert not snapshot.copy_path.exists() and not snapshot.copy_path.parent.exists()
