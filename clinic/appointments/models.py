import secrets

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Exists, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clinic.base.phones import phone_digits

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


class RedFlag(models.TextChoices):
    """Warning signs that need urgent medical care rather than a chiropractic visit."""

    SADDLE_NUMBNESS = "saddle_numbness", _("Numbness around the groin, genitals or buttocks")
    BLADDER_BOWEL = "bladder_bowel", _("New problems controlling your bladder or bowels")
    LEG_WEAKNESS = "leg_weakness", _("Weakness in one or both legs that is spreading or worsening")
    FEVER = "fever", _("Fever, or feeling generally unwell, with your back pain")
    TRAUMA = "trauma", _("Pain that started after a major fall, car accident or other injury")
    WEIGHT_LOSS = "weight_loss", _("Weight loss you cannot explain")


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
        staff limited to some locations (FrontDeskLocations). Asked inside the request query
        itself, so a view pays no query of its own for the limit."""
        if user.is_superuser:
            return self
        limit = FrontDeskLocations.objects.filter(user=user)
        return self.filter(
            ~Exists(limit)
            | Q(location__in=limit.values("locations"))
            | (Exists(limit.filter(with_no_location=True)) & Q(location__isnull=True))
        )

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

    def get_red_flags_display(self):
        return [RedFlag(flag).label for flag in self.red_flags if flag in RedFlag.values]

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
