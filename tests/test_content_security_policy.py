"""No third-party scripts or trackers on patient pages: every public page loads its scripts,
styles and images from the clinic's own site only, runs no inline script, and says so in a
Content-Security-Policy header. The Wagtail admin has its own, looser policy, still with
nothing from other sites."""

from urllib.parse import urlsplit

import pytest
from wagtail.models import Page

from tests.appointment_data import answers
from tests.helpers import make_user, parse

LIVE_PAGES = [
    "/",
    "/treatments/",
    "/treatments/joint-manipulation/",
    "/treatments/exercise-therapy/",
    "/symptoms/",
    "/symptoms/back-spasms/",
    "/team/",
]
OTHER_PAGES = [
    "/search/?q=back",
    "/search/?q=",
    "/contact/",
    "/team/dr-ana-ruiz/",
    "/appointments/request/",
    "/appointments/request/?treatment=joint-manipulation",
    "/appointments/request/sent/",
    "/no-such-page/",
]
HTML_PAGES = LIVE_PAGES + OTHER_PAGES
PUBLIC_URLS = HTML_PAGES + ["/sitemap.xml", "/robots.txt"]

# The only sources a patient page may name: its own origin, data: images, nothing at all.
OWN_SOURCES = {"'self'", "'none'", "data:"}


@pytest.fixture
def site_with_pictures(clinic_site, image):
    """The test site, with a hero picture on a treatment page."""
    joint = clinic_site.joint
    joint.hero_image = image
    joint.hero_image_alt = "A spine model"
    joint.save_revision().publish()
    return clinic_site


def visit(client, url):
    """What a patient's browser gets at `url`; the confirmation comes after sending the form."""
    if url == "/appointments/request/sent/":
        response = client.post("/appointments/request/", answers(), follow=True)
        assert response.redirect_chain[-1][0] == url
        return response
    response = client.get(url)
    assert response.status_code == (404 if url == "/no-such-page/" else 200), url
    return response


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    parts = (part.split() for part in response["Content-Security-Policy"].split(";"))
    return {name: sources for name, *sources in parts}


def test_the_lists_cover_every_live_page(clinic_site):
    live = {page.url for page in Page.objects.live() if page.url}
    assert live == set(LIVE_PAGES)


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_responses_send_a_strict_policy(client, clinic_site, url):
    directives = policy(visit(client, url))
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    assert {source for sources in directives.values() for source in sources} <= OWN_SOURCES


def is_own(url, media_origin=None):
    parts = urlsplit(url)
    if parts.scheme == "data":
        return True
    if not parts.scheme and not parts.netloc:
        return True  # relative to the page
    origin = f"{parts.scheme}://{parts.netloc}"
    return origin in ("http://testserver", media_origin)


def loaded_urls(soup):
    """Everything the browser fetches to show the page (links to other sites are not fetched)."""
    urls = [tag["src"] for tag in soup.select("[src]")]
    # A canonical or alternate link names a page; it does not load it.
    urls += [
        tag["href"]
        for tag in soup.select("link[href]")
        if not {"canonical", "alternate"} & set(tag.get("rel", []))
    ]
    for tag in soup.select("[srcset]"):
        urls += [candidate.split()[0] for candidate in tag["srcset"].split(",")]
    urls += [tag["action"] for tag in soup.select("form[action]")]
    return urls


@pytest.mark.parametrize("url", HTML_PAGES)
def test_public_pages_load_nothing_from_other_sites(client, site_with_pictures, url):
    soup = parse(visit(client, url))
    urls = loaded_urls(soup)
    assert urls, "every page loads at least its stylesheet"
    assert [u for u in urls if not is_own(u)] == []
    assert soup.select("iframe, object, embed") == []


def test_the_pictures_are_checked_too(client, site_with_pictures):
    soup = parse(visit(client, "/treatments/joint-manipulation/"))
    assert soup.select_one("img[alt='A spine model']")["src"].startswith("/media/")


@pytest.mark.parametrize("url", HTML_PAGES)
def test_public_pages_have_no_inline_script_style_or_event_handler(client, site_with_pictures, url):
    soup = parse(visit(client, url))
    inline_scripts = [s for s in soup.find_all("script") if not s.get("src")]
    # JSON-LD is data for search engines: the browser does not run it.
    assert [s.get("type") for s in inline_scripts if s.get("type") != "application/ld+json"] == []
    assert soup.find_all("style") == []
    assert soup.select("[style]") == []
    handlers = [
        (tag.name, attribute)
        for tag in soup.find_all(True)
        for attribute in tag.attrs
        if attribute.lower().startswith("on")
    ]
    assert handlers == []


def test_media_from_a_bucket_or_cdn_is_allowed_as_images_only(client, site_with_pictures, settings):
    settings.MEDIA_URL = "https://media.clinic.example/"
    response = visit(client, "/treatments/joint-manipulation/")
    directives = policy(response)
    assert directives["img-src"] == ["'self'", "data:", "https://media.clinic.example"]
    assert directives["script-src"] == ["'self'"]
    hero = parse(response).select_one("img[alt='A spine model']")
    assert hero["src"].startswith("https://media.clinic.example/")
    assert all(is_own(u, "https://media.clinic.example") for u in loaded_urls(parse(response)))


# The admin


def admin_sources(response):
    return {source for sources in policy(response).values() for source in sources}


ADMIN_SOURCES = {"'self'", "'none'", "'unsafe-inline'", "data:", "blob:"}


@pytest.mark.parametrize(
    ("url", "signed_in"),
    [("/admin/login/", False), ("/admin/", True), ("/admin/appointment-requests/", True)],
)
def test_the_admin_gets_its_own_policy_with_nothing_from_other_sites(
    client, clinic_site, url, signed_in
):
    if signed_in:
        client.force_login(make_user("boss", is_superuser=True))
    response = client.get(url)
    assert response.status_code == 200
    directives = policy(response)
    assert directives["frame-ancestors"] == ["'self'"]  # the editor frames its preview
    assert directives["object-src"] == ["'none'"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert admin_sources(response) <= ADMIN_SOURCES


def test_a_page_preview_gets_the_admin_policy_so_the_editor_can_frame_it(admin_client, clinic_site):
    response = admin_client.get(f"/admin/pages/{clinic_site.joint.pk}/view_draft/")
    assert response.status_code == 200
    assert policy(response)["frame-ancestors"] == ["'self'"]
    assert admin_sources(response) <= ADMIN_SOURCES
