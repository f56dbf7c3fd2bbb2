"""A clinic's locations: each with its page (address, the week's hours with today marked, the
next closure, directions, structured data), listed on the contact page; an existing clinic's
address and hours become its first location."""

import datetime
import json
import os
import time
from unittest import mock

import pytest
from django.utils import timezone

from clinic.locations import hours
from clinic.locations.models import Closure, LocationPage, OpeningSpan

from .helpers import html, run_python, text_of

NINE, FIVE = datetime.time(9), datetime.time(17)


def add_location(home, title="Northside", slug="northside", **fields):
    fields = {
        "summary": f"Our {title} clinic.",
        "street": "200 Birch Road",
        "city": "Fairview",
        "region": "OR",
        "postcode": "97024",
        "opening_spans": [OpeningSpan(weekday=day, opens=NINE, closes=FIVE) for day in range(5)],
        **fields,
    }
    location = LocationPage(title=title, slug=slug, **fields)
    home.add_child(instance=location)
    location.save_revision().publish()
    return location


def structured_data(response):
    script = html(response).select_one("script[type='application/ld+json']")
    return json.loads(script.string)


def test_a_location_page_shows_the_week_with_today_marked(client, clinic_site):
    add_location(clinic_site.home)
    soup = html(client.get("/northside/"))
    rows = {text_of(row.th): text_of(row.td) for row in soup.select(".opening-hours tr")}
    today = hours.WEEKDAYS[timezone.localdate().weekday()][1]
    assert f"{today} (today)" in rows
    assert rows.get("Monday", rows.get("Monday (today)")) == "9:00 AM–5:00 PM"
    assert rows.get("Sunday", rows.get("Sunday (today)")) == "Closed"
    assert "200 Birch Road" in text_of(soup.select_one("main address"))
    directions = soup.select_one("main a[href^='https://www.openstreetmap.org/']")
    assert "200+Birch+Road" in directions["href"]


def test_a_day_can_have_several_spans(client, clinic_site):
    location = add_location(clinic_site.home)
    location.opening_spans.add(
        OpeningSpan(weekday=0, opens=datetime.time(18), closes=datetime.time(20))
    )
    location.save_revision().publish()
    rows = [text_of(row.td) for row in html(client.get("/northside/")).select(".opening-hours tr")]
    assert rows[0] == "9:00 AM–5:00 PM, 6:00 PM–8:00 PM"


@pytest.mark.parametrize(
    "starts_in, shown",
    [(-1, True), (10, True), (hours.CLOSURE_NOTICE_DAYS + 5, False), (-10, False)],
    ids=["under way", "soon", "far off", "over"],
)
def test_the_next_closure_is_announced_when_it_is_near(client, clinic_site, starts_in, shown):
    today = timezone.localdate()
    first = today + datetime.timedelta(days=starts_in)
    add_location(
        clinic_site.home,
        closures=[
            Closure(first_day=first, last_day=first + datetime.timedelta(days=2), reason="Repairs")
        ],
    )
    notice = html(client.get("/northside/")).select_one("main .callout--warning")
    assert (notice is not None and "Repairs" in text_of(notice)) == shown


def test_the_page_cache_keeps_a_location_page_no_later_than_midnight(client, clinic_site):
    add_location(clinic_site.home)
    local_now = timezone.localtime()
    last_second = local_now.replace(hour=23, minute=59, second=59, microsecond=0)
    with mock.patch.object(timezone, "now", return_value=last_second):
        first = client.get("/northside/")
    assert first["X-Wagtail-Cache"] == "miss"
    assert client.get("/northside/")["X-Wagtail-Cache"] == "hit"
    time.sleep(1.2)
    assert client.get("/northside/")["X-Wagtail-Cache"] == "miss"


def test_seconds_until_tomorrow_count_the_clinics_midnight_across_a_clock_change():
    # 7 March 2027, 8 p.m. in Los Angeles: the clocks went forward at 2 a.m. that morning;
    # 6 November 2027, 8 p.m.: they go back at 2 a.m. the next morning (a 25-hour day).
    zone = timezone.get_current_timezone()
    march = datetime.datetime(2027, 3, 14, 20, 0, tzinfo=zone)
    november = datetime.datetime(2027, 11, 6, 20, 0, tzinfo=zone)
    assert hours.seconds_until_tomorrow(march) == 4 * 60 * 60
    assert hours.seconds_until_tomorrow(november) == 4 * 60 * 60
    before_change = datetime.datetime(2027, 11, 6, 23, 0, tzinfo=zone)
    assert hours.seconds_until_tomorrow(before_change) == 60 * 60


def test_a_location_describes_itself_to_search_engines(client, clinic_site):
    today = timezone.localdate()
    add_location(
        clinic_site.home,
        latitude="45.538100",
        longitude="-122.433200",
        phone="(503) 555-0170",
        closures=[Closure(first_day=today, last_day=today, reason="Training")],
    )
    data = structured_data(client.get("/northside/"))
    assert data["@type"] == "MedicalClinic"
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "200 Birch Road",
        "addressLocality": "Fairview",
        "addressRegion": "OR",
        "postalCode": "97024",
        "addressCountry": "US",
    }
    assert len(data["openingHoursSpecification"]) == 5
    assert data["openingHoursSpecification"][0]["dayOfWeek"] == "https://schema.org/Monday"
    assert data["specialOpeningHoursSpecification"][0]["validFrom"] == today.isoformat()
    assert data["geo"]["latitude"] == 45.5381
    assert data["telephone"] == "(503) 555-0170"
    assert "parentOrganization" not in data

    add_location(clinic_site.home, title="Southside", slug="southside")
    data = structured_data(client.get("/northside/"))
    assert data["parentOrganization"]["name"] == "Lumbar Chiropractic"


def test_the_contact_page_lists_every_location(client, clinic_site):
    add_location(clinic_site.home)
    soup = html(client.get("/contact/"))
    assert text_of(soup.select_one("#locations-title")) == "Where to find us"
    add_location(clinic_site.home, title="Southside", slug="southside")
    soup = html(client.get("/contact/"))
    assert text_of(soup.select_one("#locations-title")) == "Our locations"
    assert [link["href"] for link in soup.select(".location-list h3 a")] == [
        "/northside/",
        "/southside/",
    ]


# An existing clinic's address and hours, as the migrations carry them over


def migrate_settings_to_a_location(database, address, opening_hours):
    """The first location made by the migrations from settings holding `address` and
    `opening_hours` (in a process of its own: see tests/location_migration.py)."""
    env = {**os.environ, "TZ": timezone.get_default_timezone_name()}
    result = run_python(
        "-m",
        "tests.location_migration",
        str(database),
        address,
        opening_hours,
        env=env,
        timeout=180,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_migration_makes_the_clinics_address_and_hours_its_first_location(migrated_copy):
    location = migrate_settings_to_a_location(
        migrated_copy,
        "1480 Alder Street, Suite 210\nRiverside Commons\nFairview, OR 97024",
        "Mon–Thu 8:00–18:00\nFri 8:00–12:00, 13:00–16:00\nSat 9:00–13:00\nSun closed\n"
        "Evenings by arrangement",
    )
    assert location["title"] == "Our clinic in Fairview"
    assert location["address"] == [
        "1480 Alder Street, Suite 210\nRiverside Commons",
        "Fairview",
        "OR",
        "97024",
    ]
    assert location["spans"] == [
        *([day, "08:00:00", "18:00:00"] for day in range(4)),
        [4, "08:00:00", "12:00:00"],
        [4, "13:00:00", "16:00:00"],
        [5, "09:00:00", "13:00:00"],
    ]
    assert location["hours_note"] == "Evenings by arrangement"  # kept word for word
    assert location["parent"]  # under the site's home page
    assert location["tree_problems"] == [0, 0, 0, 0, 0]
    assert location["settings_kept"] == 1  # the settings row stays, without the address


def test_migration_takes_a_last_line_without_a_zip_code_as_the_city(migrated_copy):
    location = migrate_settings_to_a_location(
        migrated_copy, "12 Spine Street\nSpringfield", "Mon–Fri 9:00–17:00"
    )
    assert location["address"] == ["12 Spine Street", "Springfield", "", ""]
    assert location["title"] == "Our clinic in Springfield"
    assert location["hours_note"] == "" and len(location["spans"]) == 5
