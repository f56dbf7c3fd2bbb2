import secrets
import uuid
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clinic.base.phones import phone_digits
from clinic.safety.models import Urgency

# No 0/O or 1/I: a reference is read out over the phone.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 6


def new_reference():
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
    return f"LB-{code}"


class Weekday(models.TextChoices):
    MONDAY = "mon", _("Monday")
    TUESDAY = "tue", _("Tuesday")
    WEDNESDAY = "wed", _("Wednesday")
    THURSDAY = "thu", _("Thursday")
    FRIDAY = "fri", _("Friday")
    SATURDAY = "sat", _("Saturday")


class TimeOfDay(models.TextChoices):
    MORNING = "morning", _("Morning (8–12)")
    AFTERNOON = "afternoon", _("Afternoon (12–4)")
    EVENING = "evening", _("Late afternoon (4–6)")


class AppointmentRequestQuerySet(models.QuerySet):
    def save_once(self, appointment, on_saved):
        """Save a new request unless one with its submission token exists already.

        Returns (request, created). `on_saved(appointment)` runs inside the saving transaction,
        so what it schedules with on_commit happens only once the request is stored."""
        for _attempt in range(3):
            try:
                with transaction.atomic():
                    appointment.save(force_insert=True)
                    on_saved(appointment)
                return appointment, True
            except IntegrityError:
                # Either this form was stored already (sent twice, or twice at once) or,
                # very rarely, the random reference was taken: draw another and try again.
                existing = self.filter(submission_token=appointment.submission_token).first()
                if existing:
                    return existing, False
                appointment.pk = None
                appointment.reference = new_reference()
        raise IntegrityError("Could not store the appointment request")

    def open(self):
        return self.filter(status__in=AppointmentRequest.OPEN_STATUSES)

    def inbox(self):
        """What the front desk works through by default: everything but spam."""
        return self.exclude(status=AppointmentRequest.Status.SPAM)

    def visible_to(self, user):
        """The requests `user` may see in the admin: all of them, unless they are front-desk
        staff limited to some locations (FrontDeskLocations). The locations are named in the
        query by their ids, so PostgreSQL counts a limited inbox from an index
        (appointment_inbox_location) rather than reading every request."""
        if user.is_superuser:
            return self
        limit = front_desk_limit(user)
        if limit is None:
            return self
        location_ids, with_no_location = limit
        visible = Q(location__in=location_ids)
        if with_no_location:
            visible |= Q(location__isnull=True)
        return self.filter(visible)

    def awaiting_notification(self):
        """Real requests with an email not sent yet (spam notifies nobody)."""
        return self.inbox().filter(
            models.Q(front_desk_notified_at__isnull=True)
            | models.Q(patient_notified_at__isnull=True)
        )


class AppointmentRequest(models.Model):
    """A patient's request for an appointment, sent from the website without an account."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        CONTACTED = "contacted", _("Contacted")
        BOOKED = "booked", _("Booked")
        DECLINED = "declined", _("Declined")
        NO_SHOW = "no_show", _("No-show")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        SPAM = "spam", _("Spam")

    OPEN_STATUSES = [Status.NEW, Status.CONTACTED]

    class ContactMethod(models.TextChoices):
        PHONE = "phone", _("Phone call")
        TEXT = "text", _("Text message")
        EMAIL = "email", _("Email")

    class PatientType(models.TextChoices):
        NEW = "new", _("New patient")
        RETURNING = "returning", _("Returning patient")

    reference = models.CharField(max_length=12, unique=True, default=new_reference, editable=False)
    # The hidden one-time token of the form the patient filled in: a second POST of the
    # same form (a double click, a refresh) finds this row instead of making another.
    submission_token = models.UUIDField(unique=True, editable=False)

    treatment = models.ForeignKey(
        "treatments.TreatmentPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appointment_requests",
        help_text=_("Empty when the patient is not sure yet."),
        db_index=False,  # the first column of an index below
    )
    location = models.ForeignKey(
        "locations.LocationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appointment_requests",
        help_text=_("Where the patient would like to be seen; empty: any location."),
    )
    practitioner = models.ForeignKey(
        "people.Practitioner",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appointment_requests",
        help_text=_("Who the patient asked to see; empty for no preference."),
    )
    full_name = models.CharField(_("full name"), max_length=120)
    email = models.EmailField(_("email"), max_length=254)
    phone = models.CharField(_("phone"), max_length=30)
    # The phone's digits, for the front desk's search: "5035550114" finds "(503) 555-0114".
    phone_digits = models.CharField(max_length=30, blank=True, editable=False)
    preferred_contact = models.CharField(
        _("preferred contact method"), max_length=10, choices=ContactMethod.choices
    )
    preferred_days = models.JSONField(_("preferred days"), default=list, blank=True)
    preferred_times = models.JSONField(_("preferred times of day"), default=list, blank=True)
    patient_type = models.CharField(
        _("new or returning"), max_length=10, choices=PatientType.choices
    )
    message = models.TextField(_("about the problem"), max_length=1000, blank=True)
    # The warning signs ticked, as the patient read them: [{"wording", "urgency"}], kept
    # as they were whatever clinicians change in the list later (safety.WarningSign).
    red_flags = models.JSONField(_("warning signs ticked"), default=list, blank=True)
    is_urgent = models.BooleanField(_("urgent"), default=False)

    consent_given_at = models.DateTimeField(_("consent given at"))
    consent_version = models.CharField(_("consent text version"), max_length=20)

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    spam_reason = models.CharField(max_length=40, blank=True, editable=False)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("handled by"),
    )

    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    front_desk_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    patient_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = AppointmentRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-is_urgent", "-created_at"]
        # The front desk's inbox, and its status and treatment filters, read the first page
        # of requests in this order straight from an index, however many are stored. (Its
        # search has trigram indexes on PostgreSQL: see migration 0004.) The inbox is
        # everything but spam, and so is its index: counting the inbox (every listing shows
        # the count) reads the index alone, with no status to check on each entry.
        indexes = [
            models.Index(
                fields=["-is_urgent", "-created_at"],
                name="appointment_inbox",
                condition=~models.Q(status="spam"),  # what inbox() leaves out
            ),
            models.Index(
                fields=["status", "-is_urgent", "-created_at"], name="appointment_inbox_status"
            ),
            models.Index(
                fields=["treatment", "-is_urgent", "-created_at"],
                name="appointment_inbox_treatment",
            ),
            # A front desk limited to some locations counts its inbox from this one.
            models.Index(
                fields=["location", "-is_urgent", "-created_at"],
                name="appointment_inbox_location",
                condition=~models.Q(status="spam"),
            ),
            # The scheduler looks for emails not sent yet every few seconds: only the
            # requests still waiting for one are in this index, not the whole table.
            models.Index(
                fields=["created_at"],
                name="appointment_unnotified",
                condition=~models.Q(status="spam")
                & (
                    models.Q(front_desk_notified_at__isnull=True)
                    | models.Q(patient_notified_at__isnull=True)
                ),
            ),
        ]
        verbose_name = _("appointment request")
        permissions = [
            ("export_appointmentrequest", "Can export appointment requests"),
            # Privacy officers (migration 0012): one person's requests across all locations.
            (
                "handle_data_request_appointmentrequest",
                "Can find, export and erase a person's requests",
            ),
        ]

    def __str__(self):
        # Listings, logs and page titles carry the reference, never the patient's name.
        return self.reference

    def save(self, *args, **kwargs):
        self.phone_digits = phone_digits(self.phone)
        # Retention counts from the day a request was closed.
        if self.is_open:
            self.closed_at = None
        elif self.closed_at is None:
            self.closed_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    @property
    def is_notified(self):
        return bool(self.front_desk_notified_at and self.patient_notified_at)

    @property
    def urgency(self):
        """How soon the patient needs care elsewhere: the most urgent sign they ticked
        (an Urgency value), or "" if they ticked none."""
        ticked = {sign.get("urgency") for sign in self.red_flags if isinstance(sign, dict)}
        if Urgency.EMERGENCY in ticked:
            return Urgency.EMERGENCY
        return Urgency.SAME_DAY if ticked else ""

    def get_red_flags_display(self):
        """The warning signs ticked, in the patient's words, each with how urgent it was."""
        urgencies = dict(Urgency.choices)
        return [
            {"wording": sign.get("wording", ""), "urgency": urgencies.get(sign.get("urgency"), "")}
            for sign in self.red_flags
            if isinstance(sign, dict)
        ]

    def get_preferred_days_display(self):
        return [Weekday(day).label for day in self.preferred_days if day in Weekday.values]

    def get_preferred_times_display(self):
        return [TimeOfDay(t).label for t in self.preferred_times if t in TimeOfDay.values]


class RequestNote(models.Model):
    """One note of the front desk's on a request: each keeps its author and time, and none
    is ever changed or overwritten; a new note is added instead."""

    request = models.ForeignKey(AppointmentRequest, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,  # notes written before authors were recorded, and deleted accounts
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    text = models.TextField(_("note"), max_length=2000)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("note")

    def __str__(self):
        return f"{self.request} note {self.pk}"


def front_desk_limit(user):
    """(location ids, also those naming no location) for an account limited to some
    locations; None for one that sees all. Read once per request: a page of the admin asks in
    several places (its listing, the menu's count), and `request.user` is that request's own
    object, where Django's auth backend keeps its permissions for the request too."""
    if not hasattr(user, "front_desk_limit"):
        rows = list(
            FrontDeskLocations.objects.filter(user=user).values_list(
                "with_no_location", "locations"
            )
        )
        user.front_desk_limit = (
            ([location for _, location in rows if location is not None], rows[0][0])
            if rows
            else None
        )
    return user.front_desk_limit


class FrontDeskLocations(models.Model):
    """A front-desk account limited to some locations' requests: in the admin it sees,
    searches, exports and changes only those (and, if ticked, those naming no location).
    Staff without one see every request. Set by superusers under Settings."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="front_desk_locations",
        verbose_name=_("staff account"),
    )
    locations = models.ManyToManyField(
        "locations.LocationPage", related_name="+", verbose_name=_("locations")
    )
    with_no_location = models.BooleanField(
        default=True,
        verbose_name=_("also requests that name no location"),
        help_text=_("Patients who chose no location, or sent the form when there was one."),
    )

    class Meta:
        verbose_name = _("front-desk locations")
        verbose_name_plural = _("front-desk locations")

    def __str__(self):
        return str(self.user)


def new_event_uid():
    """A calendar event's UID, unique the world over (RFC 5545 suggests a random part and the
    sender's domain): every invite for one appointment carries the same one."""
    domain = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "lumbar.invalid"
    return f"{uuid.uuid4()}@{domain}"


def new_link_nonce():
    return secrets.token_urlsafe(12)


class AppointmentQuerySet(models.QuerySet):
    def booked(self):
        """Appointments still on: not cancelled, their request still booked."""
        return self.filter(
            cancelled_at__isnull=True, request__status=AppointmentRequest.Status.BOOKED
        )


class Appointment(models.Model):
    """The time the front desk booked for a request: when, where and with whom. The patient's
    emails, calendar invite and own page show it; nothing of their health is part of it."""

    request = models.OneToOneField(
        AppointmentRequest, on_delete=models.CASCADE, related_name="appointment"
    )
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=45)
    location = models.ForeignKey(
        "locations.LocationPage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("location"),
    )
    practitioner = models.ForeignKey(
        "people.Practitioner",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("practitioner"),
    )
    # The calendar event's identity: a changed time or a cancellation updates the event the
    # patient's calendar already has; SEQUENCE tells it which invite is the latest.
    uid = models.CharField(max_length=255, unique=True, default=new_event_uid, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    # Part of the patient's link: drawn anew at each change, so an older link (or one the
    # patient has used) no longer acts on the booking.
    link_nonce = models.CharField(max_length=32, default=new_link_nonce, editable=False)
    changed_at = models.DateTimeField(default=timezone.now, editable=False)
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("appointment")

    def __str__(self):
        return self.request.reference

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def is_cancelled(self):
        return self.cancelled_at is not None

    def renew_link(self):
        """The links sent so far stop acting on the booking; the next email carries a new one."""
        self.link_nonce = new_link_nonce()

    def changed(self):
        """Record a change the patient is told of: the next invite supersedes the last one,
        older links stop working and the reminder is due again for the new day."""
        self.sequence += 1
        self.renew_link()
        self.changed_at = timezone.now()
        self.reminder_sent_at = None


class BookingEmail(models.Model):
    """An email about a booking, written in the transaction that changed it and sent once
    that commits (or by the scheduler, if the mail server is down then): an outbox, so no
    email is lost with a rolled-back change and none is sent twice."""

    class Kind(models.TextChoices):
        CONFIRMATION = "confirmation", _("Booking confirmed")
        UPDATE = "update", _("Time changed")
        CANCELLATION = "cancellation", _("Cancelled by the clinic")
        REMINDER = "reminder", _("Reminder")
        PATIENT_CANCELLED = "patient_cancelled", _("Patient cancelled (to the front desk)")
        ANOTHER_TIME = "another_time", _("Patient asks for another time (to the front desk)")

    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name="emails")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    to = models.EmailField(max_length=254)
    subject = models.CharField(max_length=255)
    body = models.TextField()
    # The calendar invite (.ics), for the patient's emails that carry one.
    invite = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            # The scheduler looks for unsent ones every few seconds.
            models.Index(
                fields=["created_at"],
                name="booking_email_unsent",
                condition=models.Q(sent_at__isnull=True),
            )
        ]

    def __str__(self):
        return f"{self.appointment} {self.kind}"
