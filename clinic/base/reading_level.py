"""The reading level as a publishing rule for health pages.

A health page whose text reads above the clinic's target grade (Settings › Clinic settings)
cannot be sent for clinical review, published, or approved from the editor: the editor is
told which sentences to simplify. A clinician (anyone who may publish the page) can let it
through by giving a reason in "Reason to accept this reading level"; the reason is recorded
in the page's history (`log_acceptance`), and is asked for again at each send, so an
accepted page does not stay accepted through later edits.
"""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.log_actions import LogFormatter, log

from .health_pages import HealthPageMixin
from .models import grade_target
from .readability import grade_above, quoted_hardest_sentences
from .text import words_patients_read

ACCEPTED = "clinic.reading_level_accepted"
REASON = "reading_level_reason"


def sends_to_patients(post, may_publish):
    """Whether the editor's `post` sends the page on its way to patients: submits it for
    review, publishes it, or approves it in review (all but saving a draft)."""
    if post.get("action-submit") or post.get("action-restart-workflow"):
        return True
    if post.get("action-publish"):
        return may_publish  # an editor's "publish" saves a draft
    return bool(post.get("action-workflow-action")) and (
        post.get("workflow-action-name") == "approve"
    )


def simplify_message(text, grade, target):
    """What the editor is told about `text`, which reads at `grade`, above grade `target`."""
    return gettext(
        "This page reads at school grade %(grade)s; patients need grade %(target)s or below. "
        "Simplify these sentences (shorter sentences, everyday words): %(sentences)s"
    ) % {"grade": grade, "target": target, "sentences": quoted_hardest_sentences(text, target)}


class HealthPageForm(WagtailAdminPageForm):
    reading_level_reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label=_("Reason to accept this reading level"),
        help_text=_(
            "Clinicians only: fill in to send or publish a page that reads above the clinic's "
            "target grade, e.g. 'The names of the joints cannot be simpler'. It is recorded in "
            "the page's history."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.may_publish():
            # Only a clinician may accept a page above the reading level.
            del self.fields[REASON]

    def may_publish(self):
        if self.for_user is None or (self.instance.pk is None and self.parent_page is None):
            return False
        if self.instance.pk:
            return self.instance.permissions_for_user(self.for_user).can_publish()
        return self.parent_page.permissions_for_user(self.for_user).can_publish_subpage()

    def site(self):
        return (self.instance if self.instance.pk else self.parent_page).get_site()

    def clean(self):
        cleaned_data = super().clean()
        if not sends_to_patients(self.data, self.may_publish()):
            return cleaned_data
        text = words_patients_read(cleaned_data.get("summary") or "", cleaned_data.get("body"))
        target = grade_target(self.site())
        grade = grade_above(text, target)
        if grade is None:
            return cleaned_data
        reason = (cleaned_data.get(REASON) or "").strip()
        if not reason:
            self.add_error(None, simplify_message(text, grade, target))
            if REASON in self.fields:
                self.add_error(
                    REASON,
                    _("Or, as a clinician, say why this page may read above the target."),
                )
        # The reason is recorded once the page is saved (log_acceptance).
        return cleaned_data


def log_acceptance(request, page):
    """Record a clinician's reason for letting `page` through above the reading level, from
    the editor's post (the after_create_page and after_edit_page hooks)."""
    reason = request.POST.get(REASON, "").strip()
    if not reason or not isinstance(page, HealthPageMixin):
        return
    # The form takes a reason only from someone who may publish the page.
    may_publish = page.permissions_for_user(request.user).can_publish()
    if not (may_publish and sends_to_patients(request.POST, may_publish)):
        return
    target = page.reading_grade_target()
    grade = grade_above(page.reading_text(), target)
    if grade is None:
        return
    log(
        page,
        ACCEPTED,
        user=request.user,
        revision=page.latest_revision,
        data={"grade": grade, "target": target, "reason": reason},
    )


def register_log_action(actions):
    @actions.register_action(ACCEPTED)
    class AcceptedFormatter(LogFormatter):
        label = _("Reading level accepted")

        def format_message(self, log_entry):
            return (
                gettext(
                    "Accepted to go out reading at grade %(grade)s (target %(target)s): %(reason)s"
                )
                % log_entry.data
            )
