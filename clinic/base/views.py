from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_safe

from .seo import site_root_url


@require_safe
def robots_txt(request):
    sitemap_url = site_root_url(request) + reverse("sitemap")
    return render(
        request,
        "base/robots.txt",
        {"sitemap_url": sitemap_url},
        content_type="text/plain; charset=utf-8",
    )


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico whatever a page links to: the shipped icon."""
    return redirect(static("brand/favicon.ico"))
