"""Bulk actions on the front desk's listing: mark the selected requests contacted, or spam.

Wagtail's bulk-action framework (the listing's checkboxes and footer, a confirmation page,
then a POST). Each action is allowed as a single change would be: the change permission,
the account's locations (visible_to) and the clinic's workflow (workflow.py); a request it may
not change is listed as such and left alone. Each change is one "changed" entry in the
request's history, as from the edit form.
"""

import uuid

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_list_or_404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.log_actions import log

from .models import AppointmentRequest
from .viewsets import CHANGED, permission_policy
from .workflow import claim, status_change_refusal

Status = AppointmentRequest.Status


class SetStatusBulkAction(BulkAction):
    models = [AppointmentRequest]
    template_name = "appointments/admin/confirm_bulk_status.html"
    status = None  # the status the action sets
    done = None  # the success message, plural by "count"

    def dispatch(self, request, *args, **kwargs):
        if not permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self, model, object_ids):
        # Only what the user may see: another location's request is "not found".
        visible = model.objects.visible_to(self.request.user)
        return get_list_or_404(visible.order_by("-is_urgent", "-created_at"), pk__in=object_ids)

    def get_all_objects_in_listing_query(self, parent_id):
        # "Select all" means the inbox the user sees, never spam or other locations'.
        return (
            AppointmentRequest.objects.visible_to(self.request.user)
            .inbox()
            .values_list("pk", flat=True)
        )

    def check_perm(self, appointment_request):
        return not status_change_refusal(appointment_request.status, self.status)

    def get_execution_context(self):
        return {"user": self.request.user, "status": self.status}

    @classmethod
    def execute_action(cls, objects, user=None, status=None, **kwargs):
        for appointment_request in objects:
            old_status = appointment_request.status
            if old_status == status:
                continue
            appointment_request.status = status
            fields = ["status"]
            if claim(appointment_request, user):
                fields.append("handled_by")
            appointment_request.save()
            log(
                instance=appointment_request,
                action=CHANGED,
                user=user,
                # An entry of its own in each request's history: Wagtail's history shows one
                # entry per uuid, and the request's log context gives them all the same one.
                uuid=uuid.uuid4(),
                data={"fields": fields, "status": {"from": old_status, "to": status}},
            )
        return len(objects), 0

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "status_label": Status(self.status).label}

    def get_success_message(self, num_parent_objects, num_child_objects):
        return self.done % {"count": num_parent_objects}


class MarkContactedBulkAction(SetStatusBulkAction):
    display_name = _("Mark contacted")
    action_type = "mark_contacted"
    aria_label = _("Mark the selected requests contacted")
    status = Status.CONTACTED
    done = ngettext_lazy(
        "%(count)d request marked contacted.", "%(count)d requests marked contacted.", "count"
    )


class MarkSpamBulkAction(SetStatusBulkAction):
    display_name = _("Mark spam")
    action_type = "mark_spam"
    aria_label = _("Mark the selected requests spam")
    status = Status.SPAM
    done = ngettext_lazy(
        "%(count)d request marked spam.", "%(count)d requests marked spam.", "count"
    )
    classes = {"serious"}
