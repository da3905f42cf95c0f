"""Training examples for the learned event layer, converted from the open sets in a train folder.

The folder holds (each with a PROVENANCE.txt stating its limits; issue 14):

- ``ngec_synthetic_plover/``: 4,500 GPT-2 stories prompted by PLOVER headline templates (MIT,
  Halterman). The label belongs to the prompt, and the story drifts from it, so only the filled
  headline and the story's first sentence are kept; and the 375 templates, filled with our names.
- ``keep_it_local_un_quadclass/``: UN sentences marked relevant or not (MIT, Osorio et al. 2024);
  they teach "event or not" only: QuadClass says nothing of the PLOVER type.
- ``ucdp_ged_sample/``: UCDP GED source headlines, all lethal organised violence (CC BY 4.0):
  events, of type ASSAULT.

Silver negatives (disasters, accidents, illness, sport, markets) come from ``polemos.learn.silver``.
A broken row is named (``path:line: field: reason``) and skipped; a missing file stops the run.
"""

from __future__ import annotations

import csv
import io
import random
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from polemos.datafiles import read_yaml
from polemos.errors import InputError
from polemos.learn.examples import Example
from polemos.learn.silver import silver_negatives

PLOVER = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
DATA = Path(__file__).resolve().parent.parent / "data" / "learn"
STORIES = "ngec_synthetic_plover/gpt_synthetic_events_2023-10-19_19.csv.zip"
TEMPLATES = "ngec_synthetic_plover/synthetic_headlines.csv"
UN_RELEVANCE = "keep_it_local_un_quadclass/en_annotations_binary_complete.tsv"
UCDP = "ucdp_ged_sample/ucdpged_sample.csv"
# a wire dateline opening a story: "(Reuters) --", "BAMAKO (AFP) -"
_WIRE = re.compile(r"^\s*(?:[A-Z][A-Za-z .,'-]{0,40})?\([A-Za-z ]{1,30}\)\s*[-—–]+\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


@dataclass(frozen=True, slots=True)
class Conversion:
    """The examples of a train folder, and the rows skipped, each as ``path:line: field: reason``."""

    examples: tuple[Example, ...]
    skipped: tuple[str, ...]


def first_sentence(story: str) -> str:
    """The story's first sentence, without a wire dateline ("(Reuters) --")."""
    paragraph = next((p for p in story.split("\n") if p.strip()), "")
    paragraph = _WIRE.sub("", paragraph).strip()
    return _SENTENCE_END.split(paragraph, maxsplit=1)[0].strip()


def _open(train: Path, relative: str) -> Path:
    path = train / relative
    if not path.is_file():
        raise InputError("missing (expected the open training sets of issue 14 in this folder)",
                         where=str(path))
    return path


def _stories(train: Path, skipped: list[str]) -> Iterator[Example]:
    path = _open(train, STORIES)
    with zipfile.ZipFile(path) as archive:
        name = archive.namelist()[0]
        rows = csv.DictReader(io.TextIOWrapper(archive.open(name), encoding="utf-8"))
        for line, row in enumerate(rows, start=2):
            label = (row.get("label") or "").strip()
            if label not in PLOVER:
                skipped.append(f"{path}:{line}: label: {label!r} is not a PLOVER type")
                continue
            headline = (row.get("prompt") or "").split("\n")[0].strip()
            if headline:
                yield Example(headline, True, label, "ngec_headline")
            opening = first_sentence(row.get("text") or "")
            if len(opening.split()) >= 5:
                yield Example(opening, True, label, "ngec_first_sentence")


def _templates(train: Path, skipped: list[str], rng: random.Random, copies: int) -> Iterator[Example]:
    path = _open(train, TEMPLATES)
    names = read_yaml(DATA / "fillers.yaml").data
    countries, cities = list(names["countries"]), list(names["cities"])
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            label, title = (row.get("event") or "").strip(), (row.get("title") or "").strip()
            if label not in PLOVER or not title:
                skipped.append(f"{path}:{line}: event: {label!r} is not a PLOVER type or no title")
                continue
            for _ in range(copies):
                c1, c2, c3 = rng.sample(countries, 3)
                text = title.replace("{country_1}", c1).replace("{country_2}", c2).replace(
                    "{country_3}", c3).replace("{city}", rng.choice(cities))
                yield Example(text, True, label, "ngec_template")


def _un(train: Path, skipped: list[str]) -> Iterator[Example]:
    path = _open(train, UN_RELEVANCE)
    seen: set[str] = set()
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle, delimiter="\t"), start=2):
            text, relevant = (row.get("en") or "").strip(), (row.get("Relevant") or "").strip()
            if relevant not in ("0", "1") or not text:
                skipped.append(f"{path}:{line}: Relevant: {relevant!r} is not 0 or 1")
                continue
            if text not in seen:
                seen.add(text)
                yield Example(text, relevant == "1", None, "un_relevance")


def _ucdp(train: Path, skipped: list[str]) -> Iterator[Example]:
    path = _open(train, UCDP)
    seen: set[str] = set()
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            headline = " ".join((row.get("source_headline") or "").split())
            # a UCDP source line may be a date, a name or a report title; a headline has words
            words = re.findall(r"[A-Za-z]{3,}", headline)
            if len(words) < 4:
                if headline:
                    skipped.append(f"{path}:{line}: source_headline: {headline[:40]!r} is no headline")
                continue
            if headline not in seen:
                seen.add(headline)
                yield Example(headline, True, "ASSAULT", "ucdp_headline")


def convert(train: str | Path, seed: int = 0, template_copies: int = 3,
            silver_per_class: int = 1000) -> Conversion:
    """The examples of every open set in ``train`` plus ``silver_per_class`` silver negatives
    of each class, in a fixed order (the same folder and seed give the same examples).

    Raises InputError when one of the sets is missing from the folder.
    """
    root, skipped = Path(train), list[str]()
    rng = random.Random(seed)
    examples = [*_stories(root, skipped), *_templates(root, skipped, rng, template_copies),
                *_un(root, skipped), *_ucdp(root, skipped),
                *silver_negatives(DATA / "silver_negatives.yaml", rng, silver_per_class)]
    return Conversion(tuple(examples), tuple(skipped))
