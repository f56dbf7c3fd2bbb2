"""Staff passwords are passphrases: at least 12 characters, not a common password, not all
digits and not like the user's own name or email."""

import pytest
from django.contrib.auth import get_user_model

from tests.helpers import logged_in, make_user, parse, text_of

pytestmark = pytest.mark.django_db


def add_user(client, password):
    return client.post(
        "/admin/users/new/",
        {
            "username": "newclerk",
            "email": "newclerk@example.com",
            "first_name": "New",
            "last_name": "Clerk",
            "password1": password,
            "password2": password,
        },
    )


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("Spine-ache1", "at least 12 characters"),
        ("123456789012345", "entirely numeric"),
        ("password1234", "too common"),
        ("newclerk@example.com", "too similar"),
    ],
)
def test_a_weak_password_is_refused_with_the_reason(clinic_site, password, reason):
    client = logged_in(make_user("boss", is_superuser=True))
    response = add_user(client, password)
    assert response.status_code == 200
    assert reason in text_of(parse(response))
    assert not get_user_model().objects.filter(username="newclerk").exists()


def test_a_passphrase_is_accepted(clinic_site):
    client = logged_in(make_user("boss", is_superuser=True))
    response = add_user(client, "lumbar rolls at dawn")
    assert response.status_code == 302
    assert get_user_model().objects.get(username="newclerk").check_password("lumbar rolls at dawn")
