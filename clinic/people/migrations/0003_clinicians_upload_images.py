"""Clinicians upload the photo for their own profile: the Clinicians group may add images
(in the root collection), as well as choose them."""

from django.db import migrations

CLINICIANS = "Clinicians"


def let_clinicians_upload_images(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    clinicians = Group.objects.filter(name=CLINICIANS).first()
    root = Collection.objects.filter(depth=1).first()
    if clinicians is None or root is None:
        return
    image_type, _ = ContentType.objects.get_or_create(app_label="wagtailimages", model="image")
    add_image, _ = Permission.objects.get_or_create(
        content_type=image_type, codename="add_image", defaults={"name": "Can add image"}
    )
    GroupCollectionPermission.objects.get_or_create(
        group=clinicians, collection=root, permission=add_image
    )


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_practitioners_from_reviewers"),
        ("education", "0006_clinical_review_workflow"),
        ("wagtailimages", "0023_add_choose_permissions"),
    ]

    operations = [
        migrations.RunPython(let_clinicians_upload_images, migrations.RunPython.noop),
    ]
