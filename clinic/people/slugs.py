"""Practitioners' addresses (/team/<slug>/), made from their names."""

from django.utils.text import slugify

SLUG_MAX_LENGTH = 140


def unique_slug(name, taken):
    """The slug of `name`, with -2, -3... added if it is in `taken` (a set of slugs). A name
    of no letters or digits at all gets "practitioner"."""
    base = slugify(name)[: SLUG_MAX_LENGTH - 4].strip("-") or "practitioner"
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug
