"""Every rule id the engine emits has a plain one-line note for its tag on the pages."""

from __future__ import annotations

import re

from calfcoach.coaching.rule_notes import RULE_NOTES, rule_note
from tests.unit.test_docs import DOCUMENTED_FOR_THE_SPEC, engine_rule_ids

MAX_NOTE_CHARS = 100


def test_every_rule_id_the_engine_emits_has_a_note() -> None:
    emitted = engine_rule_ids()
    assert {"C6b", "P8", "S9", "D5", "H1", "T5"} <= emitted, "the scan sees every family"
    missing = emitted - set(RULE_NOTES)
    assert not missing, f"add a line to coaching/rule_notes.py for {sorted(missing)}"


def test_the_notes_name_no_rule_that_does_not_exist() -> None:
    assert set(RULE_NOTES) <= engine_rule_ids() | set(DOCUMENTED_FOR_THE_SPEC)


def test_the_table_does_not_count_as_emitting_ids() -> None:
    """The notes are one text table: the docs' scan must not see P2, H3 and H4 as emitted."""
    assert not {"P2", "H3", "H4"} & engine_rule_ids()


def test_each_note_is_one_short_plain_sentence() -> None:
    for rule, note in RULE_NOTES.items():
        assert note.endswith(".") and not note[0].islower(), rule
        assert len(note) <= MAX_NOTE_CHARS, rule
        assert not re.search(r"\b[A-Z]\d{1,2}b?\b|research|\bspec\b", note), (rule, note)


def test_an_unknown_id_has_an_empty_note() -> None:
    assert rule_note("C6b").startswith("The sides differ")
    assert rule_note("Z9") == ""
