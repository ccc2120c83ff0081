"""One plain line per rule id, for the small tag a page shows beside a decision or a reason.

The sentence a runner reads never names a rule: the id stays in the ``rule`` field, and a page
shows it as a tag whose tooltip is this line. docs/rules.md holds the full rules; this is the
short, runner-facing version of each (a test checks every id the engine emits has one). The
lines are one text table, ``ID | note``, so the docs' scan for emitted ids does not count them.
"""

from __future__ import annotations

from typing import Final

_TABLE = """
# The self-tests and the diagnosis
T5 | Skip the bounce test when a heel raise is weak or painful: it is a lot of hopping.
C0 | A warning sign or sharp pain in a test: see a clinician before training hard.
C1 | Under 10 clean heel raises on a side: build strength first.
C2 | Between 10 and 19 heel raises on a side: build strength first.
C3 | 20+ heel raises but the calves burn fast or light up on hills: build endurance.
C4 | 20+ heel raises and no burn, but a flat or awkward bounce: work on timing.
C5 | A short knee-to-wall reach or a lifting heel: the ankle needs more range.
C6 | One side's heel raise is clearly weaker than the other's.
C6b | The sides differ a little, within what a retest can tell: test again.
C7 | One ankle is clearly stiffer than the other.
C9 | A change counts as real only when it is bigger than a test's usual wobble.
C10 | Sore all the time or overloaded: hold off the block and recover first.
# Building the plan
P1 | Strength block: heavy, slow calf raises with low reps, and easy runs.
P2 | While building strength, keep every run easy for the first two weeks.
P3 | Endurance block: longer sets at a moderate load, short hill walks on rest days.
P4 | Sessions go on days that suit them, away from long runs and races.
P5 | An awkward bounce: start spring work with calm jump rope before pogo hops.
P6 | Hops and fast running come only once the heavy work feels steady.
P7 | A beginner keeps to 100 foot contacts of hopping a day.
P8 | The all-round four-week block, as planned.
P9 | Ankle-range work in every strength session and on two more days.
P10 | Weaker side first, with one extra set every week.
P11 | Warm up first: an easy jog or brisk walk and ankle circles.
P13 | Your running (hills, trails, races) shifts the exercises, not the goal.
G1 | Extra calf-size work twice a week, beside the strength work.
# Adjusting from check-ins
S1 | The day after went fine: carry on as planned.
S2 | Felt ropey the day after: the next session is lighter and the build waits.
S3 | Sharp pain: spring work stops for a while and strength steps back a week.
S4 | Pain during an exercise: the dose holds, or drops if it hurt a lot.
S5 | Stiffer in the morning: no step up next week.
S6 | Only one new kind of stress a week.
S7 | Calves clamped up on strides: strides stop for the rest of this week and next.
S8 | Week 4 keeps the loads and trims the volume, so you arrive fresh at the retest.
S9 | A week's running went up a lot faster than is safe.
M1 | You moved this session to another day of its week.
# The coach's roster
D1 | Needs a clinician: a warning sign or a painful test.
D2 | Reported sharp pain or limping in the last two days.
D3 | Planned sessions in the last week with nothing logged.
D4 | The retest is due.
D5 | A difference between left and right.
D6 | Nothing logged for 10 days.
# The week read from the running history
H1 | The day that most often holds the week's long run.
H2 | The days with clearly faster runs than usual.
H3 | How much of the running is uphill or downhill.
H4 | How much of the running is on trails or a track.
"""

RULE_NOTES: Final[dict[str, str]] = {
    rule: note
    for rule, _, note in (
        line.partition(" | ") for line in _TABLE.splitlines() if line and not line.startswith("#")
    )
}


def rule_note(rule: object) -> str:
    """The plain line for ``rule``; an id with no line (never expected) gets an empty one."""
    return RULE_NOTES.get(str(rule), "")
