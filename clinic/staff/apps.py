from django.apps import AppConfig


class StaffConfig(AppConfig):
    """Staff accounts in the admin, where Wagtail's own pages fall short: signing out, and
    asking for a password reset."""

    name = "clinic.staff"
    label = "staff"
    verbose_name = "Staff accounts"
