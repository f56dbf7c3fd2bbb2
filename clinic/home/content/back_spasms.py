"""The first symptom article: back spasms, reviewed by one of the clinic's chiropractors."""

from .exercises import BACK_SPASM_EXERCISES
from .stream import callout, faq, heading, paragraph

# The clinic's first practitioner, who reviewed the article.
REVIEWER = {
    "name": "Dr. Maya Ellison",
    "role": "Chiropractor",
    "credentials": "DC, chiropractor",
    "languages": "English\nSpanish",
    "bio": (
        "Maya has treated back and neck pain for fifteen years. She starts every visit by "
        "listening, explains what she finds in plain words, and builds each plan around the "
        "exercises you can keep doing at home."
    ),
}
# The treatments she provides, by slug.
REVIEWER_TREATMENT_SLUGS = ["joint-manipulation", "soft-tissue-manipulation", "exercise-therapy"]

# Body region and symptom, for browsing the symptoms section.
TAGS = ["lower back", "muscle spasm"]

# The treatments the article recommends, by slug, in the order patients see them.
TREATMENT_SLUGS = [
    "joint-manipulation",
    "soft-tissue-manipulation",
    "circulation-therapies",
    "exercise-therapy",
]

BACK_SPASMS = {
    "title": "Back spasms",
    "slug": "back-spasms",
    "summary": (
        "What a back spasm is, why it happens, what helps in the first few days, how the clinic "
        "can help, and the warning signs that mean you need urgent care instead."
    ),
    "body": [
        paragraph(
            "<p>A back spasm can stop you in your tracks: you lift a bag or get out of the car, "
            "and the muscles beside your spine seize up. It can be frightening, but it is very "
            "common, and most spasms settle with simple care and time. They can usually be "
            "relieved without surgery.</p>"
        ),
        heading("What is a back spasm?"),
        paragraph(
            "<p>A spasm is an involuntary contraction: a sudden tightening of muscles that you "
            "did not choose to tense and cannot easily relax. In the back it affects the "
            "muscles alongside the spine, most often in the lower back. It may feel like a "
            "cramp, a hard knot or a tight band, and it can come and go over hours or days, "
            "more often when the muscles are already tender or inflamed.</p>"
            "<p>About eight in ten adults have a low-back spasm at some point in their lives, "
            "so if it has happened to you, you are far from alone.</p>"
        ),
        heading("Why do back muscles spasm?"),
        paragraph(
            "<p>Spasms often follow muscles being asked to do more than they are ready for: "
            "heavy lifting, a long drive, an awkward twist, an accident or a sports injury. "
            "Muscles spasm more easily when they are tight from too little exercise, or short "
            "of water or of electrolytes, the minerals such as sodium, potassium and magnesium "
            "that muscles and nerves need to work properly.</p>"
            "<p>A spasm is a symptom, not a disease in itself. It is the body guarding an area "
            "that is already under strain, such as a sore joint, a strained muscle or an "
            "irritated disc. Easing the spasm is the first step; treating what lies behind it "
            "is the second.</p>"
        ),
        callout(
            "tip",
            "What helps in the first few days",
            "<ul>"
            "<li>Keep moving gently. Short, easy walks usually help more than bed rest.</li>"
            "<li>Try cold or heat, wrapped in a cloth, for 15 to 20 minutes at a time.</li>"
            "<li>Rest on your back with pillows under your knees, or on your side with a pillow "
            "between them.</li>"
            "<li>Over-the-counter pain relief can help you keep moving: ask a pharmacist what "
            "suits you and follow the label.</li>"
            "<li>Drink water regularly, and avoid heavy lifting until the worst has passed.</li>"
            "</ul>",
        ),
        heading("How the clinic can help"),
        paragraph(
            "<p>See us if the spasm has not started to ease after a few days, keeps coming back, "
            "or stops you working or sleeping. Your first visit starts with an assessment, not "
            "treatment: a clinician asks how the pain started, examines how you move and checks "
            "the nerves to your legs. Most back spasms are a mechanical problem of muscles and "
            "joints; if anything points elsewhere, we will explain and refer you on.</p>"
            "<p>Your plan may then combine the treatments listed on this page: joint "
            "manipulation to free stiff joints, soft tissue manipulation to relax the muscle, "
            "circulation therapies to ease pain and swelling, and exercise therapy to build "
            "strength and flexibility. Recovery continues at home with regular activity, "
            "stretching and strength training. It is never too late to start, and activities "
            "you enjoy are the ones you will keep up.</p>"
        ),
        heading("Gentle exercises to try at home"),
        paragraph(
            "<p>Once the worst of a spasm has eased, these gentle exercises can help your back "
            "move more freely. Start slowly and do only what feels comfortable. If you are not "
            "sure they suit you, ask us first.</p>"
        ),
        *BACK_SPASM_EXERCISES,
        faq(
            [
                (
                    "How long does a back spasm last?",
                    "<p>A single spasm lasts seconds or minutes, but soreness can continue for "
                    "several days. Most episodes improve clearly within a week or two. If yours "
                    "is not improving, have it checked.</p>",
                ),
                (
                    "Should I stay in bed?",
                    "<p>No. Resting for a while is fine, but days in bed tend to make stiffness "
                    "worse and recovery slower.</p>",
                ),
                (
                    "Do I need an X-ray or MRI?",
                    "<p>Usually not. Scans rarely change the treatment of a straightforward "
                    "spasm. We will recommend imaging if your history or examination gives a "
                    "reason for it.</p>",
                ),
                (
                    "Will I need surgery?",
                    "<p>Very unlikely. Back spasms can usually be relieved with time, movement "
                    "and treatments like those on this page.</p>",
                ),
            ]
        ),
    ],
    "signs": (
        "Sudden tightening or cramping beside the spine, usually in the lower back\n"
        "A hard, tender knot in the muscle\n"
        "Pain when you bend, twist, stand up or get out of bed\n"
        "Stiffness that makes it hard to stand up straight\n"
        "Pain that comes and goes in waves"
    ),
    "causes": (
        "Overworked back muscles, for example from heavy lifting or yard work\n"
        "Sports injuries and sudden, awkward movements\n"
        "Falls and accidents\n"
        "Muscles that are tight from too little regular exercise\n"
        "Not drinking enough water\n"
        "An imbalance of electrolytes such as sodium, potassium or magnesium\n"
        "Strain already present in the back's joints, discs or muscles"
    ),
    "urgent_help": (
        "<p>Most back spasms are not dangerous, but some symptoms need medical help quickly. "
        "<b>Call 911 or go to the nearest emergency department</b>, rather than waiting for a "
        "clinic appointment, if you have back pain with any of these:</p>"
        "<ul>"
        "<li>numbness or tingling around the groin, genitals, buttocks or inner thighs</li>"
        "<li>new problems with your bladder or bowels, such as trouble passing urine or "
        "being unable to control it</li>"
        "<li>weakness in one or both legs that is getting worse or spreading, or trouble "
        "walking</li>"
        "<li>pain that started after a major fall, a car accident or another serious "
        "injury</li>"
        "<li>sudden, severe pain in the chest, upper back or belly, or pain with shortness "
        "of breath</li>"
        "</ul>"
        "<p><b>See a doctor or an urgent care center the same day</b> if your back pain comes "
        "with a fever, chills or feeling generally unwell, with weight loss you cannot "
        "explain, or if you have had cancer. If you are not sure how urgent it is, call 911 "
        "or your doctor's after-hours line: it is always better to be checked.</p>"
    ),
    "prevention": (
        "Exercise on most days: brisk walking, swimming or cycling all count\n"
        "Stretch your back, hips and the backs of your thighs every day\n"
        "Do strength training for your trunk, hips and legs two or three times a week\n"
        "Drink water regularly, more in hot weather or when you exercise\n"
        "Warm up before sport and heavy jobs\n"
        "Lift with your knees bent and the load close to your body\n"
        "Break up long spells of sitting with a short walk or stretch"
    ),
}
