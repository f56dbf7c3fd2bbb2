"""The "Our team" page, which lists the clinic's practitioners and serves their profiles."""

TEAM_PAGE = {
    "title": "Our team",
    "slug": "team",
    "show_in_menus": True,
    "summary": (
        "The clinicians who will see you: who they are, what they treat and the languages "
        "they speak."
    ),
}
