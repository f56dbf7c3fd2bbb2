"""The clinic's whole website: the page tree's menu, the general pages editors add, the
footer and the site-wide notice from the clinic settings, and the way to an appointment
(the form and a phone number a phone can dial) from every page a patient can land on."""

import datetime
import importlib
import re
import time

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, TaskState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from clinic.base.models import ClinicSettings
from clinic.base.phones import tel_uri
from clinic.home.content.clinic_settings import CLINIC_SETTINGS
from clinic.pages.models import ContentPage
from education.models import SymptomArticlePage
from treatments.models import TreatmentPage

from .helpers import html, logged_in, make_user, parse, text_of

FORM_URL = "/appointments/request/"
CLINIC_TEL = "tel:+15035550147"  # CLINIC_SETTINGS["phone"], "(503) 555-0147"
# A number in its global form (E.164): a phone dials it from anywhere.
GLOBAL_TEL = re.compile(r"^tel:\+[1-9]\d{6,14}$")


def menu(response):
    return [
        (text_of(link), link["href"]) for link in html(response).select("nav[aria-label=Main] a")
    ]


# The menu, from the page tree


def test_an_editor_adds_a_page_under_home_and_it_shows_in_the_menu(client, clinic_site):
    editor = logged_in(make_user("erin", "Editors"))
    moderator = logged_in(make_user("mo", "Moderators"))
    home = clinic_site.home
    choices = editor.get(f"/admin/pages/{home.pk}/add_subpage/")
    add = f"/admin/pages/add/pages/contentpage/{home.pk}/"
    assert choices.status_code == 200 and f'href="{add}' in choices.content.decode()

    response = editor.post(
        add,
        nested_form_data(
            {
                "title": "Our team",
                "slug": "our-team",
                "summary": "The chiropractors and therapists who will look after you.",
                "body": streamfield([("paragraph", rich_text("<p>We are a team of five.</p>"))]),
                "show_in_menus": "on",
                "seo_title": "",
                "search_description": "",
                "action-submit": "submit",
            }
        ),
    )
    assert response.status_code == 302
    # Editors submit; a moderator approves, as Wagtail's default workflow has it.
    page = ContentPage.objects.get(slug="our-team")
    task_state = TaskState.objects.get(
        workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS
    )
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]
    )
    assert moderator.post(approve, {"comment": ""}).status_code == 302

    assert ("Our team", "/our-team/") in menu(client.get("/"))
    shown = client.get("/our-team/")
    assert shown.status_code == 200 and "We are a team of five." in text_of(html(shown))


def test_where_no_page_can_go_the_admin_says_so_plainly(clinic_site):
    editor = logged_in(make_user("erin", "Editors"))
    response = editor.get(f"/admin/pages/{clinic_site.article.pk}/add_subpage/")
    assert response.status_code == 200
    text = text_of(html(response))
    assert "Nothing can be added under “Back spasms”" in text
    assert "Content page: under a home page or content page" in text
    assert "Symptom article: under a symptoms index" in text
    assert "permission" not in text
    # Someone who may not add pages at all is refused, as before.
    front_desk = logged_in(make_user("fran", "Front desk"))
    refused = front_desk.get(f"/admin/pages/{clinic_site.article.pk}/add_subpage/")
    assert refused.status_code == 302 and refused.url == "/admin/"


def test_a_content_page_can_hold_pages_of_its_own(client, clinic_site):
    about = clinic_site.home.add_child(
        instance=ContentPage(title="About us", slug="about-us", summary="Who we are.")
    )
    about.save_revision().publish()
    history = about.add_child(
        instance=ContentPage(title="Our history", slug="history", summary="Since 1998.")
    )
    history.save_revision().publish()

    sub_pages = html(client.get("/about-us/")).select("main .card__link")
    assert [(text_of(link), link["href"]) for link in sub_pages] == [
        ("Our history", "/about-us/history/")
    ]


def test_the_menu_follows_the_page_tree_in_its_order(client, clinic_site):
    assert menu(client.get("/")) == [
        ("Treatments", "/treatments/"),
        ("Symptoms", "/symptoms/"),
        ("Contact", "/contact/"),
    ]
    # An editor renames the treatments section's slug and moves it after the symptoms.
    treatments = clinic_site.treatment_index
    treatments.slug = "care"
    treatments.save_revision().publish()
    treatments.move(clinic_site.symptom_index, pos="right")

    assert menu(client.get("/")) == [
        ("Symptoms", "/symptoms/"),
        ("Treatments", "/care/"),
        ("Contact", "/contact/"),
    ]


def test_the_menu_marks_where_the_patient_is(client, clinic_site):
    links = html(client.get("/symptoms/back-spasms/")).select("nav[aria-label=Main] a")
    assert {text_of(link): link.get("aria-current") for link in links} == {
        "Treatments": None,
        "Symptoms": "true",
        "Contact": None,
    }


def test_a_page_taken_out_of_the_menu_or_unpublished_leaves_it(client, clinic_site):
    clinic_site.treatment_index.show_in_menus = False
    clinic_site.treatment_index.save_revision().publish()
    clinic_site.symptom_index.unpublish()
    assert menu(client.get("/contact/")) == [("Contact", "/contact/")]


# The site-wide notice


def set_notice(clinic_site, text, starts=None, ends=None):
    clinic = ClinicSettings.objects.get(site=clinic_site.site)
    clinic.notice, clinic.notice_starts, clinic.notice_ends = text, starts, ends
    clinic.save()


def notice_on(response):
    notice = html(response).select_one(".site-notice")
    return text_of(notice) if notice else None


CLOSED = "Closed 24–26 December. In an emergency call 911."


def test_a_current_notice_shows_on_every_page(client, clinic_site):
    now = timezone.now()
    set_notice(clinic_site, CLOSED, now - datetime.timedelta(days=1), now + datetime.timedelta(1))
    for url in ["/", "/treatments/joint-manipulation/", "/symptoms/back-spasms/", "/contact/"]:
        assert notice_on(client.get(url)) == CLOSED, url
    assert notice_on(client.get(FORM_URL)) == CLOSED


@pytest.mark.parametrize(
    "starts, ends",
    [(datetime.timedelta(days=1), None), (None, -datetime.timedelta(minutes=1))],
    ids=["not yet", "over"],
)
def test_a_notice_outside_its_dates_does_not_show(client, clinic_site, starts, ends):
    now = timezone.now()
    set_notice(clinic_site, CLOSED, starts and now + starts, ends and now + ends)
    assert notice_on(client.get("/")) is None


def test_the_page_cache_drops_a_notice_when_it_ends(client, clinic_site):
    set_notice(clinic_site, CLOSED, ends=timezone.now() + datetime.timedelta(seconds=2))
    first = client.get("/")
    assert notice_on(first) == CLOSED
    second = client.get("/")
    assert second["X-Wagtail-Cache"] == "hit" and notice_on(second) == CLOSED
    # Neither a browser nor a CDN may keep the page past the notice's end either.
    lifetimes = [int(value) for value in re.findall(r"max-age=(\d+)", second["Cache-Control"])]
    assert lifetimes and max(lifetimes) <= 2

    time.sleep(2.1)

    assert notice_on(client.get("/")) is None


def test_the_page_cache_shows_a_notice_when_it_starts(client, clinic_site):
    set_notice(clinic_site, CLOSED, starts=timezone.now() + datetime.timedelta(seconds=2))
    assert notice_on(client.get("/")) is None
    assert client.get("/")["X-Wagtail-Cache"] == "hit"

    time.sleep(2.1)

    assert notice_on(client.get("/")) == CLOSED


# The shipped website, as `make run` loads it


PATIENT_PAGES = [
    "/",
    "/treatments/",
    "/treatments/joint-manipulation/",
    "/symptoms/",
    "/symptoms/back-spasms/",
    "/about/",
    "/first-visit/",
    "/fees/",
    "/privacy/",
    "/accessibility/",
    "/contact/",
    "/search/?q=back",
    "/search/?q=xylophone",
    "/no-such-page/",
]


class TestTheShippedWebsite:
    """As `make run` loads it (shipped_site)."""

    def test_every_patient_page_offers_the_form_a_phone_number_and_the_privacy_notice(
        self, client, shipped_site
    ):
        for url in PATIENT_PAGES:
            response = client.get(url)
            assert response.status_code == (404 if url == "/no-such-page/" else 200), url
            soup = parse(response)
            # In the header, and in the bar at the foot of a phone's screen.
            assert soup.select(f"header a[href='{FORM_URL}']"), url
            assert soup.select_one(".action-bar a[href^='/appointments/request/']"), url
            assert soup.select_one(f".action-bar a[href='{CLINIC_TEL}']"), url
            dialled = {link["href"] for link in soup.select("a[href^='tel:']")}
            assert dialled - {"tel:911"} == {CLINIC_TEL}, url
            assert all(GLOBAL_TEL.match(tel) for tel in dialled - {"tel:911"}), url
            footer = soup.select_one("nav[aria-label=Footer]")
            assert footer.select_one("a[href='/privacy/']") is not None, url
            assert footer.select_one("a[href='/accessibility/']") is not None, url

    @pytest.mark.parametrize(
        "url",
        [
            "/",
            "/treatments/joint-manipulation/",
            "/symptoms/back-spasms/",
            "/about/",
            "/first-visit/",
            "/contact/",
            "/search/?q=xylophone",
            "/no-such-page/",
        ],
    )
    def test_the_page_itself_offers_the_way_to_an_appointment(self, client, shipped_site, url):
        main = parse(client.get(url)).select_one("main")
        assert main.select(f"a[href^='{FORM_URL}']"), url
        assert main.select(f"a[href='{CLINIC_TEL}']"), url

    def test_the_home_page_opens_with_what_the_clinic_does_the_form_and_the_phone(
        self, client, shipped_site
    ):
        soup = html(client.get("/"))
        hero = soup.select_one(".hero")
        assert text_of(hero.select_one("h1")) == CLINIC_SETTINGS["clinic_name"]
        assert "back, neck and joint pain" in text_of(hero)
        assert [text_of(link) for link in hero.select("a")] == [
            "Request an appointment",
            f"Call {CLINIC_SETTINGS['phone']}",
        ]
        # Its title names the clinic once.
        assert text_of(soup.select_one("title")) == CLINIC_SETTINGS["clinic_name"]

    def test_an_article_ends_with_the_treatments_that_help_each_with_its_own_request_link(
        self, client, shipped_site
    ):
        soup = html(client.get("/symptoms/back-spasms/"))
        treatment_links = [
            link["href"] for link in soup.select("#treatments-title ~ .cards .card__action a")
        ]
        article = SymptomArticlePage.objects.get(slug="back-spasms")
        assert treatment_links == [
            f"{FORM_URL}?treatment={treatment.slug}" for treatment in article.recommended_treatments
        ]
        assert len(treatment_links) >= 2
        # The article is long, so its top lists its sections, how to book last.
        jump = soup.select("nav.contents a")[-1]
        assert jump["href"] == "#article-cta-title" and soup.select_one(jump["href"]) is not None
        cta = soup.select_one(".appointment-cta")
        assert cta.select_one(f"a[href='{FORM_URL}']") and cta.select_one(f"a[href='{CLINIC_TEL}']")

    def test_the_consent_links_to_the_privacy_notice_and_says_who_sees_a_request(
        self, client, shipped_site
    ):
        form = html(client.get(FORM_URL))
        assert form.select_one(".consent-privacy a[href='/privacy/']") is not None
        consent = text_of(form.select_one("label[for=id_consent]"))
        assert "front-desk team" in consent and "administrators" in consent
        privacy = text_of(html(client.get("/privacy/")))
        assert "Notice of Privacy Practices" in privacy

    def test_fees_are_laid_out_as_a_table(self, client, shipped_site):
        table = html(client.get("/fees/")).select_one("main table")
        headers = [text_of(cell) for cell in table.select("thead th")]
        assert len(headers) >= 2
        assert all(len(row.select("td")) == len(headers) for row in table.select("tbody tr"))

    def test_each_shipped_treatment_card_has_its_own_drawing(self, client, shipped_site):
        icons = [image["src"] for image in html(client.get("/treatments/")).select(".card__icon")]
        assert len(icons) == len(set(icons)) == TreatmentPage.objects.count()
        for src in icons:
            assert client.get(src).status_code == 200, src

    def test_migration_gives_the_shipped_treatments_their_drawings(self, shipped_site):
        TreatmentPage.objects.update(icon="spine")

        migration = importlib.import_module("treatments.migrations.0004_icon_and_table_block")
        migration.give_shipped_treatments_their_icons(apps, None)

        icons = dict(TreatmentPage.objects.values_list("slug", "icon"))
        assert icons == migration.SHIPPED_ICONS
        joint = TreatmentPage.objects.get(slug="joint-manipulation")
        assert joint.get_latest_revision_as_object().icon == "joint-manipulation"


# Brand


def test_the_favicon_is_served_at_the_address_browsers_ask_for(client, clinic_site):
    response = client.get("/favicon.ico", follow=True)
    assert response.status_code == 200
    assert response["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    icons = html(client.get("/")).select("link[rel~=icon], link[rel=apple-touch-icon]")
    assert len(icons) == 3
    for link in icons:
        assert client.get(link["href"]).status_code == 200


def test_every_page_has_a_sharing_card_with_the_clinic_image_by_default(client, clinic_site):
    for url in ["/", "/symptoms/back-spasms/"]:
        soup = html(client.get(url))
        assert soup.select_one("meta[name='twitter:card']")["content"] == "summary_large_image"
        image = soup.select_one("meta[property='og:image']")["content"]
        assert image.startswith("http") and image.endswith(".png"), url
        assert client.get(image.removeprefix("http://testserver")).status_code == 200


def test_the_clinic_logo_and_sharing_image_come_from_the_settings(
    client, clinic_site, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    logo = Image.objects.create(title="logo", file=get_test_image_file("logo.png", size=(400, 100)))
    picture = Image.objects.create(
        title="share", file=get_test_image_file("share.png", size=(1200, 630))
    )
    clinic = ClinicSettings.objects.get(site=clinic_site.site)
    clinic.logo, clinic.social_image = logo, picture
    clinic.save()

    soup = html(client.get("/"))
    header_logo = soup.select_one("header .site-header__brand img")
    assert header_logo["alt"] == clinic.clinic_name
    assert "logo" in header_logo["src"]
    assert "share" in soup.select_one("meta[property='og:image']")["content"]


def test_without_a_logo_the_clinic_name_is_set_as_a_wordmark(client, clinic_site):
    brand = html(client.get("/contact/")).select_one("header .site-header__brand")
    assert text_of(brand) == "Lumbar Chiropractic"
    assert brand.select_one("img")["alt"] == ""  # the mark beside the name is decoration


# Phone numbers


@pytest.mark.parametrize(
    "written, dialled",
    [
        ("(503) 555-0147", "tel:+15035550147"),
        ("503.555.0147", "tel:+15035550147"),
        ("+44 20 7946 0000", "tel:+442079460000"),
        ("911", "tel:911"),
        ("", ""),
    ],
)
def test_phone_numbers_become_the_addresses_phones_dial(written, dialled):
    assert tel_uri(written) == dialled


# Existing sites, as the migrations leave them


def test_migration_puts_an_existing_sites_sections_in_the_menu(client, clinic_site):
    """On a site whose sections were published before the menu came from the page tree."""
    sections = [clinic_site.treatment_index, clinic_site.symptom_index]
    for section in sections:
        section.show_in_menus = False
        section.save_revision().publish()
    assert menu(client.get("/")) == [("Contact", "/contact/")]

    migration = importlib.import_module("clinic.pages.migrations.0002_sections_show_in_menus")
    migration.show_sections_in_menus(apps, None)

    assert menu(client.get("/symptoms/")) == [
        ("Treatments", "/treatments/"),
        ("Symptoms", "/symptoms/"),
        ("Contact", "/contact/"),
    ]
    # Publishing the latest revision again keeps them there.
    for section in sections:
        Page.objects.get(pk=section.pk).specific.get_latest_revision().publish()
    assert Page.objects.filter(pk__in=[s.pk for s in sections], show_in_menus=True).count() == 2
