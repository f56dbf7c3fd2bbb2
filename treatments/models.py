from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from clinic.base.blocks import ClinicStreamBlock
from clinic.base.health_pages import HealthPageMixin, clinical_review_panel, reviewer_field
from clinic.base.models import ClinicIndexPage, ClinicPage
from clinic.base.querysets import in_private_section
from clinic.base.reading_level import HealthPageForm
from clinic.base.seo import absolute_url, therapy
from clinic.base.text import plain_text

RELATED_ARTICLES = 6

# The drawings a treatment's card can carry (clinic/static/icons/<name>.svg).
ICONS = [
    ("joint-manipulation", _("Vertebrae and a turning arrow (joint manipulation)")),
    ("soft-tissue", _("A hand over a wave (soft tissue work, massage)")),
    ("circulation", _("A drop with a pulse, heat and cold (circulation)")),
    ("exercise", _("A figure lifting a bar (exercise)")),
    ("spine", _("A spine (any other treatment)")),
]


class TreatmentIndexPage(ClinicIndexPage):
    parent_page_types = ["home.HomePage"]
    subpage_types = ["treatments.TreatmentPage"]
    listing_name = "treatments"

    class Meta:
        verbose_name = _("treatments index")

    def listing(self, request):
        return (
            TreatmentPage.objects.child_of(self)
            .live()
            .public()
            .select_related("hero_image")
            .prefetch_related("hero_image__renditions")
            .order_by("path")
        )


class TreatmentPage(HealthPageMixin, ClinicPage):
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_alt = models.CharField(
        max_length=250,
        blank=True,
        verbose_name=_("hero image alt text"),
        help_text=_(
            "Describe the image for people who cannot see it. "
            "Leave empty to use the image's own description."
        ),
    )
    icon = models.CharField(
        max_length=40,
        choices=ICONS,
        default="spine",
        help_text=_("The drawing on the treatment's card."),
    )
    body = StreamField(ClinicStreamBlock(), blank=True)
    visit_length = models.CharField(
        max_length=80, blank=True, help_text=_("For example: 'About 30 minutes'.")
    )
    what_to_wear = models.TextField(blank=True)
    what_happens = RichTextField(blank=True, verbose_name=_("what happens at a visit"))
    who_it_helps = RichTextField(blank=True)
    safety_notes = RichTextField(
        blank=True,
        verbose_name=_("safety notes"),
        help_text=_("Risks, and when this treatment is not suitable."),
    )
    reviewer = reviewer_field(related_name="reviewed_treatments")

    content_panels = ClinicPage.content_panels + [
        FieldPanel("icon"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_image_alt")], heading=_("Hero image")
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("visit_length"), FieldPanel("what_to_wear"), FieldPanel("what_happens")],
            heading=_("What a visit involves"),
        ),
        FieldPanel("who_it_helps"),
        FieldPanel("safety_notes"),
        clinical_review_panel(),
    ]
    search_fields = ClinicPage.search_fields + [
        index.SearchField("body"),
        index.SearchField("what_happens"),
        index.SearchField("who_it_helps"),
        index.SearchField("safety_notes"),
    ]

    base_form_class = HealthPageForm
    parent_page_types = ["treatments.TreatmentIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("treatment page")

    def clean(self):
        super().clean()
        if self.hero_image and not (self.hero_image_alt or self.hero_image.description):
            raise ValidationError(
                {"hero_image_alt": _("Describe the hero image: this image has no description.")}
            )

    @property
    def hero_alt_text(self):
        if not self.hero_image:
            return ""
        return self.hero_image_alt or self.hero_image.description

    @property
    def og_image(self):
        return self.hero_image

    def related_articles(self):
        """The newest live symptom articles that recommend this treatment, at most
        RELATED_ARTICLES: a treatment thousands of articles recommend still has a short page.

        Computed from the articles' own choices (their `treatment_links`), so an editor names
        a treatment once, on the article."""
        links = (
            self.article_links.filter(article__live=True)
            .exclude(in_private_section("article__path"))
            .select_related("article")
            .order_by("-article__first_published_at")[:RELATED_ARTICLES]
        )
        return [link.article for link in links]

    def get_structured_data(self, request):
        data = therapy(self, request)
        if self.safety_notes:
            data["contraindication"] = plain_text(self.safety_notes)
        if self.hero_image:
            data["image"] = absolute_url(
                request, self.hero_image.get_rendition("fill-1200x630").url
            )
        return self.medical_web_page(request, data)
