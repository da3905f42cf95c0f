"""A damaged store, a read-only folder or file, and a full disk: `code`, `query`, `export` and
`demo` say so in one line, `polemos: error: <path>: <reason>`, exit 2, never a traceback
(issue 12). Readers need no writing, so they still read a store they cannot write."""

from __future__ import annotations

import contextlib
import json
import os
import random
import resource
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from polemos.cli import cli
from polemos.model import Article
from polemos.store import open_store

WRITERS = ("code", "demo")
READERS = ("query", "export")


def _args(command: str, db: Path, feed: Path, out: Path) -> list[str]:
    return {"code": ["code", str(feed), "--db", str(db)],
            "demo": ["demo", "--db", str(db)],
            "query": ["query", "SELECT sum(length(text)) FROM articles", "--db", str(db)],
            "export": ["export", "--format", "parquet", "--table", "articles", "-o", str(out),
                       "--db", str(db)]}[command]


def _store(db: Path, n: int = 200) -> None:
    words = random.Random(7)  # text that does not compress away: the file is mostly data
    with open_store(db) as store:
        store.write_batch("r0", [(Article(f"a{i}", " ".join(f"{words.random():.12f}"
                                                            for _ in range(300))), [])
                                 for i in range(n)])


def _feed(tmp_path: Path, chars: int = 200) -> Path:
    feed = tmp_path / "feed.jsonl"
    text = "Rebels attacked an army post near Goma on Monday, killing 4 soldiers. "
    feed.write_text("".join(json.dumps({"id": f"f{i}", "date": "2024-05-01",
                                        "text": f"{i}. " + text * max(1, chars // len(text))}) + "\n"
                            for i in range(6)))
    return feed


def _assert_one_line(code: int, stderr: str, where: Path, reason: str = "") -> None:
    assert code == 2, stderr
    assert stderr.startswith(f"polemos: error: {where}: "), stderr
    assert stderr.count("\n") == 1 and "Traceback" not in stderr, stderr
    assert reason in stderr


def test_store_damage_mid_file_is_one_line_for_every_command(tmp_path: Path, knowledge) -> None:  # noqa: ARG001 - shared model for in-process code/demo
    db = tmp_path / "s.duckdb"
    _store(db)
    size = db.stat().st_size
    with open(db, "r+b") as raw:  # noise over the middle half of the file, 4 KB in every 16 KB
        for offset in range(size // 4, 3 * size // 4, 16384):
            raw.seek(offset)
            raw.write(bytes(range(256)) * 16)
    runner = CliRunner()
    for command in (*READERS, *WRITERS):
        result = runner.invoke(cli, _args(command, db, _feed(tmp_path), tmp_path / "m.parquet"))
        _assert_one_line(result.exit_code, result.stderr, db, "damaged")


@contextlib.contextmanager
def _read_only(path: Path) -> Iterator[None]:
    """``path`` refuses writes, even to root (who ignores permission bits): chmod, and as root
    the immutable attribute too. Restored after."""
    mode = path.stat().st_mode
    path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    immutable = os.geteuid() == 0 and subprocess.run(
        ["chattr", "+i", str(path)], capture_output=True).returncode == 0
    try:
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        path.chmod(mode)


def _refuses_writes(folder: Path) -> bool:
    try:
        (folder / ".probe").write_text("x")
    except OSError:
        return True
    (folder / ".probe").unlink()
    return False


@pytest.mark.parametrize("what", ["folder", "file"])
def test_store_damage_read_only_store_writers_fail_readers_read(tmp_path: Path, what: str,
                                                                knowledge) -> None:  # noqa: ARG001
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "s.duckdb"
    _store(db, n=3)
    runner = CliRunner()
    with _read_only(folder if what == "folder" else db):
        if what == "folder":
            assert _refuses_writes(folder), "could not make the folder read-only"
        else:
            with pytest.raises(OSError):
                open(db, "r+b").close()
        for command in WRITERS:
            result = runner.invoke(cli, _args(command, db, _feed(tmp_path), tmp_path / "m.parquet"))
            _assert_one_line(result.exit_code, result.stderr, db)
        for command in READERS:  # DuckDB reads without writing: the stored data is still there
            result = runner.invoke(cli, _args(command, db, _feed(tmp_path), tmp_path / "m.parquet"))
            assert result.exit_code == 0, result.stderr
    assert (tmp_path / "m.parquet").exists()


def _full_disk() -> None:
    """In the child: files may grow to 16 KB and no further; the kernel's SIGXFSZ, which would
    kill the process, is ignored so that writes fail with EFBIG as on a full disk."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (16384, 16384))


def test_store_damage_full_disk_is_one_line(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    _store(db, n=3)
    feed = _feed(tmp_path, chars=4_000)  # 24 KB of text: more than the log may hold
    out = tmp_path / "m.parquet"
    runs = {command: subprocess.Popen([sys.executable, "-m", "polemos", *_args(command, db, feed, out)],
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                      preexec_fn=_full_disk)
            for command in ("code", "demo", "query")}
    for command, proc in runs.items():
        _, stderr = proc.communicate(timeout=300)
        if command == "query":  # reading needs no room
            assert proc.returncode == 0, stderr
        else:
            _assert_one_line(proc.returncode, stderr, db, "File too large")
    big = tmp_path / "big.duckdb"
    _store(big, n=20)  # its CSV export is larger than the 16 KB the child may write
    export = subprocess.run([sys.executable, "-m", "polemos", "export", "--format", "csv",
                             "--table", "articles", "-o", str(out), "--db", str(big)],
                            capture_output=True, text=True, preexec_fn=_full_disk, timeout=120)
    _assert_one_line(export.returncode, export.stderr, out, "File too large")


def test_store_damage_lone_surrogate_is_mended_by_the_reader(tmp_path: Path,
                                                             knowledge) -> None:  # noqa: ARG001
    # the JSON reader mends a lone surrogate to U+FFFD (docs/input.md): both articles are stored
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "bad", "date": "2024-05-01", "text": "Rebels \\ud800 attacked Goma."}\n'
                    '{"id": "good", "date": "2024-05-01", "text": "Rebels attacked an army post."}\n')
    db = tmp_path / "s.duckdb"
    result = CliRunner().invoke(cli, ["code", str(feed), "--db", str(db)])
    assert result.exit_code == 0 and "Traceback" not in result.stderr
    with open_store(db, read_only=True) as store:
        assert store.query("SELECT id, text FROM articles ORDER BY id")[1] == [
            ("bad", "Rebels \ufffd attacked Goma."), ("good", "Rebels attacked an army post.")]


def test_store_damage_lone_surrogate_from_the_api_fails_one_article_not_the_batch(
        tmp_path: Path, knowledge) -> None:
    # an Article built in Python skips the readers: the driver refuses it alone, before any lookup
    from polemos.pipeline import code_articles

    articles = [Article("bad", "Rebels \ud800 attacked Goma.", "2024-05-01", origin="api:1"),
                Article("good", "Rebels attacked an army post.", "2024-05-01", origin="api:2")]
    with open_store(tmp_path / "s.duckdb") as store:
        result = code_articles(articles, knowledge, store=store)
        assert [(f.where, f.field) for f in result.failures] == [("api:1", "text")]
        assert store.query("SELECT id FROM articles")[1] == [("good",)]
        assert store.query('SELECT "where", field FROM failures')[1] == [("api:1", "text")]
