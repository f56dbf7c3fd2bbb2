from django.conf import settings
from django.core import signing
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.html import escape
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from clinic.base.page_store import cached

from . import ratelimit
from .forms import AppointmentRequestForm, live_treatments
from .models import AppointmentRequest
from .notifications import notify_after_commit
from .tickets import issue_ticket

# The confirmation page finds what it shows (the reference, and whether a warning sign was
# ticked) in a signed cookie that only that page receives: no session is stored for a
# patient, the pages they read next stay the shared cache's, and the page reads nothing from
# the database. The cookie stays in the patient's own browser, out of scripts' reach.
CONFIRMATION_COOKIE = "appointment_sent"
CONFIRMATION_SECONDS = 60 * 60
# A blank form's page is the same for every patient but for its CSRF token and its ticket:
# it is rendered once for each treatment it can name, with these in their place, and kept in
# the page store (page_store.py), which publishing empties, so the treatments it lists stay
# those that are live.
TOKEN_PLACEHOLDER = "__csrf_token__"  # noqa: S105 - not a secret: where the token goes
TICKET_PLACEHOLDER = "__ticket__"
REFERENCE_PLACEHOLDER = "__reference__"


def treatment_from_query(request):
    """The live treatment named by ?treatment=<slug>, or None for anything else."""
    slug = request.GET.get("treatment", "")
    return next((t for t in live_treatments() if t.slug == slug), None)


@method_decorator(never_cache, name="dispatch")
# Should anything fail, Django's error reports must not carry what the patient typed.
@method_decorator(sensitive_post_parameters(), name="dispatch")
class AppointmentRequestView(View):
    template_name = "appointments/request_form.html"

    def get(self, request):
        treatment = treatment_from_query(request)
        page = cached(
            f"appointment-form-page:{treatment.pk if treatment else ''}",
            lambda: self.render_blank_page(treatment),
        )
        # Each patient's own token and ticket in their copy; get_token also sets the CSRF
        # cookie the post must carry.
        page = page.replace(TOKEN_PLACEHOLDER, get_token(request))
        return HttpResponse(page.replace(TICKET_PLACEHOLDER, issue_ticket()))

    def post(self, request):
        if ratelimit.is_limited(request):
            return render(request, "appointments/rate_limited.html", status=429)
        form = AppointmentRequestForm(request.POST)
        if not form.is_valid():
            if form.ticket_expired:
                form.data = form.data.copy()
                form.data["ticket"] = issue_ticket()
            return self.render_form(form)
        appointment, created = AppointmentRequest.objects.save_once(
            form.build_request(), on_saved=notify_after_commit
        )
        if created:
            ratelimit.count_submission(request)
        response = redirect("appointments:sent")
        response.set_cookie(
            CONFIRMATION_COOKIE,
            signing.dumps(
                {"reference": appointment.reference, "urgent": appointment.is_urgent},
                salt=CONFIRMATION_COOKIE,
            ),
            max_age=CONFIRMATION_SECONDS,
            path=reverse("appointments:sent"),
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response

    def render_blank_page(self, treatment):
        form = AppointmentRequestForm(
            initial={"treatment": treatment.pk if treatment else None, "ticket": TICKET_PLACEHOLDER}
        )
        context = {"form": form, "csrf_token": TOKEN_PLACEHOLDER}
        return render_to_string(self.template_name, context, request=self.request)

    def render_form(self, form):
        return render(self.request, self.template_name, {"form": form})


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
    # As the blank form: one page for all patients (one for those who ticked a warning
    # sign), each given their own reference.
    page = cached(
        f"appointment-sent-page:{'urgent' if sent['urgent'] else 'routine'}",
        lambda: render_to_string(
            "appointments/request_sent.html",
            {"reference": REFERENCE_PLACEHOLDER, "is_urgent": sent["urgent"]},
            request=request,
        ),
    )
    return HttpResponse(page.replace(REFERENCE_PLACEHOLDER, escape(sent["reference"])))
