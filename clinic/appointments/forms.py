import functools
import re

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clinic.locations.models import LocationPage
from clinic.people.models import Practitioner
from clinic.safety.models import WarningSign
from treatments.models import TreatmentPage

from .models import AppointmentRequest, TimeOfDay, Weekday
from .tickets import issue_ticket, read_ticket

# Bump the version whenever the consent wording changes: each request stores the version
# the patient agreed to.
CONSENT_VERSION = "2026-12"
CONSENT_TEXT = _(
    "I agree that the clinic may store the details in this form, including what I say about "
    "my health, and use them only to arrange my appointment. In the clinic's system only the "
    "front-desk team and the clinic's administrators can see them, and they are deleted once "
    "they are no longer needed."
)

# Control characters other than the line breaks and tabs a person types in a text box.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Every control character: a one-line answer has no line breaks, and in an email address
# (whose quoted form allows them) they would break the headers of the email sent to it.
ONE_LINE_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
PHONE = re.compile(r"^\+?[\d\s().-]{7,30}$")
CONTROL_CHARACTERS_MESSAGE = _("Remove the unusual invisible characters from this answer.")


def no_control_characters(value):
    if CONTROL_CHARACTERS.search(value):
        raise ValidationError(CONTROL_CHARACTERS_MESSAGE, code="control")


def no_control_characters_in_one_line(value):
    if ONE_LINE_CONTROL_CHARACTERS.search(value):
        raise ValidationError(CONTROL_CHARACTERS_MESSAGE, code="control")


def live_treatments():
    """The treatments a patient can choose, in the order of the treatments page."""
    return TreatmentPage.objects.live().public().order_by("path").only("pk", "slug", "title")


def live_locations():
    """The locations a patient can choose, in the page tree's order."""
    return LocationPage.for_patients().only("pk", "slug", "title")


def practitioners():
    """The practitioners a patient can ask to see, by name."""
    return Practitioner.objects.order_by("name").only("pk", "slug", "name", "role")


class RecordChoiceField(forms.ModelChoiceField):
    """A treatment or a practitioner, posted by id: any other value is an invalid choice."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except OverflowError:  # an id too large for the database to compare: no treatment
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from None


class PractitionerChoiceField(RecordChoiceField):
    def label_from_instance(self, practitioner):
        return ", ".join(part for part in [practitioner.name, practitioner.role] if part)


class TickedChoicesField(forms.MultipleChoiceField):
    """The boxes ticked, each once and in the form's order, however often a box is posted."""

    def clean(self, value):
        ticked = set(super().clean(value))
        return [choice for choice, _label in self.choices if choice in ticked]


class AppointmentRequestForm(forms.ModelForm):
    """What a patient fills in. Only the fields listed here are read from the POST: anything
    else sent (a status, an urgent flag) is ignored."""

    treatment = RecordChoiceField(
        queryset=TreatmentPage.objects.none(),
        required=False,
        empty_label=_("Not sure yet"),
        label=_("Treatment"),
    )
    location = RecordChoiceField(
        queryset=LocationPage.objects.none(),
        required=False,
        empty_label=_("Any of them"),
        label=_("Which location suits you?"),
    )
    practitioner = PractitionerChoiceField(
        queryset=Practitioner.objects.none(),
        required=False,
        empty_label=_("No preference"),
        label=_("Who would you like to see?"),
    )
    preferred_days = TickedChoicesField(
        choices=Weekday.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Days that suit you"),
        help_text=_("Tick all that suit you, or none if any day is fine."),
    )
    preferred_times = TickedChoicesField(
        choices=TimeOfDay.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Times of day that suit you"),
        help_text=_("Tick all that suit you, or none if any time is fine."),
    )
    red_flags = TickedChoicesField(
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Do you have any of these right now?"),
        help_text=_(
            "These can be signs of a problem that needs urgent medical care rather than a "
            "chiropractor. Tick any that apply."
        ),
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Tick the box to agree, or call us instead.")},
    )
    # A honeypot: hidden from people by CSS and from screen readers, filled in by bots.
    website = forms.CharField(required=False, label=_("Leave this field empty"))
    ticket = forms.CharField(widget=forms.HiddenInput)

    class Meta:
        model = AppointmentRequest
        fields = [
            "treatment",
            "location",
            "practitioner",
            "full_name",
            "email",
            "phone",
            "preferred_contact",
            "preferred_days",
            "preferred_times",
            "patient_type",
            "message",
        ]
        widgets = {
            "preferred_contact": forms.RadioSelect,
            "patient_type": forms.RadioSelect,
            "message": forms.Textarea(attrs={"rows": 5}),
        }
        labels = {
            "full_name": _("Full name"),
            "email": _("Email"),
            "phone": _("Phone"),
            "preferred_contact": _("How should we contact you?"),
            "patient_type": _("Have you been to the clinic before?"),
            "message": _("Tell us briefly about the problem"),
        }
        help_texts = {
            "message": _(
                "Up to 1,000 characters. Please do not include anything you would "
                "not want the front desk to read."
            ),
        }
        error_messages = {
            "full_name": {"required": _("Enter your full name.")},
            "email": {
                "required": _("Enter your email address."),
                "invalid": _("Enter an email address like name@example.com."),
            },
            "phone": {"required": _("Enter a phone number we can call.")},
            "preferred_contact": {"required": _("Choose how we should contact you.")},
            "patient_type": {"required": _("Tell us whether you have been here before.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["treatment"].queryset = live_treatments()
        # Read when the question is shown or answered: a blank form's questions usually come
        # from the page cache (appointments/request_form.html).
        self.fields["red_flags"].choices = self.warning_sign_wordings
        self.fields["practitioner"].queryset = practitioners()
        locations = live_locations()
        if len(locations) > 1:
            self.fields["location"].queryset = locations
        else:
            # One location (or none): nothing to choose, and the request records none.
            del self.fields["location"]
        for name in ["full_name", "email", "phone", "website"]:
            self.fields[name].validators.append(no_control_characters_in_one_line)
        self.fields["message"].validators.append(no_control_characters)
        self.fields["preferred_contact"].choices = AppointmentRequest.ContactMethod.choices
        self.fields["patient_type"].choices = AppointmentRequest.PatientType.choices
        autocomplete = {"full_name": "name", "email": "email", "phone": "tel", "website": "off"}
        for name, value in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = value
        self.fields["phone"].widget.input_type = "tel"
        self.fields["message"].widget.attrs["maxlength"] = 1000
        self.fields["website"].widget.attrs["tabindex"] = "-1"

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if not PHONE.match(phone) or sum(char.isdigit() for char in phone) < 7:
            raise ValidationError(_("Enter a phone number we can call, like (503) 555-0147."))
        return phone

    def clean_ticket(self):
        try:
            return read_ticket(self.cleaned_data["ticket"])
        except signing.BadSignature as error:
            raise ValidationError(
                _(
                    "This form was open for a long time, so we could not send it. "
                    "Check your answers and send it again."
                ),
                code="ticket",
            ) from error

    @property
    def ticket_expired(self):
        return self.has_error("ticket")

    def renew_ticket(self):
        """Show the form again with a new ticket: a new token, issued now."""
        self.data = self.data.copy()
        self.data["ticket"] = issue_ticket()

    def sent_too_soon(self):
        """Sent faster than a person fills in the form. Autofill can do that, so the patient
        is asked to send again rather than filed as spam: only the honeypot, which no person
        sees, files a request as spam without a word."""
        return (
            not self.spam_reason()
            and self.cleaned_data["ticket"].seconds_open() < settings.APPOINTMENT_MIN_FILL_SECONDS
        )

    def ask_to_send_again(self):
        """The answers are kept, with a message, and a new ticket: the minimum time counts
        again from now, and reading the message takes longer than that."""
        message = _(
            "Your answers arrived faster than we expected, so we have not sent them yet. "
            "Please check them and press “Send my request” again."
        )
        self.add_error(None, ValidationError(message, code="too_fast"))
        self.renew_ticket()

    @functools.cached_property
    def warning_signs(self):
        """The signs asked about, by id; the request keeps their words, read in the same
        query."""
        return {str(sign.pk): sign for sign in WarningSign.objects.shown()}

    def warning_sign_wordings(self):
        return [(pk, sign.wording) for pk, sign in self.warning_signs.items()]

    def warning_sign_choices(self):
        """Each warning sign's checkbox with the sign itself (its advice and urgency)."""
        return [(choice, self.warning_signs[choice.data["value"]]) for choice in self["red_flags"]]

    def spam_reason(self):
        """Why this submission looks automated, or "" if it looks like a person's."""
        return "honeypot" if self.cleaned_data.get("website") else ""

    def build_request(self):
        """The unsaved AppointmentRequest these answers make."""
        request = self.save(commit=False)
        request.submission_token = self.cleaned_data["ticket"].token
        request.red_flags = [
            self.warning_signs[pk].as_ticked() for pk in self.cleaned_data["red_flags"]
        ]
        request.is_urgent = bool(request.red_flags)
        request.consent_given_at = timezone.now()
        request.consent_version = CONSENT_VERSION
        request.spam_reason = self.spam_reason()
        if request.spam_reason:
            request.status = AppointmentRequest.Status.SPAM
        return request
