"""Add generated symptom articles and appointment requests: the data `make bench` measures.

Articles are published under the symptoms section, with tags, recommended treatments, a
reviewer and sometimes a picture, and are added to the search index. They are written in
bulk (tens of thousands in a few minutes) rather than through Wagtail's page API, which takes
a tenth of a second per page; so they have no revision history until an editor saves one.
Each run adds: nothing is replaced.
"""

import io
import random

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PillowImage
from PIL import ImageDraw
from taggit.models import Tag
from wagtail.images.models import Image
from wagtail.models import Page
from wagtail.search.backends import get_search_backends

from bench.data import appointment_request, article_fields, new_references
from clinic.appointments.models import AppointmentRequest
from clinic.base.reviews import next_review_after
from clinic.home.models import HomePage
from clinic.locations.models import LocationPage
from clinic.people.models import Practitioner
from education.models import (
    SymptomArticlePage,
    SymptomArticleTag,
    SymptomArticleTreatment,
    SymptomIndexPage,
)
from treatments.models import TreatmentPage

BATCH_SIZE = 1000
IMAGE_TITLE_PREFIX = "Generated picture"
IMAGE_COLOURS = ["#3f6e8c", "#7aa37a", "#c58b4a", "#8e6bb0"]


def free_slug(title, taken, number):
    """The title's slug, or with a number after it if a sibling has it; added to `taken`."""
    base = slug = slugify(title)[:200]
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    taken.add(slug)
    return slug


# Wagtail's page tree is django-treebeard's materialised path (MP_Node): a page's path is
# its parent's followed by its place among its siblings, written as `Page.steplen` digits of
# `Page.alphabet` (four base-36 digits). Bulk-created pages need their paths worked out here.
def child_path(parent_path, position):
    """The path of the child at `position` (1 for the first) of the page at `parent_path`."""
    base = len(Page.alphabet)
    if not 0 < position < base**Page.steplen:
        raise CommandError(f"A page can have at most {base**Page.steplen - 1} children.")
    digits = ""
    for _ in range(Page.steplen):
        position, digit = divmod(position, base)
        digits = Page.alphabet[digit] + digits
    return parent_path + digits


def place_among_siblings(path):
    """Where the page at `path` stands among its siblings: child_path's `position`."""
    position = 0
    for digit in path[-Page.steplen :]:
        position = position * len(Page.alphabet) + Page.alphabet.index(digit)
    return position


class Command(BaseCommand):
    help = "Add generated symptom articles and appointment requests, for the benchmark."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=0, help="symptom articles to add")
        parser.add_argument("--requests", type=int, default=0, help="appointment requests to add")
        parser.add_argument("--seed", type=int, help="make the words the same on every run")

    def handle(self, *args, articles, requests, seed, **options):
        if articles < 0 or requests < 0:
            raise CommandError("--articles and --requests count things to add: 0 or more.")
        rng = random.Random(seed)  # noqa: S311 (sample text, not secrets)
        if articles:
            index = SymptomIndexPage.objects.first()
            if index is None:
                raise CommandError("No symptoms section: run load_clinic_content first.")
            for start in range(0, articles, BATCH_SIZE):
                self.add_articles(index, rng, min(BATCH_SIZE, articles - start))
            self.stdout.write(f"Added {articles} symptom articles under {index.url_path}")
        if requests:
            self.add_requests(rng, requests)
            self.stdout.write(f"Added {requests} appointment requests")

    @transaction.atomic
    def add_articles(self, index, rng, count):
        index.refresh_from_db()
        content_type = ContentType.objects.get_for_model(SymptomArticlePage)
        treatments = list(TreatmentPage.objects.live())
        reviewers = list(Practitioner.objects.all())
        images = self.sample_images()
        taken_slugs = set(index.get_children().values_list("slug", flat=True))
        last_child = index.get_last_child()
        position = place_among_siblings(last_child.path) if last_child else 0
        now = timezone.now()

        pages, articles = [], []
        for offset in range(count):
            fields = article_fields(rng, images)
            slug = free_slug(fields["title"], taken_slugs, index.numchild + offset + 1)
            position += 1
            published = now - timezone.timedelta(days=rng.randint(0, 3 * 365))
            reviewed = (now - timezone.timedelta(days=rng.randint(0, 365))).date()
            page = Page(
                title=fields["title"],
                draft_title=fields["title"],
                slug=slug,
                content_type=content_type,
                path=child_path(index.path, position),
                depth=index.depth + 1,
                url_path=f"{index.url_path}{slug}/",
                locale_id=index.locale_id,
                live=True,
                first_published_at=published,
                last_published_at=published,
            )
            article = SymptomArticlePage(
                summary=fields["summary"],
                body=fields["body"],
                signs=fields["signs"],
                causes=fields["causes"],
                prevention=fields["prevention"],
                urgent_help=fields["urgent_help"],
                reviewer=rng.choice(reviewers) if reviewers else None,
                last_reviewed=reviewed,
                next_review_due=next_review_after(reviewed),
            )
            pages.append(page)
            articles.append((article, fields["tag_names"]))

        Page.objects.bulk_create(pages)
        tags = {}
        tagged, links = [], []
        for page, (article, tag_names) in zip(pages, articles, strict=True):
            # Wagtail pages are two tables (multi-table inheritance), which bulk_create does
            # not write: the page rows went in above, each article's own row goes in here.
            article.page_ptr_id = page.pk
            for field in Page._meta.concrete_fields:
                setattr(article, field.attname, getattr(page, field.attname))
            article.save_base(raw=True, force_insert=True)
            for name in tag_names:
                if name not in tags:
                    tags[name] = Tag.objects.get_or_create(name=name)[0]
                tagged.append(SymptomArticleTag(tag=tags[name], content_object_id=page.pk))
            for order, treatment in enumerate(
                rng.sample(treatments, min(len(treatments), rng.randint(1, 3)))
            ):
                links.append(
                    SymptomArticleTreatment(
                        article_id=page.pk, treatment=treatment, sort_order=order
                    )
                )
        SymptomArticleTag.objects.bulk_create(tagged)
        SymptomArticleTreatment.objects.bulk_create(links)
        Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + count)

        # save_base(raw=True) skips the signals that index a page: index the batch at once.
        new_articles = list(SymptomArticlePage.objects.filter(pk__in=[page.pk for page in pages]))
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(SymptomArticlePage, new_articles)

    def sample_images(self):
        """A few pictures for article bodies, made once and reused by later runs."""
        images = list(Image.objects.filter(title__startswith=IMAGE_TITLE_PREFIX))
        if images:
            return images
        for number, colour in enumerate(IMAGE_COLOURS, start=1):
            picture = PillowImage.new("RGB", (1200, 800), colour)
            ImageDraw.Draw(picture).ellipse((300, 150, 900, 650), fill="#f4efe6")
            buffer = io.BytesIO()
            picture.save(buffer, format="JPEG", quality=85)
            images.append(
                Image.objects.create(
                    title=f"{IMAGE_TITLE_PREFIX} {number}",
                    description="A plain coloured picture with a light circle in the middle",
                    file=ImageFile(buffer, name=f"generated-{number}.jpg"),
                )
            )
        return images

    @transaction.atomic
    def add_requests(self, rng, count):
        treatments = list(TreatmentPage.objects.all())
        # A clinic group: the requests are spread over three locations.
        locations = bench_locations()
        # Who handled a request: the front desk, or a superuser standing in.
        staff = list(
            get_user_model()
            .objects.filter(Q(groups__name="Front desk") | Q(is_superuser=True))
            .distinct()[:20]
        )
        taken = set(AppointmentRequest.objects.values_list("reference", flat=True))
        now = timezone.now()
        for start in range(0, count, BATCH_SIZE * 5):
            size = min(BATCH_SIZE * 5, count - start)
            references = new_references(rng, size, taken)
            AppointmentRequest.objects.bulk_create(
                appointment_request(rng, now, reference, treatments, staff, locations)
                for reference in references
            )


BENCH_LOCATIONS = ["North", "East", "West"]


def bench_locations():
    """Three live locations under the home page (made once; the shipped one counts)."""
    home = HomePage.objects.order_by("path").first()
    locations = list(LocationPage.objects.live().order_by("path")[: len(BENCH_LOCATIONS)])
    for name in BENCH_LOCATIONS[len(locations) :]:
        location = LocationPage(
            title=f"Bench {name}",
            slug=f"bench-{name.lower()}",
            summary=f"The {name} clinic, made for the benchmark.",
            street=f"{len(locations) + 1} {name} Street",
            city="Fairview",
            region="OR",
            postcode="97024",
        )
        home.add_child(instance=location)
        location.save_revision().publish()
        locations.append(location)
    return locations
