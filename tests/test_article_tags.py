"""Patients browse symptom articles by body area or symptom: the symptoms section lists the
tags of its live articles, and each tag's link lists the articles that have it."""

import pytest
from django.core.cache import caches
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from education.models import SymptomArticlePage, SymptomIndexPage
from tests.conftest import make_article
from tests.helpers import html, text_of

pytestmark = pytest.mark.django_db


def tag(article, *names):
    article.tags.add(*names)
    article.save_revision().publish()
    return article


def listed(soup):
    """The addresses of the articles a listing shows."""
    return [a["href"] for a in soup.select("main .cards a.card__link")]


def tag_links(soup):
    return [(a.get_text(strip=True), a["href"]) for a in soup.select("main nav.tag-nav a")]


@pytest.fixture(scope="class")
def tagged_articles(django_db_setup, django_db_blocker):
    """Three more articles and tags on the shared site, for the tests of one class: made
    once, in a transaction that each test's own changes are rolled back to and that is rolled
    back after the class."""
    with django_db_blocker.unblock(), transaction.atomic():
        index = SymptomIndexPage.objects.get(slug="symptoms")
        tag(SymptomArticlePage.objects.get(slug="back-spasms"), "lower back", "muscle spasm")
        tag(make_article(index, "Sciatica", slug="sciatica"), "lower back", "leg")
        tag(make_article(index, "Neck pain", slug="neck-pain"), "neck")
        make_article(index, "Headaches", slug="headaches")
        yield
        transaction.set_rollback(True)


@pytest.fixture
def tagged_site(tagged_articles, clinic_site):
    return clinic_site


class TestTaggedArticles:
    """On the shared site with three more articles, tagged (tagged_articles)."""

    def test_symptom_index_links_each_tag_of_its_articles(self, client, tagged_site):
        soup = html(client.get("/symptoms/"))
        assert tag_links(soup) == [
            ("leg", "/symptoms/?tag=leg"),
            ("lower back", "/symptoms/?tag=lower-back"),
            ("muscle spasm", "/symptoms/?tag=muscle-spasm"),
            ("neck", "/symptoms/?tag=neck"),
        ]
        assert len(listed(soup)) == 4

    def test_a_tag_lists_only_the_articles_that_have_it(self, client, tagged_site):
        soup = html(client.get("/symptoms/", {"tag": "lower-back"}))

        assert listed(soup) == ["/symptoms/back-spasms/", "/symptoms/sciatica/"]
        assert soup.select_one("main h2#listing-title").get_text() == "Articles tagged “lower back”"
        assert soup.select_one("main a[aria-current=page]").get_text(strip=True) == "lower back"
        show_all = soup.find("a", string="Show all articles")
        assert show_all["href"] == "/symptoms/"

    @pytest.mark.parametrize(
        "slug", ["no-such-tag", "Lower-Back", "lower back", "<script>", "\x00", "a" * 1000, "../"]
    )
    def test_an_unknown_or_malformed_tag_gives_an_empty_listing_and_a_way_back(
        self, client, tagged_site, slug
    ):
        soup = html(client.get("/symptoms/", {"tag": slug}))

        assert listed(soup) == []
        assert "No articles with that tag" in text_of(soup)
        assert soup.find("a", string="Show all articles")["href"] == "/symptoms/"
        assert len(tag_links(soup)) == 4  # every tag is still there to choose from

    def test_an_empty_tag_lists_every_article(self, client, tagged_site):
        assert len(listed(html(client.get("/symptoms/", {"tag": ""})))) == 4

    def test_pagination_keeps_the_tag(self, client, tagged_site):
        for number in range(14):
            tag(make_article(tagged_site.symptom_index, f"Lumbago {number:02}"), "lower back")

        first = html(client.get("/symptoms/", {"tag": "lower-back"}))
        next_link = first.select_one("nav[aria-label='Pagination'] a[rel=next]")
        assert "tag=lower-back" in next_link["href"] and "page=2" in next_link["href"]

        second = html(client.get("/symptoms/" + next_link["href"]))
        previous_link = second.select_one("nav[aria-label='Pagination'] a[rel=prev]")
        assert "tag=lower-back" in previous_link["href"] and "page=1" in previous_link["href"]
        everything = listed(first) + listed(second)
        assert len(everything) == 16
        assert "/symptoms/neck-pain/" not in everything and "/symptoms/headaches/" not in everything

    def test_article_links_its_tags_to_the_filtered_index(self, client, tagged_site):
        soup = html(client.get("/symptoms/back-spasms/"))
        assert tag_links(soup) == [
            ("lower back", "/symptoms/?tag=lower-back"),
            ("muscle spasm", "/symptoms/?tag=muscle-spasm"),
        ]

    def test_article_without_tags_shows_no_tag_links(self, client, tagged_site):
        assert not html(client.get("/symptoms/headaches/")).select_one("nav.tag-nav")

    def test_tags_of_unpublished_and_draft_articles_are_not_listed(self, client, tagged_site):
        SymptomArticlePage.objects.get(slug="neck-pain").unpublish()
        draft = SymptomArticlePage(
            title="Jaw pain",
            slug="jaw-pain",
            summary="Jaw.",
            urgent_help="<p>Call.</p>",
            live=False,
        )
        draft.tags.add("jaw")
        tagged_site.symptom_index.add_child(instance=draft)

        soup = html(client.get("/symptoms/"))
        names = [name for name, _ in tag_links(soup)]
        assert names == ["leg", "lower back", "muscle spasm"]
        for slug in ["neck", "jaw"]:
            soup = html(client.get("/symptoms/", {"tag": slug}))
            assert listed(soup) == [] and "No articles with that tag" in text_of(soup), slug

    def test_tag_listing_takes_the_same_queries_however_many_articles(self, client, tagged_site):
        def queries():
            caches["pages"].clear()  # the listing as rendered, not as cached
            with CaptureQueriesContext(connection) as context:
                html(client.get("/symptoms/", {"tag": "lower-back"}))
            return len(context)

        queries()  # the first request also fills caches (the site's root paths, content types)
        before = queries()
        for number in range(6):
            tag(
                make_article(tagged_site.symptom_index, f"Lumbago {number}"),
                "lower back",
                f"t{number}",
            )
        assert queries() == before


def test_search_pagination_still_keeps_the_query(client, clinic_site):
    for number in range(12):
        make_article(clinic_site.symptom_index, f"Spasm story {number}", slug=f"spasm-{number}")
    soup = html(client.get("/search/", {"q": "spasm", "page": "2"}))
    previous_link = soup.select_one("nav[aria-label='Pagination'] a[rel=prev]")
    assert previous_link["href"] == "?q=spasm&page=1"
