"""The front desk's inbox of appointment requests in the Wagtail admin.

Who may do what is the permission policy's business: the Front desk group (see the
0002_front_desk_group migration) views, changes and exports; nobody adds a request here
(they come from the public form) and only superusers delete one here (retention is the
purge_appointment_requests command; a person's erasure, Patient data requests:
patient_data_admin.py). Titles, breadcrumbs and audit-log labels carry the
reference, which is the model's __str__.
"""

import datetime

from django import forms
from django.contrib.admin.utils import quote, unquote
from django.contrib.auth import get_permission_codename, get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import F, Q
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters import BooleanFilter, ChoiceFilter, DateFromToRangeFilter, ModelChoiceFilter
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.components import MediaContainer
from wagtail.admin.ui.tables import (
    BulkActionsCheckboxColumn,
    Column,
    DateColumn,
    StatusFlagColumn,
    StatusTagColumn,
    UserColumn,
)
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views.generic import EditView, IndexView, InspectView
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry
from wagtail.permissions import ModelPermissionPolicy

from clinic.locations.models import LocationPage
from treatments.models import TreatmentPage

from .booking_admin import BOOKING_RELATIONS, BookingView, CancelBookingView
from .forms import CONTROL_CHARACTERS, no_control_characters
from .models import AppointmentRequest, RequestNote
from .waiting import ReplyPromise
from .workflow import claim, is_closed, status_change_refusal

# Audit-log actions of this app, registered in wagtail_hooks.py.
OPENED = "appointments.opened"
CHANGED = "appointments.changed"
EXPORTED = "appointments.exported"

# What the "changed" log entry names: the fields changed and whether a note was added; their
# values stay out of the log, but for the status (a choice, not patient detail).
LOGGED_FIELDS = ["status", "handled_by"]
NOTE_ADDED = "note"

Status = AppointmentRequest.Status


class AppointmentRequestPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, except that nobody adds a request in the admin and only
    superusers delete one, whatever a group says."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        if action == "delete":
            return user.is_active and user.is_superuser
        return super().user_has_permission(user, action)


permission_policy = AppointmentRequestPermissionPolicy(AppointmentRequest)

# Whoever may open the listing (Wagtail's rule for its generic index view).
VIEW_ACTIONS = ["view", "change", "delete"]


def can_view_appointment_requests(user):
    return permission_policy.user_has_any_permission(user, VIEW_ACTIONS)


class AppointmentRequestMenuItem(MenuItem):
    """The menu entry, with the number of new requests in its label."""

    def is_shown(self, request):
        return can_view_appointment_requests(request.user)

    def render_component(self, request):
        component = super().render_component(request)
        # Menu items are built once per process: the count is looked up per request.
        new = AppointmentRequest.objects.visible_to(request.user).filter(status=Status.NEW).count()
        if new:
            component.label = gettext("%(label)s (%(count)s new)") % {
                "label": self.label,
                "count": new,
            }
        return component


class AppointmentRequestFilterSet(WagtailFilterSet):
    OPEN = "open"

    status = ChoiceFilter(
        label=_("Status"),
        choices=[(OPEN, _("Open (new or contacted)")), *Status.choices],
        empty_label=_("All but spam"),
        method="filter_status",
    )
    treatment = ModelChoiceFilter(
        label=_("Treatment"),
        # The options need the title only, not the pages' content.
        queryset=TreatmentPage.objects.only("title").order_by("title"),
        empty_label=_("All"),
        null_label=_("Not sure yet"),
    )
    location = ModelChoiceFilter(
        label=_("Location"),
        queryset=LocationPage.objects.only("title").order_by("path"),
        empty_label=_("All"),
        null_label=_("Any (not chosen)"),
    )
    urgent = BooleanFilter(field_name="is_urgent", label=_("Urgent"), widget=BooleanRadioSelect)
    received = DateFromToRangeFilter(
        field_name="created_at", label=_("Received"), widget=DateRangePickerWidget
    )

    class Meta:
        model = AppointmentRequest
        fields = []

    def filter_status(self, queryset, name, value):
        if value == self.OPEN:
            return queryset.open()
        return queryset.filter(status=value)


# A search with at least this many digits also looks in the phones' digits alone: fewer
# would match most numbers.
PHONE_SEARCH_MIN_DIGITS = 4


def phone_digits_searched(query):
    """The digits of a search that looks like (part of) a phone number, else ""."""
    digits = "".join(character for character in query if character.isdigit())
    if len(digits) < PHONE_SEARCH_MIN_DIGITS or any(c.isalpha() for c in query):
        return ""
    return digits


def treatment_title(appointment_request):
    if appointment_request.treatment is None:
        return gettext("Not sure yet")
    return appointment_request.treatment.title


def location_title(appointment_request):
    if appointment_request.location is None:
        return gettext("Any")
    return appointment_request.location.title


def yes_or_no(value):
    return gettext("Yes") if value else gettext("No")


def join_labels(values):
    # The model's get_*_display helpers give lists of (lazy) choice labels.
    return ", ".join(str(value) for value in values)


def local_time(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


class UrgentColumn(StatusFlagColumn):
    """ "Urgent" in words, in the colour of an alarm: the colour is never the only sign."""

    cell_template_name = "appointments/admin/urgent_cell.html"


class WaitingColumn(StatusFlagColumn):
    """ "Waiting too long" on a new request waiting longer than the clinic promises to reply
    (set on each row by the listing: see AppointmentRequestIndexView.get_table)."""

    cell_template_name = "appointments/admin/waiting_cell.html"


# A spreadsheet runs a cell that starts like a formula; a patient's name must not.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class AppointmentRequestIndexView(IndexView):
    custom_field_preprocess = {
        "is_urgent": {
            SpreadsheetExportMixin.FORMAT_CSV: yes_or_no,
            SpreadsheetExportMixin.FORMAT_XLSX: yes_or_no,
        }
    }
    # Times in the clinic's time zone (Wagtail writes UTC to XLSX).
    custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        datetime.datetime: {
            SpreadsheetExportMixin.FORMAT_CSV: local_time,
            SpreadsheetExportMixin.FORMAT_XLSX: timezone.make_naive,
        },
        list: {
            SpreadsheetExportMixin.FORMAT_CSV: join_labels,
            SpreadsheetExportMixin.FORMAT_XLSX: join_labels,
        },
    }

    def dispatch(self, request, *args, **kwargs):
        if self.is_export and not self.user_has_permission("export"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def show_export_buttons(self):
        return bool(self.list_export) and self.user_has_permission("export")

    def as_spreadsheet(self, queryset, spreadsheet_format):
        # Recorded before the file is built: no export leaves without its entry.
        self.log_export(spreadsheet_format, rows=queryset.count())
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def log_export(self, export_format, rows):
        """One audit-log entry for the export: who, when, the format, the filters as the
        listing names them, whether a search narrowed it (never what was searched for: it can
        be a patient's name) and the number of rows."""
        ModelLogEntry.objects.create(
            content_type=ContentType.objects.get_for_model(AppointmentRequest),
            # The listing's, not one request's: Wagtail's log() takes a saved instance, and an
            # id of 0 belongs to no request.
            object_id="0",
            label=capfirst(AppointmentRequest._meta.verbose_name_plural),
            action=EXPORTED,
            timestamp=timezone.now(),
            user=self.request.user,
            data={
                "format": export_format,
                "filters": {
                    str(active.field_label): str(active.value) for active in self.active_filters
                },
                "searched": bool(self.is_searching),
                "rows": rows,
            },
        )

    @cached_property
    def shows_spam(self):
        """Spam stays out of the listing (and its export) unless the status filter asks."""
        filters = self.filters
        return bool(
            filters and filters.is_valid() and filters.form.cleaned_data["status"] == Status.SPAM
        )

    # What the listing's columns show (the viewset's list_display), and the handler whole
    # (Wagtail's UserColumn and avatar hooks may read any of the user's fields). The rest,
    # such as the message and the treatment page's content, is left in the database; the
    # export reads whole rows. tests/test_front_desk_query_budgets.py fails if a column
    # reads a field left out here (a query per row).
    listed_fields = [
        "reference",
        "full_name",
        "treatment__title",
        "location__title",
        "is_urgent",
        "status",
        "created_at",
        "handled_by",
    ]

    @cached_property
    def shows_bulk_actions(self):
        return self.user_has_permission("change")

    @cached_property
    def columns(self):
        if not self.shows_bulk_actions:
            return super().columns
        return [BulkActionsCheckboxColumn("bulk_actions", obj_type="appointment"), *super().columns]

    def get_table(self, object_list):
        rows = list(object_list)
        # The hours of every location, read once for the page (never once per row), and only
        # when the page holds a new request.
        promise = any(row.status == Status.NEW for row in rows) and ReplyPromise.load()
        for row in rows:
            row.waiting_too_long = bool(promise) and promise.is_overdue(row)
        return super().get_table(rows)

    def get_base_queryset(self):
        queryset = (
            super()
            .get_base_queryset()
            .select_related("treatment", "location", "handled_by__wagtail_userprofile")
            .visible_to(self.request.user)
        )
        if not self.is_export:
            queryset = queryset.only(*self.listed_fields)
        return queryset if self.shows_spam else queryset.inbox()

    def search_queryset(self, queryset):
        matches = super().search_queryset(queryset)
        digits = phone_digits_searched(self.search_query)
        if digits:
            # Or the phone's digits, however the patient punctuated them.
            matches |= queryset.filter(phone_digits__contains=digits)
        queryset = matches
        if self.is_searching and not self.is_explicitly_ordered:
            # The same order, but sorted from the matches (found through the trigram indexes)
            # rather than read off the inbox index: PostgreSQL thinks a rare name or reference
            # more common than it is, and would walk the whole index looking for it. The inbox
            # index has no NULLS LAST, so it cannot give this order; on is_urgent too (never
            # null), or PostgreSQL reads the index for that key and sorts only created_at
            # (a common surname: 120 ms rather than 6 ms on 100,000 requests).
            return queryset.order_by(
                F("is_urgent").desc(nulls_last=True), F("created_at").desc(nulls_last=True)
            )
        return queryset

    def get_filename(self):
        return f"{self.export_filename}-{timezone.localdate():%Y-%m-%d}"

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        # Names are not all ASCII; Wagtail's header does not say what the bytes are.
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if isinstance(value, str):
            # Whatever a row holds (one stored before the form refused control characters),
            # the file is written: XLSX cannot hold them, and a CSV carries them into
            # whatever opens it. Each is replaced by a visible mark.
            value = CONTROL_CHARACTERS.sub("\N{REPLACEMENT CHARACTER}", value)
        # XLSX cells are typed (Wagtail stores formula-like text as text); CSV cells are not.
        if (
            export_format == self.FORMAT_CSV
            and isinstance(value, str)
            and value.startswith(FORMULA_PREFIXES)
        ):
            value = "'" + value
        return value


class RequestNotesMixin:
    """The request's notes, newest first, with their authors (one query)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["notes"] = self.object.notes.select_related("author")
        return context


class OpenedLogMixin:
    """Opening a request leaves an "Opened" entry in its history, for whoever opened it."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        log(instance=self.object, action=OPENED)
        return response


class AppointmentRequestInspectView(OpenedLogMixin, RequestNotesMixin, InspectView):
    history_url_name = None

    def get_object(self, queryset=None):
        queryset = AppointmentRequest.objects.select_related(
            "treatment", "location", "practitioner", "handled_by", *BOOKING_RELATIONS
        ).visible_to(self.request.user)
        return get_object_or_404(queryset, pk=unquote(str(self.pk)))

    def get_fields_context(self):
        # The template lays out the request itself (appointments/admin/request_details.html).
        return []

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        # Wagtail's history view is for those who may change the request.
        if self.history_url_name and self.user_has_any_permission(["change", "delete"]):
            url = reverse(self.history_url_name, args=[quote(self.object.pk)])
            buttons.append(Button(gettext("History"), url=url, icon_name="history", priority=30))
        return buttons


class AppointmentRequestAdminForm(WagtailAdminModelForm):
    """What the front desk records; what the patient sent is not a field here. A note is
    added to the request's notes, never written over another; a closed request changes
    status only when "Reopen" is ticked (workflow.py)."""

    reopen = forms.BooleanField(
        label=_("Reopen this request"),
        required=False,
        help_text=_("It is closed: tick this to give it another status."),
    )
    note = forms.CharField(
        label=_("Add a note"),
        required=False,
        max_length=RequestNote._meta.get_field("text").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[no_control_characters],
        help_text=_("Kept with your name and the time; earlier notes stay as they are."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not is_closed(self.initial.get("status")):
            del self.fields["reopen"]
        handled_by = self.fields["handled_by"]
        staff = permission_policy.users_with_permission("change").values("pk")
        handled_by.queryset = get_user_model().objects.filter(
            Q(pk__in=staff) | Q(pk=self.instance.handled_by_id)
        )
        handled_by.label_from_instance = get_user_display_name

    def clean(self):
        cleaned_data = super().clean()
        if "status" in cleaned_data:
            appointment = getattr(self.instance, "appointment", None)
            # Booked again by hand (say, after the patient asked for another time) is
            # allowed only while the appointment the patient was told of stands.
            on = appointment is not None and not appointment.is_cancelled
            refusal = status_change_refusal(
                self.initial.get("status"),
                cleaned_data["status"],
                booking=on and cleaned_data["status"] == Status.BOOKED,
                reopening=cleaned_data.get("reopen", False),
            )
            if refusal:
                self.add_error("status", refusal)
        return cleaned_data


class AppointmentRequestEditView(OpenedLogMixin, RequestNotesMixin, EditView):
    def get_queryset(self):
        return AppointmentRequest.objects.select_related(
            "treatment", "location", "practitioner", "handled_by", *BOOKING_RELATIONS
        ).visible_to(self.request.user)

    def save_instance(self):
        # Saved and logged here rather than by Wagtail's EditView, which would add its own
        # "Edited" entry: one save is one entry in the history, naming what changed.
        form = self.form
        changed = [name for name in LOGGED_FIELDS if name in form.changed_data]
        old_status = form.initial.get("status")
        if claim(form.instance, self.request.user):
            changed.append("handled_by")
        instance = form.save()
        data = {"fields": [name for name in LOGGED_FIELDS if name in changed]}
        if "status" in changed:
            data["status"] = {"from": old_status, "to": instance.status}
        if form.cleaned_data["note"]:
            RequestNote.objects.create(
                request=instance, author=self.request.user, text=form.cleaned_data["note"]
            )
            data[NOTE_ADDED] = True
        if data["fields"] or NOTE_ADDED in data:
            log(instance=instance, action=CHANGED, data=data)
        return instance

    def get_side_panels(self):
        # Wagtail's status panel would call every request "Live"; the header links the history.
        return MediaContainer()


class AppointmentRequestHistoryView(HistoryView):
    def get_base_object_queryset(self):
        return super().get_base_object_queryset().visible_to(self.request.user)


class AppointmentRequestViewSet(ModelViewSet):
    model = AppointmentRequest
    name = "appointment_requests"
    url_prefix = "appointment-requests"
    url_namespace = "appointment_requests"
    icon = "calendar"
    menu_label = _("Appointment requests")
    menu_name = "appointment-requests"
    menu_order = 150
    add_to_admin_menu = True

    # A request's links to a treatment and a user must not list it on their usage pages.
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True

    index_view_class = AppointmentRequestIndexView
    inspect_view_class = AppointmentRequestInspectView
    edit_view_class = AppointmentRequestEditView
    history_view_class = AppointmentRequestHistoryView
    index_template_name = "appointments/admin/index.html"
    inspect_template_name = "appointments/admin/inspect.html"
    edit_template_name = "appointments/admin/edit.html"

    # The first is Wagtail's title column: the reference, linked to the request's edit view
    # (its inspect view for those who may only look), with the row's menu.
    list_display = [
        "reference",
        Column("full_name", label=_("Name"), sort_key="full_name"),
        Column("treatment", label=_("Treatment"), accessor=treatment_title),
        Column("location", label=_("Location"), accessor=location_title),
        UrgentColumn("is_urgent", label=_("Urgent"), true_label=_("Urgent"), sort_key="is_urgent"),
        StatusTagColumn(
            "status",
            accessor="get_status_display",
            label=_("Status"),
            sort_key="status",
            primary=lambda appointment_request: appointment_request.status == Status.NEW,
        ),
        WaitingColumn("waiting_too_long", label=_("Reply"), true_label=_("Waiting too long")),
        DateColumn("created_at", label=_("Received"), sort_key="created_at"),
        UserColumn("handled_by", label=_("Handled by")),
    ]
    filterset_class = AppointmentRequestFilterSet
    list_per_page = 25
    # Patient data stays out of the search index: search runs in the database.
    search_fields = ["full_name", "email", "phone", "reference"]
    search_backend_name = None

    # What the front desk needs to call people back; the message and warning signs stay in
    # the admin.
    list_export = [
        "reference",
        "created_at",
        "get_status_display",
        "is_urgent",
        "treatment",
        "location",
        "full_name",
        "email",
        "phone",
        "get_preferred_contact_display",
        "get_preferred_days_display",
        "get_preferred_times_display",
        "get_patient_type_display",
        "handled_by",
    ]
    export_headings = {
        "created_at": _("Received"),
        "get_status_display": _("Status"),
        "is_urgent": _("Urgent"),
        "get_preferred_contact_display": _("Preferred contact"),
        "get_preferred_days_display": _("Preferred days"),
        "get_preferred_times_display": _("Preferred times"),
        "get_patient_type_display": _("New or returning"),
    }
    export_filename = "appointment-requests"

    edit_handler = ObjectList(
        [
            FieldPanel("status"),
            FieldPanel("reopen"),
            FieldPanel("note"),
            FieldPanel("handled_by"),
        ],
        base_form_class=AppointmentRequestAdminForm,
    )

    @property
    def permission_policy(self):
        return permission_policy

    def get_common_view_kwargs(self, **kwargs):
        # No create view and no usage view (nothing refers to a request).
        return super().get_common_view_kwargs(add_url_name=None, usage_url_name=None, **kwargs)

    def get_urlpatterns(self):
        return [
            pattern for pattern in super().get_urlpatterns() if pattern.name not in {"add", "usage"}
        ] + [
            path("booking/<str:pk>/", self.construct_view(BookingView), name="booking"),
            path(
                "booking/<str:pk>/cancel/",
                self.construct_view(CancelBookingView),
                name="cancel_booking",
            ),
        ]

    def get_menu_item(self, order=None):
        return AppointmentRequestMenuItem(
            label=self.menu_label,
            url=self.menu_url,
            name=self.menu_name,
            icon_name=self.menu_icon,
            order=order if order is not None else self.menu_order,
        )

    def get_permissions_to_register(self):
        # Adding and deleting are not for groups to grant (see the permission policy).
        codenames = [
            get_permission_codename(action, self.model_opts) for action in ["add", "delete"]
        ]
        return super().get_permissions_to_register().exclude(codename__in=codenames)


appointment_request_viewset = AppointmentRequestViewSet()
