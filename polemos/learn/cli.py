"""The learned layer's command lines: ``python -m polemos.learn.train`` and
``python -m polemos.learn.measure`` parse their arguments here and print (figures to stdout,
progress and errors to stderr), so the library modules (``training.py``, ``measuring.py``) never
write to stdout."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from polemos.errors import PolemosError
from polemos.extract.learned import MODELS, EventModel
from polemos.learn.measuring import measure_gsr, measure_probe
from polemos.learn.training import CONFIG, train

TRAIN_DOC = "Train the learned event layer's two classifiers from the open sets, seeded."
MEASURE_DOC = "The learned layer measured alone (GSR halves) and through the coder (a probe)."


def train_main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m polemos.learn.train", description=TRAIN_DOC)
    parser.add_argument("--train", required=True, help="the folder of open training sets")
    parser.add_argument("--out", required=True, help="where the models go (event/, type/)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--steps", type=int, default=4000, help="training steps per classifier")
    parser.add_argument("--config", type=Path, default=CONFIG, help="the spaCy training config")
    args = parser.parse_args(argv)
    try:
        record = train(args.train, args.out, args.seed, args.steps, config=args.config)
    except PolemosError as err:
        print(f"train: {err}", file=sys.stderr)
        return 1
    print(json.dumps(record, indent=2), file=sys.stderr)
    return 0


def measure_main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m polemos.learn.measure",
                                     description=MEASURE_DOC)
    parser.add_argument("--gsr", type=Path, help="a plover_gsr JSON file: the model alone")
    parser.add_argument("--probe", type=Path, help="a JSON Lines probe (text, is_event): the coder "
                        "with the layer off and on")
    parser.add_argument("--half", choices=["tune", "blind", "all"], default="all")
    parser.add_argument("--models", type=Path, default=MODELS)
    args = parser.parse_args(argv)
    try:
        if args.gsr:
            figures = measure_gsr(args.gsr, args.half, EventModel.load(args.models))
            print(json.dumps({"half": args.half, **figures}))
        if args.probe:
            for learned in (False, True):
                print(json.dumps({"learned": learned, **measure_probe(args.probe, learned)}))
    except PolemosError as err:
        print(f"measure: {err}", file=sys.stderr)
        return 1
    return 0
