"""Each page type shows patients its content."""

import pytest
from wagtail.models import Page

from tests.conftest import make_article, make_treatment
from tests.helpers import html, text_of
from tests.test_locations import add_location
from treatments.models import RELATED_ARTICLES

pytestmark = pytest.mark.django_db


def test_home_page_shows_treatments_articles_and_contact_details(client, clinic_site):
    soup = html(client.get("/"))
    text = text_of(soup)
    assert soup.h1.get_text(strip=True) == "Lumbar Chiropractic"
    assert "Back spasms, neck pain and stiff joints." in text
    links = {a["href"] for a in soup.select("main a[href]")}
    assert {"/treatments/joint-manipulation/", "/treatments/exercise-therapy/"} <= links
    assert "/symptoms/back-spasms/" in links
    assert "555-0100" in text


def test_every_page_gives_each_locations_address_and_where_its_hours_are(client, clinic_site):
    add_location(clinic_site.home)
    home = html(client.get("/"))
    assert "Opening hours: Mon–Fri 9:00 AM–5:00 PM · Sat–Sun closed" in text_of(home)
    footer = home.select_one("footer")
    assert "200 Birch Road" in text_of(footer)
    assert footer.find("a", string="Opening hours and directions")["href"] == "/northside/"
    assert footer.find("dt", string="Address")

    # With two, each is named; the home page leaves the hours to each location's page.
    add_location(clinic_site.home, title="Eastside", slug="eastside", street="5 Oak Lane")
    home = html(client.get("/"))
    footer = home.select_one("footer")
    assert [dt.get_text() for dt in footer.select("dt")][-2:] == ["Northside", "Eastside"]
    assert "5 Oak Lane" in text_of(footer)
    assert "Opening hours:" not in text_of(home.select_one(".hero"))


def test_home_page_lists_newest_articles_first(client, clinic_site):
    make_article(clinic_site.symptom_index, "Neck stiffness", slug="neck-stiffness")
    hrefs = [a["href"] for a in html(client.get("/")).select("main a[href^='/symptoms/']")]
    articles = [h for h in hrefs if h.count("/") == 3]
    assert articles.index("/symptoms/neck-stiffness/") < articles.index("/symptoms/back-spasms/")


def test_treatment_index_lists_every_live_treatment(client, clinic_site):
    clinic_site.exercise.unpublish()
    soup = html(client.get("/treatments/"))
    hrefs = {a["href"] for a in soup.select("main a[href]")}
    assert "/treatments/joint-manipulation/" in hrefs
    assert "/treatments/exercise-therapy/" not in hrefs


def test_treatment_page_shows_what_a_visit_involves_and_safety(client, clinic_site):
    text = text_of(html(client.get("/treatments/joint-manipulation/")))
    for expected in [
        "Joint manipulation",
        "About 30 minutes",
        "Loose, comfortable clothes.",
        "We examine your spine first.",
        "People with stiff, painful backs.",
        "Not suitable with osteoporosis.",
        "Call 911 if you cannot feel your legs.",
    ]:
        assert expected in text


def test_treatment_page_lists_the_articles_that_recommend_it(client, clinic_site):
    soup = html(client.get("/treatments/joint-manipulation/"))
    assert soup.select_one("main a[href='/symptoms/back-spasms/']")


def test_treatment_page_lists_only_the_newest_articles_that_recommend_it(client, clinic_site):
    for number in range(RELATED_ARTICLES):
        make_article(
            clinic_site.symptom_index,
            f"Stiffness {number}",
            slug=f"stiffness-{number}",
            treatments=[clinic_site.joint],
        )
    soup = html(client.get("/treatments/joint-manipulation/"))
    listed = [a["href"] for a in soup.select("main .card__link[href^='/symptoms/']")]
    assert listed == [f"/symptoms/stiffness-{n}/" for n in reversed(range(RELATED_ARTICLES))]


def test_treatment_page_leaves_out_unpublished_articles(client, clinic_site):
    clinic_site.article.unpublish()
    soup = html(client.get("/treatments/joint-manipulation/"))
    assert not soup.select_one("a[href='/symptoms/back-spasms/']")


def test_treatment_page_with_a_body_renders_every_block(client, clinic_site):
    page = make_treatment(
        clinic_site.treatment_index,
        "Soft tissue manipulation",
        body=[
            ("heading", {"text": "How it feels", "level": "h2"}),
            ("paragraph", "<p>Firm but comfortable pressure.</p>"),
            ("callout", {"kind": "warning", "title": "Tell us", "text": "<p>If it hurts.</p>"}),
            (
                "faq",
                {
                    "title": "Questions",
                    "questions": [{"question": "Sore?", "answer": "<p>A little.</p>"}],
                },
            ),
            ("steps", {"title": "At home", "steps": ["Rest.", "Walk."]}),
            ("quote", {"text": "I can bend again.", "attribution": "A patient"}),
        ],
    )
    soup = html(client.get(page.url))
    assert soup.find("h2", string="How it feels")
    text = text_of(soup)
    for expected in ["Firm but comfortable pressure.", "If it hurts.", "Sore?", "A little."]:
        assert expected in text
    assert [li.get_text(strip=True) for li in soup.select("main ol li")][-2:] == ["Rest.", "Walk."]
    assert soup.find("blockquote")


def test_symptom_index_lists_articles(client, clinic_site):
    soup = html(client.get("/symptoms/"))
    assert soup.select_one("main a[href='/symptoms/back-spasms/']")


def test_symptom_index_paginates_and_recovers_from_bad_page_numbers(client, clinic_site):
    for number in range(14):
        make_article(clinic_site.symptom_index, f"Condition {number:02}")
    first = text_of(html(client.get("/symptoms/?page=abc")))
    last = text_of(html(client.get("/symptoms/?page=999")))
    also_first = text_of(html(client.get("/symptoms/?page=-3")))
    assert "Back spasms" in first and "Back spasms" in also_first
    assert "Condition 13" in last and "Back spasms" not in last


def test_article_shows_treatments_in_the_editors_order(client, clinic_site):
    soup = html(client.get("/symptoms/back-spasms/"))
    hrefs = [a["href"] for a in soup.select("main a[href^='/treatments/']")]
    assert hrefs.index("/treatments/exercise-therapy/") < hrefs.index(
        "/treatments/joint-manipulation/"
    )


def test_article_shows_review_urgent_help_and_prevention(client, clinic_site):
    text = text_of(html(client.get("/symptoms/back-spasms/")))
    for expected in [
        "Dr. Ana Ruiz",
        "DC, chiropractor",
        "Sudden tightness in the lower back",
        "Overworked muscles",
        "Numbness around the groin needs urgent care.",
        "Stretch every day",
        "911",
    ]:
        assert expected in text
    assert "2026" in text and "2027" in text


def test_article_drops_a_treatment_once_it_is_unpublished(client, clinic_site):
    clinic_site.exercise.unpublish()
    soup = html(client.get("/symptoms/back-spasms/"))
    assert not soup.select_one("a[href='/treatments/exercise-therapy/']")
    assert soup.select_one("a[href='/treatments/joint-manipulation/']")


def test_every_page_has_the_main_navigation_and_a_skip_link(client, clinic_site):
    for url in ["/", "/treatments/", "/symptoms/back-spasms/", "/contact/", "/search/"]:
        soup = html(client.get(url))
        nav_links = [a.get_text(strip=True) for a in soup.select("nav a")]
        assert {"Treatments", "Symptoms", "Contact"} <= set(nav_links), url
        skip = soup.select_one("a[href='#main']")
        assert skip and soup.select_one("main#main"), url


def test_contact_page_shows_the_clinic_details(client, clinic_site):
    text = text_of(html(client.get("/contact/")))
    assert "555-0100" in text and "hello@lumbar.example" in text


def test_pages_have_one_h1_and_no_skipped_heading_levels(client, clinic_site):
    for page in Page.objects.live().filter(depth__gt=1):
        soup = html(client.get(page.url))
        levels = [int(h.name[1]) for h in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
        assert levels.count(1) == 1, page.url
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, (page.url, levels)
