from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from clinic.web.outage import remember_contact

from .pagination import paginate
from .querysets import ClinicPageManager
from .readability import reading_grade
from .text import lines, plain_text


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

    panels = [
        FieldPanel("clinic_name"),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("address")],
            heading=_("Contact details"),
        ),
        FieldPanel("opening_hours"),
        MultiFieldPanel(
            [FieldPanel("emergency_number"), FieldPanel("urgent_care_advice")],
            heading=_("Urgent care"),
        ),
        FieldPanel("front_desk_email"),
    ]

    class Meta:
        verbose_name = _("clinic settings")
        verbose_name_plural = _("clinic settings")

    def __str__(self):
        return self.clinic_name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        remember_contact(self)

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
