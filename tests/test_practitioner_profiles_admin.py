"""A clinician edits their own practitioner record in the admin (bio, photo, credentials),
and uploads its photo; nobody else's, and not who they are on the site."""

import pytest
from django.urls import reverse

from clinic.people.models import Practitioner
from tests.helpers import logged_in, make_user


@pytest.fixture
def clinician(clinic_site):
    """Sam, a clinician with a practitioner record of their own, and Dr. Ana Ruiz's record."""
    user = make_user("sam", "Clinicians")
    own = Practitioner.objects.create(name="Sam Lee", credentials="DC", user=user)
    other = Practitioner.objects.exclude(pk=own.pk).get()
    return logged_in(user), own, other


def edit_url(practitioner):
    return reverse("wagtailsnippets_people_practitioner:edit", args=[practitioner.pk])


def test_a_clinician_edits_their_own_bio_and_credentials(clinician):
    client, own, _other = clinician
    form = client.get(edit_url(own))
    assert form.status_code == 200
    fields = set(form.context["form"].fields)
    assert {"bio", "credentials", "photo"} <= fields
    assert not fields & {"name", "slug", "user", "treatments"}

    response = client.post(
        edit_url(own),
        {
            "role": "Chiropractor",
            "credentials": "DC, sports",
            "bio": "I treat runners.",
            "photo": "",
            "photo_alt": "",
            "languages": "English",
        },
    )

    assert response.status_code == 302
    own.refresh_from_db()
    assert (own.bio, own.credentials, own.name) == ("I treat runners.", "DC, sports", "Sam Lee")


def test_a_clinician_cannot_open_or_change_anyone_elses_record(clinician):
    client, own, other = clinician
    listing = client.get(reverse("wagtailsnippets_people_practitioner:list"))
    assert [p.pk for p in listing.context["object_list"]] == [own.pk]
    assert client.get(edit_url(other)).status_code in (302, 403)
    client.post(edit_url(other), {"credentials": "Nothing", "bio": "Changed"})
    other.refresh_from_db()
    assert other.bio != "Changed"
    add = client.get(reverse("wagtailsnippets_people_practitioner:add"))
    assert add.status_code in (302, 403)


def test_a_clinician_may_upload_an_image_for_their_photo(clinician):
    client, _own, _other = clinician
    assert client.get(reverse("wagtailimages:add")).status_code == 200


def test_a_clinician_without_a_record_has_no_practitioners_menu(clinic_site):
    client = logged_in(make_user("kim", "Clinicians"))
    response = client.get(reverse("wagtailsnippets_people_practitioner:list"))
    assert response.status_code in (302, 403)
