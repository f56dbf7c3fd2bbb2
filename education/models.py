from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from clinic.base.blocks import ClinicStreamBlock
from clinic.base.models import ClinicIndexPage, ClinicPage
from clinic.base.seo import therapy
from clinic.base.text import lines, plain_text

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ul", "ol"]


class Reviewer(index.Indexed, models.Model):
    """A clinician who checks a health article for accuracy."""

    name = models.CharField(max_length=120)
    credentials = models.CharField(
        max_length=200, help_text=_("For example: 'DC, chiropractor, 15 years in practice'.")
    )

    panels = [FieldPanel("name"), FieldPanel("credentials")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("clinical reviewer")

    def __str__(self):
        return f"{self.name}, {self.credentials}"


class SymptomIndexPage(ClinicIndexPage):
    parent_page_types = ["home.HomePage"]
    subpage_types = ["education.SymptomArticlePage"]
    listing_name = "articles"

    class Meta:
        verbose_name = _("symptoms index")

    def listing(self):
        return SymptomArticlePage.objects.child_of(self).live().public().order_by("title")


class SymptomArticlePage(ClinicPage):
    body = StreamField(ClinicStreamBlock(), blank=True)
    signs = models.TextField(
        blank=True,
        verbose_name=_("signs and symptoms"),
        help_text=_("One per line, in plain words."),
    )
    causes = models.TextField(blank=True, help_text=_("One per line, in plain words."))
    urgent_help = RichTextField(
        features=RICH_TEXT_FEATURES,
        verbose_name=_("when to get urgent help"),
        help_text=_("The warning signs that need urgent care rather than a clinic visit."),
    )
    prevention = models.TextField(
        blank=True,
        verbose_name=_("prevention at home"),
        help_text=_("One habit per line, e.g. 'Stretch your back and hips every day'."),
    )
    reviewer = models.ForeignKey(
        Reviewer,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        verbose_name=_("clinical reviewer"),
    )
    last_reviewed = models.DateField(null=True, blank=True)
    next_review_due = models.DateField(null=True, blank=True)

    content_panels = ClinicPage.content_panels + [
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("signs"), FieldPanel("causes")], heading=_("The condition")),
        InlinePanel(
            "treatment_links",
            label=_("Treatments that can help"),
            heading=_("Treatments that can help"),
        ),
        FieldPanel("urgent_help"),
        FieldPanel("prevention"),
        MultiFieldPanel(
            [FieldPanel("reviewer"), FieldPanel("last_reviewed"), FieldPanel("next_review_due")],
            heading=_("Clinical review"),
        ),
    ]
    search_fields = ClinicPage.search_fields + [
        index.SearchField("body"),
        index.SearchField("signs"),
        index.SearchField("causes"),
        index.SearchField("urgent_help"),
        index.SearchField("prevention"),
    ]

    parent_page_types = ["education.SymptomIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("symptom article")

    def clean(self):
        super().clean()
        # An empty paragraph is not advice: patients must always be told when to get help.
        if not plain_text(self.urgent_help):
            raise ValidationError(
                {"urgent_help": _("Say when a patient should get urgent help instead.")}
            )
        if (
            self.last_reviewed
            and self.next_review_due
            and self.next_review_due <= self.last_reviewed
        ):
            raise ValidationError(
                {"next_review_due": _("The next review must fall after the last review.")}
            )

    @property
    def sign_list(self):
        return lines(self.signs)

    @property
    def cause_list(self):
        return lines(self.causes)

    @property
    def prevention_list(self):
        return lines(self.prevention)

    def recommended_treatments(self):
        """The live treatments this article recommends, in the editor's order."""
        return [
            link.treatment
            for link in self.treatment_links.filter(
                treatment__in=Page.objects.live().public()
            ).select_related("treatment", "treatment__hero_image")
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["treatments"] = self.recommended_treatments()
        return context

    def get_structured_data(self, request):
        condition = {
            "@type": "MedicalCondition",
            "name": self.title,
            "description": self.summary,
            "signOrSymptom": [{"@type": "MedicalSignOrSymptom", "name": s} for s in self.sign_list],
            "cause": [{"@type": "MedicalCause", "name": c} for c in self.cause_list],
            "possibleTreatment": [therapy(t, request) for t in self.recommended_treatments()],
            "primaryPrevention": [
                {"@type": "MedicalTherapy", "name": p} for p in self.prevention_list
            ],
        }
        data = {
            "@type": "MedicalWebPage",
            "name": self.seo_title or self.title,
            "description": self.meta_description,
            "url": self.get_full_url(request),
            "about": condition,
            "mainEntity": condition,
            "specialty": "https://schema.org/Musculoskeletal",
        }
        if self.last_reviewed:
            data["lastReviewed"] = self.last_reviewed.isoformat()
        if self.reviewer:
            data["reviewedBy"] = {
                "@type": "Person",
                "name": self.reviewer.name,
                "description": self.reviewer.credentials,
            }
        return data


class SymptomArticleTreatment(Orderable):
    """One treatment an article recommends; the article's list is ordered by the editor."""

    article = ParentalKey(
        SymptomArticlePage, on_delete=models.CASCADE, related_name="treatment_links"
    )
    treatment = models.ForeignKey(
        "treatments.TreatmentPage", on_delete=models.CASCADE, related_name="article_links"
    )

    panels = [FieldPanel("treatment")]

    class Meta(Orderable.Meta):
        verbose_name = _("recommended treatment")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "treatment"], name="unique_treatment_per_article"
            )
        ]
