"""Serving a store over HTTP: the FastAPI app, its parameters, its copy of the store (issue 16).

``create_app(db)`` builds the app; ``run(db, host=, port=)`` serves it (``polemos serve``).
DOCS: docs/serve.md
"""

from __future__ import annotations

from polemos.serve.app import create_app as create_app
from polemos.serve.server import run as run

__all__ = ["create_app", "run"]
