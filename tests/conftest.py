"""Shared fixtures: one real spaCy model and one Knowledge per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def knowledge():
    from polemos.knowledge import load_knowledge

    return load_knowledge()


@pytest.fixture(scope="session")
def nlp(knowledge):
    return knowledge.nlp


@pytest.fixture(scope="session")
def plain_nlp():
    """The bare English model, without our EntityRuler (for stages that do not need actor data)."""
    from polemos.nlp import load_nlp

    return load_nlp()


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def coded_store(tmp_path_factory: pytest.TempPathFactory, knowledge):
    """The incident fixture articles coded into a store (mentions, articles, incidents), shared
    read-only by the API and dashboard tests (none stores through it)."""
    import polemos

    path = tmp_path_factory.mktemp("coded") / "news.duckdb"
    with polemos.open_store(path) as store:
        result = polemos.code_paths([FIXTURES / "incidents" / "news.jsonl"], knowledge=knowledge,
                                    store=store)
    assert result.mentions >= 6 and not result.failures
    return path
