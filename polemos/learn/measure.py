"""``python -m polemos.learn.measure``: the learned layer measured alone and through the
coder (the command line is ``cli.measure_main``)."""

from __future__ import annotations

import sys

from polemos.learn.cli import measure_main

if __name__ == "__main__":
    sys.exit(measure_main())
