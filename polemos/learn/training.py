"""Train the learned event layer: two small spaCy text classifiers, by one seeded command.

    python -m polemos.learn.train --train /work/shared/gold/train --out polemos/data/models --seed 0

writes ``OUT/event`` ("is this sentence a political event": EVENT / NOT_EVENT), ``OUT/type``
(which of the 16 PLOVER types) and ``OUT/training.json`` (the command, seed, examples per source
and the held-back scores). Each model is ``spacy train`` on ``polemos/data/learn/textcat.cfg``: a bag of
words and word pairs, CPU only, a few MB, loading in well under a second. The same folder and seed
give the same models. Progress goes to stderr.
"""

from __future__ import annotations

import contextlib
import json
import random
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from polemos.extract.learned import model_text
from polemos.learn.convert import PLOVER, convert
from polemos.learn.examples import Example

CONFIG = Path(__file__).resolve().parent.parent / "data" / "learn" / "textcat.cfg"
EVENT_LABELS = ("EVENT", "NOT_EVENT")
HELD_BACK = 0.1  # of each task's examples, for spaCy's choice of the best model (not the GSR dev)


def task_cats(example: Example, task: str) -> dict[str, float] | None:
    """The ``doc.cats`` an example teaches for ``task`` ("event" or "type"), or None when it
    says nothing about it (a UN sentence has no PLOVER type)."""
    if task == "event":
        return {"EVENT": float(example.is_event), "NOT_EVENT": float(not example.is_event)}
    if example.event_type is None:
        return None
    return {label: float(label == example.event_type) for label in PLOVER}


def _write_corpora(examples: Sequence[Example], task: str, seed: int, folder: Path) -> Counter[str]:
    import spacy
    from spacy.tokens import DocBin

    tokenizer = spacy.blank("en").tokenizer
    taught = [(e, cats) for e in examples if (cats := task_cats(e, task)) is not None]
    random.Random(seed).shuffle(taught)
    cut = int(len(taught) * HELD_BACK)
    for name, part in (("dev", taught[:cut]), ("train", taught[cut:])):
        bin_ = DocBin(store_user_data=False)
        for example, cats in part:
            doc = tokenizer(model_text(example.text))
            doc.cats = cats
            bin_.add(doc)
        bin_.to_disk(folder / f"{task}.{name}.spacy")
    return Counter(e.source for e, _ in taught)


def train_task(examples: Sequence[Example], task: str, out: Path, seed: int, steps: int,
               work: Path, config: Path = CONFIG) -> dict[str, object]:
    """Train one classifier with ``spacy train`` and copy its best model to ``out/task``."""
    from spacy.cli.train import train as spacy_train

    sources = _write_corpora(examples, task, seed, work)
    overrides = {"paths.train": str(work / f"{task}.train.spacy"),
                 "paths.dev": str(work / f"{task}.dev.spacy"), "system.seed": seed,
                 "training.max_steps": steps,
                 "training.eval_frequency": max(50, min(400, steps // 5))}
    with contextlib.redirect_stdout(sys.stderr):  # spaCy's logger prints; our stdout stays clean
        spacy_train(config, work / task, overrides=overrides, use_gpu=-1)
    best = work / task / "model-best"
    target = out / task
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(best, target)
    # the corpora lived in a temporary folder: name it so, so the same run ships the same files
    config = target / "config.cfg"
    config.write_text(config.read_text().replace(str(work), "TEMPORARY_CORPUS_DIR"))
    meta = json.loads((best / "meta.json").read_text())
    return {"examples": dict(sorted(sources.items())), "held_back_scores": {
        k: round(v, 4) for k, v in (meta.get("performance") or {}).items()
        if isinstance(v, float)}}


def train(train_dir: str | Path, out: str | Path, seed: int = 0, steps: int = 4000,
          silver_per_class: int = 1000, config: Path = CONFIG) -> dict[str, object]:
    """Convert the open sets in ``train_dir`` and train both classifiers into ``out``.

    Returns what ``out/training.json`` records. Raises InputError for a missing set.
    """
    out_path = Path(out)
    out_path.mkdir(parents=True, exist_ok=True)
    conversion = convert(train_dir, seed=seed, silver_per_class=silver_per_class)
    record: dict[str, object] = {
        "command": f"python -m polemos.learn.train --train {train_dir} --out {out} --seed {seed}"
                   + (f" --steps {steps}" if steps != 4000 else ""),
        "seed": seed, "steps": steps, "skipped_rows": len(conversion.skipped)}
    with tempfile.TemporaryDirectory(prefix="polemos-train-") as tmp:
        for task in ("event", "type"):
            record[task] = train_task(conversion.examples, task, out_path, seed, steps, Path(tmp),
                                      config)
    (out_path / "training.json").write_text(json.dumps(record, indent=2) + "\n")
    return record

