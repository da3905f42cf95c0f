"""``python -m polemos.learn.train``: train the learned event layer's two classifiers from the
open sets, seeded (the command line is ``cli.train_main``)."""

from __future__ import annotations

import sys

from polemos.learn.cli import train_main

if __name__ == "__main__":
    sys.exit(train_main())
