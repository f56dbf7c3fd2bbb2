"""The patient's own page for a booked appointment, reached from the link in their emails
(booking_links.py): no account, no login.

It shows when, where and with whom, and lets the patient cancel or ask for another time: a
GET shows what will happen, a POST (with its CSRF token) does it, once; the link is used
then. A forged, expired or used link gets a page saying so, with the clinic's phone, never an
error and never a booking. Nothing here may be kept by the page cache, a CDN or the browser:
never_cache marks every response private and no-store, which wagtail-cache does not keep.
"""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .booking import PATIENT_ASKED_ANOTHER_TIME, PATIENT_CANCELLED, patient_acts
from .booking_links import LinkProblem, appointment_for_token
from .models import AppointmentRequest

# The patient's two actions, by the last part of their address.
ACTS = {"cancel": PATIENT_CANCELLED, "another-time": PATIENT_ASKED_ANOTHER_TIME}

PROBLEM_STATUS = {LinkProblem.FORGED: 400, LinkProblem.EXPIRED: 410, LinkProblem.USED: 410}


def link_problem(request, problem):
    return render(
        request,
        "appointments/booking/link_problem.html",
        {"problem": problem.value},
        status=PROBLEM_STATUS[problem],
    )


def booking_context(appointment, token):
    location = appointment.location
    return {
        "appointment": appointment,
        "token": token,
        "location": location,
        "address_lines": location.address_lines if location else [],
        "directions_url": location.directions_url() if location else "",
        "can_change": not appointment.is_cancelled
        and appointment.request.status == AppointmentRequest.Status.BOOKED,
    }


@never_cache
@require_http_methods(["GET", "HEAD"])
def booking(request, token):
    appointment, problem = appointment_for_token(token)
    if problem:
        return link_problem(request, problem)
    return render(request, "appointments/booking/page.html", booking_context(appointment, token))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def booking_act(request, token, act):
    if act not in ACTS:
        raise Http404
    appointment, problem = appointment_for_token(token)
    if problem:
        return link_problem(request, problem)
    context = {**booking_context(appointment, token), "act": act}
    if not context["can_change"]:
        return render(request, "appointments/booking/page.html", context)
    if request.method != "POST":
        return render(request, "appointments/booking/confirm.html", context)
    if not patient_acts(appointment, appointment.link_nonce, ACTS[act]):
        # Used a moment ago, from another tab or a double click.
        return link_problem(request, LinkProblem.USED)
    return render(request, "appointments/booking/done.html", context)
