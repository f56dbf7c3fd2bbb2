"""The Clinical review workflow on the health sections (treatments and symptoms).

The workflow, its task and the Clinicians group are installed by the data migration
`education.0006_clinical_review_workflow`. A section created after it (by
`load_clinic_content`, or a test) is handed to clinical review with `assign_clinical_review`.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage

CLINICAL_REVIEW = "Clinical review"
CLINICIANS = "Clinicians"
# Clinicians write, review and publish health pages; elsewhere they have no page rights.
CLINICIAN_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]


def clinical_review_workflow():
    return Workflow.objects.filter(name=CLINICAL_REVIEW, active=True).first()


def assign_clinical_review(section):
    """Send `section` and the pages under it through Clinical review, and let clinicians edit
    and publish there. Returns the workflow, or None (nothing done) if it is not installed."""
    workflow = clinical_review_workflow()
    if workflow is None:
        return None
    WorkflowPage.objects.update_or_create(page_id=section.pk, defaults={"workflow": workflow})
    clinicians = Group.objects.filter(name=CLINICIANS).first()
    if clinicians is not None:
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailcore",
            content_type__model="page",
            codename__in=CLINICIAN_PAGE_PERMISSIONS,
        ):
            GroupPagePermission.objects.get_or_create(
                group=clinicians, page_id=section.pk, permission=permission
            )
    return workflow
