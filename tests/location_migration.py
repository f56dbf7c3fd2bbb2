"""Run by tests/test_locations.py (`python -m tests.location_migration <file> <address>
<hours>`), in a process of its own, on a new SQLite file: the clinic settings as they stood
before locations (an address and opening hours as text), migrated forward; prints the first
location the migrations made, as JSON.

A process of its own because the suite's test database is shared by its tests, each in a
transaction, where SQLite cannot alter tables."""

import json
import sys

from tests.migration_process import migrate, set_up

BEFORE = [("locations", "0001_initial"), ("base", "0005_brand_footer_and_notice")]


def main(database, address, opening_hours):
    set_up(database)
    old_apps = migrate(BEFORE)
    # The default site's root is Wagtail's welcome page: the clinic's home, here.
    site = old_apps.get_model("wagtailcore", "Site").objects.get(is_default_site=True)
    old_apps.get_model("base", "ClinicSettings").objects.create(
        site=site, clinic_name="Lumbar", address=address, opening_hours=opening_hours
    )

    migrate()
    from wagtail.models import Page

    from clinic.base.models import ClinicSettings
    from clinic.locations.models import LocationPage

    location = LocationPage.objects.get()
    print(
        json.dumps(
            {
                "title": location.title,
                "address": [location.street, location.city, location.region, location.postcode],
                "spans": [
                    [span.weekday, span.opens.isoformat(), span.closes.isoformat()]
                    for span in location.opening_spans.order_by("sort_order")
                ],
                "hours_note": location.hours_note,
                "parent": location.get_parent().pk == site.root_page_id,
                "tree_problems": [len(problems) for problems in Page.find_problems()],
                "settings_kept": ClinicSettings.objects.filter(clinic_name="Lumbar").count(),
            }
        )
    )


if __name__ == "__main__":
    main(*sys.argv[1:4])
