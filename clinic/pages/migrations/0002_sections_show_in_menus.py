"""The header's menu is built from "Show in menus" now: the two health sections, which the
header named before, are marked so, on the page and in their revisions (publishing an older
draft keeps them in the menu). The menu of an existing site stays as it was."""

from django.db import migrations

SECTIONS = [("treatments", "treatmentindexpage"), ("education", "symptomindexpage")]


def show_sections_in_menus(apps, schema_editor):
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for app_label, model_name in SECTIONS:
        model = apps.get_model(app_label, model_name)
        content_type = ContentType.objects.filter(app_label=app_label, model=model_name)
        for page in model.objects.filter(show_in_menus=False):
            page.show_in_menus = True
            page.save(update_fields=["show_in_menus"])
            for revision in Revision.objects.filter(
                content_type__in=content_type, object_id=str(page.pk)
            ):
                revision.content["show_in_menus"] = True
                revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
        ("treatments", "0004_icon_and_table_block"),
        ("education", "0008_table_block"),
    ]

    operations = [
        migrations.RunPython(show_sections_in_menus, migrations.RunPython.noop),
    ]
