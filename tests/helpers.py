from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client


def html(response):
    """The response parsed, for asserting on what a visitor's browser would show."""
    assert response.status_code == 200, response.status_code
    return parse(response)


def parse(response):
    """Any response parsed, whatever its status (error pages too)."""
    return BeautifulSoup(response.content, "html.parser")


def text_of(soup):
    """The visible text of a page or element, with whitespace folded."""
    return " ".join(soup.get_text(" ").split())


def make_user(username, group_name=None, **fields):
    """A user with password "pw", in the named group if one is given."""
    user = get_user_model().objects.create_user(username, f"{username}@example.com", "pw", **fields)
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


def logged_in(user):
    """A browser logged in as `user`. force_login, because django-axes refuses
    `client.login()` (it has no request to count attempts against); tests of the sign-in
    itself post to /admin/login/."""
    client = Client()
    client.force_login(user)
    return client
