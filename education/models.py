import re
from urllib.parse import quote

from django.db import models, transaction
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import AbstractGroupApprovalTask, Orderable, Page
from wagtail.search import index

from clinic.base.blocks import ClinicStreamBlock, heading_anchor
from clinic.base.health_pages import HealthPageMixin, clinical_review_panel, reviewer_field
from clinic.base.models import ClinicIndexPage, ClinicPage
from clinic.base.querysets import in_private_section
from clinic.base.reading_level import HealthPageForm
from clinic.base.seo import therapy
from clinic.base.text import lines, plain_text

# Words of reading (summary and body) past which an article counts as long.
LONG_ARTICLE_WORDS = 400

# A tag's slug as taggit makes it: letters of any script, digits, hyphens and underscores.
TAG_SLUG = re.compile(r"[-\w]{1,100}")


class SymptomIndexPage(ClinicIndexPage):
    parent_page_types = ["home.HomePage"]
    subpage_types = ["education.SymptomArticlePage"]
    listing_name = "articles"

    class Meta:
        verbose_name = _("symptoms index")

    def articles(self):
        return SymptomArticlePage.objects.child_of(self).live().public()

    def article_tags(self):
        """The tags of this section's live articles: the ones patients can browse by."""
        tagged = SymptomArticleTag.objects.filter(content_object__in=self.articles())
        return Tag.objects.filter(pk__in=tagged.values("tag_id")).order_by("name")

    @staticmethod
    def tag_slug(request):
        """The slug asked for in `?tag=`: None when there is none, "" (which matches no tag)
        when it is not a slug, so a mistyped or hostile address shows an empty listing."""
        slug = request.GET.get("tag", "").strip()
        if not slug:
            return None
        return slug if TAG_SLUG.fullmatch(slug) else ""

    def listing(self, request):
        articles = self.articles().order_by("title")
        slug = self.tag_slug(request)
        if slug is not None:
            tagged = SymptomArticleTag.objects.filter(tag__slug=slug)
            articles = articles.filter(pk__in=tagged.values("content_object_id"))
        return articles

    def get_cached_paths(self):
        return super().get_cached_paths() + [
            f"/?tag={quote(tag.slug)}" for tag in self.article_tags()
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        tags = list(self.article_tags())
        slug = self.tag_slug(request)
        context["tags"] = tags
        context["tag"] = next((tag for tag in tags if tag.slug == slug), None)
        context["tag_unknown"] = slug is not None and context["tag"] is None
        return context


class SymptomArticleForm(HealthPageForm):
    def clean(self):
        cleaned_data = super().clean()
        # Drafts may leave it for later; a page patients can read (published, or sent for
        # review to be published) must say when to get urgent help. An empty paragraph is
        # not advice.
        if not self.is_deferred_validation and not plain_text(
            cleaned_data.get("urgent_help") or ""
        ):
            self.add_error(
                "urgent_help",
                _(
                    "Add the “when to get urgent help” section before publishing: say which "
                    "symptoms need urgent care instead of a clinic visit."
                ),
            )
        return cleaned_data


class SymptomArticlePage(HealthPageMixin, ClinicPage):
    body = StreamField(ClinicStreamBlock(), blank=True)
    signs = models.TextField(
        blank=True,
        verbose_name=_("signs and symptoms"),
        help_text=_("One per line, in plain words."),
    )
    causes = models.TextField(blank=True, help_text=_("One per line, in plain words."))
    urgent_help = RichTextField(
        verbose_name=_("when to get urgent help"),
        help_text=_("The warning signs that need urgent care rather than a clinic visit."),
    )
    prevention = models.TextField(
        blank=True,
        verbose_name=_("prevention at home"),
        help_text=_("One habit per line, e.g. 'Stretch your back and hips every day'."),
    )
    reviewer = reviewer_field(related_name="articles")
    tags = ClusterTaggableManager(
        through="education.SymptomArticleTag",
        blank=True,
        help_text=_("Body regions and symptoms, e.g. 'lower back', 'neck', 'stiffness'."),
    )

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
        FieldPanel("tags"),
        clinical_review_panel(),
    ]
    search_fields = ClinicPage.search_fields + [
        index.SearchField("body"),
        index.SearchField("signs"),
        index.SearchField("causes"),
        index.SearchField("urgent_help"),
        index.SearchField("prevention"),
    ]

    base_form_class = SymptomArticleForm
    parent_page_types = ["education.SymptomIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("symptom article")

    def content_problems(self):
        problems = super().content_problems()
        if not plain_text(self.urgent_help):
            problems.append("urgent-help-missing")
        return problems

    @cached_property
    def is_long(self):
        """More than a few screens on a phone: the page then says at its top where to find
        help and how to book, as well as at its end."""
        return len(self.reading_text().split()) > LONG_ARTICLE_WORDS

    @property
    def section_headings(self):
        """The body's section headings, with their anchors, for the contents list."""
        return [
            {"text": block.value["text"], "anchor": heading_anchor(block.value["text"])}
            for block in self.body
            if block.block_type == "heading" and block.value["level"] == "h2"
        ]

    @property
    def sign_list(self):
        return lines(self.signs)

    @property
    def cause_list(self):
        return lines(self.causes)

    @property
    def prevention_list(self):
        return lines(self.prevention)

    @cached_property
    def recommended_treatments(self):
        """The live treatments this article recommends, in the editor's order."""
        # By id, in a subquery: in a preview the links are the draft's, held in memory, and
        # are filtered in Python.
        live = Page.objects.live().exclude(in_private_section()).values_list("pk", flat=True)
        links = self.treatment_links.filter(treatment__id__in=live).select_related(
            "treatment", "treatment__hero_image"
        )
        return [link.treatment for link in links]

    @property
    def section_url(self):
        """The address of the section the article is in: its own, one level up (which
        saves asking the database for the parent page)."""
        url = self.url
        return url[: url.rstrip("/").rfind("/") + 1]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["treatments"] = self.recommended_treatments
        return context

    def get_structured_data(self, request):
        condition = {
            "@type": "MedicalCondition",
            "name": self.title,
            "description": self.summary,
            "signOrSymptom": [{"@type": "MedicalSignOrSymptom", "name": s} for s in self.sign_list],
            "cause": [{"@type": "MedicalCause", "name": c} for c in self.cause_list],
            "possibleTreatment": [therapy(t, request) for t in self.recommended_treatments],
            "primaryPrevention": [
                {"@type": "MedicalTherapy", "name": p} for p in self.prevention_list
            ],
        }
        return self.medical_web_page(request, condition)


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


class SymptomArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        SymptomArticlePage, on_delete=models.CASCADE, related_name="tagged_items"
    )


class ClinicalReviewTask(AbstractGroupApprovalTask):
    """Approval by a member of the Clinicians group. Approving a health page (a treatment, a
    symptom article) names the approving clinician as its reviewer and schedules the next
    review."""

    @transaction.atomic  # an approval that fails leaves no review record behind
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            page = task_state.workflow_state.content_object.specific
            if isinstance(page, HealthPageMixin):
                page.record_clinical_review(user)
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("A clinician checks the page is accurate and safe before it is published")

    class Meta:
        verbose_name = _("clinical review task")
        verbose_name_plural = _("clinical review tasks")
