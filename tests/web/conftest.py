"""A coded store served by a real uvicorn server on loopback, and one headless Chromium for the
dashboard's tests (a missing browser fails them with the command that installs it)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "serve"))  # the serve tests' server helper
import browser  # noqa: E402
from serving import running  # noqa: E402

FIXTURES = Path(__file__).parent.parent / "fixtures"
ARTIFACTS = Path(__file__).parent.parent.parent / "test-artifacts" / "web"  # git-ignored


@pytest.fixture(scope="session")
def web_store(coded_store: Path) -> Path:
    """The store the API tests read too (tests/conftest.py): nothing here writes to it."""
    return coded_store


@pytest.fixture(scope="session")
def web_url(web_store: Path, knowledge: Any) -> Iterator[str]:
    from polemos.serve import create_app

    with running(create_app(web_store, knowledge=knowledge)) as url:
        yield url


@pytest.fixture(scope="session")
def driver() -> Iterator[Any]:
    why = browser.missing()
    if why:
        pytest.fail(f"no headless browser for the dashboard tests: {why}", pytrace=False)
    chrome = browser.start()
    yield chrome
    chrome.quit()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def escalation_url(tmp_path_factory: pytest.TempPathFactory, knowledge: Any) -> Iterator[str]:
    """A store where four attacks in Nigeria on one day raise an alert (tests/fixtures/web)."""
    import polemos
    from polemos.serve import create_app

    path = tmp_path_factory.mktemp("web-alerts") / "alerts.duckdb"
    with polemos.open_store(path) as store:
        result = polemos.code_paths([FIXTURES / "web" / "escalation.jsonl"], knowledge=knowledge,
                                    store=store)
    assert not result.failures
    with running(create_app(path, knowledge=knowledge)) as url:
        yield url
