from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from .seo import site_root_url


@require_GET
def contact(request):
    return render(request, "base/contact.html")


@require_GET
def robots_txt(request):
    sitemap_url = site_root_url(request) + reverse("sitemap")
    return render(
        request, "base/robots.txt", {"sitemap_url": sitemap_url}, content_type="text/plain"
    )
