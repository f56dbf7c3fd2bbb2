"""Telephone numbers as links: what a phone dials from a `tel:` address."""

import phonenumbers
from django.conf import settings


def tel_uri(number):
    """The `tel:` address of a number as people write it ("(503) 555-0147"): the global
    form, "tel:+15035550147", read in CLINIC_PHONE_REGION unless it has its own country
    code. A short or local number (911) keeps its digits; "" for no number."""
    if not number:
        return ""
    try:
        parsed = phonenumbers.parse(number, settings.CLINIC_PHONE_REGION)
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is not None and phonenumbers.is_valid_number(parsed):
        return "tel:" + phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    plus = "+" if number.strip().startswith("+") else ""
    return "tel:" + plus + "".join(character for character in number if character.isdigit())


def phone_digits(number):
    """The digits a search for `number` should find, whatever the punctuation: "(503)
    555-0147" gives "15035550147" (the global form's digits, so "5035550147", "555-0147" and
    "+1 503 555 0147" all find it); a number that is not valid keeps just its digits."""
    uri = tel_uri(number)
    return "".join(character for character in uri if character.isdigit())
