"""The clinic's practitioners (one record per person: their profile for patients, and the
clinician named on the articles they review) and the "Our team" page that shows them."""

from django import forms
from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index

from clinic.base.models import ClinicPage
from clinic.base.seo import json_ld_script
from clinic.base.text import lines
from clinic.locations.models import LocationPage
from treatments.models import TreatmentPage

from .seo import person
from .slugs import SLUG_MAX_LENGTH, unique_slug

# The group permission that manages every practitioner record.
MANAGE = "people.change_practitioner"


class PractitionerQuerySet(models.QuerySet):
    def presentable(self):
        """The practitioners shown to patients: those whose profile has its credentials and
        a bio. Until then a patient sees the clinic's name, never a half-empty profile."""
        return self.exclude(credentials="").exclude(bio="")


class Practitioner(index.Indexed, ClusterableModel):
    """A clinician of the clinic: shown to patients on the team page, and named as the
    reviewer of the symptom articles they checked."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(
        max_length=SLUG_MAX_LENGTH,
        unique=True,
        blank=True,
        help_text=_("The profile's address, /team/<slug>/. Leave empty to make it from the name."),
    )
    role = models.CharField(max_length=80, blank=True, help_text=_("For example: 'Chiropractor'."))
    credentials = models.CharField(
        max_length=200, help_text=_("For example: 'DC, chiropractor, 15 years in practice'.")
    )
    bio = models.TextField(
        max_length=600, blank=True, help_text=_("Two or three sentences, shown to patients.")
    )
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    photo_alt = models.CharField(
        max_length=250,
        blank=True,
        verbose_name=_("photo alt text"),
        help_text=_("Describe the photo. Leave empty to use the image's own description."),
    )
    languages = models.TextField(
        blank=True, help_text=_("The languages they see patients in, one per line.")
    )
    treatments = ParentalManyToManyField(
        "treatments.TreatmentPage",
        blank=True,
        related_name="practitioners",
        help_text=_("The treatments they provide: each treatment's page lists them."),
    )
    locations = ParentalManyToManyField(
        "locations.LocationPage",
        blank=True,
        related_name="practitioners",
        help_text=_("Where they see patients: each location's page lists them."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practitioner",
        verbose_name=_("admin account"),
        help_text=_(
            "The clinician's login: approving a clinical review names this practitioner "
            "as the reviewer."
        ),
    )

    # A clinician editing their own record (people/permissions.py) sees what describes them;
    # who they are in the site (name, address, account, treatments, locations) is for the
    # managers.
    panels = [
        FieldPanel("name", permission=MANAGE),
        FieldPanel("slug", permission=MANAGE),
        FieldPanel("role"),
        FieldPanel("credentials"),
        FieldPanel("bio"),
        MultiFieldPanel([FieldPanel("photo"), FieldPanel("photo_alt")], heading=_("Photo")),
        FieldPanel("languages"),
        FieldPanel("treatments", widget=forms.CheckboxSelectMultiple, permission=MANAGE),
        FieldPanel("locations", widget=forms.CheckboxSelectMultiple, permission=MANAGE),
        FieldPanel("user", permission=MANAGE),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("practitioner")

    objects = PractitionerQuerySet.as_manager()

    def __str__(self):
        return f"{self.name}, {self.credentials}"

    def save(self, *args, **kwargs):
        if not self.slug:
            others = Practitioner.objects.exclude(pk=self.pk).values_list("slug", flat=True)
            self.slug = unique_slug(self.name, set(others))
        super().save(*args, **kwargs)

    @property
    def language_list(self):
        return lines(self.languages)

    @property
    def photo_alt_text(self):
        if not self.photo:
            return ""
        return self.photo_alt or self.photo.description

    @property
    def is_presentable(self):
        return bool(self.credentials and self.bio)

    @property
    def initials(self):
        """Shown in place of a photo: the first letters of the name's words, titles left out
        ("Dr. Maya Ellison" is "ME")."""
        words = [word for word in self.name.split() if not word.endswith(".")] or ["?"]
        return "".join(word[0] for word in words[:2]).upper()

    def reviewed_articles(self):
        """The live, public symptom articles this practitioner reviewed."""
        return self.articles.live().public().order_by("title")

    def provided_treatments(self):
        return TreatmentPage.objects.filter(practitioners=self).live().public().order_by("path")

    @cached_property
    def work_locations(self):
        """Read once for the profile and its structured data."""
        return list(LocationPage.for_patients().filter(practitioners=self))


class TeamPage(RoutablePageMixin, ClinicPage):
    """ "Our team": every practitioner as a card, and each one's profile at <slug>/."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("team page")

    @classmethod
    def find(cls):
        """The live, public team page, or None: what profile links point into."""
        return cls.objects.live().public().first()

    def practitioners(self):
        return (
            Practitioner.objects.presentable()
            .select_related("photo")
            .prefetch_related("photo__renditions")
        )

    def profile_url(self, practitioner, request=None):
        return self.get_url(request) + self.reverse_subpage("profile", args=[practitioner.slug])

    def full_profile_url(self, practitioner, request=None):
        return self.get_full_url(request) + self.reverse_subpage(
            "profile", args=[practitioner.slug]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["practitioners"] = self.practitioners()
        return context

    @path("<slug:slug>/", name="profile")
    def profile(self, request, slug):
        practitioner = self.practitioners().filter(slug=slug).first()
        if practitioner is None:
            raise Http404
        url = self.full_profile_url(practitioner, request)
        return self.render(
            request,
            template="people/practitioner_profile.html",
            context_overrides={
                "practitioner": practitioner,
                "profile_url": url,
                "person_json_ld": json_ld_script(person(practitioner, url, request)),
            },
        )

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        for practitioner in Practitioner.objects.presentable().only("slug"):
            urls.append({"location": self.full_profile_url(practitioner, request)})
        return urls
