"""Errors the engine raises for bad input.

InvalidDocument        a document (assessment, check-in, plan) breaks the contract
"""

from __future__ import annotations


class InvalidDocument(ValueError):
    """A field of an input document is missing, out of range or contradictory.

    ``field`` is the dotted path of the offending field (``heel_raise.left``) so that
    the CLI and the web can name it in one line.
    """

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem
