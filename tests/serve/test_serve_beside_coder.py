"""The server beside a `polemos code` subprocess writing the same store: every request answers
200 while batches commit, the coder never finds the store busy, and the server ends up serving
what the coder stored (its copy refreshed after the batches)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import httpx
from serving import running

import polemos
from polemos.serve import create_app


def repeated_samples(path: Path, n: int) -> None:
    """``n`` articles: the bundled samples over and over, each with its own id and text."""
    samples = polemos.read_articles([polemos.sample_articles_path()])
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            a = samples[i % len(samples)]
            out.write(json.dumps({"id": f"{a.id}-{i}", "date": a.date,
                                  "text": f"{a.text}\n\nReport number {i}."}) + "\n")


def test_beside_coder_no_errors_and_new_data_served(own_store: Path, tmp_path: Path) -> None:
    articles = tmp_path / "articles.jsonl"
    repeated_samples(articles, 48)
    statuses: list[int] = []
    totals: list[int] = []
    with running(create_app(own_store, refresh_every=0.1)) as url, httpx.Client() as client:
        coder = subprocess.Popen(
            [sys.executable, "-m", "polemos", "code", str(articles), "--db", str(own_store),
             "--batch-size", "4", "--format", "jsonl", "-o", str(tmp_path / "out.jsonl")],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        while coder.poll() is None:
            for path in ("/events", "/incidents"):
                response = client.get(url + path, params={"limit": 5}, timeout=30)
                statuses.append(response.status_code)
                if path == "/events" and response.status_code == 200:
                    totals.append(response.json()["total"])
            time.sleep(0.02)  # a steady client, not a CPU hog that starves the coder
        _, err = coder.communicate()
        assert coder.returncode == 0, err
        assert "busy" not in err
        with polemos.open_store(own_store, read_only=True) as store:
            stored = store.counts()["mentions"]
        deadline = time.monotonic() + 10
        while totals[-1] != stored and time.monotonic() < deadline:
            time.sleep(0.1)
            totals.append(client.get(url + "/events", timeout=30).json()["total"])
    assert len(statuses) > 20 and set(statuses) == {200}
    assert totals[0] == 7 and totals[-1] == stored > 7
    assert totals == sorted(totals)  # each copy holds every batch the one before held
    assert len(set(totals)) > 2  # batches showed while the coder ran, not only at its end
