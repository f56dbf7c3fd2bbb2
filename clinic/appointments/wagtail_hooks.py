import datetime

from django import forms
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.timesince import timesince
from django.utils.translation import gettext, ngettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import patient_data_admin
from .booking import (
    BOOKED,
    BOOKING_CANCELLED,
    PATIENT_ASKED_ANOTHER_TIME,
    PATIENT_CANCELLED,
    REBOOKED,
)
from .bulk_actions import MarkContactedBulkAction, MarkSpamBulkAction
from .models import AppointmentRequest, FrontDeskLocations
from .viewsets import (
    CHANGED,
    EXPORTED,
    NOTE_ADDED,
    OPENED,
    AppointmentRequestFilterSet,
    appointment_request_viewset,
    can_view_appointment_requests,
)
from .waiting import ReplyPromise

Status = AppointmentRequest.Status


# The fields a "changed" entry may name, as the history calls them; internal notes were a
# field before notes became a log of their own (RequestNote), and older entries name it.
CHANGED_FIELD_LABELS = {"handled_by": _("handled by"), "internal_notes": _("internal notes")}


def status_display(value):
    """A stored status's label; a value that is no longer a choice as it was stored."""
    try:
        return Status(value).label
    except ValueError:
        return value


hooks.register("register_bulk_action", MarkContactedBulkAction)
hooks.register("register_bulk_action", MarkSpamBulkAction)


@hooks.register("register_admin_viewset")
def register_appointment_request_viewset():
    return appointment_request_viewset


class BookingFormatter(LogFormatter):
    """A booking step: what happened, and the appointment's time, place and practitioner."""

    def format_message(self, log_entry):
        data = log_entry.data
        when = date_format(
            timezone.localtime(datetime.datetime.fromisoformat(data["starts_at"])),
            "DATETIME_FORMAT",
        )
        parts = [f"{self.label}: {when}"]
        if data.get("location"):
            parts.append(gettext("at %(location)s") % {"location": data["location"]})
        if data.get("practitioner"):
            parts.append(gettext("with %(name)s") % {"name": data["practitioner"]})
        return " ".join(parts)


BOOKING_ACTIONS = {
    BOOKED: _("Booked"),
    REBOOKED: _("Time changed"),
    BOOKING_CANCELLED: _("Appointment cancelled"),
    PATIENT_CANCELLED: _("Cancelled by the patient"),
    PATIENT_ASKED_ANOTHER_TIME: _("Patient asked for another time"),
}


@hooks.register("register_admin_urls")
def register_patient_data_request_urls():
    return patient_data_admin.urlpatterns


@hooks.register("register_admin_menu_item")
def register_patient_data_requests_menu_item():
    return patient_data_admin.menu_item()


@hooks.register("register_log_actions")
def register_appointment_log_actions(actions):
    actions.register_action(OPENED, _("Opened"), _("Opened"))
    for action, label in BOOKING_ACTIONS.items():
        formatter = type("BookingFormatter", (BookingFormatter,), {"label": label})
        actions.register_action(action)(formatter)

    @actions.register_action(CHANGED)
    class ChangedFormatter(LogFormatter):
        """Names what changed; only the status (a choice, not patient detail) has values."""

        label = _("Changed")

        def format_message(self, log_entry):
            parts = []
            if status := log_entry.data.get("status"):
                parts.append(
                    gettext("Status %(old)s → %(new)s")
                    % {"old": status_display(status["from"]), "new": status_display(status["to"])}
                )
            others = [name for name in log_entry.data.get("fields", []) if name != "status"]
            if others:
                labels = [str(CHANGED_FIELD_LABELS.get(name, name)) for name in others]
                parts.append(gettext("changed %(fields)s") % {"fields": ", ".join(labels)})
            if log_entry.data.get(NOTE_ADDED):
                parts.append(gettext("added a note"))
            return capfirst("; ".join(parts))

    @actions.register_action(EXPORTED)
    class ExportedFormatter(LogFormatter):
        """The rows, the format, the filters and whether a search narrowed the export (what was
        searched for is not recorded)."""

        label = _("Exported")

        def format_message(self, log_entry):
            data = log_entry.data
            parts = [
                ngettext(
                    "Exported %(rows)s request as %(format)s",
                    "Exported %(rows)s requests as %(format)s",
                    data["rows"],
                )
                % {"rows": data["rows"], "format": data["format"].upper()}
            ]
            if data["filters"]:
                filters = "; ".join(f"{name}: {value}" for name, value in data["filters"].items())
                parts.append(gettext("filtered by %(filters)s") % {"filters": filters})
            if data["searched"]:
                parts.append(gettext("with a search"))
            return ", ".join(parts)

    register_patient_data_log_actions(actions)


def register_patient_data_log_actions(actions):
    """A privacy officer's steps: how many requests and which references, never what was
    searched for (patient_data_admin.py)."""

    @actions.register_action(patient_data_admin.SEARCHED)
    class SearchedFormatter(LogFormatter):
        label = _("Patient data: searched")

        def format_message(self, log_entry):
            data = log_entry.data
            by = " and ".join(str(SEARCH_TERM_LABELS.get(name, name)) for name in data["by"])
            return gettext(
                "Searched one person's requests by %(by)s: %(count)s found%(references)s"
            ) % {"by": by, "count": data["found"], "references": listed(data["references"])}

    class RequestsFormatter(LogFormatter):
        """A step on some of one person's requests: `done` says what (plural by "count")."""

        done = None

        def format_message(self, log_entry):
            data = log_entry.data
            return self.done % {"count": data["requests"], "references": listed(data["references"])}

    @actions.register_action(patient_data_admin.DOWNLOADED)
    class DownloadedFormatter(RequestsFormatter):
        label = _("Patient data: downloaded")
        done = ngettext_lazy(
            "Downloaded one person's %(count)s request%(references)s",
            "Downloaded one person's %(count)s requests%(references)s",
            "count",
        )

    @actions.register_action(patient_data_admin.ERASED)
    class ErasedFormatter(RequestsFormatter):
        label = _("Patient data: erased")
        done = ngettext_lazy(
            "Erased one person's %(count)s request%(references)s",
            "Erased one person's %(count)s requests%(references)s",
            "count",
        )


SEARCH_TERM_LABELS = {"email": _("email address"), "phone": _("phone number")}


def listed(references):
    return f" ({', '.join(references)})" if references else ""


class AppointmentRequestsPanel(Component):
    """The dashboard's summary: new requests, urgent open ones, how long the oldest waits."""

    name = "appointment_requests"
    template_name = "appointments/admin/dashboard_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        requests = AppointmentRequest.objects.visible_to(parent_context["request"].user)
        new = requests.filter(status=Status.NEW)
        oldest_new_at = new.order_by("created_at").values_list("created_at", flat=True).first()
        index_url = reverse(appointment_request_viewset.get_url_name("index"))
        return {
            "new_count": new.count(),
            "waiting_too_long_count": waiting_too_long_count(new),
            "urgent_open_count": requests.open().filter(is_urgent=True).count(),
            "oldest_waiting": oldest_new_at and timesince(oldest_new_at, timezone.now(), depth=1),
            "index_url": index_url,
            "new_url": f"{index_url}?status={Status.NEW}",
            "urgent_url": f"{index_url}?status={AppointmentRequestFilterSet.OPEN}&urgent=true",
        }


def waiting_too_long_count(new_requests):
    """How many new requests have waited longer than the clinic promises to reply."""
    promise = ReplyPromise.load()
    # Those received within the promise's hours cannot have waited that long yet.
    waiting = new_requests.filter(created_at__lt=timezone.now() - promise.limit).only(
        "created_at", "location_id", "status"
    )
    return sum(promise.is_overdue(appointment_request) for appointment_request in waiting)


@hooks.register("insert_global_admin_css")
def front_desk_css():
    return format_html('<link rel="stylesheet" href="{}">', static("appointments/css/admin.css"))


@hooks.register("construct_homepage_panels")
def add_appointment_requests_panel(request, panels):
    if can_view_appointment_requests(request.user):
        panels.append(AppointmentRequestsPanel())


class FrontDeskLocationsViewSet(SnippetViewSet):
    """Settings › Front-desk locations: which locations' requests a front-desk account sees
    (superusers only: no group is given these permissions)."""

    model = FrontDeskLocations
    icon = "site"
    add_to_settings_menu = True
    list_display = ["user", "with_no_location"]
    panels = [
        FieldPanel("user"),
        FieldPanel("locations", widget=forms.CheckboxSelectMultiple),
        FieldPanel("with_no_location"),
    ]


register_snippet(FrontDeskLocationsViewSet)
