"""Gentle home exercises for a back that is recovering from a spasm, shown on the back-spasms
article and the exercise therapy page. Each says to stop if the pain increases."""

from .stream import exercise

KNEE_TO_CHEST = exercise(
    "Knee-to-chest stretch",
    [
        "Lie on your back on a mat or carpet, with both knees bent and your feet flat.",
        "Hold the back of one thigh, just below the knee, with both hands.",
        "Slowly draw that knee towards your chest until you feel a gentle stretch in your "
        "lower back and buttock. Keep your other foot on the floor.",
        "Hold the stretch and breathe slowly. Then lower the leg slowly.",
        "Do the same with the other leg.",
    ],
    "Two or three times a day",
    "Stop if the pain increases, and tell your clinician. A gentle pull is fine; sharp or "
    "shooting pain is not.",
    reps=3,
    hold_seconds=20,
)

PELVIC_TILT = exercise(
    "Pelvic tilt",
    [
        "Lie on your back with your knees bent, your feet flat and hip-width apart, and your "
        "arms by your sides.",
        "Tighten your stomach muscles and gently press the small of your back into the floor. "
        "Your pelvis tips up a little.",
        "Hold, and keep breathing normally.",
        "Relax, and let your back return to its natural curve.",
    ],
    "Twice a day",
    "Stop if the pain increases, and tell your clinician. The movement is small: there is no "
    "need to push hard.",
    sets=2,
    reps=10,
    hold_seconds=5,
)

CAT_COW = exercise(
    "Cat–cow",
    [
        "Kneel on all fours, with your hands under your shoulders and your knees under your hips.",
        "Breathe out, and slowly round your back up towards the ceiling. Let your head drop.",
        "Breathe in, and slowly let your back sink into a gentle hollow. Lift your head a little.",
        "Move slowly between the two positions, only as far as is comfortable. Each round "
        "counts as one.",
    ],
    "Once or twice a day",
    "Stop if the pain increases, and tell your clinician. Put a folded towel under your knees "
    "if kneeling is uncomfortable.",
    reps=10,
)

PARTIAL_BRIDGE = exercise(
    "Partial bridge",
    [
        "Lie on your back with your knees bent, your feet flat and hip-width apart, and your "
        "arms by your sides.",
        "Gently tighten your stomach muscles and squeeze your buttocks.",
        "Lift your hips a little way off the floor, only as high as is comfortable. Keep your "
        "shoulders on the floor.",
        "Hold, and keep breathing normally. Then lower your hips slowly.",
    ],
    "Once a day",
    "Stop if the pain increases, and tell your clinician. Do not arch your back: a small lift "
    "is enough.",
    reps=8,
    hold_seconds=5,
)

# In the order to do them: stretches first, then the one that builds strength.
BACK_SPASM_EXERCISES = [KNEE_TO_CHEST, PELVIC_TILT, CAT_COW, PARTIAL_BRIDGE]
