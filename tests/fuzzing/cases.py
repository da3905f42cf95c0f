"""Fuzz cases (issue 12): seeded random inputs in every format plus fixed nasty ones.

One generator serves both runners, ``tests/test_fuzz.py`` (a few hundred cases) and
``benchmarks/fuzz.py`` (10,000). Each ``Case`` is a file's bytes and what the *fixed* code must do
with it on every route: which records a folder run must keep or name, what ``polemos code -``
must exit with, and whether ``polemos.code_text`` must return or raise ``InputError``.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from fuzzing.texts import GOOD_DATES, Newsroom, Payload, Verdict, payload, random_date, worst

FileVerdict = Literal["good", "bad", "either", "warn"]  # warn: must be named, exit code either way


@dataclass(frozen=True)
class Record:
    """One article inside a file: kept (its marker in a stored text) or named (file + ``where``)."""

    marker: str | None
    verdict: Verdict
    where: str = ""  # what follows the file name when it is named: ":3" for line 3


@dataclass(frozen=True)
class Case:
    name: str  # unique, dotless: the file is name + suffix
    kind: str  # the class it is counted under
    suffix: str
    data: bytes
    records: tuple[Record, ...] = ()
    file: FileVerdict = "good"  # must the file itself be named?
    text: str | None = None  # what polemos.code_text gets (None: not sent)
    date: str | None = None
    text_verdict: Verdict = "either"
    heavy: bool = False  # slow even when fixed: only in the long run
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def filename(self) -> str:
        return self.name + self.suffix

    @property
    def verdict(self) -> Verdict:
        """What the whole file amounts to: bad when anything in it must be named as failed."""
        return worst(*(r.verdict for r in self.records),
                     {"good": "good", "bad": "bad", "either": "either", "warn": "either"}[self.file])


def _txt(name: str, p: Payload, date: str | None, date_verdict: Verdict) -> Case:
    head = f"date {date}\n" if date else ""
    verdict = worst(p.verdict, date_verdict)
    # a file's text is code_text's text minus the header (the header is not article text)
    return Case(name, f"txt/{p.kind}", ".txt", (head + p.text).encode("utf-8", "surrogatepass"),
                (Record(p.marker, verdict),), text=p.text, date=date,
                text_verdict=worst(p.verdict, date_verdict))


def _fields(rng: random.Random, news: Newsroom, index: int) -> tuple[dict[str, object], Record, Payload]:
    p = payload(rng, news)
    date, date_verdict = random_date(rng)
    fields: dict[str, object] = {"text": p.text}
    if date is not None:
        fields["date"] = date
    id_roll = rng.random()
    id_verdict: Verdict = "good"
    if id_roll < 0.6:
        fields["id"] = f"a{index}-{rng.randrange(10**9)}"
    elif id_roll < 0.8:
        fields["id"], id_verdict = rng.choice([(7 + index, "either"), (1.5, "either"), ([1, 2], "either"),
                                               ({"x": 1}, "either"), (True, "either"), ("", "good"),
                                               ("x" * 5000, "either"), ("a\u0000b", "either")])
    if rng.random() < 0.2:
        fields.update({"title": "Clash", "url": "https://example.org/a", "source": "Wire",
                       "extra": {"nested": [1, {"k": None}]}, "lang": "en"})
    if rng.random() < 0.05:
        fields["text"] = rng.choice([None, 42, ["a"], {"t": "x"}])
        return fields, Record(None, "bad"), p
    return fields, Record(p.marker, worst(p.verdict, date_verdict, id_verdict)), p


def _bad_line(rng: random.Random) -> tuple[str, Verdict]:
    if rng.random() < 0.05:  # a BOM is dropped at the start of a file; mid-file it may be refused
        return "\ufeff{\"text\": \"bom\"}", "either"
    return rng.choice(['{"id": "x", "text": ', '{"text": "unterminated', "[1, 2", "null", "42",
                       '"just a string"', "{'id': 'single quotes'}", '{"text": "a",}', "}{",
                       '{"text": "x"} trailing', "[" * 100000 + "]" * 100000,
                       '{"text": ' + "[" * 50000 + "]" * 50000 + "}"]), "bad"


def _jsonl(name: str, rng: random.Random, news: Newsroom, suffix: str = ".jsonl") -> Case:
    lines: list[str] = []
    records: list[Record] = []
    first: Payload | None = None
    ascii_only = rng.random() < 0.5
    for i in range(rng.randint(1, 6)):
        if rng.random() < 0.12:
            lines.append("" if rng.random() < 0.3 else "   ")
            continue
        if rng.random() < 0.15:
            line, verdict = _bad_line(rng)
            lines.append(line)
            records.append(Record(None, verdict, f":{len(lines)}"))
            continue
        fields, record, p = _fields(rng, news, i)
        has_surrogate = any(0xD800 <= ord(c) <= 0xDFFF for c in p.text)
        lines.append(json.dumps(fields, ensure_ascii=ascii_only or has_surrogate))
        records.append(Record(record.marker, record.verdict, f":{len(lines)}"))
        first = first or p
    if suffix == ".json" and any(r.verdict != "good" and not r.marker for r in records):
        # under a .json name a broken line makes the whole file one broken document: the file is
        # named where the parser gave up, and the lines around it may or may not be kept
        records = [Record(r.marker, worst(r.verdict, "either") if r.marker else r.verdict) for r in records]
    end = "\r\n" if rng.random() < 0.2 else "\n"
    data = (end.join(lines) + (end if rng.random() < 0.8 else "")).encode("utf-8")
    kind = "jsonl/" + ("malformed" if any(r.verdict == "bad" and not r.marker for r in records)
                       else first.kind if first else "blank")
    return Case(name, kind, suffix, data, tuple(records), file="good" if records else "bad",
                text=first.text if first else None, text_verdict=first.verdict if first else "either")


def _json(name: str, rng: random.Random, news: Newsroom) -> Case:
    shape = rng.choice(["array", "array", "object", "lines", "malformed", "nested", "deep-field"])
    if shape == "lines":
        return _jsonl(name, rng, news, ".json")
    if shape in ("malformed", "nested"):
        text = ("[" * rng.choice([1000, 100000]) if shape == "nested" else
                rng.choice(['[{"text": "a"},', '{"text": "a"', "", " ", "[]x", '{"text": "\\ud800"']))
        return Case(name, f"json/{shape}", ".json", text.encode(), file="bad")
    items = [_fields(rng, news, i) for i in range(1 if shape == "object" else rng.randint(0, 5))]
    data: object = items[0][0] if shape == "object" else [f for f, _, _ in items]
    records = tuple(r for _, r, _ in items)
    if shape == "deep-field":  # valid JSON too deep for a recursive parser: kept or named
        data = [*data, {"id": "deep", "text": "x", "extra": json.loads("[" * 200 + "]" * 200)}] \
            if isinstance(data, list) else data
        records = tuple(Record(r.marker, worst(r.verdict, "either")) for r in records)
        raw = json.dumps(data, ensure_ascii=True).replace("[[]]", "[" * 5000 + "]" * 5000)
    else:
        raw = json.dumps(data, ensure_ascii=rng.random() < 0.5, indent=rng.choice([None, 2]))
    file: FileVerdict = "bad" if shape == "array" and not items else "good"
    return Case(name, f"json/{shape}", ".json", raw.encode("utf-8", "surrogatepass"), records,
                file="either" if file == "bad" else file)


def physical_lines(text: str) -> int:
    """Lines as the csv module counts them (\\r, \\n and \\r\\n end a line)."""
    return len(re.split(r"\r\n|\r|\n", text))


def _csv_cell(value: str) -> str:
    return '"' + value.replace('"', '""') + '"' if any(c in value for c in ',"\r\n') else value


def _csv(name: str, rng: random.Random, news: Newsroom) -> Case:
    header = rng.choice([["id", "date", "text"], ["text"], ["id", "date", "title", "text", "url"]])
    if rng.random() < 0.05:
        header = ["id", "body"]
    lines = [",".join(header)]
    records: list[Record] = []
    for i in range(rng.randint(1, 6)):
        line_no = physical_lines("\n".join(lines)) + 1
        roll = rng.random()
        p = payload(rng, news, rng.choice(["news", "news", "emoji", "rtl", "control", "line-separators"]))
        date = rng.choice(GOOD_DATES[:4])
        cells = {"id": f"c{i}-{rng.randrange(10**9)}", "date": date, "title": "T", "url": "u",
                 "text": p.text}
        verdict: Verdict = "good"
        if roll < 0.08:
            cells["text"] = p.text + " " + "x" * rng.choice([140_000, 300_000])  # > csv's 128 KB limit
            verdict = "either"
        row = [_csv_cell(str(cells[h])) if h in cells else "" for h in header]
        if 0.08 <= roll < 0.16:
            row.append("surplus")
            verdict = "bad"
        elif 0.16 <= roll < 0.22 and header[-1] == "text" and len(header) > 1:
            row = row[:-1]
            verdict = "bad"
        if "text" not in header:
            verdict = "bad"
        lines.append(",".join(row))
        records.append(Record(p.marker, verdict, f":{line_no}"))
    if rng.random() < 0.1:  # an unclosed quote swallows the rest of the file: kept or named
        lines.append('x1,2024-03-04,"never closed')
        records.append(Record(None, "either", f":{physical_lines(chr(10).join(lines[:-1])) + 1}"))
    data = ("\r\n" if rng.random() < 0.2 else "\n").join(lines) + "\n"
    if "text" not in header:
        return Case(name, "csv/no-text-column", ".csv", data.encode(), file="bad")
    shape = ("huge-field" if len(data) > 130_000 else "ragged" if any(r.verdict == "bad" for r in records)
             else "rows")
    return Case(name, f"csv/{shape}", ".csv", data.encode("utf-8"), tuple(records))


def _html(name: str, rng: random.Random, news: Newsroom) -> Case:
    shape = rng.choice(["page", "page", "empty", "scripts", "broken", "garbage"])
    body, lead = news.report(3)
    if shape == "page":
        more, _ = news.report(2)
        html = (f"<html><head><title>Clash</title><meta name='date' content='{rng.choice(GOOD_DATES)}'>"
                f"</head><body><nav>Home | News</nav><article><h1>Clash</h1><p>{body}</p><p>{more}</p>"
                "</article><footer>Copyright</footer></body></html>")
        return Case(name, "html/page", rng.choice([".html", ".htm"]), html.encode(), (Record(lead, "good"),))
    html = {"empty": "<html><body>   </body></html>",
            "scripts": "<html><head><script>var a = 1;</script></head><body><script>x()</script></body>",
            "broken": f"<html><body><p>{body}<div><<p>></b></i></body></html",
            "garbage": "<<<<>>>> <!-- never closed <![CDATA[ &#xFFFFFFFF; &bogus;"}[shape]
    verdict: FileVerdict = "bad" if shape in ("empty", "scripts") else "either"
    return Case(name, f"html/{shape}", ".html", html.encode(), file=verdict)


def _encoding(name: str, rng: random.Random, news: Newsroom) -> Case:
    shape = rng.choice(["empty", "whitespace", "binary", "invalid-utf8", "utf16", "utf8-bom", "late-nul",
                        "cesu"])
    suffix = rng.choice([".txt", ".jsonl", ".json", ".csv", ".html"])
    body, lead = news.report(2)
    if shape == "utf8-bom" and suffix == ".txt":
        return Case(name, "encoding/utf8-bom", suffix, b"\xef\xbb\xbf" + body.encode(),
                    (Record(lead, "good"),), text=body, text_verdict="good")
    raw = {"empty": b"", "whitespace": b" \n\t\r\n  ",
           "binary": bytes(rng.randrange(256) for _ in range(rng.randint(1, 4000))) + b"\x00",
           "invalid-utf8": body.encode()[:20] + b"\xc3\x28\xff" + body.encode(),
           "utf16": body.encode("utf-16"), "utf8-bom": b"\xef\xbb\xbf" + b"\xff" + body.encode(),
           "late-nul": (body + " " + "word " * 14000 + "\x00").encode(),
           "cesu": "Rebels \ud800 shelled".encode("utf-8", "surrogatepass")}[shape]
    # UTF-16 may be decoded or refused; trafilatura may drop a NUL 70 KB into a page
    file: FileVerdict = "either" if shape == "utf16" or (shape == "late-nul" and suffix == ".html") else "bad"
    return Case(name, f"encoding/{shape}", suffix, raw, file=file)


def _unsupported(name: str, rng: random.Random, news: Newsroom) -> Case:
    suffix, raw = rng.choice([(".docx", b"PK\x03\x04\x14\x00\x06\x00" + bytes(64)),
                              (".pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"),
                              ("", news.report(1)[0].encode()), (".doc", b"\xd0\xcf\x11\xe0")])
    return Case(name, f"unsupported/{suffix or 'no-suffix'}", suffix, raw, file="warn")


def _txt_random(name: str, rng: random.Random, news: Newsroom) -> Case:
    p = payload(rng, news)
    date, date_verdict = random_date(rng) if rng.random() < 0.7 else (None, "good")
    if date and " " in date:  # a header's date ends at the first space: the rest is text
        date = "2019-13-45"
    return _txt(name, p, date, date_verdict)


_FAMILIES = ((_txt_random, 25), (_jsonl, 25), (_json, 14), (_csv, 14), (_html, 8), (_encoding, 9),
             (_unsupported, 5))


def random_cases(seed: int, count: int, start: int = 0) -> Iterator[Case]:
    """``count`` seeded random cases: the same seed always gives the same bytes."""
    rng = random.Random(seed)
    news = Newsroom(random.Random(seed + 1))
    makers = [f for f, w in _FAMILIES for _ in range(w)]
    for i in range(start, start + count):
        yield rng.choice(makers)(f"r{i:05d}", rng, news)


def good_case(name: str, news: Newsroom, suffix: str = ".txt") -> Case:
    """A plain good article, mixed into every folder so lost good articles show."""
    body, lead = news.report(2)
    if suffix == ".jsonl":
        line = json.dumps({"id": name, "date": "2024-03-04", "text": body})
        return Case(name, "good", suffix, (line + "\n").encode(), (Record(lead, "good", ":1"),),
                    text=body, date="2024-03-04", text_verdict="good")
    return Case(name, "good", ".txt", f"date 2024-03-04\n{body}\n".encode(), (Record(lead, "good"),),
                text=body, date="2024-03-04", text_verdict="good")
