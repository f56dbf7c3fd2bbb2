import math

from django.conf import settings
from django.core import signing
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from clinic.safety.models import Urgency
from clinic.web import outage

from . import ratelimit
from .forms import (
    ONE_LINE_CONTROL_CHARACTERS,
    AppointmentRequestForm,
    live_locations,
    live_treatments,
    practitioners,
)
from .models import AppointmentRequest
from .notifications import notify_after_commit
from .tickets import issue_ticket

# The confirmation page finds what it shows (the reference, and how urgent the warning signs
# ticked were: no sign itself) in a signed cookie that only that page receives: no session
# is stored for a patient, and the pages they read next stay the shared cache's. The cookie
# stays in the patient's own browser, out of scripts' reach.
CONFIRMATION_COOKIE = "appointment_sent"
CONFIRMATION_SECONDS = 60 * 60


def chosen_in_query(request, name, choices):
    """The one of `choices` named by ?<name>=<slug>, or None for anything else."""
    slug = request.GET.get(name, "")
    # No slug holds a control character, and PostgreSQL refuses a NUL.
    if not slug or ONE_LINE_CONTROL_CHARACTERS.search(slug):
        return None
    return choices.filter(slug=slug).first()


@method_decorator(never_cache, name="dispatch")
# Should anything fail, Django's error reports must not carry what the patient typed.
@method_decorator(sensitive_post_parameters(), name="dispatch")
class AppointmentRequestView(View):
    template_name = "appointments/request_form.html"

    def get(self, request):
        form = AppointmentRequestForm(
            initial={
                "treatment": chosen_in_query(request, "treatment", live_treatments()),
                "location": chosen_in_query(request, "location", live_locations()),
                "practitioner": chosen_in_query(request, "practitioner", practitioners()),
                "ticket": issue_ticket(),
            }
        )
        return self.render_form(form)

    def post(self, request):
        form = AppointmentRequestForm(request.POST)
        if not form.is_valid():
            if form.ticket_expired:
                form.renew_ticket()
            return self.render_form(form)
        if form.sent_too_soon():
            form.ask_to_send_again()
            return self.render_form(form)
        # Counted before it is stored: simultaneous posts cannot overshoot the limit.
        retry_after = ratelimit.admit(request)
        if retry_after:
            return rate_limited(request, retry_after)
        outage.saving_begins(request)
        appointment, created = AppointmentRequest.objects.save_once(
            form.build_request(), on_saved=notify_after_commit
        )
        if not created:  # this form was stored already: sending it again costs nothing
            ratelimit.give_back(request)
        response = redirect("appointments:sent")
        response.set_cookie(
            CONFIRMATION_COOKIE,
            signing.dumps(
                {"reference": appointment.reference, "urgency": appointment.urgency},
                salt=CONFIRMATION_COOKIE,
            ),
            max_age=CONFIRMATION_SECONDS,
            path=reverse("appointments:sent"),
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response

    def render_form(self, form):
        return render(self.request, self.template_name, {"form": form})


def rate_limited(request, retry_after):
    """Too many requests from this address: the wait left, and the phone number. A shared
    connection (an office, a library) counts everyone on it, so nothing here says who sent
    the earlier requests."""
    context = {"retry_minutes": math.ceil(retry_after / 60)}
    response = render(request, "appointments/rate_limited.html", context, status=429)
    response["Retry-After"] = str(retry_after)
    return response


@never_cache
def request_sent(request):
    """The confirmation: the reference and what happens next, and nothing the patient sent."""
    try:
        sent = signing.loads(
            request.COOKIES.get(CONFIRMATION_COOKIE, ""),
            salt=CONFIRMATION_COOKIE,
            max_age=CONFIRMATION_SECONDS,
        )
    except signing.BadSignature:  # none, forged, or over an hour old
        return redirect("appointments:request")
    # A cookie set before the urgency was kept says only whether the request was urgent.
    urgency = sent.get("urgency", Urgency.EMERGENCY if sent.get("urgent") else "")
    return render(
        request,
        "appointments/request_sent.html",
        {"reference": sent["reference"], "urgency": urgency},
    )
