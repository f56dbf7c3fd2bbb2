"""Run by tests/test_people.py (`python -m tests.migration_round_trip <file>`), in a process
of its own, on a new SQLite file: the practitioners' migrations taken back to clinical
reviewers, forward and back again, with reviewers and an article in place; prints what each
state holds, as JSON.

A process of its own because the suite's test database is shared by its tests, each in a
transaction, where SQLite cannot alter tables."""

import json
import sys

from tests.migration_process import migrate, set_up

REVIEWERS = (
    "SELECT id, name, credentials, bio, photo_id, user_id FROM education_reviewer ORDER BY id"
)
PRACTITIONERS = (
    "SELECT id, name, credentials, bio, photo_id, user_id, slug FROM people_practitioner "
    "ORDER BY id"
)
BEFORE = [("education", "0008_table_block"), ("people", "0001_initial")]


def main(database):
    set_up(database)
    from django.db import connection

    def rows(sql):
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return [list(row) for row in cursor.fetchall()]

    old_apps = migrate(BEFORE)
    # A database as it stood before practitioners: two reviewers, one with a login and a
    # photo, and an article reviewed by the second.
    user = old_apps.get_model("auth", "User").objects.create(username="maya")
    image = old_apps.get_model("wagtailimages", "Image").objects.create(
        title="Maya", file="original_images/maya.jpg", width=400, height=400
    )
    Reviewer = old_apps.get_model("education", "Reviewer")
    Reviewer.objects.create(id=7, name="Dr. Ana Ruiz", credentials="DC")
    Reviewer.objects.create(
        id=9,
        name="Dr. Maya Ellison",
        credentials="DC, chiropractor",
        bio="Treats back pain.",
        photo=image,
        user=user,
    )
    with connection.cursor() as cursor:
        # An article row of its own is enough: the migrations never read its page.
        cursor.execute(
            "INSERT INTO wagtailcore_page (path, depth, numchild, title, slug, live, "
            "has_unpublished_changes, url_path, show_in_menus, search_description, "
            "seo_title, expired, locked, content_type_id, draft_title, translation_key, "
            "locale_id, latest_revision_created_at) SELECT '00019999', 2, 0, 'Back spasms', "
            "'back-spasms', 1, 0, '/back-spasms/', 0, '', '', 0, 0, content_type_id, "
            "'Back spasms', 'f0e1d2c3-0000-4000-8000-000000000001', locale_id, NULL "
            "FROM wagtailcore_page WHERE depth = 1"
        )
        page_id = cursor.lastrowid
        cursor.execute(
            "INSERT INTO education_symptomarticlepage (page_ptr_id, reviewer_id, summary, "
            "body, signs, causes, urgent_help, prevention) "
            "VALUES (%s, %s, '', '[]', '', '', '', '')",
            [page_id, 9],
        )
    before = rows(REVIEWERS)

    migrate()
    forward = {
        "practitioners": rows(PRACTITIONERS),
        "article_reviewer": rows("SELECT reviewer_id FROM education_symptomarticlepage"),
    }
    from clinic.people.models import Practitioner

    forward["next_id"] = Practitioner.objects.create(name="Dr. New", credentials="DC").pk
    Practitioner.objects.filter(name="Dr. New").delete()

    migrate(BEFORE)
    backward = {
        "reviewers": rows(REVIEWERS),
        "article_reviewer": rows("SELECT reviewer_id FROM education_symptomarticlepage"),
    }
    print(json.dumps({"before": before, "forward": forward, "backward": backward}))


if __name__ == "__main__":
    main(sys.argv[1])
