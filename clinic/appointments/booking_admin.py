"""The front desk's booking views in the admin: confirm a request's booking (or change its
time), and cancel it. They sit in the request's viewset (viewsets.py), behind the same
permission ("change") and the same location limit: another location's request is not found.
"""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import BaseObjectMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets import AdminDateInput, AdminTimeInput

from clinic.locations.models import LocationPage
from clinic.people.models import Practitioner

from .booking import cancel_booking, confirm_booking
from .models import AppointmentRequest

DURATIONS = [15, 30, 45, 60, 90]

# What a request's page shows of its booking (appointments/admin/booking_panel.html).
BOOKING_RELATIONS = ["appointment__location", "appointment__practitioner"]


class BookingForm(forms.Form):
    """When (in the clinic's time zone), how long, where and with whom."""

    date = forms.DateField(label=_("Date"), widget=AdminDateInput)
    time = forms.TimeField(label=_("Time"), widget=AdminTimeInput)
    duration_minutes = forms.TypedChoiceField(
        label=_("Duration"),
        coerce=int,
        choices=[
            (minutes, ngettext("%d minute", "%d minutes", minutes) % minutes)
            for minutes in DURATIONS
        ],
        initial=45,
    )
    location = forms.ModelChoiceField(
        label=_("Location"), queryset=LocationPage.objects.live().order_by("path")
    )
    practitioner = forms.ModelChoiceField(
        label=_("Practitioner"), queryset=Practitioner.objects.order_by("name")
    )

    def clean(self):
        cleaned = super().clean()
        date, time = cleaned.get("date"), cleaned.get("time")
        if date and time:
            cleaned["starts_at"] = timezone.make_aware(datetime.datetime.combine(date, time))
            if cleaned["starts_at"] <= timezone.now():
                raise ValidationError({"date": _("Choose a time that has not passed.")})
        location, practitioner = cleaned.get("location"), cleaned.get("practitioner")
        if location and practitioner:
            where = practitioner.locations.all()
            if where and location not in where:
                raise ValidationError(
                    {
                        "practitioner": _(
                            "%(practitioner)s does not see patients at %(location)s: choose "
                            "another practitioner or location."
                        )
                        % {"practitioner": practitioner.name, "location": location.title}
                    }
                )
        return cleaned


class RequestBookingMixin(PermissionCheckedMixin, BaseObjectMixin, WagtailAdminTemplateMixin):
    """A view of one request's booking, for those who may change requests, of the requests
    they may see."""

    model = AppointmentRequest
    permission_required = "change"
    edit_url_name = None
    index_url_name = None

    def get_base_object_queryset(self):
        return AppointmentRequest.objects.visible_to(self.request.user).select_related(
            *BOOKING_RELATIONS
        )

    @cached_property
    def appointment(self):
        """The booking still on, if any."""
        appointment = getattr(self.object, "appointment", None)
        return None if appointment is None or appointment.is_cancelled else appointment

    def get_page_subtitle(self):
        return str(self.object)

    def get_request_url(self):
        return reverse(self.edit_url_name, args=[quote(self.object.pk)])

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": gettext("Appointment requests")},
            {"url": self.get_request_url(), "label": str(self.object)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(appointment=self.appointment, request_url=self.get_request_url())
        return context


class BookingView(RequestBookingMixin, FormView):
    """Confirm a booking, or change the time of one: the patient is emailed either way."""

    form_class = BookingForm
    template_name = "appointments/admin/booking.html"
    header_icon = "calendar"

    def get_page_title(self):
        return gettext("Change booking") if self.appointment else gettext("Confirm booking")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["media"] = context["form"].media  # the date and time pickers
        return context

    def get_initial(self):
        if self.appointment:
            starts_at = timezone.localtime(self.appointment.starts_at)
            return {
                "date": starts_at.date(),
                "time": starts_at.time(),
                "duration_minutes": self.appointment.duration_minutes,
                "location": self.appointment.location,
                "practitioner": self.appointment.practitioner,
            }
        locations = list(self.get_form_class().base_fields["location"].queryset[:2])
        only_location = locations[0] if len(locations) == 1 else None
        return {
            "location": self.object.location or only_location,
            "practitioner": self.object.practitioner,
        }

    def form_valid(self, form):
        if self.appointment and not form.has_changed():
            messages.info(self.request, gettext("Nothing changed: the patient was not emailed."))
            return redirect(self.get_request_url())
        changing = self.appointment is not None
        appointment = confirm_booking(self.object, form.cleaned_data, self.request.user)
        when = timezone.localtime(appointment.starts_at).strftime("%Y-%m-%d %H:%M")
        if changing:
            message = gettext("%(reference)s moved to %(when)s: the patient is being emailed.")
        else:
            message = gettext("%(reference)s booked for %(when)s: the patient is being emailed.")
        messages.success(self.request, message % {"reference": self.object, "when": when})
        return redirect(self.get_request_url())


class CancelBookingView(RequestBookingMixin, TemplateView):
    """Cancel the booking, after a confirmation: the patient gets the cancelling invite."""

    template_name = "appointments/admin/cancel_booking.html"
    header_icon = "calendar"

    def get_page_title(self):
        return gettext("Cancel appointment")

    def get(self, request, *args, **kwargs):
        if self.appointment is None:
            return self.nothing_to_cancel()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.appointment is None:
            return self.nothing_to_cancel()
        cancel_booking(self.appointment, request.user)
        messages.success(
            request,
            gettext("%(reference)s: the appointment is cancelled and the patient is being emailed.")
            % {"reference": self.object},
        )
        return redirect(self.get_request_url())

    def nothing_to_cancel(self):
        messages.warning(self.request, gettext("This request has no appointment to cancel."))
        return redirect(self.get_request_url())
