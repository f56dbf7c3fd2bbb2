"""Practitioners: one record per clinician, shown to patients on "Our team" and their own
profile, named on the articles they reviewed and the treatments they provide."""

import json
import os
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from clinic.people.models import Practitioner
from clinic.people.slugs import unique_slug
from tests.conftest import REVIEWER, make_article
from tests.helpers import html, run_python, text_of
from tests.test_locations import add_location

pytestmark = pytest.mark.django_db

PROFILE = "/team/dr-ana-ruiz/"


@pytest.fixture
def ana(clinic_site, image):
    """The site's reviewer, with all a profile shows."""
    ana = clinic_site.reviewer
    ana.bio = "Ana treats back and neck pain in runners and office workers."
    ana.languages = "English\nSpanish"
    ana.photo = image
    ana.photo_alt = "Ana Ruiz smiling in the clinic"
    ana.treatments = [clinic_site.joint]
    ana.save()
    return ana


def words(element):
    return " ".join(element.get_text().split())


# The team page and the profiles


def test_the_team_page_shows_each_practitioner_as_a_card(client, clinic_site, ana):
    Practitioner.objects.create(
        name="Dr. Lee Park", role="Physiotherapist", credentials="DPT", bio="Lee treats runners."
    )
    soup = html(client.get("/team/"))
    cards = soup.select(".cards .card")
    assert [words(card.select_one(".card__title")) for card in cards] == [
        "Dr. Ana Ruiz",
        "Dr. Lee Park",
    ]
    assert cards[0].select_one("a")["href"] == PROFILE
    assert "Chiropractor" in text_of(cards[0])
    assert cards[0].select_one("img")["alt"] == "Ana Ruiz smiling in the clinic"
    # No photo: the initials stand in, hidden from screen readers (the name is the title).
    initials = cards[1].select_one(".card__initials")
    assert initials.get_text() == "LP" and initials["aria-hidden"] == "true"


def test_a_profile_shows_who_they_are_and_how_to_see_them(client, clinic_site, ana):
    soup = html(client.get(PROFILE))
    assert words(soup.select_one("h1")) == "Dr. Ana Ruiz"
    main = text_of(soup.select_one("main"))
    for shown in ["Chiropractor", "DC, chiropractor", ana.bio, "English", "Spanish"]:
        assert shown in main
    assert soup.select_one("main img")["alt"] == "Ana Ruiz smiling in the clinic"
    assert soup.find("a", string="Joint manipulation")["href"] == "/treatments/joint-manipulation/"
    assert soup.find("a", string="Back spasms")["href"] == "/symptoms/back-spasms/"
    request = soup.find("a", string="Request an appointment with Dr. Ana Ruiz")
    assert request["href"] == "/appointments/request/?practitioner=dr-ana-ruiz"
    assert soup.select_one(".appointment-cta")
    assert soup.select_one("title").get_text().startswith("Dr. Ana Ruiz |")
    assert soup.select_one("link[rel=canonical]")["href"] == "http://localhost" + PROFILE


def test_a_profile_lists_only_live_public_articles(client, clinic_site, ana):
    draft = make_article(clinic_site.symptom_index, "Neck pain", slug="neck-pain", reviewer=ana)
    draft.unpublish()
    main = text_of(html(client.get(PROFILE)).select_one("main"))
    assert "Back spasms" in main and "Neck pain" not in main


@pytest.mark.parametrize("slug", ["nobody", "dr-ana-ruiz-2", "%F0%9F%92%A5", "a" * 300])
def test_an_unknown_profile_is_not_found(client, clinic_site, slug):
    assert client.get(f"/team/{slug}/").status_code == 404


def test_a_profile_describes_a_person_for_search_engines(client, clinic_site, ana):
    scripts = html(client.get(PROFILE)).select("script[type='application/ld+json']")
    assert len(scripts) == 1
    person = json.loads(scripts[0].string)
    assert person["@type"] == "Person"
    assert person["@id"] == f"http://localhost{PROFILE}#person"
    assert person["name"] == "Dr. Ana Ruiz"
    assert person["jobTitle"] == "Chiropractor"
    assert person["hasCredential"] == {
        "@type": "EducationalOccupationalCredential",
        "name": "DC, chiropractor",
    }
    assert person["worksFor"]["name"] == "Lumbar Chiropractic"
    assert person["knowsLanguage"] == ["English", "Spanish"]
    article = json.loads(
        html(client.get("/symptoms/back-spasms/"))
        .select_one("script[type='application/ld+json']")
        .string
    )
    assert article["reviewedBy"]["@id"] == person["@id"]


def test_the_sitemap_lists_the_profiles(client, clinic_site):
    response = client.get("/sitemap.xml")
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = {loc.text for loc in ET.fromstring(response.content).findall(".//s:loc", namespace)}
    assert {"http://localhost/team/", f"http://localhost{PROFILE}"} <= locations


# Links from the articles and the treatments


def test_the_article_links_its_reviewer_to_their_profile(client, clinic_site):
    review = html(client.get("/symptoms/back-spasms/")).select_one(".review-meta span")
    assert words(review) == "Reviewed by Dr. Ana Ruiz, DC, chiropractor."
    assert review.find("a", string="Dr. Ana Ruiz")["href"] == PROFILE


def test_without_a_team_page_the_reviewer_is_named_without_a_link(client, clinic_site):
    clinic_site.team.unpublish()
    review = html(client.get("/symptoms/back-spasms/")).select_one(".review-meta span")
    assert words(review) == "Reviewed by Dr. Ana Ruiz, DC, chiropractor."
    assert review.find("a") is None


def test_a_treatment_lists_who_provides_it(client, clinic_site, ana):
    soup = html(client.get("/treatments/joint-manipulation/"))
    section = soup.find("h2", string="Who provides this treatment").parent
    assert words(section.select_one("li")) == "Dr. Ana Ruiz, Chiropractor"
    assert section.find("a", string="Dr. Ana Ruiz")["href"] == PROFILE
    other = html(client.get("/treatments/exercise-therapy/"))
    assert not other.find("h2", string="Who provides this treatment")


def test_a_change_to_a_practitioner_shows_on_their_cached_profile(client, clinic_site):
    assert "Chiropractor" in client.get(PROFILE).content.decode()
    clinic_site.reviewer.role = "Clinical director"
    clinic_site.reviewer.save()
    assert "Clinical director" in client.get(PROFILE).content.decode()


# The record


def test_a_profile_and_a_location_name_each_other(client, clinic_site, ana):
    northside = add_location(clinic_site.home)
    closed = add_location(clinic_site.home, title="Eastside", slug="eastside")
    closed.unpublish()
    ana.locations = [northside, closed]
    ana.save()

    profile = html(client.get(PROFILE))
    section = profile.find("h2", string="Where they see patients").parent
    assert [words(item) for item in section.select("li")] == ["Northside, Fairview"]
    assert section.find("a", string="Northside")["href"] == "/northside/"
    person = json.loads(profile.select_one("script[type='application/ld+json']").string)
    assert person["workLocation"] == [
        {"@type": "MedicalClinic", "name": "Northside", "url": "http://localhost/northside/"}
    ]

    location = html(client.get("/northside/"))
    works_here = location.find("h2", string="Who works here").parent
    assert words(works_here.select_one("li")) == "Dr. Ana Ruiz, Chiropractor"
    assert works_here.find("a", string="Dr. Ana Ruiz")["href"] == PROFILE
    # The location's own request button asks for it, and its own phone is beside it.
    cta = location.select_one(".appointment-cta")
    assert cta.find("a", string="Request an appointment at Northside")["href"] == (
        "/appointments/request/?location=northside"
    )


def test_a_location_leaves_out_practitioners_whose_profile_is_not_complete(client, clinic_site):
    northside = add_location(clinic_site.home)
    Practitioner.objects.create(name="Dr. New Hire", credentials="DC", locations=[northside])
    assert not html(client.get("/northside/")).find("h2", string="Who works here")


def test_slugs_are_made_from_names_and_kept_unique(clinic_site):
    second = Practitioner.objects.create(name="Dr. Ana Ruiz", credentials="DC")
    assert second.slug == "dr-ana-ruiz-2"
    assert Practitioner.objects.create(name="!!!", credentials="DC").slug == "practitioner"
    assert unique_slug("Zoë Ölund", set()) == "zoe-olund"


def test_practitioners_are_listed_and_added_in_the_admin(admin_client, clinic_site):
    dashboard = admin_client.get("/admin/").content.decode()
    assert "Practitioners" in dashboard and "Clinical reviewers" not in dashboard
    listing = admin_client.get("/admin/snippets/people/practitioner/")
    assert "Dr. Ana Ruiz" in listing.content.decode()
    response = admin_client.post(
        "/admin/snippets/people/practitioner/add/",
        {
            "name": "Dr. Lee Park",
            "slug": "",
            "role": "Chiropractor",
            "credentials": "DC, sports chiropractor",
            "bio": "",
            "photo_alt": "",
            "languages": "English",
            "treatments": [clinic_site.joint.pk],
        },
    )
    assert response.status_code == 302
    lee = Practitioner.objects.get(name="Dr. Lee Park")
    assert lee.slug == "dr-lee-park"
    assert list(lee.treatments.all()) == [clinic_site.joint]


def test_migrations_move_reviewers_to_practitioners_and_back_losing_nothing(migrated_copy):
    """Back to clinical reviewers, with two of them and an article in place, forward to
    practitioners with the same ids, and back again (in a process of its own: see
    tests/migration_round_trip.py)."""
    env = {**os.environ, "TZ": timezone.get_default_timezone_name()}
    result = run_python(
        "-m", "tests.migration_round_trip", str(migrated_copy), env=env, timeout=180
    )
    states = json.loads(result.stdout.strip().splitlines()[-1])
    reviewers = states["before"]
    assert reviewers[1] == [9, "Dr. Maya Ellison", "DC, chiropractor", "Treats back pain.", 1, 1]
    forward = states["forward"]
    assert forward["practitioners"] == [
        [*reviewers[0], "dr-ana-ruiz"],
        [*reviewers[1], "dr-maya-ellison"],
    ]
    assert forward["article_reviewer"] == [[9]]
    assert forward["next_id"] == 10  # the id sequence moved past the copied rows
    assert states["backward"] == {"reviewers": reviewers, "article_reviewer": [[9]]}


def test_a_practitioner_without_credentials_or_bio_is_not_shown_to_patients(client, clinic_site):
    """The clinic's name stands in until the profile is complete: no half-empty profile."""
    ana = Practitioner.objects.get(name=REVIEWER)
    ana.bio = ""
    ana.save()

    assert client.get(f"/team/{ana.slug}/").status_code == 404
    assert ana.name not in html(client.get("/team/")).get_text()
    review = html(client.get("/symptoms/back-spasms/")).select_one(".review-meta span")
    assert " ".join(review.get_text().split()) == (
        "Reviewed by the clinical team of Lumbar Chiropractic."
    )
    treatment = html(client.get("/treatments/joint-manipulation/")).get_text()
    assert ana.name not in treatment
