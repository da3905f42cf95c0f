"""``python -m polemos.learn.train``: train the learned event layer's two classifiers from the
open sets, seeded (the library is ``training.py``; figures go to stderr, nothing to stdout)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from polemos.errors import PolemosError
from polemos.learn.training import CONFIG, train

TRAIN_DOC = "Train the learned event layer's two classifiers from the open sets, seeded."


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


if __name__ == "__main__":
    sys.exit(train_main())
