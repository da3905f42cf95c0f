"""Starting the API in a real uvicorn server for a test (imported by the serve tests)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn


@contextmanager
def running(app: Any) -> Iterator[str]:
    """Serve ``app`` in a thread on 127.0.0.1 until the block ends; yields its base URL.

    Port 0: the OS chooses, so parallel runs never collide. uvicorn binds the socket itself: a
    socket handed to it comes back from the OS without its protocol number, so asyncio leaves
    Nagle's algorithm on for its connections and every keep-alive request waits 40 ms.
    """
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join()
