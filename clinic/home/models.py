from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from clinic.base.models import ClinicPage, ClinicSettings
from clinic.base.seo import site_root_url, therapy
from clinic.locations.models import LocationPage
from education.models import SymptomArticlePage
from treatments.models import TreatmentPage

NEWEST_ARTICLES = 3


class HomePage(ClinicPage):
    what_we_treat = RichTextField(
        blank=True,
        help_text=_("The problems the clinic helps with, in patients' words."),
    )

    content_panels = ClinicPage.content_panels + [FieldPanel("what_we_treat")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "treatments.TreatmentIndexPage",
        "education.SymptomIndexPage",
        "pages.ContentPage",
        "locations.LocationPage",
        "people.TeamPage",
    ]

    class Meta:
        verbose_name = _("home page")

    @cached_property
    def treatments(self):
        """The live treatments, listed on the page and in its structured data."""
        return list(
            TreatmentPage.objects.descendant_of(self)
            .live()
            .public()
            .select_related("hero_image")
            .prefetch_related("hero_image__renditions")
            .order_by("path")
        )

    @cached_property
    def locations(self):
        return list(LocationPage.for_patients().prefetch_related("opening_spans"))

    def newest_articles(self):
        return (
            SymptomArticlePage.objects.descendant_of(self)
            .live()
            .public()
            .order_by("-first_published_at")[:NEWEST_ARTICLES]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["treatments"] = self.treatments
        context["newest_articles"] = self.newest_articles()
        context["locations"] = self.locations
        return context

    def get_structured_data(self, request):
        clinic = ClinicSettings.for_request(request)
        data = {
            "@type": "MedicalClinic",
            "name": clinic.clinic_name,
            "description": self.meta_description,
            "url": site_root_url(request) + "/",
            "medicalSpecialty": "https://schema.org/Musculoskeletal",
            "availableService": [therapy(t, request) for t in self.treatments],
        }
        optional = {"telephone": clinic.phone, "email": clinic.email}
        data.update({key: value for key, value in optional.items() if value})
        if len(self.locations) == 1:
            data["address"] = self.locations[0].postal_address()
        elif self.locations:
            data["department"] = [
                {
                    "@type": "MedicalClinic",
                    "name": location.title,
                    "url": location.get_full_url(request),
                }
                for location in self.locations
            ]
        return data


class LoadedContent(models.Model):
    """A piece of the shipped content that `load_clinic_content` has loaded once.

    After that the piece is the editors': the command never recreates what they delete."""

    key = models.CharField(max_length=200, unique=True)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("loaded content")
        verbose_name_plural = _("loaded content")

    def __str__(self):
        return self.key
