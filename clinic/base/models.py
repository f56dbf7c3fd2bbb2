import math

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from clinic.web.outage import remember_contact

from .blocks import LinkBlock
from .pagination import paginate
from .phones import tel_uri
from .querysets import ClinicPageManager
from .readability import grade_above
from .reviews import ReviewState
from .text import words_patients_read

# Patient information should read at about a US school grade 8 or below.
DEFAULT_READING_GRADE = 8

# About one working day: what the clinic promises until its settings say otherwise.
DEFAULT_REPLY_HOURS = 8


@register_setting(icon="site")
class ClinicSettings(BaseSiteSetting):
    """The clinic's own details, edited under Settings › Clinic settings."""

    clinic_name = models.CharField(max_length=120, default="Lumbar Chiropractic")
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    emergency_number = models.CharField(
        max_length=20,
        default="911",
        help_text=_("The public emergency number shown next to urgent-care advice."),
    )
    urgent_care_advice = models.TextField(
        blank=True,
        help_text=_(
            "Shown at the top of the urgent-care box on every health page, e.g. 'We are not an "
            "emergency service.' The signs themselves are listed from Warning signs."
        ),
    )
    front_desk_email = models.EmailField(
        blank=True,
        verbose_name=_("appointment notifications email"),
        help_text=_(
            "Where the front desk is told of each new appointment request. The email holds "
            "only the reference and a link to the admin, never the patient's details."
        ),
    )

    notice = models.CharField(
        max_length=200,
        blank=True,
        verbose_name=_("site-wide notice"),
        help_text=_(
            "Shown at the top of every page while it is current, e.g. 'Closed 24–26 December. "
            "For urgent help call 911.'"
        ),
    )
    notice_starts = models.DateTimeField(
        null=True, blank=True, verbose_name=_("show from"), help_text=_("Empty: from now.")
    )
    notice_ends = models.DateTimeField(
        null=True, blank=True, verbose_name=_("show until"), help_text=_("Empty: until removed.")
    )
    reply_within_opening_hours = models.PositiveSmallIntegerField(
        default=DEFAULT_REPLY_HOURS,
        validators=[MinValueValidator(1)],
        verbose_name=_("reply to appointment requests within (opening hours)"),
        help_text=_(
            "What the clinic promises patients, counted in the opening hours of the request's "
            "location (8: about one working day). New requests waiting longer are flagged "
            "“Waiting too long” for the front desk."
        ),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown in the header in place of the clinic's name set in type. A wide logo "
            "with the clinic's name in it works best; its description is read out instead."
        ),
    )
    social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("social sharing image"),
        help_text=_(
            "Shown when a page is shared in a message or on social media, unless the page has "
            "a picture of its own. 1200 × 630 pixels works best."
        ),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("privacy notice"),
        help_text=_("Linked from the appointment form, next to the consent the patient gives."),
    )
    reading_grade_target = models.PositiveSmallIntegerField(
        default=DEFAULT_READING_GRADE,
        validators=[MinValueValidator(1), MaxValueValidator(18)],
        verbose_name=_("reading level target (school grade)"),
        help_text=_(
            "Health pages must read at this US school grade or below to be sent for clinical "
            "review or published, unless a clinician accepts them with a reason. 8 suits most "
            "patients."
        ),
    )
    first_visit_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("first visit page"),
        help_text=_("Linked from booking emails: what to bring and what happens at a visit."),
    )
    footer_links = StreamField(
        [("link", LinkBlock())],
        blank=True,
        help_text=_("The links at the foot of every page: privacy, accessibility, contact..."),
    )

    # The settings are read on every page: these come in the same query.
    select_related = ["logo", "social_image", "privacy_page"]

    panels = [
        FieldPanel("clinic_name"),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email")],
            heading=_("Contact details"),
            help_text=_("Addresses and opening hours are each location's, on its page."),
        ),
        MultiFieldPanel(
            [FieldPanel("notice"), FieldPanel("notice_starts"), FieldPanel("notice_ends")],
            heading=_("Site-wide notice"),
        ),
        MultiFieldPanel(
            [FieldPanel("emergency_number"), FieldPanel("urgent_care_advice")],
            heading=_("Urgent care"),
        ),
        MultiFieldPanel(
            [FieldPanel("front_desk_email"), FieldPanel("reply_within_opening_hours")],
            heading=_("Appointment requests"),
        ),
        FieldPanel("reading_grade_target"),
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("social_image")], heading=_("Brand")),
        MultiFieldPanel(
            [FieldPanel("footer_links"), FieldPanel("privacy_page")], heading=_("Footer")
        ),
        FieldPanel("first_visit_page"),
    ]

    class Meta:
        verbose_name = _("clinic settings")
        verbose_name_plural = _("clinic settings")

    def __str__(self):
        return self.clinic_name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        remember_contact(self)

    def clean(self):
        super().clean()
        errors = {}
        if self.phone and not tel_uri(self.phone).startswith("tel:+"):
            errors["phone"] = _(
                "Write the number with its area code, e.g. (503) 555-0147, or with its "
                "country code, e.g. +44 20 7946 0000."
            )
        if self.notice_starts and self.notice_ends and self.notice_ends <= self.notice_starts:
            errors["notice_ends"] = _("Choose an end after the start.")
        if (self.notice_starts or self.notice_ends) and not self.notice:
            errors["notice"] = _("Write the notice, or clear its dates.")
        if errors:
            raise ValidationError(errors)

    @property
    def phone_uri(self):
        return tel_uri(self.phone)

    def current_notice(self, now=None):
        """The notice if it shows at `now` (the present by default), else ""."""
        now = now or timezone.now()
        if not self.notice:
            return ""
        if self.notice_starts and now < self.notice_starts:
            return ""
        if self.notice_ends and now >= self.notice_ends:
            return ""
        return self.notice

    def seconds_until_notice_changes(self, now=None):
        """Whole seconds until the notice next appears or goes, or None if it never will:
        a page showing the site no longer than this is still right."""
        now = now or timezone.now()
        if not self.notice:
            return None
        upcoming = [moment for moment in (self.notice_starts, self.notice_ends) if moment]
        upcoming = [moment for moment in upcoming if moment > now]
        if not upcoming:
            return None
        return math.ceil((min(upcoming) - now).total_seconds())


def grade_target(site):
    """The clinic's reading level target for pages of `site` (its clinic settings)."""
    return ClinicSettings.for_site(site).reading_grade_target if site else DEFAULT_READING_GRADE


class ReviewReminder(models.Model):
    """An email that told a health page's reviewer its review falls due soon or is overdue:
    one per page, kind and due date, so it is sent once, and a new review (a new due date)
    lets the reminders go again."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=ReviewState.choices)
    next_review_due = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("review reminder")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "kind", "next_review_due"], name="one_reminder_per_review_due"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: page {self.page_id}, due {self.next_review_due}"


class ClinicPage(Page):
    """What every page of the clinic has: a short summary, used on cards and for search
    engines, and structured data for them."""

    summary = models.TextField(
        max_length=300,
        help_text=_("One or two sentences. Shown on cards and used as the meta description."),
    )

    content_panels = Page.content_panels + [FieldPanel("summary")]
    search_fields = Page.search_fields + [index.SearchField("summary")]

    # public() without a query of its own (see querysets.py).
    objects = ClinicPageManager()

    class Meta:
        abstract = True

    @property
    def meta_description(self):
        return self.search_description or self.summary

    @property
    def og_image(self):
        """The image that represents the page when it is shared; None for most pages."""
        return None

    def get_structured_data(self, request):
        """A JSON-LD object (a dict) describing the page, or None."""
        return None

    def reading_text(self):
        """The words patients read on the page, for the reading-level check."""
        return words_patients_read(self.summary, getattr(self, "body", None))

    def reading_grade_target(self):
        """The clinic's reading level target for this page (its site's clinic settings)."""
        return grade_target(self.get_site())

    def is_above_reading_level(self, target=None):
        return grade_above(self.reading_text(), target or self.reading_grade_target()) is not None

    def content_problems(self):
        """Ids of the problems the editor's content checks flag (see content_checks.py)."""
        return ["reading-level"] if self.is_above_reading_level() else []


class ClinicIndexPage(ClinicPage):
    """A section's front page: an introduction, then its pages, a dozen at a time."""

    intro = RichTextField(blank=True)

    content_panels = ClinicPage.content_panels + [FieldPanel("intro")]

    # Each section has one front page, which lists every page in it.
    max_count = 1
    per_page = 12
    listing_name = "children"

    class Meta:
        abstract = True

    def listing(self, request):
        """The live, public pages this index lists for `request`, in order."""
        raise NotImplementedError

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context[self.listing_name] = paginate(request, self.listing(request), self.per_page)
        return context

    def get_cached_paths(self):
        """The addresses a CDN may hold for this page: each page of its listing."""
        everything = self.listing(HttpRequest())  # a request without filters
        pages = Paginator(everything, self.per_page).num_pages
        return ["/"] + [f"/?page={number}" for number in range(2, pages + 1)]
