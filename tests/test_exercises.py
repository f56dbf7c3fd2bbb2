"""Home exercises: the block refuses an exercise a patient could not follow safely, a page
with exercises shows them and prints as a home programme, and the shipped back-spasm
exercises say to stop if the pain increases. How a page prints is seen in the browser:
tests/e2e/test_printing.py."""

import pytest
from wagtail.blocks import StructBlockValidationError
from wagtail.models import Page

from clinic.base.blocks import ExerciseBlock
from education.models import SymptomArticlePage
from tests.conftest import make_article, make_treatment
from tests.helpers import html, text_of
from treatments.models import TreatmentPage

pytestmark = pytest.mark.django_db

STOP_IF_PAIN_INCREASES = "stop if the pain increases"


def exercise(**changes):
    value = {
        "name": "Pelvic tilt",
        "image": None,
        "alt_text": "",
        "steps": [
            "Lie on your back with your knees bent.",
            "Press the small of your back into the floor.",
            "Relax.",
        ],
        "sets": 2,
        "reps": 10,
        "hold_seconds": 5,
        "frequency": "Twice a day",
        "safety_note": "Stop if the pain increases, and tell your clinician.",
    }
    value.update(changes)
    return value


def clean(value):
    block = ExerciseBlock()
    return block.clean(block.to_python(value))


def body_with_exercises(*exercises):
    return [("heading", {"text": "Exercises to try at home", "level": "h2"})] + [
        ("exercise", value) for value in exercises
    ]


# The block


@pytest.mark.parametrize(
    "dose",
    [
        {"sets": None, "reps": None, "hold_seconds": None},
        {"sets": 3, "reps": None, "hold_seconds": None},
    ],
)
def test_exercise_without_repetitions_or_a_hold_time_is_refused(dose):
    with pytest.raises(StructBlockValidationError) as error:
        clean(exercise(**dose))
    assert "repetitions" in str(error.value.non_block_errors.as_data()[0].message)


@pytest.mark.parametrize(
    "dose, words",
    [
        ({"sets": 2, "reps": 10, "hold_seconds": None}, "2 sets of 10 repetitions"),
        ({"sets": None, "reps": None, "hold_seconds": 30}, "Hold for 30 seconds"),
        (
            {"sets": None, "reps": 3, "hold_seconds": 20},
            "3 repetitions, holding each for 20 seconds",
        ),
    ],
)
def test_sets_and_repetitions_or_a_hold_time_are_accepted_and_put_into_words(dose, words):
    assert clean(exercise(**dose)).dose() == words


@pytest.mark.parametrize("field, number", [("sets", 0), ("reps", 500), ("hold_seconds", 3600)])
def test_implausible_numbers_are_refused(field, number):
    with pytest.raises(StructBlockValidationError) as error:
        clean(exercise(**{field: number}))
    assert field in error.value.block_errors


def test_exercise_image_without_alt_text_is_refused(image):
    with pytest.raises(StructBlockValidationError) as error:
        clean(exercise(image=image.pk, alt_text="  "))
    assert set(error.value.block_errors) == {"alt_text"}


def test_exercise_without_a_safety_note_is_refused():
    with pytest.raises(StructBlockValidationError) as error:
        clean(exercise(safety_note=""))
    assert "safety_note" in error.value.block_errors


def test_new_exercise_says_to_stop_if_the_pain_increases():
    assert STOP_IF_PAIN_INCREASES in ExerciseBlock().get_default()["safety_note"].lower()


# The page


def test_article_shows_each_exercise_with_numbered_steps_dose_frequency_and_safety_note(
    client, clinic_site, image
):
    article = make_article(
        clinic_site.symptom_index,
        "Neck stiffness",
        body=body_with_exercises(
            exercise(image=image, alt_text="Lying on the back, knees bent"),
            exercise(name="Chin tuck", sets=None, reps=None, hold_seconds=10),
        ),
    )
    soup = html(client.get(article.url))
    first, second = soup.select("main article.exercise")

    assert first.h3.get_text(strip=True) == "Pelvic tilt"
    assert "block-exercise" in first.parent["class"]  # how print.css tells exercises apart
    assert first.img["alt"] == "Lying on the back, knees bent"
    assert [li.get_text(strip=True) for li in first.select("ol > li")] == exercise()["steps"]
    dose = {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True)
        for dt in first.select("dl dt")
    }
    assert dose == {
        "How much": "2 sets of 10 repetitions, holding each for 5 seconds",
        "How often": "Twice a day",
    }
    note = first.select_one("[role=note]")
    assert text_of(note) == "Safety: Stop if the pain increases, and tell your clinician."
    assert second.h3.get_text(strip=True) == "Chin tuck"
    assert "Hold for 10 seconds" in text_of(second) and not second.img


def test_treatment_page_shows_exercises(client, clinic_site):
    page = make_treatment(
        clinic_site.treatment_index, "Home exercise", body=body_with_exercises(exercise())
    )
    soup = html(client.get(page.url))
    assert soup.select_one("main article.exercise h3").get_text(strip=True) == "Pelvic tilt"


# Printing


def test_every_page_links_the_print_stylesheet_for_print_only(client, clinic_site):
    for url in [
        "/",
        "/treatments/",
        "/treatments/joint-manipulation/",
        "/symptoms/",
        "/symptoms/back-spasms/",
        "/contact/",
        "/search/",
    ]:
        links = html(client.get(url)).select("head link[rel=stylesheet][href$='print.css']")
        assert [link["media"] for link in links] == ["print"], url


def test_printout_is_headed_by_the_clinic_name_and_phone(client, clinic_site):
    soup = html(client.get("/symptoms/back-spasms/"))
    assert (
        text_of(soup.select_one(".print-letterhead"))
        == "Lumbar Chiropractic · Phone (503) 555-0100"
    )


def test_print_hint_shows_only_on_pages_with_exercises(client, clinic_site):
    article = make_article(
        clinic_site.symptom_index, "Neck stiffness", body=body_with_exercises(exercise())
    )
    treatment = clinic_site.exercise
    treatment.body = body_with_exercises(exercise())
    treatment.save_revision().publish()

    for url in [article.url, treatment.url]:
        hint = html(client.get(url)).select_one("main .print-hint")
        assert hint and "print this page or save it as PDF" in text_of(hint), url
    for url in ["/symptoms/back-spasms/", "/treatments/joint-manipulation/", "/symptoms/", "/"]:
        assert not html(client.get(url)).select_one(".print-hint"), url


# The shipped exercises


class TestTheShippedExercises:
    """As `make run` loads them (shipped_site)."""

    @pytest.mark.parametrize(
        "model, slug", [(SymptomArticlePage, "back-spasms"), (TreatmentPage, "exercise-therapy")]
    )
    def test_shipped_pages_have_three_or_four_exercises_that_say_when_to_stop(
        self, shipped_site, client, model, slug
    ):
        page = model.objects.get(slug=slug)
        exercises = [block.value for block in page.body if block.block_type == "exercise"]

        assert 3 <= len(exercises) <= 4
        page.body.stream_block.clean(page.body)  # each has steps and a dose, within the limits
        for value in exercises:
            assert len(value["steps"]) >= 3 and value["frequency"], value["name"]
            assert STOP_IF_PAIN_INCREASES in value["safety_note"].lower(), value["name"]

        soup = html(client.get(page.url))
        assert len(soup.select("main article.exercise")) == len(exercises)
        assert soup.select_one("main .print-hint")

    def test_back_spasm_exercises_follow_a_heading_and_the_article_is_tagged(self, shipped_site):
        article = SymptomArticlePage.objects.get(slug="back-spasms")
        types = [block.block_type for block in article.body]
        heading = next(
            block.value["text"]
            for block in reversed(article.body[: types.index("exercise")])
            if block.block_type == "heading"
        )
        assert heading == "Gentle exercises to try at home"
        assert sorted(tag.name for tag in article.tags.all()) == ["lower back", "muscle spasm"]

    def test_shipped_pages_with_exercises_keep_their_heading_order(self, shipped_site, client):
        for page in Page.objects.live().filter(slug__in=["back-spasms", "exercise-therapy"]):
            soup = html(client.get(page.url))
            levels = [int(h.name[1]) for h in soup.select("main :is(h1, h2, h3, h4)")]
            for before, after in zip(levels, levels[1:], strict=False):
                assert after <= before + 1, (page.url, levels)
