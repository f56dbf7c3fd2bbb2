import shlex

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from .seo import site_root_url


@require_safe
def contact(request):
    return render(request, "base/contact.html")


@require_safe
def robots_txt(request):
    sitemap_url = site_root_url(request) + reverse("sitemap")
    return render(
        request,
        "base/robots.txt",
        {"sitemap_url": sitemap_url},
        content_type="text/plain; charset=utf-8",
    )


def csrf_failure(request, reason=""):
    """A form posted without a valid CSRF token: say what to do, in the site's own page."""
    return render(request, "403_csrf.html", status=403)


def sign_in_locked_out(request, original_response, credentials):
    """The admin's sign-in refused after too many wrong passwords (django-axes calls this
    instead of its plain-text message): what happened and how to get back in."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    context = {
        # Quoted: whatever was typed as the user name must not turn into a shell command.
        "username": shlex.quote(username) if username else "USERNAME",
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    return render(request, "base/sign_in_locked_out.html", context, status=429)
