from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PasswordResetRequest(models.Model):
    """Someone asked the admin's "Forgotten password?" page for a link to this address.

    It waits here for the scheduler's send_password_resets, which looks for an account with
    the address and emails it the link, then deletes the request: the page itself never
    looks, so it answers every address alike and as fast (password_resets.py).
    """

    email = models.EmailField(_("email"), max_length=254)
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)

    class Meta:
        verbose_name = _("password reset request")
        verbose_name_plural = _("password reset requests")

    def __str__(self):
        return f"Password reset #{self.pk}"
