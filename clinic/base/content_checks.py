"""The checks editors see in the page editor's "Checks" panel (Wagtail's content checker).

Wagtail runs Axe over the page preview. Besides Axe's own rules (images without alt text)
and Wagtail's (empty meta description), the clinic's rules look for markers that the
preview of a page adds when the page has a problem (see includes/content_checks.html):
each marker is an empty hidden element, which fails Axe's "has-visible-text" check. What
the panel says is written for the page being edited: for the reading level, its target and
the sentences to simplify (as of the page's last saved draft, which the editor reloads on).
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.userbar import ContentCheckerItem

from .models import ClinicPage, ClinicSettings
from .readability import grade_above, quoted_hardest_sentences

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
        "help_text": _("Use shorter sentences and everyday words; aim for grade %(grade)s."),
    },
}


def rule_id(problem):
    return f"clinic-{problem}"


def reading_level_message(target, page=None):
    """The reading-level check in words: the target, and the page's hardest sentences."""
    help_text = PROBLEMS["reading-level"]["help_text"] % {"grade": target}
    if page is not None:
        text = page.reading_text()
        if grade_above(text, target) is not None:
            quoted = quoted_hardest_sentences(text, target)
            help_text = f"{help_text} {gettext('Simplify first:')} {quoted}"
    return {"error_name": PROBLEMS["reading-level"]["error_name"], "help_text": help_text}


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
        rule_id("urgent-help-missing"): PROBLEMS["urgent-help-missing"],
    }

    def __init__(self, in_editor=False, page=None):
        super().__init__(in_editor=in_editor)
        self.page = page

    def get_axe_messages(self, request):
        if isinstance(self.page, ClinicPage):
            message = reading_level_message(self.page.reading_grade_target(), self.page)
        else:
            message = reading_level_message(
                ClinicSettings.for_request(request).reading_grade_target
            )
        return {**self.axe_messages, rule_id("reading-level"): message}
