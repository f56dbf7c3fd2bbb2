"""An existing clinic's address and opening hours become its first location page, under the
home page, nothing lost: the address's last line is read as "City, ST 12345" (else it is
taken whole as the city) and each hours line as "Mon–Thu 8:00–18:00" (several spans a line,
comma-separated); an hours line that does not read so is kept word for word in the
location's note on its hours. The clinic
settings keep their text. A site without a home page or an address (a new install) gets its
first location from `load_clinic_content` instead."""

import datetime
import re

from django.db import migrations
from django.utils import timezone
from django.utils.text import slugify

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
DAY = r"(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?"
DAY_RANGE = re.compile(rf"^{DAY}(?:\s*[–-]\s*{DAY})?\s+(.*)$", re.IGNORECASE)
SPAN = re.compile(r"^(\d{1,2})[:.](\d{2})\s*[–-]\s*(\d{1,2})[:.](\d{2})$")
CITY_LINE = re.compile(r"^(?P<city>[^,]+),\s*(?P<region>[A-Za-z .]+?)\s+(?P<postcode>[0-9A-Z -]{3,10})$")
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4


def text_lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def read_hours(text):
    """([(weekday, opens, closes)], [lines that did not read as hours])."""
    spans, unread = [], []
    for line in text_lines(text):
        match = DAY_RANGE.match(line)
        if not match:
            unread.append(line)
            continue
        first = DAYS.index(match.group(1).lower()[:3])
        last = DAYS.index(match.group(2).lower()[:3]) if match.group(2) else first
        rest = match.group(3).strip()
        if rest.lower() == "closed":
            continue
        times = [SPAN.match(part.strip()) for part in rest.split(",")]
        if last < first or not all(times):
            unread.append(line)
            continue
        for weekday in range(first, last + 1):
            for time in times:
                opens = datetime.time(int(time.group(1)), int(time.group(2)))
                closes = datetime.time(int(time.group(3)), int(time.group(4)))
                spans.append((weekday, opens, closes))
    return spans, unread


def read_address(text):
    """(street, city, region, postcode): the last line read as "City, ST 12345" if it can be,
    else as the city (a one-line address is all street)."""
    address = text_lines(text)
    if len(address) < 2:
        return "\n".join(address), "", "", ""
    street, last = "\n".join(address[:-1]), address[-1]
    match = CITY_LINE.match(last)
    if not match:
        return street, last, "", ""
    return street, match["city"].strip(), match["region"].strip(), match["postcode"]


def child_path(parent, last_child_path):
    """The tree path for a new last child of `parent` (treebeard's materialised path)."""
    if last_child_path is None:
        number = 1
    else:
        number = int(last_child_path[-STEPLEN:], len(ALPHABET)) + 1
    step = ""
    while number:
        number, digit = divmod(number, len(ALPHABET))
        step = ALPHABET[digit] + step
    return parent.path + step.rjust(STEPLEN, "0")


def first_location_from_clinic_settings(apps, schema_editor):
    ClinicSettings = apps.get_model("base", "ClinicSettings")
    LocationPage = apps.get_model("locations", "LocationPage")
    OpeningSpan = apps.get_model("locations", "OpeningSpan")
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    if LocationPage.objects.exists():
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="locations", model="locationpage")
    for clinic in ClinicSettings.objects.select_related("site__root_page"):
        home = clinic.site.root_page
        if not text_lines(clinic.address) or home.depth < 2:
            continue
        street, city, region, postcode = read_address(clinic.address)
        spans, unread = read_hours(clinic.opening_hours)
        title = f"Our clinic in {city}" if city else clinic.clinic_name
        slug = base = slugify(city or "our-clinic") or "our-clinic"
        siblings = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1)
        number = 1
        while siblings.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        last = siblings.order_by("-path").values_list("path", flat=True).first()
        now = timezone.now()
        location = LocationPage.objects.create(
            title=title,
            draft_title=title,
            slug=slug,
            content_type=content_type,
            path=child_path(home, last),
            depth=home.depth + 1,
            numchild=0,
            url_path=f"{home.url_path}{slug}/",
            locale_id=home.locale_id,
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
            summary=f"Where to find {clinic.clinic_name}: address, opening hours and directions.",
            street=street,
            city=city,
            region=region,
            postcode=postcode,
            hours_note="\n".join(unread),
        )
        Page.objects.filter(pk=home.pk).update(numchild=home.numchild + 1)
        OpeningSpan.objects.bulk_create(
            OpeningSpan(location=location, weekday=day, opens=opens, closes=closes, sort_order=i)
            for i, (day, opens, closes) in enumerate(spans)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("locations", "0001_initial"),
        ("base", "0005_brand_footer_and_notice"),
        ("home", "0002_loaded_content"),
    ]

    operations = [
        migrations.RunPython(first_location_from_clinic_settings, migrations.RunPython.noop),
    ]
