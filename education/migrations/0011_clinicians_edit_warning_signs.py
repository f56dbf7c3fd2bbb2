"""Clinicians edit the warning signs (safety.WarningSign): add, change and delete them.
Nobody else gets a right on them here (superusers have every right)."""

from django.db import migrations

CLINICIANS = "Clinicians"

# On a fresh database Django creates model permissions only after all migrations have run
# (post_migrate), so they are made here if missing.
WARNING_SIGN_PERMISSIONS = {
    "add_warningsign": "Can add warning sign",
    "change_warningsign": "Can change warning sign",
    "delete_warningsign": "Can delete warning sign",
}


def let_clinicians_edit_warning_signs(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")

    content_type, _ = ContentType.objects.get_or_create(app_label="safety", model="warningsign")
    permissions = [
        Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )[0]
        for codename, name in WARNING_SIGN_PERMISSIONS.items()
    ]
    group, _ = Group.objects.get_or_create(name=CLINICIANS)
    group.permissions.add(*permissions)


def take_the_rights_back(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=CLINICIANS).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="safety", codename__in=WARNING_SIGN_PERMISSIONS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("education", "0010_delete_reviewer"),
        ("safety", "0001_warning_signs"),
    ]

    operations = [
        migrations.RunPython(let_clinicians_edit_warning_signs, take_the_rights_back),
    ]
