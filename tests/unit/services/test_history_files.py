"""Reading many files in worker processes gives exactly what one process gives."""

from __future__ import annotations

from pathlib import Path

from calfcoach.services.history_files import PARALLEL_FROM_FILES, files_at, read_files

FILES = Path(__file__).resolve().parents[2] / "files" / "history"


def test_reading_in_two_processes_equals_reading_in_one() -> None:
    found = [(name, data) for name, data, _ in files_at([FILES]) if data is not None]
    many = (found * PARALLEL_FROM_FILES)[: PARALLEL_FROM_FILES + 3]
    many.append(("broken.gpx", b"<gpx><trk>"))
    alone = read_files(many, workers=1)
    together = read_files(many, workers=2)
    assert together == alone
    assert {"file": "broken.gpx", "error": alone[-1]["error"]} == alone[-1]
    assert sum("error" not in entry for entry in alone) >= PARALLEL_FROM_FILES
