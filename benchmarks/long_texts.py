"""Time and peak memory of coding one long text: `python benchmarks/long_texts.py [--gold FILE]`.

For each length (25k to 1M characters) one article of realistic news text is coded in a fresh
process: the bundled sample articles (or, with ``--gold``, the texts of a JSONL of articles such
as the GVA dev set) joined by blank lines until the length is reached. Two odd texts follow:
50,000 one-line sentences and 16 KB of "!?". Each case reports the seconds ``code_article`` took
after the knowledge was loaded, the mentions found, and the process's resident memory after
loading and at its peak (``ru_maxrss``). Prints a table; ``--json`` prints the rows instead.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

LENGTHS = (25_000, 50_000, 100_000, 200_000, 500_000, 1_000_000)
ODD = (("lines", 50_000), ("punctuation", 16_384))


def news_text(chars: int, gold: Path | None) -> str:
    """``chars`` characters of news: whole articles joined by blank lines, the last one cut."""
    if gold is None:
        import polemos
        from polemos.ingest import read_paths
        from polemos.model import Article

        texts = [a.text for a in read_paths([polemos.sample_articles_path()])
                 if isinstance(a, Article)]
    else:
        with gold.open(encoding="utf-8") as lines:
            texts = [t for t in (json.loads(line).get("text") for line in lines if line.strip())
                     if isinstance(t, str) and t.strip()]
    out: list[str] = []
    size = 0
    while size < chars:
        for text in texts:
            out.append(text)
            size += len(text) + 2
            if size >= chars:
                break
    return "\n\n".join(out)[:chars]


def odd_text(kind: str, n: int) -> str:
    if kind == "lines":
        return "".join(f"Police arrested {i % 9 + 1} men in the town.\n" for i in range(n))
    return ("!?" * n)[:n]


def run_one(kind: str, n: int, gold: Path | None) -> dict[str, float | int | str]:
    """Code one text in this process and measure it (the child's side)."""
    import polemos
    from polemos.model import Article
    from polemos.pipeline import code_article

    text = news_text(n, gold) if kind == "news" else odd_text(kind, n)
    knowledge = polemos.load_knowledge()
    _ = (knowledge.nlp, knowledge.lexicon, knowledge.gazetteer)
    code_article(Article("warm", "Police killed two men in Baghdad on Monday.", "2020-01-01"),
                 knowledge)
    rss_load = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    mentions = code_article(Article("long", text, "2020-01-01"), knowledge)
    seconds = time.perf_counter() - started
    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"case": kind, "chars": len(text), "seconds": round(seconds, 2),
            "mentions": len(mentions), "rss_load_mb": round(rss_load / 1024),
            "rss_peak_mb": round(rss_peak / 1024)}


def run_fresh(kind: str, n: int, gold: Path | None, timeout: float) -> dict[str, float | int | str]:
    """One case in a fresh interpreter, so each peak is that case's own."""
    cmd = [sys.executable, __file__, "--one", kind, str(n)]
    if gold is not None:
        cmd += ["--gold", str(gold)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"case": kind, "chars": n, "seconds": float("inf"), "mentions": -1,
                "rss_load_mb": -1, "rss_peak_mb": -1, "error": f"over {timeout:.0f} s"}
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["?"])[-1]
        return {"case": kind, "chars": n, "seconds": float("nan"), "mentions": -1,
                "rss_load_mb": -1, "rss_peak_mb": -1, "error": tail}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, help="JSONL of articles whose texts make the news text")
    ap.add_argument("--lengths", type=int, nargs="+", default=list(LENGTHS))
    ap.add_argument("--no-odd", action="store_true", help="skip the two odd texts")
    ap.add_argument("--timeout", type=float, default=1800.0, help="seconds per case")
    ap.add_argument("--json", action="store_true", help="print the rows as JSON lines")
    ap.add_argument("--one", nargs=2, metavar=("KIND", "N"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one[0], int(args.one[1]), args.gold)))
        return
    cases = [("news", n) for n in args.lengths] + ([] if args.no_odd else list(ODD))
    print(f"{'case':<12}{'chars':>10}{'seconds':>10}{'µs/char':>9}{'mentions':>10}"
          f"{'RSS load MB':>13}{'RSS peak MB':>13}", file=sys.stderr if args.json else sys.stdout)
    for kind, n in cases:
        row = run_fresh(kind, n, args.gold, args.timeout)
        if args.json:
            print(json.dumps(row), flush=True)
            continue
        per_char = float(row["seconds"]) / max(int(row["chars"]), 1) * 1e6
        print(f"{row['case']:<12}{row['chars']:>10}{row['seconds']:>10}{per_char:>9.1f}"
              f"{row['mentions']:>10}{row['rss_load_mb']:>13}{row['rss_peak_mb']:>13}"
              f"{'  ' + str(row['error']) if 'error' in row else ''}", flush=True)


if __name__ == "__main__":
    main()
