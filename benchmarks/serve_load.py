"""Load on `polemos serve`: `python benchmarks/serve_load.py [--clients 50] [--seconds 30]
[--while-coding [N]] [--db FILE]`.

Starts `polemos serve` in a subprocess on 127.0.0.1, then runs CLIENTS concurrent clients (one
connection each, asyncio + httpx) for SECONDS against /events with mixed filters (type, dates,
country, bbox, text search, actor, pages). With --while-coding, a `polemos code` of N articles
(default 300: the bundled samples repeated, each with its own id and text) writes the same store
meanwhile. Without --db the store is made first from 200 such articles. Prints one JSON object:
requests, errors (any answer but 200, or no answer), requests per second, p50 and p99 latency,
and for the coder its exit status, seconds, whether it ever found the store busy, and whether
the server served all it stored afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

import polemos

FILTERS: tuple[dict[str, Any], ...] = (
    {}, {"type": "ASSAULT"}, {"since": "2020"}, {"until": "2021-06"}, {"country": "UKR"},
    {"q": "killed"}, {"actor": "ISR"}, {"bbox": "20,40,45,55"}, {"limit": 100},
    {"offset": 20, "limit": 20}, {"type": "PROTEST", "since": "2019-01-01"},
    {"quad_class": 4, "limit": 10},
)


def write_articles(path: Path, n: int, prefix: str) -> None:
    """``n`` articles: the bundled samples repeated, each with its own id and text."""
    samples = polemos.read_articles([polemos.sample_articles_path()])
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            a = samples[i % len(samples)]
            out.write(json.dumps({"id": f"{prefix}-{i}", "date": a.date, "title": a.title,
                                  "text": f"{a.text}\n\nReport {prefix} {i}."}) + "\n")


def polemos_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "polemos", *args]


def start_server(db: Path) -> tuple[subprocess.Popen[bytes], str]:
    with socket.create_server(("127.0.0.1", 0)) as sock:
        port = sock.getsockname()[1]
    proc = subprocess.Popen(polemos_cmd("serve", "--db", str(db), "--port", str(port)),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(url + "/health", timeout=5)
            return proc, url
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the server did not start")


async def client(url: str, until: float, seed: int, latencies: list[float],
                 errors: list[str]) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=60) as http:
        i = seed
        while time.monotonic() < until:
            params = FILTERS[i % len(FILTERS)]
            i += 1
            start = time.perf_counter()
            try:
                response = await http.get("/events", params=params)
                if response.status_code != 200:
                    errors.append(f"{response.status_code} {response.text[:200]}")
            except httpx.HTTPError as err:
                errors.append(f"{type(err).__name__}: {err}")
                continue
            latencies.append(time.perf_counter() - start)


async def load(url: str, clients: int, seconds: float) -> tuple[list[float], list[str]]:
    latencies: list[float] = []
    errors: list[str] = []
    until = time.monotonic() + seconds
    await asyncio.gather(*(client(url, until, k, latencies, errors) for k in range(clients)))
    return latencies, errors


def run(db: Path, folder: Path, args: argparse.Namespace) -> dict[str, Any]:
    server, url = start_server(db)
    coder = None
    try:
        if args.while_coding:
            articles = folder / "coding.jsonl"
            write_articles(articles, args.while_coding, f"load{time.time_ns()}")
            coder_start = time.perf_counter()
            coder = subprocess.Popen(polemos_cmd("code", str(articles), "--db", str(db), "-o",
                                                 os.devnull, "--format", "jsonl"),
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        latencies, errors = asyncio.run(load(url, args.clients, args.seconds))
        result: dict[str, Any] = {
            "clients": args.clients, "seconds": args.seconds, "requests": len(latencies),
            "errors": len(errors), "first_errors": errors[:3],
            "requests_per_second": round(len(latencies) / args.seconds, 1),
            "p50_ms": round(1000 * statistics.median(latencies), 1) if latencies else None,
            "p99_ms": round(1000 * statistics.quantiles(latencies, n=100)[98], 1)
            if len(latencies) > 1 else None}
        if coder is not None:
            _, err = coder.communicate()
            result["coder"] = {"articles": args.while_coding, "exit": coder.returncode,
                               "seconds": round(time.perf_counter() - coder_start, 1),
                               "busy": "busy" in err, "stderr_tail": err.strip()[-300:]}
            with polemos.open_store(db, read_only=True) as store:
                stored = store.counts()["mentions"]
            time.sleep(2)  # the server's copy follows within its refresh tick
            served = httpx.get(url + "/events", params={"limit": 1}, timeout=30).json()["total"]
            result["coder"]["served_all_stored"] = served == stored
        return result
    finally:
        server.terminate()
        server.communicate(timeout=30)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--while-coding", type=int, nargs="?", const=300, default=0, metavar="N")
    ap.add_argument("--db", type=Path, help="store to serve (default: a new one of 200 articles)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = args.db
        if db is None:
            db = folder / "load.duckdb"
            seed = folder / "seed.jsonl"
            write_articles(seed, 200, "seed")
            subprocess.run(polemos_cmd("code", str(seed), "--db", str(db), "-o", os.devnull),
                           check=True, stderr=subprocess.DEVNULL)
        print(json.dumps(run(db, folder, args), indent=1))


if __name__ == "__main__":
    main()
