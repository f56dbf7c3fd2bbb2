"""The pages Django shows when a request goes wrong: a refused CSRF token, a server error or
a database outage, a locked-out sign-in."""

import shlex
import sys

from django.conf import settings
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from .outage import RETRY_AFTER_SECONDS, is_database_outage, may_have_saved, outage_contact


def csrf_failure(request, reason=""):
    """A form posted without a valid CSRF token: say what to do, in the site's own page."""
    return render(request, "403_csrf.html", status=403)


def server_error(request):
    """The 500 page, or, when the database cannot be reached, a 503 "back shortly" page.

    Both render without the database or a request context (the failure may be the database
    itself). A patient whose appointment request hit the outage is told how to reach the
    clinic instead, and whether the request was not saved (the database failed before the
    view began to save it) or may have been (it failed while saving or committing).
    """
    if not is_database_outage(sys.exc_info()[1]):
        return HttpResponseServerError(loader.render_to_string("500.html"))
    sent_request = request.method == "POST" and request.path == reverse("appointments:request")
    context = {
        "contact": outage_contact(),
        "request_not_saved": sent_request and not may_have_saved(request),
        "request_may_be_saved": sent_request and may_have_saved(request),
    }
    response = HttpResponse(loader.render_to_string("503.html", context), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def sign_in_locked_out(request, original_response, credentials):
    """The admin's sign-in refused after too many wrong passwords (django-axes calls this
    instead of its plain-text message): what happened and how to get back in."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    context = {
        # Quoted: whatever was typed as the user name must not turn into a shell command.
        "username": shlex.quote(username) if username else "USERNAME",
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    return render(request, "web/sign_in_locked_out.html", context, status=429)
