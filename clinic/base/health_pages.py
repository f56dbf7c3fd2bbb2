"""What every health page (treatments, symptom articles) shares: the clinician who last
reviewed it, when, and when its next review is due.

The review is recorded only by a clinician's approval in the Clinical review workflow
(`record_clinical_review`), never typed. The practitioner model is named lazily
("people.Practitioner"), since clinic.base sits below the apps that build on it.
"""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page

from .models import ClinicSettings
from .reviews import ReviewState, due_soon_until, next_review_after, review_state
from .seo import person_reference


def reviewer_field(related_name):
    """The practitioner who last reviewed the page; `related_name` names a practitioner's
    pages of this kind (`practitioner.articles`). Each page type declares its own because a
    reverse name cannot be shared, and the articles' one predates this mixin."""
    return models.ForeignKey(
        "people.Practitioner",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
        verbose_name=_("clinical reviewer"),
    )


def clinical_review_panel():
    # Set by a clinician's approval in the Clinical review workflow, not typed.
    return MultiFieldPanel(
        [
            FieldPanel("reviewer", read_only=True),
            FieldPanel("last_reviewed", read_only=True),
            FieldPanel("next_review_due", read_only=True),
            # A field of HealthPageForm only, shown to those who may publish the page.
            FieldPanel("reading_level_reason"),
        ],
        heading=_("Clinical review"),
    )


def health_page_models():
    """Every concrete page type that keeps a clinical review."""
    return [model for model in apps.get_models() if issubclass(model, HealthPageMixin)]


def health_pages_due_for_review(today):
    """Health pages of every type, live or drafts, overdue or due within DUE_SOON_DAYS of
    `today`, as one query over Page: each row carries its review (`reviewer_pk`,
    `reviewer_name`, `last_reviewed`, `next_review_due`) read from its type's own table."""

    def review(field):
        # Each page has a row in one of the health page tables only: the first non-null.
        values = [F(f"{model._meta.model_name}__{field}") for model in health_page_models()]
        return Coalesce(*values) if len(values) > 1 else values[0]

    return (
        Page.objects.annotate(
            reviewer_pk=review("reviewer"),
            reviewer_name=review("reviewer__name"),
            last_reviewed=review("last_reviewed"),
            next_review_due=review("next_review_due"),
        )
        .filter(next_review_due__lte=due_soon_until(today))
        .order_by("next_review_due", "title")
    )


class HealthPageMixin(models.Model):
    """A page patients rely on for health advice. A page type using it declares
    `reviewer = reviewer_field("<its reverse name>")` and adds `clinical_review_panel()`."""

    last_reviewed = models.DateField(null=True, blank=True)
    next_review_due = models.DateField(null=True, blank=True)

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if (
            self.last_reviewed
            and self.next_review_due
            and self.next_review_due <= self.last_reviewed
        ):
            raise ValidationError(
                {"next_review_due": _("The next review must fall after the last review.")}
            )

    @transaction.atomic
    def record_clinical_review(self, user):
        """Record `user`'s review of today: on the page and in its latest revision, the one
        the workflow publishes. A clinician without a practitioner record gets one."""
        practitioners = apps.get_model("people", "Practitioner").objects
        reviewer = practitioners.get_or_create(
            user=user,
            defaults={
                "name": user.get_full_name().strip() or user.get_username(),
                "credentials": "Clinician",
            },
        )[0]
        today = timezone.localdate()
        review = {
            "reviewer": reviewer,
            "last_reviewed": today,
            "next_review_due": next_review_after(today),
        }
        for name, value in review.items():
            setattr(self, name, value)
        type(self).objects.filter(pk=self.pk).update(**review)
        revision = self.get_latest_revision()
        if revision is not None:
            revision.content.update(
                reviewer=reviewer.pk,
                last_reviewed=today.isoformat(),
                next_review_due=review["next_review_due"].isoformat(),
            )
            revision.save(update_fields=["content"])

    def with_content_json(self, content):
        # The review record describes the page as it stands, like its live status: it is
        # kept from the page, so publishing or reverting to an older revision (or a version
        # scheduled before the review) never brings back an older review.
        page = super().with_content_json(content)
        page.reviewer_id = self.reviewer_id
        page.last_reviewed = self.last_reviewed
        page.next_review_due = self.next_review_due
        return page

    @classmethod
    def due_for_review(cls, today):
        """Pages of this type, live or drafts, overdue or due within DUE_SOON_DAYS."""
        return (
            cls.objects.filter(next_review_due__lte=due_soon_until(today))
            .select_related("reviewer")
            .order_by("next_review_due", "title")
        )

    @property
    def review_overdue(self):
        return review_state(self.next_review_due, timezone.localdate()) == ReviewState.OVERDUE

    @cached_property
    def team_page(self):
        """Where practitioners' profiles are (None without a team page): read once for the
        page's "Reviewed by" link, its structured data and its practitioners' links."""
        return apps.get_model("people", "TeamPage").find()

    def reviewer_json_ld(self, request):
        """The reviewer's Person: a reference to their profile's, when there is a team page
        to hold it; the clinic, while the reviewer's profile is not complete."""
        if not self.reviewer.is_presentable:
            return {
                "@type": "MedicalOrganization",
                "name": ClinicSettings.for_request(request).clinic_name,
            }
        team_page = self.team_page
        if team_page is None:
            return {
                "@type": "Person",
                "name": self.reviewer.name,
                "description": self.reviewer.credentials,
            }
        return person_reference(self.reviewer, team_page.full_profile_url(self.reviewer, request))

    def medical_web_page(self, request, subject):
        """The page's JSON-LD: a MedicalWebPage about `subject` (a condition, a therapy),
        with its last review and reviewer."""
        data = {
            "@type": "MedicalWebPage",
            "name": self.seo_title or self.title,
            "description": self.meta_description,
            "url": self.get_full_url(request),
            "about": subject,
            "mainEntity": subject,
            "specialty": "https://schema.org/Musculoskeletal",
        }
        if self.last_reviewed:
            data["lastReviewed"] = self.last_reviewed.isoformat()
        if self.reviewer:
            data["reviewedBy"] = self.reviewer_json_ld(request)
        return data
