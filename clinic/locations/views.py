from django.shortcuts import render
from django.views.decorators.http import require_safe

from .models import LocationPage


@require_safe
def contact(request):
    """How to reach the clinic: its contact details, then every location."""
    locations = LocationPage.for_patients()
    return render(request, "locations/contact.html", {"locations": locations})
