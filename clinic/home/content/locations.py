"""The clinic's first location (fictional, like the rest: a 555 number, no real address)."""

import datetime

from .clinic_settings import CLINIC_NAME

FIRST_LOCATION = {
    "title": "Our clinic in Fairview",
    "slug": "fairview",
    "summary": (
        f"Where to find {CLINIC_NAME} in Fairview: the address, opening hours, parking and "
        "how to get here by bus."
    ),
    "street": "1480 Alder Street, Suite 210\nRiverside Commons",
    "city": "Fairview",
    "region": "OR",
    "postcode": "97024",
    "country": "US",
    "parking": (
        "Free parking in the Riverside Commons lot, with two accessible spaces by the main "
        "entrance."
    ),
    "public_transport": "Bus lines 77 and 80 stop on Alder Street, a two-minute walk away.",
    "step_free_access": (
        "Step-free from the lot to the main entrance. Suite 210 is on the second floor; the "
        "elevator is to the left of the lobby. The treatment rooms have wide doors."
    ),
}

# (weekday, opens, closes): Monday is 0.
OPENING_SPANS = [
    *((day, datetime.time(8), datetime.time(18)) for day in range(4)),
    (4, datetime.time(8), datetime.time(16)),
    (5, datetime.time(9), datetime.time(13)),
]
