"""The symptoms section: the index page that lists the clinic's symptom articles."""

SYMPTOM_INDEX = {
    "title": "Symptoms",
    "slug": "symptoms",
    "show_in_menus": True,
    "summary": (
        "Plain-language guides to common back and joint problems: what they are, why they "
        "happen, what helps, and the warning signs that need urgent care."
    ),
    "intro": (
        "<p>These guides explain common musculoskeletal problems in everyday words. Each one is "
        "written and checked by our clinicians, and says when to see us and when to get urgent "
        "help instead. They are general information: a clinician needs to assess you before "
        "recommending treatment.</p>"
    ),
}
