"""The warning signs ("red flags"): symptoms that need urgent medical care rather than a
chiropractic visit. One list, edited by clinicians in the admin; the appointment form asks
about it, the confirmation and the front desk act on it, and every health page's urgent-care
box shows it, so none of them can disagree with another."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Case, Value, When
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import RevisionMixin


class Urgency(models.TextChoices):
    EMERGENCY = "emergency", _("Emergency: call the emergency number now")
    SAME_DAY = "same_day", _("Same day: get urgent medical care today")


class WarningSignQuerySet(models.QuerySet):
    def shown(self):
        """The signs patients see: emergencies first, then same-day ones, each in the
        clinicians' order."""
        emergency_first = Case(When(urgency=Urgency.EMERGENCY, then=Value(0)), default=Value(1))
        return self.filter(active=True).order_by(emergency_first, "sort_order", "pk")


class WarningSign(RevisionMixin, models.Model):
    wording = models.CharField(
        _("wording"),
        max_length=200,
        unique=True,
        help_text=_(
            "The sign in the patient's own words, as the form asks about it, e.g. 'New "
            "problems controlling your bladder or bowels'."
        ),
    )
    urgency = models.CharField(
        _("how urgent"), max_length=10, choices=Urgency.choices, default=Urgency.EMERGENCY
    )
    advice = models.TextField(
        _("advice"),
        max_length=400,
        help_text=_(
            "A sentence or two on why this sign matters, shown beside it once it is ticked. "
            "The emergency number (or 'get urgent care today') is added after it."
        ),
    )
    active = models.BooleanField(
        _("asked on the form"),
        default=True,
        help_text=_(
            "Untick to stop asking about it and showing it on health pages. Requests keep "
            "the words patients ticked."
        ),
    )
    sort_order = models.IntegerField(null=True, blank=True, editable=False)
    # Deleting a sign deletes its revisions with it.
    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="warning_sign",
        for_concrete_model=False,
    )

    objects = WarningSignQuerySet.as_manager()

    panels = [
        FieldPanel("wording"),
        FieldPanel("urgency"),
        FieldPanel("advice"),
        FieldPanel("active"),
    ]
    sort_order_field = "sort_order"

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("warning sign")

    def __str__(self):
        return self.wording

    @property
    def is_emergency(self):
        return self.urgency == Urgency.EMERGENCY

    def as_ticked(self):
        """What a request keeps of this sign: the words the patient ticked and how urgent it
        was, so later edits of the list never change a stored request."""
        return {"wording": self.wording, "urgency": self.urgency}
