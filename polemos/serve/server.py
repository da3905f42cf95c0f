"""Running the API under uvicorn (``polemos serve``): loopback by default, a token off it."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path

from polemos.errors import InputError

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only (127.0.0.0/8, ::1, localhost)."""
    if host.strip().lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to any address, so it is not assumed safe


def server_token(host: str, token: str | None = None) -> str | None:
    """The bearer token to require: ``token``, else ``$POLEMOS_TOKEN``; None on loopback
    without one. Raises InputError for another host without a token: the store would be open
    to the network."""
    token = token if token is not None else os.environ.get("POLEMOS_TOKEN") or None
    if token is None and not is_loopback(host):
        raise InputError(f"refusing to serve on {host!r} without a token: anyone on the network "
                         "could read the store (set POLEMOS_TOKEN, which clients then send as "
                         "'Authorization: Bearer TOKEN', or serve on 127.0.0.1)", field="--host")
    return token


def run(db: str | Path, *, host: str = "127.0.0.1", port: int = 8000,
        token: str | None = None, warm: bool = True) -> None:
    """Serve the store ``db`` until interrupted (``polemos serve``). Raises InputError for a
    non-loopback host without a token, StoreError for a missing or damaged store."""
    import uvicorn

    from polemos.serve.app import create_app

    app = create_app(db, token=server_token(host, token), warm=warm)
    uvicorn.run(app, host=host, port=port, log_level="warning")
