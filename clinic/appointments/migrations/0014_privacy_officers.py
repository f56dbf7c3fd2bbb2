"""The Privacy officers group: uses the admin and handles patient data requests (finds one
person's appointment requests across all locations, downloads and erases them), and nothing
else: no page rights, no view or change of the front desk's inbox. The permission is new on
the request model; superusers have it as they have every permission."""

from django.db import migrations

PRIVACY_OFFICERS = "Privacy officers"
PERMISSION = (
    "handle_data_request_appointmentrequest",
    "Can find, export and erase a person's requests",
)


def create_privacy_officers_group(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")

    # On a fresh database Django creates model permissions only after all migrations have
    # run (post_migrate), so this one is made here if missing, as in 0002.
    content_type, _ = ContentType.objects.get_or_create(
        app_label="appointments", model="appointmentrequest"
    )
    codename, name = PERMISSION
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    group, _ = Group.objects.get_or_create(name=PRIVACY_OFFICERS)
    group.permissions.add(permission, access_admin)


def take_the_groups_rights_away(apps, schema_editor):
    # Back again, the group stays, with no rights: deleting the group itself here fails when
    # migrating back past this app (Django's deletion collector mixes models of two migration
    # states: 'Must be "Group" instance'). Its members keep their other groups either way.
    Group = apps.get_model("auth", "Group")
    Group.permissions.through.objects.filter(group__name=PRIVACY_OFFICERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("appointments", "0013_request_notes"),
        # Document and image choose rights go to every group that can use the admin when
        # those migrations run: they ran before this one, so Privacy officers get none.
        ("wagtaildocs", "0011_add_choose_permissions"),
        ("wagtailimages", "0023_add_choose_permissions"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="appointmentrequest",
            options={
                "ordering": ["-is_urgent", "-created_at"],
                "permissions": [
                    ("export_appointmentrequest", "Can export appointment requests"),
                    PERMISSION,
                ],
                "verbose_name": "appointment request",
            },
        ),
        migrations.RunPython(create_privacy_officers_group, take_the_groups_rights_away),
    ]
