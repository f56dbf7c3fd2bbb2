from django import template

from clinic.locations.models import LocationPage

register = template.Library()


@register.simple_tag
def clinic_locations():
    """The clinic's live, public locations in the page tree's order: where the footer and the
    contact details send patients."""
    return list(LocationPage.for_patients())
