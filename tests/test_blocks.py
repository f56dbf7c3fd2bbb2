"""Images always carry a text alternative, in the body and as a treatment's hero."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import StreamBlockValidationError

from clinic.base.blocks import ClinicStreamBlock
from tests.conftest import make_treatment
from tests.helpers import html

pytestmark = pytest.mark.django_db


def test_body_image_without_alt_text_is_refused(image):
    stream = ClinicStreamBlock()
    value = stream.to_python(
        [{"type": "image", "value": {"image": image.pk, "alt_text": "", "caption": ""}}]
    )
    with pytest.raises(StreamBlockValidationError):
        stream.clean(value)


def test_body_image_shows_its_alt_text_and_caption(client, clinic_site, image):
    page = make_treatment(
        clinic_site.treatment_index,
        "Ultrasound",
        body=[
            (
                "image",
                {
                    "image": image,
                    "alt_text": "A therapist's hands on a lower back",
                    "caption": "A visit",
                },
            )
        ],
    )
    figure = html(client.get(page.url)).select_one("main figure")
    assert figure.img["alt"] == "A therapist's hands on a lower back"
    assert figure.figcaption.get_text(strip=True) == "A visit"


def test_hero_image_needs_alt_text_when_the_image_has_no_description(clinic_site, image):
    page = clinic_site.joint
    page.hero_image = image
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "hero_image_alt" in error.value.message_dict


def test_hero_image_falls_back_to_the_image_description(client, clinic_site, image):
    image.description = "Spine model"
    image.save()
    page = clinic_site.joint
    page.hero_image = image
    page.full_clean()
    page.save_revision().publish()
    soup = html(client.get(page.url))
    assert soup.select_one("main img[alt='Spine model']")
    og_image = soup.find("meta", property="og:image")["content"]
    assert og_image.startswith("http://localhost/") and og_image.endswith(".png")
