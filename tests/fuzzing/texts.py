"""Article texts for the fuzz harness (issue 12): unique, real-looking news, and nasty texts.

Every generated text that must be kept carries a *marker*: a news sentence no other text in the
run holds, so a checker can find the stored article by its text whatever id, route or dedup rule
the store applies.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Verdict = Literal["good", "bad", "either"]  # must be kept / must be named / either is right

_PARTS = json.loads((Path(__file__).parents[1] / "fixtures" / "fuzz" / "news_parts.json")
                    .read_text(encoding="utf-8"))
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u180e"
_CONTROLS = "".join(map(chr, [*range(1, 9), 0x0b, 0x0c, *range(0x0e, 0x20), 0x7f, *range(0x80, 0xa0)]))
_EMOJI = ["🔥", "💣", "😢", "👍🏽", "👨‍👩‍👧", "🇲🇱", "🏳️‍🌈", "🧨", "💀"]
_RTL = ["قصف المتمردون مدينة كيدال يوم الثلاثاء مما أسفر عن مقتل ثلاثة جنود.",
        "המורדים הפגיזו את העיר ביום שלישי.", "\u202eRebels shelled Kidal\u202c", "\u200fمقتل ٣ جنود\u200e"]
_ABSURD = ["1e400 killed", "killing 1e400 people", "-3 soldiers were killed", "NaN people died",
           "killing 99999999999999999999999999 soldiers", "10^400 wounded",
           "killing 1,000,000,000,000,000,000 people", "killing ½ of the garrison",
           "killing ٣ soldiers", "3.5e308 soldiers were killed", "killing 0x7fffffff people",
           "killing -0 people", "killing ∞ soldiers"]


@dataclass(frozen=True)
class Payload:
    """An article text, what ``polemos.code_text`` must do with it, and its marker."""

    kind: str
    text: str
    verdict: Verdict
    marker: str | None


class Newsroom:
    """Writes short news reports, each with a first sentence used nowhere else in the run."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def sentence(self) -> str:
        for _ in range(1000):
            p = _PARTS
            tail = self.rng.choice(p["tails"]).format(n=self.rng.randint(2, 60))
            s = (f"{self.rng.choice(p['actors'])} {self.rng.choice(p['actions'])} "
                 f"{self.rng.choice(p['places'])} {self.rng.choice(p['days'])}, {tail}.")
            if s not in self.used:
                self.used.add(s)
                return s
        # the combinations ran out: a serial keeps the sentence unique
        s = f"Rebels shelled Kidal on Tuesday, killing {len(self.used) + 61} soldiers."
        self.used.add(s)
        return s

    def report(self, sentences: int = 2) -> tuple[str, str]:
        """(text, marker): a unique lead sentence and a few follow-ups."""
        lead = self.sentence()
        more = [self.rng.choice(_PARTS["follow_ups"]).format(n=self.rng.randint(2, 60))
                for _ in range(max(0, sentences - 1))]
        return " ".join([lead, *more]), lead


def _sprinkle(rng: random.Random, text: str, chars: str, rate: float = 0.15) -> str:
    return "".join(c + (rng.choice(chars) if rng.random() < rate else "") for c in text)


def payload(rng: random.Random, news: Newsroom, kind: str | None = None) -> Payload:
    """A text of the given (or a random) kind, with the verdict the fixed code must reach."""
    kind = kind or rng.choice(KINDS)
    body, lead = news.report(rng.randint(1, 3))
    if kind == "news":
        return Payload(kind, body, "good", lead)
    if kind == "emoji":
        return Payload(kind, _sprinkle(rng, body, "".join(_EMOJI) + " ", 0.1) + " " + lead, "good", lead)
    if kind == "rtl":
        return Payload(kind, f"{rng.choice(_RTL)} {body}", "good", lead)
    if kind == "zero-width":
        return Payload(kind, _sprinkle(rng, body, _ZERO_WIDTH, 0.3) + " " + lead, "good", lead)
    if kind == "control":
        return Payload(kind, _sprinkle(rng, body, _CONTROLS, 0.1) + "\n" + lead, "good", lead)
    if kind == "absurd-number":
        number = rng.choice([*_ABSURD, "killing " + "9" * rng.choice([400, 5000]) + " soldiers"])
        return Payload(kind, f"Rebels shelled Kidal on Tuesday, {number}. {lead}", "good", lead)
    if kind == "long-word":
        word = rng.choice("aZ9-") * rng.choice([2000, 20000, 100000])
        return Payload(kind, f"{lead} {word} {body}", "good", lead)
    if kind == "punctuation":
        text = rng.choice(["!?", ".", "-", "?!…", "!!!"]) * rng.randint(10, 3000)
        return Payload(kind, text, "good", text[:20])
    if kind == "tiny-sentences":
        return Payload(kind, "Hi. " * rng.randint(50, 2000) + lead, "good", lead)
    if kind == "line-separators":
        sep = rng.choice(["\u2028", "\u2029", "\u0085", "\r", "\x1c", "\x1e"])
        return Payload(kind, sep.join(body.split(" ", 3)) + sep + lead, "good", lead)
    if kind == "lone-surrogate":
        place = rng.choice(["Kidal", "\udfff", "\udc80town"])
        return Payload(kind, f"Rebels \ud800 shelled {place}. {lead}", "either", lead)
    if kind == "nul":
        return Payload(kind, f"{body}\x00{lead}", "either", lead)
    if kind == "combining":
        return Payload(kind, _sprinkle(rng, body, "\u0301\u0336\u0489\u20dd", 0.5) + " " + lead, "good",
                       lead)
    if kind == "whitespace":
        return Payload(kind, rng.choice([" ", "\n\n\t ", "\u00a0\u3000\u2003", "\r\n" * 50]), "bad", None)
    if kind == "empty":
        return Payload(kind, "", "bad", None)
    if kind == "markup":
        return Payload(kind, f"<script>alert(1)</script><p>{body}</p>{{{{x}}}} %s %n", "good", lead)
    raise ValueError(f"unknown payload kind {kind!r}")


KINDS = ("news", "news", "news", "emoji", "rtl", "zero-width", "control", "absurd-number",
         "long-word", "punctuation", "tiny-sentences", "line-separators", "lone-surrogate", "nul",
         "combining", "whitespace", "empty", "markup")

# (value, verdict): article dates the fixed code must accept, reject, or may do either with.
GOOD_DATES = ("2024-03-04", "2019-12-30", "1995-07-11", "2030-01-01", "0001-01-01", "9999-12-31",
              "2024-02-29", "2024-03-04T10:00:00Z")
BAD_DATES = ("2019-13-45", "0000-00-00", "2023-02-29", "2024-3-4", "yesterday", "20240304",
             "2024-03-04 and more")


def random_date(rng: random.Random) -> tuple[str | None, Verdict]:
    roll = rng.random()
    if roll < 0.2:
        return None, "good"
    if roll < 0.8:
        return rng.choice(GOOD_DATES), "good"
    return rng.choice(BAD_DATES), "bad"


def worst(*verdicts: Verdict) -> Verdict:
    """The verdict of a record built from parts: any bad part makes it bad."""
    if "bad" in verdicts:
        return "bad"
    return "either" if "either" in verdicts else "good"
