"""A coded store and the API over it in a real uvicorn server on 127.0.0.1 (OS-chosen port)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from serving import running

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture(scope="session")
def api_url(coded_store: Path, knowledge: Any) -> Iterator[str]:
    """The API over ``coded_store``, read-only in these tests (no test stores through it)."""
    from polemos.serve import create_app

    with running(create_app(coded_store, knowledge=knowledge)) as url:
        yield url


@pytest.fixture
def own_store(coded_store: Path, tmp_path: Path) -> Path:
    """A copy of the coded store that a test may write."""
    target = tmp_path / "own.duckdb"
    shutil.copyfile(coded_store, target)
    return target
