"""The checks editors see in the page editor's "Checks" panel (Wagtail's content checker).

Wagtail runs Axe over the page preview. Besides Axe's own rules (images without alt text)
and Wagtail's (empty meta description), the clinic's rules look for markers that the
preview of a page adds when the page has a problem (see includes/content_checks.html):
each marker is an empty hidden element, which fails Axe's "has-visible-text" check.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.userbar import ContentCheckerItem

# Problem id (a page's `content_problems()`) -> what the editor is told.
PROBLEMS = {
    "urgent-help-missing": {
        "error_name": _("No “when to get urgent help” section"),
        "help_text": _(
            "Say which symptoms need urgent care instead of a clinic visit. "
            "The article cannot be published without it."
        ),
    },
    "reading-level": {
        "error_name": _("Text is harder to read than our target"),
        "help_text": _("Use shorter sentences and everyday words; aim for grade %(grade)s.")
        % {"grade": settings.CLINIC_READING_GRADE_TARGET},
    },
}


def rule_id(problem):
    return f"clinic-{problem}"


class ClinicContentCheckerItem(ContentCheckerItem):
    axe_run_only = [
        *ContentCheckerItem.axe_run_only,
        "image-alt",
        *(rule_id(problem) for problem in PROBLEMS),
    ]
    axe_custom_rules = [
        *ContentCheckerItem.axe_custom_rules,
        *(
            {
                "id": rule_id(problem),
                "impact": "serious",
                "selector": f'[data-content-check="{problem}"]',
                # The markers are hidden from readers of the preview.
                "excludeHidden": False,
                "tags": ["clinic"],
                "all": ["has-visible-text"],
                "enabled": True,
            }
            for problem in PROBLEMS
        ),
    ]
    axe_messages = {
        **ContentCheckerItem.axe_messages,
        "image-alt": {
            "error_name": _("Image without alt text"),
            "help_text": _("Describe the image for people who cannot see it"),
        },
        **{rule_id(problem): message for problem, message in PROBLEMS.items()},
    }
