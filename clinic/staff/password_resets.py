"""Password resets asked for on the admin's "Forgotten password?" page.

The page counts the request against two limits (per address asked about, so nobody floods a
colleague's inbox; per client address, so nobody tries address after address) and, within
them, stores it. It never looks for the account nor talks to the mail server, so known and
unknown addresses get the same answer in the same time. The scheduler's send_password_resets
does the rest: it finds the account (active, with a password) and emails Wagtail's reset link.
"""

import logging
import unicodedata
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from wagtail.admin.forms.auth import PasswordResetForm
from wagtail.admin.views import account

from clinic.web.addresses import client_address
from clinic.web.counters import count, digest

from .models import PasswordResetRequest

logger = logging.getLogger(__name__)


def within_limits(request, email):
    """Count this request against both limits; True if it is within them. Counted first, then
    compared, so simultaneous requests never share a count."""
    # Django finds accounts by the address's case-insensitive, NFKC-normalised form: so does
    # the count, or "Boss@…" would get a limit of its own.
    window = settings.PASSWORD_RESET_LIMIT_WINDOW
    email_count = count(f"staff:password-reset:email:{digest(normalised(email))}", window)
    client_count = count(f"staff:password-reset:client:{digest(client_address(request))}", window)
    # None while the cache is down: the limits are not enforced meanwhile.
    return (email_count or 0) <= settings.PASSWORD_RESET_LIMIT_PER_EMAIL and (
        client_count or 0
    ) <= settings.PASSWORD_RESET_LIMIT_PER_CLIENT


def normalised(email):
    return unicodedata.normalize("NFKC", email).casefold()


def take(request, email):
    """What the page does with a valid address: store it, if within the limits."""
    if within_limits(request, email):
        PasswordResetRequest.objects.create(email=email)


class ResetLinkForm(PasswordResetForm):
    """Wagtail's form, sending through one connection for the whole run. Django's send_mail
    logs a failure and carries on, which would delete a request whose email never left: here
    the failure stops the run."""

    def __init__(self, *args, connection=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.connection = connection

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        body = render_to_string(email_template_name, context)
        EmailMessage(subject, body, from_email, [to_email], connection=self.connection).send()


def email_options():
    """What Wagtail's page passes to the form, for a run with no request to read them from."""
    base_url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    return {
        "domain_override": base_url.netloc,
        "use_https": base_url.scheme == "https",
        "subject_template_name": account.PasswordResetView.subject_template_name,
        "email_template_name": account.PasswordResetView.email_template_name,
    }


def send_waiting_resets():
    """Email each waiting request's link, oldest first, and delete the request. The first
    mail failure stops the run: that request and the rest wait for the next one. Returns the
    number of requests handled and of those still waiting."""
    waiting = list(PasswordResetRequest.objects.order_by("requested_at", "pk"))
    if not waiting:
        return 0, 0
    handled = 0
    options = email_options()
    try:
        with get_connection() as connection:
            for reset in waiting:
                form = ResetLinkForm({"email": reset.email}, connection=connection)
                if form.is_valid():
                    form.save(**options)
                reset.delete()
                handled += 1
    except OSError as error:  # the mail server down, refusing or too slow (SMTP errors too)
        # Its text can quote an address: the type only.
        logger.warning(
            "Password reset emails not sent (%s); %d wait for the next run.",
            type(error).__name__,
            len(waiting) - handled,
        )
    return handled, len(waiting) - handled
