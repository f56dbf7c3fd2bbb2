"""Patient data requests in the admin, for privacy officers: find one person's appointment
requests by email or phone, download them as a file, erase them.

Only users with the "handle data request" permission (the Privacy officers group, migration
0012, and superusers) reach these views; they see every location's requests. What was
searched for travels only in POST bodies, never in an address or a log line; the audit log
records each step (who, when, how many, which references) and never the terms themselves.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.auth import user_passes_test
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from clinic.base.phones import phone_digits

from .erasure import erase, requests_to_erase
from .forms import no_control_characters_in_one_line
from .models import AppointmentRequest
from .patient_data import person_requests, records_file, with_records
from .viewsets import permission_policy

# Audit-log actions, registered in wagtail_hooks.py. Each entry is logged on the officer's own
# account: it outlives the requests it names, and only administrators (who may manage users)
# see it under Reports › Site history.
SEARCHED = "appointments.data_request.searched"
DOWNLOADED = "appointments.data_request.downloaded"
ERASED = "appointments.data_request.erased"


def can_handle_data_requests(user):
    return permission_policy.user_has_permission(user, "handle_data_request")


class PersonForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        max_length=AppointmentRequest._meta.get_field("email").max_length,
        validators=[no_control_characters_in_one_line],
    )
    phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=AppointmentRequest._meta.get_field("phone").max_length,
        validators=[no_control_characters_in_one_line],
        help_text=_("However it is written: (503) 555-0114 finds 503-555-0114."),
    )

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        if phone and not phone_digits(phone):
            raise ValidationError(_("Enter a phone number with its digits."))
        return phone

    def clean(self):
        cleaned_data = super().clean()
        if not self.errors and not (cleaned_data.get("email") or cleaned_data.get("phone")):
            raise ValidationError(_("Enter the person's email address, phone number or both."))
        return cleaned_data

    @property
    def searched_by(self):
        """Which kinds of term were given (never the terms), for the audit log."""
        return [name for name in ["email", "phone"] if self.cleaned_data[name]]

    def matches(self):
        return person_requests(self.cleaned_data["email"], self.cleaned_data["phone"])


def references(appointment_requests):
    return [appointment_request.reference for appointment_request in appointment_requests]


@method_decorator(user_passes_test(can_handle_data_requests), name="dispatch")
class PersonRequestsView(WagtailAdminTemplateMixin, FormView):
    """A form on GET; its POST lists the person's requests, with the download and erase
    buttons (each a form of its own carrying the terms again)."""

    page_title = _("Patient data requests")
    header_icon = "lock"
    template_name = "appointments/admin/patient_data/search.html"
    form_class = PersonForm

    def get_breadcrumbs_items(self):
        # The page's title shows as the breadcrumbs' last item.
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def form_valid(self, form):
        found = list(form.matches())
        log(
            instance=self.request.user,
            action=SEARCHED,
            data={"by": form.searched_by, "found": len(found), "references": references(found)},
        )
        return self.render_to_response(self.get_context_data(form=form, found=found))


class TermsPostedView(PersonRequestsView):
    """A step taken on the requests listed: the terms come back in the POST; bad ones show
    the search form with its errors."""

    http_method_names = ["post"]

    def form_invalid(self, form):
        return self.response_class(
            request=self.request,
            template=[PersonRequestsView.template_name],
            context=self.get_context_data(form=form),
        )


class DownloadView(TermsPostedView):
    """The person's requests as a JSON file, every stored field and note of each."""

    def form_valid(self, form):
        found = list(with_records(form.matches()))
        # Recorded before the file is built: no download leaves without its entry.
        log(
            instance=self.request.user,
            action=DOWNLOADED,
            data={"requests": len(found), "references": references(found)},
        )
        response = HttpResponse(records_file(found), content_type="application/json")
        filename = f"appointment-requests-{timezone.localdate():%Y-%m-%d}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "no-store"
        return response


class EraseView(TermsPostedView):
    """First POST: what would be erased, to confirm. The confirming POST (with "confirm" and
    the references shown) erases those of them that still match, and nothing found since."""

    page_title = _("Erase one person's requests")
    template_name = "appointments/admin/patient_data/confirm_erase.html"

    def form_valid(self, form):
        if "confirm" not in self.request.POST:
            found = list(form.matches())
            return self.render_to_response(self.get_context_data(form=form, found=found))
        confirmed = self.request.POST.getlist("reference")
        doomed = requests_to_erase(form.matches().filter(reference__in=confirmed))
        erase(doomed, "erasure", user=self.request.user)
        log(
            instance=self.request.user,
            action=ERASED,
            data={"requests": len(doomed), "references": references(doomed)},
        )
        if not doomed:
            messages.warning(self.request, gettext("Those requests were gone already."))
            return redirect("patient_data_requests")
        messages.success(
            self.request,
            ngettext(
                "Erased %(count)s request: %(references)s.",
                "Erased %(count)s requests: %(references)s.",
                len(doomed),
            )
            % {"count": len(doomed), "references": ", ".join(references(doomed))},
        )
        return redirect("patient_data_requests")


class PatientDataRequestsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_handle_data_requests(request.user)


def menu_item():
    return PatientDataRequestsMenuItem(
        _("Patient data requests"),
        reverse("patient_data_requests"),
        name="patient-data-requests",
        icon_name="lock",
        order=160,  # after Appointment requests
    )


urlpatterns = [
    path("patient-data-requests/", PersonRequestsView.as_view(), name="patient_data_requests"),
    path(
        "patient-data-requests/download/",
        DownloadView.as_view(),
        name="patient_data_requests_download",
    ),
    path("patient-data-requests/erase/", EraseView.as_view(), name="patient_data_requests_erase"),
]
