"""The fixed nasty cases (issue 12's list), fed on every run beside the seeded random ones."""

from __future__ import annotations

import json
import random

from fuzzing.cases import Case, Record
from fuzzing.texts import KINDS, Newsroom, Verdict, payload


def _line(fields: object, ascii_only: bool = True) -> str:
    return json.dumps(fields, ensure_ascii=ascii_only)


def _jsonl(name: str, kind: str, lines: list[tuple[str, Record]], text: str | None = None,
           verdict: Verdict = "either", suffix: str = ".jsonl", heavy: bool = False) -> Case:
    data = "".join(line + "\n" for line, _ in lines).encode("utf-8")
    records = tuple(Record(r.marker, r.verdict, f":{i}") for i, (_, r) in enumerate(lines, start=1))
    return Case(name, kind, suffix, data, records, text=text, text_verdict=verdict,
                heavy=heavy)


def _txt(name: str, kind: str, text: str, verdict: Verdict, marker: str | None, date: str | None = None,
         heavy: bool = False, header: str | None = None) -> Case:
    head = header if header is not None else (f"date {date}\n" if date else "")
    return Case(name, kind, ".txt", (head + text).encode("utf-8", "surrogatepass"),
                (Record(marker, verdict),), text=text, date=date, text_verdict=verdict,
                heavy=heavy)


def fixed_cases(seed: int) -> list[Case]:
    """Every nasty input the issue names, once; ``heavy`` ones are slow even when fixed."""
    rng = random.Random(seed)
    news = Newsroom(random.Random(seed + 7))
    out: list[Case] = []

    def add(case: Case) -> None:
        out.append(case)

    # every text kind as a dated .txt (and so through code_text with that date)
    for kind in dict.fromkeys(KINDS):
        p = payload(rng, news, kind)
        add(_txt(f"f-kind-{kind}", f"txt/{kind}", p.text, p.verdict, p.marker, "2024-03-04"))
    body, lead = news.report(2)
    add(_txt("f-date-night", "txt/date-night", f"Date night turned deadly in Gao. {body}", "good", lead))
    add(_txt("f-header-only", "txt/header-no-text", "", "bad", None, "2024-03-04"))
    add(_txt("f-header-blank", "txt/header-no-text", "\n  \n", "bad", None, "2024-03-04"))
    for date in ("2019-13-45", "0000-00-00"):
        body, _ = news.report(1)
        add(_txt(f"f-impossible-{date}", "txt/impossible-date", body, "bad", None, date))
    for date in ("0001-01-01", "9999-12-31"):
        for kind in ("news", "absurd-number", "long-word"):
            p = payload(rng, news, kind)
            add(_txt(f"f-far-{date}-{kind}", "txt/far-date", p.text + " It happened last year, on "
                     "1 January, and will end next month.", "good", p.marker, date))
    number = "9" * 5000
    body, lead = news.report(1)
    add(_txt("f-5000-digits", "txt/absurd-number", f"{number} people were killed. {lead}", "good", lead,
             "2024-03-04"))
    add(_txt("f-punct-16k", "txt/punctuation", "!?" * 8192, "good", "!?" * 20, "2024-03-04"))
    add(_txt("f-dots", "txt/punctuation", ". " * 5000, "good", None, "2024-03-04"))
    body, lead = news.report(1)
    add(_txt("f-tiny-5000", "txt/tiny-sentences", "Hi.\n" * 5000 + lead, "good", lead, "2024-03-04"))
    add(_txt("f-tiny-50000", "txt/tiny-sentences", "Hi.\n" * 50000 + lead, "good", lead, "2024-03-04",
             heavy=True))
    body, lead = news.report(3)
    add(_txt("f-near-limit", "txt/near-limit", (body + " ") * (990_000 // (len(body) + 1)), "good", lead,
             "2024-03-04", heavy=True))
    add(_txt("f-5mb-line", "txt/5mb-line", "Rebels shelled Kidal " * 250_000, "either", None, "2024-03-04",
             heavy=True))
    add(_txt("f-long-word", "txt/long-word", "x" * 500_000, "either", None, "2024-03-04", heavy=True))

    # JSON Lines: separators inside strings, surrogates, nesting, ids, duplicates, malformed lines
    good = [news.report(2) for _ in range(6)]
    seps = [(_line({"id": "sep", "text": f"{good[0][0]}\u2028Second line.\u2029Third\u0085line."},
                   ascii_only=False), Record(good[0][1], "good")),
            (_line({"id": "sep2", "text": good[1][0]}), Record(good[1][1], "good"))]
    add(_jsonl("f-jsonl-separators", "jsonl/line-separators", seps, seps[0][0], "good"))
    surrogate = f'{{"id": "s1", "text": "Rebels \\ud800 shelled Kidal. {good[2][0]}"}}'
    add(_jsonl("f-jsonl-surrogate", "jsonl/lone-surrogate",
               [(surrogate, Record(good[2][1], "either")),
                (_line({"text": good[3][0]}), Record(good[3][1], "good"))],
               f"Rebels \ud800 shelled Kidal. {good[2][0]}"))
    add(_jsonl("f-jsonl-nested", "jsonl/nested",
               [("[" * 100_000 + "]" * 100_000, Record(None, "bad")),
                ('{"text": ' + "[" * 50_000 + "]" * 50_000 + "}", Record(None, "bad")),
                (_line({"id": "after-nested", "text": good[4][0]}), Record(good[4][1], "good"))]))
    body, lead = news.report(2)
    odd = [(_line({"id": value, "text": f"{body} ({index})"}), Record(f"{body} ({index})", "either"))
           for index, value in enumerate([17, 2.5, [1, 2], {"a": 1}, None, True, "x" * 10_000])]
    add(_jsonl("f-jsonl-odd-ids", "jsonl/odd-ids",
               [*odd, (_line({"id": "plain", "text": good[5][0], "extra": {"deep": [1, [2]]},
                              "lang": "en", "score": 1e308}), Record(good[5][1], "good"))]))
    (first, lead1), (second, _) = news.report(2), news.report(2)
    add(_jsonl("f-jsonl-duplicates", "jsonl/duplicate-ids",
               [(_line({"id": "dup", "text": first}), Record(lead1, "good")),
                (_line({"id": "dup", "text": second}), Record(None, "either")),
                (_line({"id": "copy", "text": first}), Record(lead1, "good"))]))
    body, lead = news.report(2)
    add(_jsonl("f-jsonl-malformed", "jsonl/malformed",
               [('{"id": "m1", "text": ', Record(None, "bad")), ("{'id': 1}", Record(None, "bad")),
                ('{"id": "m2", "text": "a\\u0000b"}', Record(None, "bad")),
                ('{"id": "m3", "text": "' + "y" * 200_000 + '"', Record(None, "bad")),
                ('[{"text": "array on a line"}]', Record(None, "bad")),
                (_line({"id": "m4", "text": body, "date": "0000-00-00"}), Record(None, "bad")),
                (_line({"id": "m5", "text": body, "date": 20240304}), Record(None, "bad")),
                (_line({"id": "m6", "text": body, "date": "9999-12-31"}), Record(lead, "good"))]))
    body, lead = news.report(2)
    add(_jsonl("f-jsonl-5mb", "jsonl/5mb-line",
               [(_line({"id": "big", "text": "Rebels shelled Kidal " * 250_000}), Record(None, "either")),
                (_line({"id": "after-big", "text": body}), Record(lead, "good"))], heavy=True))

    # JSON documents
    add(Case("f-json-nested", "json/nested", ".json", b"[" * 100_000 + b"]" * 100_000, file="bad"))
    add(Case("f-json-open", "json/nested", ".json", b"{\"a\": " * 50_000, file="bad"))
    body, lead = news.report(2)
    add(Case("f-json-object", "json/object", ".json", _line({"id": "obj", "text": body}).encode(),
             (Record(lead, "good"),)))
    body, lead = news.report(2)
    add(Case("f-json-mixed-array", "json/array", ".json",
             json.dumps([1, "x", None, [], {"text": body, "id": "arr-good"}, {"id": "no-text"}]).encode(),
             (Record(None, "bad"), Record(lead, "good"))))
    body, lead = news.report(2)
    add(Case("f-json-separators", "json/line-separators", ".json",
             json.dumps([{"id": "js", "text": body + "\u2028\u2029\u0085 end."}],
                        ensure_ascii=False).encode(),
             (Record(lead, "good"),)))

    # CSV: a field over 128 KB with good rows after it, ragged rows, quotes, NUL
    rows = [news.report(2) for _ in range(3)]
    csv_text = ("id,date,text\n"
                f"c1,2024-03-04,\"{rows[0][0]}\"\n"
                f"c2,2024-03-04,\"{'z' * 200_000}\"\n"
                f"c3,2024-03-04,{rows[1][0].replace(',', ';')}\n"
                "c4,2024-03-04,too,many,cells\n"
                "c5,2024-03-04\n"
                f"c6,2024-03-04,\"say \"\"hello\"\"\n{rows[2][0]}\"\n")
    add(Case("f-csv-huge-field", "csv/huge-field", ".csv", csv_text.encode(),
             (Record(rows[0][1], "good", ":2"), Record(None, "either", ":3"),
              Record(rows[1][1].replace(",", ";"), "good", ":4"), Record(None, "bad", ":5"),
              Record(None, "bad", ":6"), Record(rows[2][1], "good", ":7"))))
    add(Case("f-csv-nul", "csv/nul", ".csv", b"id,text\nn1,Rebels shelled\x00Kidal.\n", file="bad"))
    add(Case("f-csv-header-only", "csv/header-only", ".csv", b"id,date,text\n", file="either"))

    # HTML, unsupported files, encodings
    add(Case("f-html-empty", "html/empty", ".html", b"<html><body></body></html>", file="bad"))
    add(Case("f-html-scripts", "html/scripts", ".htm", b"<script>while(1){}</script><style>p{}</style>",
             file="bad"))
    body, lead = news.report(3)
    add(Case("f-html-broken", "html/broken", ".html", f"<p>{body}<div><<b></i></p".encode(), file="either"))
    add(Case("f-docx", "unsupported/.docx", ".docx", b"PK\x03\x04" + bytes(100), file="warn"))
    add(Case("f-pdf", "unsupported/.pdf", ".pdf", b"%PDF-1.7\n", file="warn"))
    add(Case("f-nosuffix", "unsupported/no-suffix", "", news.report(1)[0].encode(), file="warn"))
    body, lead = news.report(2)
    add(Case("f-utf16", "encoding/utf16", ".txt", body.encode("utf-16"), file="either"))
    add(Case("f-utf16-jsonl", "encoding/utf16", ".jsonl", _line({"text": body}).encode("utf-16"),
             file="either"))
    body, lead = news.report(2)
    add(Case("f-utf8-bom", "encoding/utf8-bom", ".txt", b"\xef\xbb\xbfdate 2024-03-04\n" + body.encode(),
             (Record(lead, "good"),)))
    add(Case("f-invalid-utf8", "encoding/invalid-utf8", ".txt", b"Rebels \xc3\x28 shelled Kidal.",
             file="bad"))
    add(Case("f-binary", "encoding/binary", ".txt", bytes(range(256)) * 4, file="bad"))
    add(Case("f-empty", "encoding/empty", ".jsonl", b"", file="bad"))
    add(Case("f-blank", "encoding/whitespace", ".json", b"  \n\t\n", file="bad"))
    return out
