"""The Front desk group: uses the admin and views, changes and exports appointment requests.

It gets no page permissions, and no add or delete rights on requests. Wagtail's Editors
and Moderators groups are left as Wagtail made them, with no right on requests.
"""

from django.db import migrations

FRONT_DESK = "Front desk"

# On a fresh database Django creates model permissions only after all migrations have run
# (post_migrate), so the ones the group needs are made here if missing.
APPOINTMENT_PERMISSIONS = {
    "view_appointmentrequest": "Can view appointment request",
    "change_appointmentrequest": "Can change appointment request",
    "export_appointmentrequest": "Can export appointment requests",
}


def create_front_desk_group(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")

    content_type, _ = ContentType.objects.get_or_create(
        app_label="appointments", model="appointmentrequest"
    )
    permissions = [
        Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )[0]
        for codename, name in APPOINTMENT_PERMISSIONS.items()
    ]
    permissions.append(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    group, _ = Group.objects.get_or_create(name=FRONT_DESK)
    group.permissions.add(*permissions)


def remove_front_desk_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=FRONT_DESK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("appointments", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0002_initial_data"),
        # These give choose rights to every group that can use the admin: they run first,
        # so the Front desk gets none.
        ("wagtaildocs", "0011_add_choose_permissions"),
        ("wagtailimages", "0023_add_choose_permissions"),
    ]

    operations = [
        migrations.RunPython(create_front_desk_group, remove_front_desk_group),
    ]
