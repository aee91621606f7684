"""The terminal front end: the `scorecard` command, its rendering and the demo."""

from service.cli.commands import main

__all__ = ["main"]
