"""Typed reading of ``.ics`` bytes with icalendar's own parser, for the tests.

icalendar types ``walk()`` as a list of plain components and a property as the union of every
value type; these helpers check the concrete type so the tests read typed values.
"""

from __future__ import annotations

from icalendar import Calendar, Event, vCategory, vInt, vText


def events(data: bytes) -> list[Event]:
    """Every VEVENT in the calendar, in file order."""
    found: list[Event] = []
    for component in Calendar.from_ical(data).walk("VEVENT"):
        assert isinstance(component, Event), type(component)
        found.append(component)
    return found


def sequence(event: Event) -> int:
    """The event's SEQUENCE as written (a missing one is a KeyError, not 0)."""
    value = event["sequence"]
    assert isinstance(value, vInt), type(value)
    return int(value)


def categories(event: Event) -> list[vText | str]:
    """The event's CATEGORIES as written (a missing one is a KeyError)."""
    value = event["categories"]
    assert isinstance(value, vCategory), type(value)
    return value.cats
