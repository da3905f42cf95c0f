"""``POST /code``: posted articles coded by the same pipeline as ``polemos code``, one request at
a time, with the models loaded once per server process (on the first request, or at start-up in
the background with ``warm``), and stored when asked.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool

from polemos.errors import InputError, PolemosError
from polemos.knowledge import Knowledge
from polemos.model import Article, Failure, Notice
from polemos.serve.reading import plain
from polemos.serve.snapshot import Snapshot

log = logging.getLogger(__name__)
MAX_ARTICLES = 100  # in one request: more is a batch job for `polemos code`
_WARM_TEXT = "date 2024-01-02\nRebels shelled the town of Goma on Monday."


class Coder:
    """Codes posted bodies for one store; ``state`` says whether the models are loaded."""

    def __init__(self, db: Path, snapshot: Snapshot, knowledge: Knowledge | None) -> None:
        self.db = db
        self.snapshot = snapshot
        self._knowledge = knowledge
        self._lock = threading.Lock()  # one coding at a time: the parser is not shared safely
        self.state = "ready" if knowledge is not None else "not loaded"

    def warm_in_background(self) -> None:
        """Load the models now, in a thread, so the first ``/code`` does not wait for them."""
        threading.Thread(target=self._warm, name="polemos-warm", daemon=True).start()

    async def code(self, body: bytes, content_type: str, *, date: str | None,
                   doc_id: str | None, store: bool) -> dict[str, Any]:
        items = parse_body(body, content_type, date, doc_id)
        return await run_in_threadpool(self._code, items, store)

    def _code(self, items: list[Article | Failure | Notice], store: bool) -> dict[str, Any]:
        from polemos.pipeline import code_articles
        from polemos.store import open_store

        with self._lock:
            knowledge = self._loaded()
            target = open_store(self.db) if store else None
            result = code_articles(items, knowledge, store=target)
        if store:
            self.snapshot.refresh(wait=None)  # a client that stored reads its own writes next
        return {"items": plain(result.records), "stored": store,
                "failures": [_failure(f) for f in result.failures],
                "notices": [{"where": n.where, "message": n.message} for n in result.notices],
                "counts": result.stats()}

    def _loaded(self) -> Knowledge:
        if self._knowledge is None:
            import polemos

            self.state = "loading"
            knowledge = polemos.get_knowledge()
            polemos.code_text(_WARM_TEXT, knowledge=knowledge)  # its parts load on first use
            self._knowledge = knowledge
            self.state = "ready"
        return self._knowledge

    def _warm(self) -> None:
        try:
            with self._lock:
                self._loaded()
        except PolemosError as err:  # a missing model: each /code then says so (a 503)
            self.state = "not loaded"
            log.warning("models not loaded: %s", err)


def parse_body(body: bytes, content_type: str, date: str | None,
               doc_id: str | None) -> list[Article | Failure | Notice]:
    """The articles (and per-article failures) of a posted body: JSON as a ``.json`` file is
    read, plain text as a ``.txt`` file. Raises InputError for an empty or undecodable body, an
    unknown content type, or more than MAX_ARTICLES articles."""
    from polemos.ingest.readers import read_json, read_txt
    from polemos.ingest.validate import parse_date

    kind = content_type.split(";")[0].strip().lower()
    default_date = parse_date(date, "query", "date")
    if not body.strip():
        raise InputError("the body is empty (expected a JSON article or a text)", field="body")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(f"not UTF-8 (byte 0x{body[err.start]:02x} at {err.start})",
                         field="body") from None
    if kind == "application/json":
        items: list[Article | Failure | Notice] = list(read_json(text, "body", default_date))
    elif kind == "text/plain":
        items = [read_txt(text, doc_id or "text", "body", default_date)]
    else:
        raise InputError(f"content type {kind or 'none'!r} (expected application/json or "
                         "text/plain)", field="content-type")
    if sum(isinstance(i, Article) for i in items) > MAX_ARTICLES:
        raise InputError(f"more than {MAX_ARTICLES} articles (post them in parts, or use "
                         "polemos code)", field="body")
    if items and all(isinstance(i, Failure) for i in items) and len(items) == 1:
        failure = items[0]
        assert isinstance(failure, Failure)
        raise InputError(failure.reason, field=failure.field or "body")
    return items


def _failure(failure: Failure) -> dict[str, Any]:
    return {"where": failure.where, "stage": failure.stage, "field": failure.field,
            "reason": failure.reason, "article_id": failure.article_id}
