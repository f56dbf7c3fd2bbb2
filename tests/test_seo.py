"""What search engines and link previews read: titles, descriptions, JSON-LD, sitemap."""

import json
import xml.etree.ElementTree as ET

import pytest
from wagtail.models import Page

from tests.helpers import html
from tests.test_locations import add_location
from treatments.models import TreatmentPage

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def json_ld(response):
    scripts = html(response).select("script[type='application/ld+json']")
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@context"] == "https://schema.org"
    return data


def meta(soup, **attrs):
    tag = soup.find("meta", attrs=attrs)
    return tag["content"] if tag else None


def test_pages_have_title_description_canonical_and_open_graph(client, clinic_site):
    soup = html(client.get("/treatments/joint-manipulation/"))
    assert soup.title.get_text(strip=True).startswith("Joint manipulation")
    assert "Lumbar Chiropractic" in soup.title.get_text()
    description = clinic_site.joint.summary
    assert meta(soup, name="description") == description
    canonical = soup.find("link", rel="canonical")["href"]
    assert canonical == clinic_site.joint.full_url
    assert meta(soup, property="og:title").startswith("Joint manipulation")
    assert meta(soup, property="og:description") == description
    assert meta(soup, property="og:url") == canonical


def test_seo_title_and_search_description_win_over_the_defaults(client, clinic_site):
    page = clinic_site.joint
    page.seo_title = "Spinal joint manipulation near you"
    page.search_description = "Gentle, precise joint manipulation for back pain."
    page.save_revision().publish()
    soup = html(client.get(page.url))
    assert soup.title.get_text(strip=True).startswith("Spinal joint manipulation near you")
    assert meta(soup, name="description") == "Gentle, precise joint manipulation for back pain."


def test_home_page_describes_the_clinic_and_its_services(client, clinic_site):
    data = json_ld(client.get("/"))
    assert data["@type"] == "MedicalClinic"
    assert data["name"] == "Lumbar Chiropractic"
    assert data["telephone"] == "(503) 555-0100"
    assert "address" not in data  # no location yet
    services = data["availableService"]
    assert [s["@type"] for s in services] == ["MedicalTherapy", "MedicalTherapy"]
    assert {s["name"] for s in services} == {"Joint manipulation", "Exercise therapy"}
    assert all(s["url"].startswith("http") for s in services)


def test_the_home_page_gives_one_locations_address_or_names_each_location(client, clinic_site):
    add_location(clinic_site.home)
    data = json_ld(client.get("/"))
    assert data["address"]["@type"] == "PostalAddress"
    assert data["address"]["streetAddress"] == "200 Birch Road"
    add_location(clinic_site.home, title="Eastside", slug="eastside")
    data = json_ld(client.get("/"))
    assert "address" not in data
    assert data["department"] == [
        {"@type": "MedicalClinic", "name": "Northside", "url": "http://localhost/northside/"},
        {"@type": "MedicalClinic", "name": "Eastside", "url": "http://localhost/eastside/"},
    ]


def test_treatment_page_is_a_reviewed_medical_web_page_about_a_therapy(client, clinic_site):
    TreatmentPage.objects.filter(pk=clinic_site.joint.pk).update(
        reviewer=clinic_site.reviewer, last_reviewed="2026-04-02", next_review_due="2027-04-02"
    )
    data = json_ld(client.get("/treatments/joint-manipulation/"))
    assert data["@type"] == "MedicalWebPage"
    assert data["url"] == clinic_site.joint.full_url
    assert data["lastReviewed"] == "2026-04-02"
    assert data["reviewedBy"] == {
        "@type": "Person",
        "@id": "http://localhost/team/dr-ana-ruiz/#person",
        "name": "Dr. Ana Ruiz",
    }
    therapy = data["about"]
    assert data["mainEntity"] == therapy
    assert therapy["@type"] == "MedicalTherapy"
    assert therapy["name"] == "Joint manipulation"
    assert therapy["description"] == clinic_site.joint.summary
    assert therapy["url"] == clinic_site.joint.full_url
    assert therapy["contraindication"] == "Not suitable with osteoporosis."


def test_a_treatment_never_reviewed_names_no_reviewer(client, clinic_site):
    data = json_ld(client.get("/treatments/exercise-therapy/"))
    assert data["about"]["name"] == "Exercise therapy"
    assert "reviewedBy" not in data and "lastReviewed" not in data


def test_article_is_a_reviewed_medical_web_page_about_a_condition(client, clinic_site):
    data = json_ld(client.get("/symptoms/back-spasms/"))
    assert data["@type"] == "MedicalWebPage"
    assert data["lastReviewed"] == "2026-03-01"
    assert data["reviewedBy"] == {
        "@type": "Person",
        "@id": "http://localhost/team/dr-ana-ruiz/#person",
        "name": "Dr. Ana Ruiz",
    }
    condition = data["about"]
    assert condition["@type"] == "MedicalCondition"
    assert condition["name"] == "Back spasms"
    assert [s["name"] for s in condition["signOrSymptom"]] == [
        "Sudden tightness in the lower back",
        "Pain when bending",
    ]
    assert [c["name"] for c in condition["cause"]] == ["Overworked muscles", "Sports injuries"]
    assert [t["name"] for t in condition["possibleTreatment"]] == [
        "Exercise therapy",
        "Joint manipulation",
    ]
    assert [p["name"] for p in condition["primaryPrevention"]] == [
        "Stretch every day",
        "Strength training",
    ]


def test_json_ld_cannot_be_broken_out_of_by_page_text(client, clinic_site):
    page = clinic_site.joint
    page.summary = "</script><script>alert(1)</script> & more"
    page.save_revision().publish()
    response = client.get(page.url)
    assert b"</script><script>alert(1)" not in response.content
    assert json_ld(response)["about"]["description"] == page.summary


def test_sitemap_lists_every_live_page(client, clinic_site):
    clinic_site.exercise.unpublish()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = {
        loc.text for loc in ET.fromstring(response.content).findall(".//s:loc", SITEMAP_NS)
    }
    live = {page.full_url for page in Page.objects.live().filter(depth__gt=1)}
    assert live <= locations
    assert clinic_site.exercise.full_url not in locations
    assert any(location.endswith("/contact/") for location in locations)


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_admin(client, clinic_site):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://localhost/sitemap.xml" in body
