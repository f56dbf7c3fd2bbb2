"""Settings › Cache in the admin is for superusers: nobody else sees it or empties the page
cache, and emptying it takes a POST with the form's CSRF token, never a link or a GET."""

import pytest
from django.test import Client

from tests.helpers import html, make_user, parse, text_of

CACHE_URL = "/admin/cache/"
# wagtail-cache's own address for emptying the cache, which it answered on a GET.
CLEAR_URL = "/admin/cache/clearcache"
CACHE_HEADER = "X-Wagtail-Cache"


def browser(user):
    """A browser logged in as `user` that sends CSRF tokens only as a real form would."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def cache_the_home_page():
    Client().get("/")
    assert Client().get("/")[CACHE_HEADER] == "hit"


def home_page_is_cached():
    return Client().get("/")[CACHE_HEADER] == "hit"


@pytest.fixture
def superuser(clinic_site):
    return make_user("boss", is_superuser=True)


@pytest.mark.parametrize("group_name", ["Editors", "Front desk"])
def test_staff_who_are_not_superusers_cannot_open_or_use_the_cache_page(clinic_site, group_name):
    client = browser(make_user("someone", group_name))
    cache_the_home_page()

    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert CACHE_URL not in dashboard.content.decode()
    for url in [CACHE_URL, CLEAR_URL]:
        for method in [client.get, client.post]:
            response = method(url)
            assert response.status_code in (302, 403), (url, response.status_code)
            if response.status_code == 302:
                assert not response["Location"].startswith(CACHE_URL)
    assert home_page_is_cached()


def test_a_superuser_finds_the_cache_page_in_the_settings_menu(superuser):
    client = browser(superuser)
    assert CACHE_URL in client.get("/admin/").content.decode()
    page = html(client.get(CACHE_URL))
    form = page.select_one(f"main form[method='post'][action='{CACHE_URL}']")
    assert form is not None
    assert "Clear cache" in text_of(form)
    # No link empties the cache: a link is a GET, which a crawler or a prefetch can make.
    assert not page.select(f"a[href^='{CLEAR_URL}']")


def test_a_get_never_empties_the_cache(superuser):
    client = browser(superuser)
    cache_the_home_page()
    for url in [CACHE_URL, CLEAR_URL]:
        assert client.get(url).status_code in (200, 302, 405)
    assert home_page_is_cached()


def test_a_post_without_the_forms_csrf_token_empties_nothing(superuser):
    client = browser(superuser)
    cache_the_home_page()
    response = client.post(CACHE_URL)
    assert response.status_code == 403
    assert home_page_is_cached()


def test_the_form_empties_the_cache_and_says_so(superuser):
    client = browser(superuser)
    cache_the_home_page()
    form = html(client.get(CACHE_URL)).select_one("main form[method='post']")
    token = form.select_one("input[name='csrfmiddlewaretoken']")["value"]

    response = client.post(form["action"], {"csrfmiddlewaretoken": token}, follow=True)
    assert response.status_code == 200
    assert "The page cache is empty" in text_of(parse(response))
    assert not home_page_is_cached()
