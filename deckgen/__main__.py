"""Run the command line as `python -m deckgen`."""

from .cli import main

main()
