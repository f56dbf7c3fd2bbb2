"""Patients can search the treatments and articles, whatever they type."""

import pytest

from tests.conftest import make_article
from tests.helpers import html, text_of

pytestmark = pytest.mark.django_db


def result_links(response):
    links = html(response).select("main li a[href]")
    return [a["href"] for a in links if a["href"].startswith("/")]


@pytest.mark.parametrize("query", ["spasm", "spasms", "Back Spasms", "back"])
def test_search_finds_the_back_spasm_article(client, clinic_site, query):
    response = client.get("/search/", {"q": query})
    assert "/symptoms/back-spasms/" in result_links(response)


def test_search_finds_treatments_by_their_content(client, clinic_site):
    response = client.get("/search/", {"q": "osteoporosis"})
    assert "/treatments/joint-manipulation/" in result_links(response)


def test_search_leaves_out_unpublished_pages(client, clinic_site):
    clinic_site.article.unpublish()
    assert "/symptoms/back-spasms/" not in result_links(client.get("/search/", {"q": "spasms"}))


def test_search_without_a_query_invites_one(client, clinic_site):
    soup = html(client.get("/search/"))
    assert soup.select_one("input[name='q']")
    assert "/symptoms/back-spasms/" not in [a["href"] for a in soup.select("main li a")]


def test_search_with_no_match_says_so(client, clinic_site):
    text = text_of(html(client.get("/search/", {"q": "xylophone"})))
    assert "xylophone" in text
    assert "No pages matched" in text


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "'",
        '"back',
        "back AND OR NOT",
        "spasm | ! & : * ( )",
        "-spasm +back ~2 ^3",
        "<script>alert(1)</script>",
        "x\x00y",
        "\x01\x02\x7f\u200b",
        "a" * 5000,
        "spasm " * 2000,
        "🦴💥",
        "%",
        "\\",
        "' OR 1=1 --",
        "   ",
    ],
)
def test_hostile_queries_get_a_friendly_page(client, clinic_site, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content
    assert html(response).select_one("input[name='q']")


def test_search_pages_recover_from_bad_page_numbers(client, clinic_site):
    for number in range(25):
        make_article(clinic_site.symptom_index, f"Spasm story {number}", slug=f"spasm-{number}")
    first = result_links(client.get("/search/", {"q": "spasm", "page": "abc"}))
    last = result_links(client.get("/search/", {"q": "spasm", "page": "9999"}))
    negative = result_links(client.get("/search/", {"q": "spasm", "page": "-1"}))
    assert len(first) == 10
    assert first == negative
    assert 0 < len(last) < 10 and not set(last) & set(first)


def test_search_pagination_keeps_the_query(client, clinic_site):
    for number in range(12):
        make_article(clinic_site.symptom_index, f"Spasm story {number}", slug=f"spasm-{number}")
    soup = html(client.get("/search/", {"q": "spasm"}))
    next_link = soup.select_one("nav[aria-label='Pagination'] a[href*='page=2']")
    assert next_link and "q=spasm" in next_link["href"]


def test_search_puts_a_title_match_before_a_passing_mention(client, clinic_site):
    make_article(
        clinic_site.symptom_index,
        "Living with shoulder pain",
        slug="mentions-whiplash",
        summary="Whiplash is one cause among many.",
    )
    make_article(clinic_site.symptom_index, "Whiplash", slug="whiplash")
    links = result_links(client.get("/search/", {"q": "whiplash"}))
    assert links.index("/symptoms/whiplash/") < links.index("/symptoms/mentions-whiplash/")
