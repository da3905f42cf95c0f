"""The HTTP API (FastAPI): events, incidents, trends, alerts, coding, health; the dashboard at /.

``create_app(db)`` serves one store. Reads go to the server's copy of it (``snapshot``), so a
``polemos code`` run writing the store is never locked out and never makes a request wait;
``POST /code?store=true`` writes the store itself, as a short writer like the coder is.
Every error has one shape, ``{"error": {"status", "parameter", "message"}}``: a bad request is
a 4xx naming the parameter. DOCS: docs/serve.md
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from polemos.errors import InputError, PolemosError, StoreError
from polemos.knowledge import Knowledge
from polemos.serve import params as p
from polemos.serve.coding import Coder
from polemos.serve.reading import JSON, incident_detail, page, plain
from polemos.serve.snapshot import REFRESH_EVERY, Snapshot

log = logging.getLogger(__name__)
WEB = Path(__file__).resolve().parent.parent / "web"  # the dashboard's files, served at /
_PAGE_FILES = frozenset(f.name for f in WEB.iterdir() if f.is_file()) if WEB.is_dir() else frozenset()
MAX_BODY = 8_000_000  # bytes in one request: a few long articles, not a corpus


def create_app(db: str | Path, *, token: str | None = None, knowledge: Knowledge | None = None,
               warm: bool = False, refresh_every: float = REFRESH_EVERY) -> FastAPI:
    """The API over the store ``db``. ``token``: every request must then send
    ``Authorization: Bearer TOKEN``. ``knowledge``: what ``POST /code`` codes with (default:
    ``polemos.get_knowledge()``, loaded on the first ``/code``, or at start-up with ``warm``).
    Raises StoreError when ``db`` is missing or damaged. DOCS: docs/serve.md
    """
    snapshot = Snapshot(Path(db), every=refresh_every)
    coder = Coder(Path(db), snapshot, knowledge)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        snapshot.start()
        if warm:
            coder.warm_in_background()
        yield
        snapshot.close()

    app = FastAPI(title="Polemos", version=_version(), lifespan=lifespan,
                  description="Conflict events and incidents coded from news (docs/serve.md).")
    app.state.snapshot, app.state.coder = snapshot, coder
    _add_guards(app, token)
    _add_error_handlers(app)
    _add_routes(app, snapshot, coder)
    if WEB.is_dir():  # last: the routes above win over file names
        app.mount("/", StaticFiles(directory=WEB, html=True), name="web")
    return app


def list_params(request: Request, since: str | None = None, until: str | None = None,
                actor: str | None = None, recipient: str | None = None,
                dyad: str | None = Query(None, description="ACTOR,RECIPIENT"),
                type: str | None = Query(None, description="a PLOVER event type"),
                quad_class: int | None = Query(None, ge=1, le=4),
                country: str | None = None, province: str | None = None,
                place: str | None = Query(None, description="country, province or place name"),
                bbox: str | None = Query(None, description="west,south,east,north"),
                q: str | None = Query(None, description="words in the sentence"),
                limit: int = Query(p.DEFAULT_LIMIT, ge=1, le=p.MAX_LIMIT),
                offset: int = Query(0, ge=0, le=p.MAX_OFFSET)) -> p.ListQuery:
    """The filter and page of /events and /incidents (FastAPI reads the parameters by name)."""
    p.check_known(request.query_params.keys(), p.LIST_PARAMS)
    raw = {"since": since, "until": until, "actor": actor, "recipient": recipient, "dyad": dyad,
           "type": type, "country": country, "province": province, "place": place,
           "bbox": bbox, "q": q}
    return p.list_query(raw, quad_class=quad_class, limit=limit, offset=offset)


def _add_routes(app: FastAPI, snapshot: Snapshot, coder: Coder) -> None:
    @app.get("/health")
    def health() -> dict[str, Any]:
        """Whether the server answers, the store it serves and how old its copy is."""
        return {"status": "ok", "version": _version(), "store": str(snapshot.source),
                "copy_age_seconds": round(snapshot.age, 3), "models": coder.state}

    @app.get("/events")
    def events(query: Annotated[p.ListQuery, Depends(list_params)]) -> JSON:
        """Event mentions (schema v1, docs/schema.md), one page, in date order."""
        with snapshot.reading() as store:
            return JSON(page(store, "mentions", query))

    @app.get("/incidents")
    def incidents(query: Annotated[p.ListQuery, Depends(list_params)]) -> JSON:
        """Incidents (mentions clustered, docs/incidents.md), one page, in date order."""
        with snapshot.reading() as store:
            return JSON(page(store, "incidents", query))

    @app.get("/incidents/{incident_id}")
    def incident(incident_id: str, request: Request) -> dict[str, Any]:
        """One incident with its mentions, each with sentence, trigger offsets and article."""
        p.check_known(request.query_params.keys(), frozenset())
        name = p.words(incident_id, "incident_id") or ""
        with snapshot.reading() as store:
            found = incident_detail(store, name)
        if found is None:
            raise HTTPException(404, f"no incident {name!r} in this store")
        return found

    @app.get("/trends")
    def trends(request: Request, since: str | None = None, until: str | None = None,
               actor: str | None = None, recipient: str | None = None, dyad: str | None = None,
               place: str | None = None, by: str = "week") -> dict[str, Any]:
        """Incidents per period for a dyad, a place or everything (``polemos trend``)."""
        import polemos

        p.check_known(request.query_params.keys(), p.TREND_PARAMS)
        actor, recipient = _parties(actor, recipient, dyad)
        with snapshot.reading() as store:
            points = polemos.trend(store, actor, recipient, place=p.words(place, "place"),
                                   by=by, since=p.words(since, "since"),
                                   until=p.words(until, "until"))
        return {"items": plain(points.to_dicts()), "total": len(points)}

    @app.get("/alerts")
    def alerts(request: Request, since: str | None = None, until: str | None = None,
               actor: str | None = None, recipient: str | None = None, dyad: str | None = None,
               place: str | None = None, by: str = "week",
               window: int | None = Query(None, ge=2, le=10_000),
               threshold: float = Query(3.5, ge=0, le=1_000, allow_inf_nan=False),
               min_count: int = Query(3, ge=1, le=1_000_000),
               stale_days: int = Query(14, ge=0, le=36_500)) -> dict[str, Any]:
        """Escalation alerts (``polemos alerts``; docs/alerts.md)."""
        import polemos

        p.check_known(request.query_params.keys(), p.ALERT_PARAMS)
        actor, recipient = _parties(actor, recipient, dyad)
        if bool(actor) != bool(recipient):
            raise InputError("an alert's dyad needs both actor and recipient (or dyad=A,B)",
                             field="actor" if not actor else "recipient")
        with snapshot.reading() as store:
            found = polemos.alerts(store, dyad=(actor, recipient) if actor and recipient else None,
                                   place=p.words(place, "place"), by=by,
                                   since=p.words(since, "since"), until=p.words(until, "until"),
                                   window=window, threshold=threshold, min_count=min_count,
                                   stale_days=stale_days)
        return {"items": plain(found.to_dicts()), "total": len(found)}

    @app.post("/code")
    async def code(request: Request, date: str | None = None, store: bool = False,
                   id: str | None = Query(None, description="the id of a text/plain article")
                   ) -> dict[str, Any]:
        """Code posted articles: a JSON object or array of articles (docs/input.md), or one
        text (``text/plain``); ``store=true`` also stores them and refreshes incidents."""
        p.check_known(request.query_params.keys(), p.CODE_PARAMS)
        body = await _body(request)
        return await coder.code(body, request.headers.get("content-type", ""),
                                date=p.words(date, "date"), doc_id=p.words(id, "id"), store=store)


def _parties(actor: str | None, recipient: str | None,
             dyad: str | None) -> tuple[str | None, str | None]:
    pair = p.dyad_pair(dyad)
    actor, recipient = p.words(actor, "actor"), p.words(recipient, "recipient")
    if pair and (actor or recipient):
        raise InputError("give dyad or actor/recipient, not both", field="dyad")
    return pair or (actor, recipient)


async def _body(request: Request) -> bytes:
    """The request body, refused past MAX_BODY bytes even when no length was announced."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise HTTPException(413, f"the body is over {MAX_BODY:,} bytes (post fewer or "
                                     "shorter articles at a time)")
        chunks.append(chunk)
    return b"".join(chunks)


def _add_guards(app: FastAPI, token: str | None) -> None:
    """The bearer token on every request (when set), and the body size announced up front."""
    expected = f"Bearer {token}".encode() if token else None

    @app.middleware("http")
    async def guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]
                    ) -> Response:
        if expected is not None and not _is_page_file(request):
            given = request.headers.get("authorization", "").encode("latin-1", "replace")
            if not hmac.compare_digest(given, expected):  # same time whatever the guess
                return _error(401, "a bearer token is required (Authorization: Bearer "
                              "$POLEMOS_TOKEN)", "authorization",
                              headers={"WWW-Authenticate": "Bearer"})
        length = request.headers.get("content-length", "0")
        if not length.isdigit() or int(length) > MAX_BODY:
            return _error(413, f"the body is over {MAX_BODY:,} bytes or its length is not a "
                          "number", "content-length")
        return await call_next(request)


def _is_page_file(request: Request) -> bool:
    """A GET of one of the dashboard's own files (page, script, style, outlines): they hold no
    data, and a browser cannot send a bearer token when it opens a page, so the page must load
    to ask for the token, which it then sends with every API call."""
    if request.method not in ("GET", "HEAD"):
        return False
    name = request.url.path.lstrip("/") or "index.html"
    return "/" not in name and name in _PAGE_FILES


def _add_error_handlers(app: FastAPI) -> None:
    async def polemos_error(_: Request, err: Exception) -> JSONResponse:
        assert isinstance(err, PolemosError)
        status = 400 if isinstance(err, InputError) else 503
        if isinstance(err, StoreError):
            log.warning("store: %s", err)
        # the shared filters name a bad option as the CLI spells it ("--since") in ``where``
        option = err.where if err.where and err.where.startswith("--") else None
        field = (err.field or option or "").lstrip("-") or None
        return _error(status, err.message, field)

    async def invalid(_: Request, err: Exception) -> JSONResponse:
        assert isinstance(err, RequestValidationError)
        first = err.errors()[0] if err.errors() else {}
        where = [str(x) for x in first.get("loc", ()) if x not in ("query", "path", "body")]
        given = first.get("input")
        shown = f"{given!r}"[:60] if isinstance(given, str) else "the value"
        return _error(400, f"{shown}: {first.get('msg', 'invalid')}",
                      ".".join(where) or None)

    async def http_error(_: Request, err: Exception) -> JSONResponse:
        assert isinstance(err, HTTPException)
        return _error(err.status_code, str(err.detail), None,
                      headers=dict(err.headers) if err.headers else None)

    app.add_exception_handler(PolemosError, polemos_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(HTTPException, http_error)


def _error(status: int, message: str, parameter: str | None,
           headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "parameter": parameter, "message": message}},
                        status_code=status, headers=headers)


def _version() -> str:
    from polemos import __version__

    return __version__
