"""The Clinical review workflow: the Clinicians group, its task, the workflow, and the health
sections it covers.

Clinicians use the admin, choose images and documents, and add, edit and publish pages in
the treatments and symptoms sections (nowhere else). The workflow is assigned to those
sections where they exist; on a new database `load_clinic_content` creates them and assigns
it (education.workflows.assign_clinical_review). Wagtail's Editors keep what Wagtail gave
them (add and edit, no publish), so their health pages go through the workflow.
"""

from django.db import migrations

CLINICIANS = "Clinicians"
CLINICAL_REVIEW = "Clinical review"
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
COLLECTION_PERMISSIONS = [("wagtailimages", "choose_image"), ("wagtaildocs", "choose_document")]
SECTIONS = [("treatments", "TreatmentIndexPage"), ("education", "SymptomIndexPage")]


def install_clinical_review(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    ClinicalReviewTask = apps.get_model("education", "ClinicalReviewTask")

    clinicians, _ = Group.objects.get_or_create(name=CLINICIANS)
    clinicians.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    root_collection = Collection.objects.filter(depth=1).first()
    for app_label, codename in COLLECTION_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if root_collection and permission:
            GroupCollectionPermission.objects.get_or_create(
                group=clinicians, collection=root_collection, permission=permission
            )

    task = ClinicalReviewTask.objects.filter(name=CLINICAL_REVIEW).first()
    if task is None:
        task_type, _ = ContentType.objects.get_or_create(
            app_label="education", model="clinicalreviewtask"
        )
        task = ClinicalReviewTask.objects.create(
            name=CLINICAL_REVIEW, content_type=task_type, active=True
        )
    task.groups.add(clinicians)
    workflow, _ = Workflow.objects.get_or_create(name=CLINICAL_REVIEW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task_id=task.pk, defaults={"sort_order": 0}
    )

    page_permissions = list(
        Permission.objects.filter(
            content_type__app_label="wagtailcore",
            content_type__model="page",
            codename__in=PAGE_PERMISSIONS,
        )
    )
    for app_label, model_name in SECTIONS:
        for section in apps.get_model(app_label, model_name).objects.all():
            WorkflowPage.objects.update_or_create(
                page_id=section.pk, defaults={"workflow": workflow}
            )
            for permission in page_permissions:
                GroupPagePermission.objects.get_or_create(
                    group=clinicians, page_id=section.pk, permission=permission
                )


def remove_clinical_review(apps, schema_editor):
    # Deleting these cascades to the workflow's section assignments, its tasks' states and
    # the group's permissions; the sections fall back to Wagtail's default workflow.
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=CLINICAL_REVIEW).delete()
    apps.get_model("education", "ClinicalReviewTask").objects.filter(name=CLINICAL_REVIEW).delete()
    apps.get_model("auth", "Group").objects.filter(name=CLINICIANS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("education", "0005_exercise_block"),
        ("treatments", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        # Wagtail's default workflows and page permissions (Permission objects) first.
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtaildocs", "0011_add_choose_permissions"),
        ("wagtailimages", "0023_add_choose_permissions"),
    ]

    operations = [
        migrations.RunPython(install_clinical_review, remove_clinical_review),
    ]
