"""The ``calfcoach`` command (Typer): each command parses, calls a service and prints."""

from calfcoach.cli.main import app, main

__all__ = ["app", "main"]
