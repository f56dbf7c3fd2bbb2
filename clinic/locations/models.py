"""A clinic location: where patients go, when it is open, and how to get there."""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from clinic.base.models import ClinicPage, ClinicSettings
from clinic.base.phones import tel_uri
from clinic.base.seo import site_root_url
from clinic.base.text import lines

from . import hours

OPEN_MAP_DIRECTIONS = "https://www.openstreetmap.org/directions"
OPEN_MAP_SEARCH = "https://www.openstreetmap.org/search"


class LocationPage(ClinicPage):
    street = models.TextField(
        verbose_name=_("street address"), help_text=_("Street, suite, building: one per line.")
    )
    city = models.CharField(max_length=100)
    region = models.CharField(
        max_length=100, blank=True, verbose_name=_("state or region"), help_text=_("E.g. OR.")
    )
    postcode = models.CharField(max_length=20, blank=True, verbose_name=_("ZIP or postcode"))
    country = models.CharField(
        max_length=2, default="US", help_text=_("Two-letter country code, e.g. US.")
    )
    phone = models.CharField(max_length=40, blank=True, help_text=_("Empty: the clinic's."))
    email = models.EmailField(blank=True, help_text=_("Empty: the clinic's."))
    notification_email = models.EmailField(
        blank=True,
        verbose_name=_("appointment notifications email"),
        help_text=_(
            "Where this location's front desk is told of each new request for it; empty: the "
            "clinic's. The email holds only the reference and a link, never patient details."
        ),
    )
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    hours_note = models.TextField(
        blank=True,
        verbose_name=_("about the opening hours"),
        help_text=_("Shown under the hours, e.g. 'Evening visits by arrangement'."),
    )
    parking = models.TextField(blank=True)
    public_transport = models.TextField(blank=True)
    step_free_access = models.TextField(blank=True, verbose_name=_("step-free access"))
    treatments = ParentalManyToManyField(
        "treatments.TreatmentPage",
        blank=True,
        related_name="locations",
        help_text=_("The treatments offered here. None ticked: all of them."),
    )

    content_panels = ClinicPage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldPanel("city"),
                FieldPanel("region"),
                FieldPanel("postcode"),
                FieldPanel("country"),
                FieldPanel("latitude"),
                FieldPanel("longitude"),
            ],
            heading=_("Address"),
        ),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("notification_email")],
            heading=_("Contact"),
        ),
        InlinePanel("opening_spans", heading=_("Opening hours"), label=_("Opening hours")),
        FieldPanel("hours_note"),
        InlinePanel("closures", heading=_("Closures"), label=_("Closure")),
        MultiFieldPanel(
            [
                FieldPanel("parking"),
                FieldPanel("public_transport"),
                FieldPanel("step_free_access"),
            ],
            heading=_("Getting here"),
        ),
        FieldPanel("treatments"),
    ]
    search_fields = ClinicPage.search_fields + [index.SearchField("city")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("location")

    @classmethod
    def for_patients(cls):
        """The live, public locations in the page tree's order: the ones patients see and
        can choose."""
        return cls.objects.live().public().order_by("path")

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(
                {"longitude": _("Give both the latitude and the longitude, or neither.")}
            )

    @property
    def address_lines(self):
        last = " ".join(part for part in [self.region, self.postcode] if part)
        return [*lines(self.street), ", ".join(part for part in [self.city, last] if part)]

    def directions_url(self):
        """Directions on OpenStreetMap: a link out, nothing loaded from it on our pages."""
        if self.latitude is not None and self.longitude is not None:
            return f"{OPEN_MAP_DIRECTIONS}?{urlencode({'to': f'{self.latitude},{self.longitude}'})}"
        return f"{OPEN_MAP_SEARCH}?{urlencode({'query': ', '.join(self.address_lines)})}"

    @property
    def hours_summary(self):
        return hours.summary(self.opening_spans.all())

    def postal_address(self):
        return {
            "@type": "PostalAddress",
            "streetAddress": ", ".join(lines(self.street)),
            "addressLocality": self.city,
            "addressRegion": self.region,
            "postalCode": self.postcode,
            "addressCountry": self.country,
        }

    def contact(self, clinic):
        """(phone, email): the location's own, else the clinic's."""
        return self.phone or clinic.phone, self.email or clinic.email

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        context["week"] = hours.week(self.opening_spans.all(), today)
        context["next_closure"] = hours.next_closure(self.closures.all(), today)
        phone, email = self.contact(ClinicSettings.for_request(request))
        context.update(location_phone=phone, location_phone_uri=tel_uri(phone))
        context["location_email"] = email
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # The page marks today and the next closure: no cache may keep it past midnight.
        patch_cache_control(response, max_age=hours.seconds_until_tomorrow())
        return response

    def get_structured_data(self, request):
        clinic = ClinicSettings.for_request(request)
        phone, email = self.contact(clinic)
        data = {
            "@type": "MedicalClinic",
            "name": self.title,
            "url": self.get_full_url(request),
            "address": self.postal_address(),
            "openingHoursSpecification": [
                {
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": hours.SCHEMA_DAYS[span.weekday],
                    "opens": span.opens.strftime("%H:%M"),
                    "closes": span.closes.strftime("%H:%M"),
                }
                for span in self.opening_spans.all()
            ],
        }
        closures = [
            {
                "@type": "OpeningHoursSpecification",
                "validFrom": closure.first_day.isoformat(),
                "validThrough": closure.last_day.isoformat(),
                "opens": "00:00",
                "closes": "00:00",
            }
            for closure in self.closures.all()
            if closure.last_day >= timezone.localdate()
        ]
        if closures:
            data["specialOpeningHoursSpecification"] = closures
        if self.latitude is not None and self.longitude is not None:
            data["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(self.latitude),
                "longitude": float(self.longitude),
            }
        if phone:
            data["telephone"] = phone
        if email:
            data["email"] = email
        if LocationPage.objects.live().count() > 1:
            data["parentOrganization"] = {
                "@type": "MedicalOrganization",
                "name": clinic.clinic_name,
                "url": site_root_url(request) + "/",
            }
        return data


class OpeningSpan(Orderable):
    """One span of opening on a weekday; a day may have several (a lunch break)."""

    location = ParentalKey(LocationPage, on_delete=models.CASCADE, related_name="opening_spans")
    weekday = models.PositiveSmallIntegerField(choices=hours.WEEKDAYS)
    opens = models.TimeField()
    closes = models.TimeField()

    panels = [FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")]

    class Meta(Orderable.Meta):
        verbose_name = _("opening hours")

    def clean(self):
        if self.opens is not None and self.closes is not None and self.closes <= self.opens:
            raise ValidationError({"closes": _("Choose a closing time after the opening time.")})


class Closure(Orderable):
    """Days the location is closed (a holiday, training), shown from two months ahead."""

    location = ParentalKey(LocationPage, on_delete=models.CASCADE, related_name="closures")
    first_day = models.DateField()
    last_day = models.DateField()
    reason = models.CharField(max_length=120, blank=True, help_text=_("E.g. 'Thanksgiving'."))

    panels = [FieldPanel("first_day"), FieldPanel("last_day"), FieldPanel("reason")]

    class Meta(Orderable.Meta):
        verbose_name = _("closure")

    def clean(self):
        if self.first_day and self.last_day and self.last_day < self.first_day:
            raise ValidationError({"last_day": _("Choose a last day on or after the first.")})
