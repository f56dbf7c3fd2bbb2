"""Helpers for search-engine metadata: absolute URLs and schema.org JSON-LD."""

import json

from django.utils.safestring import mark_safe
from wagtail.models import Site

# The characters that could end a <script> element or open a comment inside it.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def site_root_url(request):
    site = Site.find_for_request(request)
    return site.root_url if site else request.build_absolute_uri("/").rstrip("/")


def absolute_url(request, path):
    if path.startswith(("http://", "https://")):
        return path
    return site_root_url(request) + path


def therapy(page, request):
    return {
        "@type": "MedicalTherapy",
        "name": page.title,
        "description": page.summary,
        "url": page.get_full_url(request),
    }


def person_id(profile_url):
    return f"{profile_url}#person"


def person_reference(practitioner, profile_url):
    """What another page (a health page's reviewedBy) says of a practitioner whose profile is
    at `profile_url`: the @id of the Person their profile describes."""
    return {"@type": "Person", "@id": person_id(profile_url), "name": practitioner.name}


def json_ld_script(data):
    """A <script type="application/ld+json"> element that is safe to put in HTML."""
    text = json.dumps({"@context": "https://schema.org", **data}, ensure_ascii=False)
    return mark_safe(  # noqa: S308 - the JSON is escaped for a script element above
        f'<script type="application/ld+json">{text.translate(_SCRIPT_ESCAPES)}</script>'
    )
