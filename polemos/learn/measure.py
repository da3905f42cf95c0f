"""``python -m polemos.learn.measure``: the learned layer measured alone (GSR halves) and through
the coder (a probe); figures to stdout, errors to stderr (the library is ``measuring.py``)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from polemos.errors import PolemosError
from polemos.extract.learned import MODELS, EventModel
from polemos.learn.measuring import measure_gsr, measure_probe

MEASURE_DOC = "The learned layer measured alone (GSR halves) and through the coder (a probe)."


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


if __name__ == "__main__":
    sys.exit(measure_main())
