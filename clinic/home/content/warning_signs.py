"""The warning signs the clinic ships (safety.WarningSign): the back-pain red flags the form
asked about, and the emergencies the urgent-care advice named. Clinicians edit them in the
admin under Warning signs; each is loaded once."""

EMERGENCY = "emergency"
SAME_DAY = "same_day"

WARNING_SIGNS = [
    {
        "wording": "Numbness around the groin, genitals or buttocks",
        "urgency": EMERGENCY,
        "advice": (
            "With back pain, this can mean the nerves at the base of the spine are being "
            "squeezed (cauda equina syndrome). It needs treatment in hospital within hours."
        ),
    },
    {
        "wording": "New problems controlling your bladder or bowels",
        "urgency": EMERGENCY,
        "advice": (
            "With back pain, this can mean the nerves at the base of the spine are being "
            "squeezed (cauda equina syndrome). It needs treatment in hospital within hours."
        ),
    },
    {
        "wording": "Weakness in one or both legs that is spreading or worsening",
        "urgency": EMERGENCY,
        "advice": (
            "Weakness that spreads can mean a nerve is badly pressed and needs a doctor now."
        ),
    },
    {
        "wording": "Pain that started after a major fall, car accident or other injury",
        "urgency": EMERGENCY,
        "advice": (
            "A bad fall or accident can break a bone in the spine. Get checked before anyone "
            "treats it."
        ),
    },
    {
        "wording": "Chest pain, or pain spreading to your arm, neck or jaw",
        "urgency": EMERGENCY,
        "advice": "Chest pain can be a heart attack. Do not drive yourself.",
    },
    {
        "wording": "Difficulty breathing",
        "urgency": EMERGENCY,
        "advice": "Trouble breathing always needs a doctor at once.",
    },
    {
        "wording": "Sudden, severe pain unlike anything you have had before",
        "urgency": EMERGENCY,
        "advice": "Very sudden, severe pain in the back or belly can come from a blood vessel.",
    },
    {
        "wording": "Fever, or feeling generally unwell, with your back pain",
        "urgency": SAME_DAY,
        "advice": "Back pain with a fever can come from an infection that needs a doctor.",
    },
    {
        "wording": "Weight loss you cannot explain",
        "urgency": SAME_DAY,
        "advice": "Weight loss without a reason, with back pain, should be checked by a doctor.",
    },
]
