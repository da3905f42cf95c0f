"""The trainer: ``spacy train`` on the converted sets, the same seed giving the same models."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from polemos.extract.learned import EventModel
from polemos.learn.cli import train_main

SENTENCES = ("Rebels attacked an army post, killing four soldiers.",
             "A flood killed ten villagers in the valley.",
             "Police detained students after a march.")


def _train(root: Path, out: Path, seed: int) -> list[tuple[float, dict[str, float]]]:
    from polemos.learn.training import train

    train(root, out, seed=seed, steps=30, silver_per_class=20)
    model = EventModel.load(out)
    return [model.scores(s) for s in SENTENCES]


def test_train_same_seed_same_predictions(train_dir: Path, tmp_path: Path) -> None:
    root = train_dir
    first = _train(root, tmp_path / "a", seed=0)
    assert _train(root, tmp_path / "b", seed=0) == first
    for task in ("event", "type"):
        assert ((tmp_path / "a" / task / "textcat" / "model").read_bytes()
                == (tmp_path / "b" / task / "textcat" / "model").read_bytes())
    for task in ("event", "type"):  # no trace of the run's temporary folder in what ships
        config = (tmp_path / "a" / task / "config.cfg").read_text()
        assert config == (tmp_path / "b" / task / "config.cfg").read_text()
        assert 'train = "TEMPORARY_CORPUS_DIR/' in config
    record = json.loads((tmp_path / "a" / "training.json").read_text())
    assert record["seed"] == 0 and record["skipped_rows"] == 4
    assert record["type"]["examples"] == {"ngec_first_sentence": 2, "ngec_headline": 3,
                                          "ngec_template": 6, "ucdp_headline": 1}


def test_train_missing_set_is_one_line(train_dir: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    root = train_dir
    (root / "keep_it_local_un_quadclass" / "en_annotations_binary_complete.tsv").unlink()
    assert train_main(["--train", str(root), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"train: {root}/keep_it_local_un_quadclass/en_annotations_binary_complete.tsv: "
                   "missing (expected the open training sets of issue 14 in this folder)"]
