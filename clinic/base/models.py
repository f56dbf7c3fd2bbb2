import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MinValueValidator
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
from .readability import reading_grade
from .text import lines, plain_text

# About one working day: what the clinic promises until its settings say otherwise.
DEFAULT_REPLY_HOURS = 8


@register_setting(icon="site")
class ClinicSettings(BaseSiteSetting):
    """The clinic's own details, edited under Settings › Clinic settings."""

    clinic_name = models.CharField(max_length=120, default="Lumbar Chiropractic")
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    address = models.TextField(blank=True, help_text=_("Street address, one line per line."))
    opening_hours = models.TextField(
        blank=True, help_text=_("One line per day or group of days, e.g. 'Mon–Fri 8:00–18:00'.")
    )
    emergency_number = models.CharField(
        max_length=20,
        default="911",
        help_text=_("The public emergency number shown next to urgent-care advice."),
    )
    urgent_care_advice = models.TextField(
        blank=True,
        help_text=_("Shown on every health page: when to skip the clinic and get urgent care."),
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
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("address")],
            heading=_("Contact details"),
        ),
        FieldPanel("opening_hours"),
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
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("social_image")], heading=_("Brand")),
        MultiFieldPanel(
            [FieldPanel("footer_links"), FieldPanel("privacy_page")], heading=_("Footer")
        ),
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

    @property
    def address_lines(self):
        return lines(self.address)

    @property
    def opening_hours_lines(self):
        return lines(self.opening_hours)


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
        parts = [self.summary]
        body = getattr(self, "body", None)
        if body:
            parts += body.stream_block.get_searchable_content(body)
        return plain_text(" ".join(parts))

    def content_problems(self):
        """Ids of the problems the editor's content checks flag (see content_checks.py)."""
        grade = reading_grade(self.reading_text())
        if grade is not None and grade > settings.CLINIC_READING_GRADE_TARGET:
            return ["reading-level"]
        return []


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
