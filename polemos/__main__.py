"""`python -m polemos` runs the CLI."""

from polemos.cli import main

main()
