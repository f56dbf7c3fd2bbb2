"""The benchmark's data command adds articles patients can read and find, and requests the
front desk can work, however often it runs."""

import re

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from bench.management.commands import generate_bench_data
from clinic.appointments.models import AppointmentRequest
from education.models import SymptomArticlePage
from tests.conftest import make_article
from tests.helpers import html, logged_in, make_user, text_of

pytestmark = pytest.mark.django_db

Status = AppointmentRequest.Status


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def generate(**options):
    # Only the benchmark's settings install the command's app; the test settings are the
    # product's, so the command is called by its class rather than looked up by name.
    call_command(generate_bench_data.Command(), **options)


def generated_articles(clinic_site):
    return SymptomArticlePage.objects.exclude(pk=clinic_site.article.pk).order_by("path")


def test_generated_articles_are_published_in_the_symptoms_section(client, clinic_site, media):
    generate(articles=8, seed=1)

    articles = list(generated_articles(clinic_site))
    assert len(articles) == 8
    listed = {a["href"] for a in html(client.get("/symptoms/")).select("main .card__link")}
    assert {f"/symptoms/{article.slug}/" for article in articles} <= listed

    for article in articles:
        soup = html(client.get(f"/symptoms/{article.slug}/"))
        text = text_of(soup.select_one("main"))
        assert article.title in text
        assert article.sign_list[0] in text
        assert "urgent" in text.lower()
        # Each recommends one or more of the site's treatments, and is tagged.
        assert soup.select_one("main a[href^='/treatments/']")
        assert soup.select_one("main a[href^='/symptoms/?tag=']")


def test_some_generated_articles_show_a_picture_with_its_alt_text(client, clinic_site, media):
    generate(articles=20, seed=2)

    pictures = []
    for article in generated_articles(clinic_site):
        pictures += html(client.get(f"/symptoms/{article.slug}/")).select("main figure img")
    assert pictures
    assert all(img["alt"] and img["src"].startswith("/media/") for img in pictures)


def test_generated_articles_are_in_the_search_index(client, clinic_site, media):
    generate(articles=5, seed=3)

    for article in generated_articles(clinic_site):
        soup = html(client.get("/search/", {"q": article.title}))
        assert f"/symptoms/{article.slug}/" in [a["href"] for a in soup.select("main li a")]


def test_generated_requests_are_in_the_front_desk_inbox(clinic_site):
    generate(requests=40, seed=4)

    requests = AppointmentRequest.objects.all()
    assert requests.count() == 40
    assert all(re.fullmatch(r"LB-[2-9A-HJ-NP-Z]{6}", r.reference) for r in requests)
    # Closed ones say when, as if the front desk had closed them; spam notified nobody.
    assert all((r.closed_at is None) == r.is_open for r in requests)
    assert all(r.is_notified != (r.status == Status.SPAM) for r in requests)
    assert all(r.is_urgent == bool(r.red_flags) for r in requests)

    front_desk = logged_in(make_user("dana", "Front desk"))
    soup = html(front_desk.get("/admin/appointment-requests/"))
    listed = [a.get_text(strip=True) for a in soup.select("tbody td.title .title-wrapper a")]
    newest = AppointmentRequest.objects.inbox()[: len(listed)]
    assert listed == [r.reference for r in newest]
    page = text_of(html(front_desk.get(f"/admin/appointment-requests/inspect/{newest[0].pk}/")))
    assert newest[0].full_name in page


def test_running_it_again_adds_more(client, clinic_site, media):
    generate(articles=3, requests=10, seed=5)
    generate(articles=3, requests=10, seed=5)

    articles = generated_articles(clinic_site)
    assert articles.count() == 6
    assert len({article.slug for article in articles}) == 6
    for article in articles:
        assert client.get(f"/symptoms/{article.slug}/").status_code == 200
    requests = AppointmentRequest.objects.all()
    assert requests.count() == 20
    assert len({r.submission_token for r in requests}) == 20


def test_generated_articles_leave_a_sound_page_tree_an_editor_can_add_to(clinic_site, media):
    generate(articles=3, seed=6)
    generate(articles=3, seed=6)
    added = make_article(clinic_site.symptom_index, "Neck stiffness", slug="neck-stiffness")

    # Paths, depths and child counts as Wagtail's own page API would have left them.
    assert Page.find_problems() == ([], [], [], [], [])
    children = list(clinic_site.symptom_index.get_children())
    assert len(children) == 8
    assert children[0].pk == clinic_site.article.pk
    assert children[-1].pk == added.pk


def test_the_product_does_not_ship_the_command(db):
    with pytest.raises(CommandError, match="Unknown command"):
        call_command("generate_bench_data", articles=1)


def test_articles_need_the_symptoms_section(wagtail_as_installed):
    with pytest.raises(CommandError, match="load_clinic_content"):
        generate(articles=1)


def test_generated_requests_are_spread_over_three_locations(clinic_site):
    generate(requests=60, seed=5)
    counts = AppointmentRequest.objects.values_list("location__title", flat=True)
    assert len(set(counts)) == 3 and None not in set(counts)
