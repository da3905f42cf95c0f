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
