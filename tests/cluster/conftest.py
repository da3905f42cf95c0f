"""Mentions of the articles in tests/fixtures/cluster/articles.jsonl, coded once by the real
pipeline (spaCy, knowledge) for every clustering test."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from polemos.model import Article, mention_record
from polemos.pipeline import code_article

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture(scope="session")
def cluster_articles(knowledge) -> dict[str, tuple[Article, list[dict[str, Any]]]]:
    out = {}
    for line in (FIXTURES / "cluster" / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        article = Article(id=d["id"], text=d["text"], date=d["date"], title=d["title"],
                          source=d["source"])
        out[article.id] = (article, [mention_record(m) for m in code_article(article, knowledge)])
    return out
