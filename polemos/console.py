"""Terminal side of the CLI: a progress bar on stderr (only on a terminal), records to a stream."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from typing import IO, Any

from polemos.output import (
    CSV_COLUMNS,
    event_table_rows,
    flat_mention,
    write_csv,
    write_jsonl,
)


def count(n: int, noun: str) -> str:
    """ "1 article", "2 articles": every count the CLI prints agrees with its noun."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


# What each count of RunResult.stats() says about articles, in order. A count another part of the
# driver adds is one more line here; counts a run does not report are left out.
_ARTICLE_COUNTS = (
    ("articles_coded", "coded"),
    ("articles_updated", "updated"),
    ("articles_skipped", "already stored"),
    ("articles_same_text", "the same text as another article"),
)


def run_summary(stats: Mapping[str, int | float], printed: int, *, stored: bool,
                output: str = "-") -> str:
    """The closing line of a run: what was coded, what the store already held, what was output.

    ``printed`` is the number of mention records written out; those beyond the run's new
    ``mentions`` are the ones the store already held, which a re-run prints again.
    Example: "0 articles coded, 6 already stored (31 mentions); 31 mentions printed".
    """
    new = int(stats.get("mentions", 0))
    same_text = int(stats.get("articles_same_text", 0))  # skipped too, but not "already stored"
    parts = []
    for key, words in _ARTICLE_COUNTS:
        n = int(stats.get(key, 0)) - (same_text if key == "articles_skipped" else 0)
        if key == "articles_coded":
            parts.append(f"{count(n, 'article')} {words}" + (f" ({count(new, 'mention')})" if n else ""))
        elif n and key == "articles_skipped" and not stored:  # without a store: seen earlier in the run
            parts.append(f"{n} repeated in the input")
        elif n and key == "articles_skipped":
            parts.append(f"{n} {words} ({count(max(printed - new, 0), 'mention')})")
        elif n:
            parts.append(f"{n} {words}")
    where = "printed" if output == "-" else f"written to {output}"
    return f"{', '.join(parts)}; {count(printed, 'mention')} {where}"


class ProgressReporter:
    """A rich progress bar when stderr is a terminal; with ``verbose``, one line per batch."""

    def __init__(self, label: str, *, verbose: bool = False) -> None:
        self.label = label
        self.verbose = verbose
        self.articles = 0
        self.batches = 0
        self._progress: Any = None
        self._task: Any = None

    def __enter__(self) -> ProgressReporter:
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import (
                MofNCompleteColumn,
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
            )

            self._progress = Progress(SpinnerColumn(), TextColumn("{task.description}"),
                                      MofNCompleteColumn(), TextColumn("{task.fields[mentions]} "
                                      "mentions"), TimeElapsedColumn(),
                                      console=Console(stderr=True), transient=True)
            self._progress.start()
            self._task = self._progress.add_task(self.label, total=None, mentions=0)
        return self

    def advance(self, articles: int, mentions: int) -> None:
        self.articles += articles
        self.batches += 1
        if self._progress is not None:
            self._progress.update(self._task, advance=articles, mentions=mentions)
        if self.verbose:
            print(f"polemos: batch {self.batches} stored: {count(self.articles, 'article')}, "
                  f"{count(mentions, 'mention')}", file=sys.stderr, flush=True)

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()


def _table(title: str | None, headers: Sequence[str], rows: Sequence[Sequence[Any]],
           out: IO[str]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False, header_style="bold")
    for header in headers:
        table.add_column(header, overflow="fold")
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    width = None if out.isatty() else 160  # files and pipes get a fixed, readable width
    Console(file=out, width=width).print(table)


def write_records(records: Sequence[dict[str, Any]], fmt: str, out: IO[str],
                  kind: str = "mention") -> None:
    """Records as JSON Lines, CSV or a readable table (events, or plain records for kind='plain')."""
    if fmt == "jsonl":
        write_jsonl(records, out)
    elif fmt == "csv":
        if kind == "mention":
            write_csv((flat_mention(r) for r in records), out, CSV_COLUMNS)
        elif records:
            write_csv(records, out, list(records[0]))
    elif kind == "mention":
        headers = ("date", "actor → recipient", "event", "cameo", "place", "dead")
        _table(count(len(records), "event mention"), headers, event_table_rows(records), out)
    elif records:
        _table(None, list(records[0]), [list(r.values()) for r in records], out)
    out.flush()


def write_rows(columns: Sequence[str], rows: Sequence[tuple], fmt: str, out: IO[str]) -> None:
    """Query results in the chosen format."""
    records = [dict(zip(columns, row, strict=True)) for row in rows]
    if fmt == "jsonl":
        write_jsonl(({k: _plain(v) for k, v in r.items()} for r in records), out)
    elif fmt == "csv":
        write_csv(records, out, columns)
    else:
        _table(count(len(rows), "row"), columns, rows, out)


def _plain(value: Any) -> Any:
    """JSON-safe values: dates and decimals as text."""
    if isinstance(value, (str, int, float, bool, list, dict)) or value is None:
        return value
    return str(value)


def write_incidents(records: Sequence[dict[str, Any]], fmt: str, out: IO[str]) -> None:
    """Incident records as JSON Lines, CSV (flat cells, like a mention's) or a readable table."""
    from polemos.output import INCIDENT_CSV_COLUMNS, flat_incident, incident_table_rows

    if fmt == "jsonl":
        write_jsonl(records, out)
    elif fmt == "csv":
        write_csv((flat_incident(r) for r in records), out, INCIDENT_CSV_COLUMNS)
    elif records:  # no empty frame: the command says on stderr why nothing matched
        headers = ("date", "type", "actors → recipients", "place", "dead", "articles", "sentence")
        _table(count(len(records), "incident"), headers, incident_table_rows(records), out)
    out.flush()
