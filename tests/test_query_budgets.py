"""An uncached page (the first view after a publish) costs at most QUERY_BUDGET SQL queries,
on the small test site and on one many times bigger: the count does not grow with the
number of treatments, articles, images or tags.

Wagtail's routing reads two rows a level (the page, then its own fields) and its view
restrictions two more; every page's header and footer add the menu (the pages marked "Show
in menus"), the footer's page links and the locations' addresses; the page's template adds
what it shows (settings, related pages, reviewer, tags, one query per kind of image block,
and on health pages the warning signs)."""

import json

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from tests.conftest import make_article, make_treatment

QUERY_BUDGET = 18

PAGES = [
    "/",
    "/treatments/",
    "/treatments/joint-manipulation/",
    "/symptoms/",
    "/symptoms/?tag=lower-back",
    "/symptoms/?page=2",
    "/symptoms/back-spasms/",
    "/search/?q=back",
]

BIG_TREATMENTS = 12
BIG_ARTICLES = 30
BIG_TAGS = 10


def picture(number):
    return Image.objects.create(
        title=f"picture {number}",
        description=f"Picture number {number}",
        file=get_test_image_file(f"picture-{number}.png", size=(64, 48)),
    )


def body_with_pictures(first, second):
    """A body with a captioned image and an exercise with its own image."""
    return json.dumps(
        [
            {"type": "paragraph", "value": "<p>What helps with back pain at home.</p>"},
            {
                "type": "image",
                "value": {"image": first.pk, "alt_text": "A stretch", "caption": "Stretching"},
            },
            {
                "type": "exercise",
                "value": {
                    "name": "Knee-to-chest stretch",
                    "image": second.pk,
                    "alt_text": "Lying on the back, one knee drawn up",
                    "steps": ["Lie on your back.", "Draw one knee up."],
                    "sets": None,
                    "reps": 3,
                    "hold_seconds": 20,
                    "frequency": "Twice a day",
                    "safety_note": "Stop if the pain increases.",
                },
            },
        ]
    )


def grow(site):
    """Make the small site many times bigger: treatments with hero images, articles with
    pictures, tags and recommended treatments. The back-spasm article gets them too."""
    treatments = [site.joint, site.exercise]
    for number in range(BIG_TREATMENTS - len(treatments)):
        treatments.append(
            make_treatment(
                site.treatment_index,
                f"Therapy {number}",
                hero_image=picture(f"hero-{number}"),
                body=body_with_pictures(picture(f"t{number}a"), picture(f"t{number}b")),
            )
        )
    for treatment in (site.joint, site.exercise):
        treatment.hero_image = picture(f"hero-{treatment.slug}")
        treatment.save_revision().publish()

    tags = [f"region {number}" for number in range(BIG_TAGS)]
    for number in range(BIG_ARTICLES - 1):
        article = make_article(
            site.symptom_index,
            f"Symptom {number}",
            treatments=treatments[number % 4 : number % 4 + 3],
            body=body_with_pictures(picture(f"a{number}a"), picture(f"a{number}b")),
            reviewer=site.reviewer,
        )
        article.tags.add(*tags[number % BIG_TAGS : number % BIG_TAGS + 3], "lower back")
        article.save_revision().publish()

    back_spasms = site.article
    back_spasms.body = body_with_pictures(picture("spasm-a"), picture("spasm-b"))
    back_spasms.tags.add("lower back", *tags[:3])
    back_spasms.save_revision().publish()
    assert Tag.objects.count() == BIG_TAGS + 1


def uncached_render_queries(client, url):
    """The queries of a patient's GET of `url` right after a publish: the page cache empty
    (publishing empties it), Wagtail's own caches of site root paths and image renditions as
    a publish leaves them (filled; renditions are made when an editor previews a page, here
    by a first view)."""
    assert client.get(url).status_code == 200
    caches["pages"].clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert response["X-Wagtail-Cache"] != "hit"
    return len(queries)


def over_budget(client):
    counts = {url: uncached_render_queries(client, url) for url in PAGES}
    return {url: count for url, count in counts.items() if count > QUERY_BUDGET}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_uncached_pages_keep_to_the_budget_on_the_small_site(client, clinic_site):
    clinic_site.article.tags.add("lower back")
    clinic_site.article.save_revision().publish()
    assert over_budget(client) == {}


def test_uncached_pages_keep_to_the_budget_on_a_big_site(client, clinic_site, media):
    grow(clinic_site)
    assert over_budget(client) == {}
