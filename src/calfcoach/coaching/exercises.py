"""The exercise catalogue: every exercise the plan can prescribe, as plain data.

Each entry says what a runner calls the exercise, what it trains, how the plan
doses it (reps or seconds), what equipment it needs, how to do it and what to
think about while doing it. A1 supplies the calf-strength and spring work, A2
the four "bigger calves" exercises (its steps, lightly reworded, in its order).

``stress`` names the S6 stress kind an exercise introduces (at most one new kind
a week); ``contacts_per_unit`` lets the planner count foot contacts against P7's
cap of 100 for a beginner's plyometric session.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from calfcoach.coaching.vocabulary import ExerciseId, StressKind, Unit

__all__ = ["CATALOGUE", "Exercise", "exercise"]


@dataclass(frozen=True, slots=True)
class Exercise:
    """One exercise: who it is, how it is dosed, and how to do it."""

    id: ExerciseId
    name: str
    trains: str
    unit: Unit
    equipment: tuple[str, ...]
    steps: tuple[str, ...]
    cues: tuple[str, ...]
    source: str
    stress: StressKind | None
    contacts_per_unit: float


_BALANCE_AND_LOAD = ("wall or rail for balance", "weights: backpack or dumbbell (optional)")

_EXERCISES = (
    Exercise(
        id=ExerciseId.STRAIGHT_KNEE_CALF_RAISE,
        name="Straight-knee calf raise",
        trains="The big outer calf muscle (gastrocnemius): push-off force and ankle stiffness",
        unit=Unit.REPS,
        equipment=_BALANCE_AND_LOAD,
        steps=(
            "Stand tall with your knees straight and a hand on a wall or rail for balance, "
            "on one foot or both.",
            "Add load with a dumbbell in your free hand or a loaded backpack, heavy enough "
            "that the last reps of each set are hard.",
            "Rise onto your toes as high as you can, keeping your knees straight.",
            "Pause for a beat at the top.",
            "Lower your heels slowly, taking 2-3 seconds to reach the bottom, then rise again.",
        ),
        cues=(
            "Heavy and slow, never bouncy.",
            "Knees straight the whole set.",
            "A beat at the top, 2-3 seconds down.",
        ),
        source="A1",
        stress=None,
        contacts_per_unit=0.0,
    ),
    Exercise(
        id=ExerciseId.BENT_KNEE_CALF_RAISE,
        name="Bent-knee calf raise",
        trains="The deep calf muscle (soleus): keeps the ankle steady on hills and in late miles",
        unit=Unit.REPS,
        equipment=_BALANCE_AND_LOAD,
        steps=(
            "Stand with a hand on a wall or rail for balance, on one foot or both, and bend "
            "your knees a little.",
            "Add load with a dumbbell in your free hand or a loaded backpack, heavy enough "
            "that the last reps of each set are hard.",
            "Rise onto your toes as high as you can without straightening your knees.",
            "Pause for a beat at the top.",
            "Lower your heels slowly over 2-3 seconds, knees still bent, then rise again.",
        ),
        cues=(
            "Knees stay bent from first rep to last.",
            "A beat at the top, 2-3 seconds down.",
            "Load it: slow and heavy beats fast and light.",
        ),
        source="A1",
        stress=None,
        contacts_per_unit=0.0,
    ),
    Exercise(
        id=ExerciseId.POGO_JUMPS,
        name="Pogo jumps",
        trains="Spring and rhythm: quick, light ground contacts on a stiff, springy ankle",
        unit=Unit.SECONDS,
        equipment=(),
        steps=(
            "Stand tall with your feet hip-width apart and your knees soft, not locked.",
            "Bounce in place with small jumps, springing mostly from your ankles.",
            "Keep each contact quick and light and the height low, just off the ground.",
            "Breathe calmly and hold a steady rhythm for the whole round.",
            "Stop when the round ends, as soon as you lose the rhythm, or at any sharp pain.",
        ),
        cues=(
            "Stiffness and rhythm, not height.",
            "Quick, light, quiet contacts.",
            "Stay tall and breathe calmly.",
        ),
        source="A1",
        stress=StressKind.POGO,
        # P7 counts foot contacts; a steady pogo rhythm lands about 2.2 times a second.
        contacts_per_unit=2.2,
    ),
    Exercise(
        id=ExerciseId.JUMP_ROPE,
        name="Jump rope",
        trains="Spring and timing: many quick, light contacts at a calm, steady rhythm",
        unit=Unit.SECONDS,
        equipment=("jump rope", "exercise mat or other forgiving surface"),
        steps=(
            "Lay a mat on firm, flat ground and stand on it with the rope behind your heels.",
            "Turn the rope from your wrists and hop just high enough to clear it, landing on "
            "the balls of your feet.",
            "Keep the jumps low, your knees soft and your breathing calm.",
            "Jump in short blocks with a rest between them until you reach the session's total "
            "time.",
        ),
        cues=(
            "Calm, not hurried.",
            "Just clear the rope.",
            "Short blocks, easy breathing.",
        ),
        source="A1",
        stress=StressKind.JUMP_ROPE,
        contacts_per_unit=2.2,
    ),
    Exercise(
        id=ExerciseId.STRIDES,
        name="Strides",
        trains="Using your spring at speed: fast, relaxed running on quick, light feet",
        unit=Unit.SECONDS,
        equipment=("flat, clear stretch of about 100 m",),
        steps=(
            "Do them after your warm-up or at the end of an easy run, never cold.",
            "Start at an easy jog and build smoothly over 15-20 seconds to fast but relaxed, "
            "well short of a sprint.",
            "Keep your shoulders loose and your feet quick and light under you.",
            "Ease off gradually, then walk back to the start for full recovery before the next.",
        ),
        cues=(
            "Fast but relaxed.",
            "A smooth build, no sprint start.",
            "Full recovery between strides.",
        ),
        source="A1",
        stress=StressKind.STRIDES,
        contacts_per_unit=0.0,
    ),
    Exercise(
        id=ExerciseId.HILL_SURGES,
        name="Hill surges",
        trains="Calf power and push-off on a slope, inside an easy run",
        unit=Unit.SECONDS,
        equipment=("moderate hill on an easy-run route",),
        steps=(
            "During an easy run, find a moderate hill: steep enough to feel, not so steep that "
            "you strain.",
            "Surge uphill for about 10 seconds with quick, strong push-offs and a tall posture.",
            "Jog or walk back down slowly until you are fully recovered.",
            "Repeat for the planned number of surges, then finish the run easy.",
        ),
        cues=(
            "Short surge, full recovery.",
            "Tall and quick off the ground.",
            "Easy running either side.",
        ),
        source="A1",
        stress=StressKind.HILL_SURGES,
        contacts_per_unit=0.0,
    ),
    Exercise(
        id=ExerciseId.HILL_WALK,
        name="Hill walk",
        trains="Calf endurance with little impact: many ankle bends under body weight",
        unit=Unit.SECONDS,
        equipment=("hill or steep incline (a treadmill incline works)",),
        steps=(
            "On a rest day, find a hill or set a treadmill to a steep incline.",
            "Walk briskly uphill for the planned time, pushing off through the balls of your feet.",
            "Stay tall and let each heel come down before you push off again.",
            "Walk back down or along the flat to recover before the next climb.",
        ),
        cues=(
            "A brisk walk, not a run.",
            "Heel down, then push off the toes.",
            "Short climbs: finish fresh.",
        ),
        source="A1",
        stress=StressKind.HILL_WALKS,
        contacts_per_unit=0.0,
    ),
    Exercise(
        id=ExerciseId.ANKLE_RANGE,
        name="Knee-to-wall ankle mobiliser",
        trains="How far your ankle bends forward, so fast and downhill running spare the Achilles",
        unit=Unit.REPS,
        equipment=("wall",),
        steps=(
            "Kneel or half-lunge facing a wall with your front foot flat, a hand's width from "
            "the wall.",
            "Keeping the heel down, drive your knee towards the wall, in line with your "
            "second toe.",
            "Hold for 2 seconds at a firm stretch in the calf or ankle, then ease back.",
            "When your knee touches easily, move the foot back a little for the next reps.",
            "Finish the set, then switch sides.",
        ),
        cues=(
            "Heel stays down.",
            "Knee over the second toe.",
            "A firm stretch, never a pinch.",
        ),
        # A1 sets the knee-to-wall check and asks for "ankle range" work; the loaded
        # lunge mobilisation is the usual research-backed way to train it.
        source="A1 + research",
        stress=None,
        contacts_per_unit=0.0,
    ),
    Exercise(
        id=ExerciseId.SINGLE_LEG_BALANCE,
        name="Single-leg balance",
        trains="Ankle control on one leg, for trail footing and sharp turns",
        unit=Unit.SECONDS,
        equipment=(
            "wall or chair within reach",
            "cushion, folded towel or balance pad for the harder stage",
        ),
        steps=(
            "Stand on one foot on firm ground near a wall or chair, knee slightly soft.",
            "Hold your balance for the planned time with your hips level and posture tall.",
            "Once firm ground feels steady, stand on a cushion, folded towel or balance pad "
            "instead.",
            "Switch legs and repeat.",
        ),
        cues=(
            "Tall and still: let the foot do the work.",
            "Touch the wall only if you must.",
            "Firm ground first, then unstable.",
        ),
        # A1's table names single-leg balance for turns and trails but gives no how-to.
        source="A1 + research",
        stress=None,
        contacts_per_unit=0.0,
    ),
    Exercise(
        id=ExerciseId.WARM_UP,
        name="Warm-up",
        trains="Warm tissue before loading: readies the calves and Achilles for the session",
        unit=Unit.SECONDS,
        equipment=(),
        steps=(
            "Jog easily or walk briskly for 5-10 minutes.",
            "Stand on one foot and draw slow, full circles with the other ankle, about ten "
            "each way.",
            "Switch feet and repeat the circles.",
            "Start the session while you are still warm.",
        ),
        cues=(
            "Warm tissue, then load.",
            "Easy effort: you can talk.",
            "Big, slow ankle circles.",
        ),
        source="A1",
        stress=None,
        contacts_per_unit=0.0,
    ),
    Exercise(
        id=ExerciseId.STAIR_CALF_RAISE,
        name="Stair calf raise",
        trains="Calf strength and size through the full range, from a deep stretch to tiptoe",
        unit=Unit.REPS,
        equipment=("stair or step (flat ground works too)", "stair rail for balance"),
        steps=(
            "Stand on the edge of a stair with only the balls of your feet on it and your "
            "heels hanging over the edge (use flat ground if you have no stairs).",
            "Hold the stair rail for balance if you need to.",
            "Rise up onto your toes, then slowly lower your heels below the stair until you "
            "feel a stretch through your calf. If you have pain at the heel bone (insertional "
            "Achilles pain), stop level with the step and do not drop your heels below it.",
            "Hold for a moment, then rise up again and repeat.",
        ),
        cues=(
            "Slow on the way down.",
            "Feel the stretch, then rise.",
            "Pain at the heel bone? Stay level with the step.",
        ),
        source="A2",
        stress=None,
        contacts_per_unit=0.0,
    ),
    Exercise(
        id=ExerciseId.SEATED_CALF_RAISE,
        name="Seated calf raise",
        trains="The deep calf muscle (soleus), the one that works with the knee bent, under load",
        unit=Unit.REPS,
        equipment=("chair or bench", "moderate or heavy dumbbell"),
        steps=(
            "Sit with a flat back and a moderate or heavy dumbbell resting across your thighs, "
            "just above your knees.",
            "Staying seated, press through the balls of your feet to raise your heels and the "
            "dumbbell as high as you can.",
            "Pause there for a moment, then slowly lower your heels back to the floor.",
        ),
        cues=(
            "Flat back, weight just above the knees.",
            "Press through the balls of your feet.",
            "Pause at the top, slow on the way down.",
        ),
        source="A2",
        stress=None,
        contacts_per_unit=0.0,
    ),
    Exercise(
        id=ExerciseId.JUMP_SQUAT,
        name="Jump squat",
        trains="Explosive power: a fast, forceful push-off from hips, thighs and calves",
        unit=Unit.REPS,
        equipment=(),
        steps=(
            "Stand with your feet shoulder-width apart and your toes facing forward or "
            "slightly out.",
            "Keeping your feet flat and back straight, brace your core and push your hips "
            "back and down until your thighs are parallel to the floor (or as low as is "
            "comfortable).",
            "From the bottom of the squat, push through your feet and jump explosively off "
            "the ground, arms extending down along your sides.",
            "Land safely with your knees slightly bent.",
        ),
        cues=(
            "Brace before you drop.",
            "Explode up, land soft.",
            "Reset before the next rep.",
        ),
        source="A2",
        stress=StressKind.JUMP_SQUATS,
        # One two-footed landing per rep counts as one contact towards P7's cap.
        contacts_per_unit=1.0,
    ),
    Exercise(
        id=ExerciseId.FARMERS_CARRY,
        name="Farmer's carry",
        trains="Tall posture and whole-body strength under load, calves working on every step",
        unit=Unit.SECONDS,
        equipment=("two dumbbells",),
        steps=(
            "Hold a dumbbell in each hand, heavy enough to challenge you yet light enough "
            "that you keep good posture while walking.",
            "Brace your core, pull your shoulder blades back and down and stand tall; keep "
            "the weights from touching your outer thighs.",
            "Take a small step forward and start walking quickly with small steps, spine tall, "
            "shoulders back and head up.",
            "Keep walking for the planned time.",
        ),
        cues=(
            "Tall spine, shoulders back, head up.",
            "Quick, small steps.",
            "Weights clear of your thighs.",
        ),
        source="A2",
        stress=None,
        contacts_per_unit=0.0,
    ),
)


def _index(exercises: tuple[Exercise, ...]) -> dict[ExerciseId, Exercise]:
    """Key the catalogue by id in enum order, failing at import on a gap or duplicate."""
    by_id = {item.id: item for item in exercises}
    if len(by_id) != len(exercises) or set(by_id) != set(ExerciseId):
        missing = sorted(set(ExerciseId) - set(by_id))
        raise RuntimeError(f"exercise catalogue is incomplete or has duplicates: {missing}")
    return {exercise_id: by_id[exercise_id] for exercise_id in ExerciseId}


CATALOGUE: Mapping[ExerciseId, Exercise] = MappingProxyType(_index(_EXERCISES))


def exercise(exercise_id: ExerciseId | str) -> Exercise:
    """Look one up; raise KeyError with a clear message for an unknown id."""
    try:
        key = ExerciseId(exercise_id)
    except ValueError:
        known = ", ".join(CATALOGUE)
        raise KeyError(f"unknown exercise id {exercise_id!r}; known ids: {known}") from None
    return CATALOGUE[key]
