"""A superuser for a developer's laptop, so `make run` ends with an admin you can log in to.

Refuses to run unless the settings allow it (only clinic.settings.dev does). The random
password is printed once, on the run that creates the account, and stored nowhere else.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
EMAIL = "admin@localhost.example"
# Where `make run` serves the admin.
ADMIN_URL = "http://127.0.0.1:8000/admin/"
RESET_COMMAND = ".venv/bin/python manage.py changepassword"


class Command(BaseCommand):
    help = "Create a development superuser with a random password (development settings only)."

    def handle(self, *args, **options):
        if not settings.CLINIC_ALLOW_DEV_ADMIN:
            raise CommandError("create_dev_admin only runs with development settings.")

        User = get_user_model()
        superuser = User.objects.filter(is_superuser=True).order_by("pk").first()
        if superuser:
            username = superuser.get_username()
            self.stdout.write(
                f"Log in at {ADMIN_URL} as {username} (password shown on first run; "
                f"reset it with `{RESET_COMMAND} {username}`)."
            )
            return

        if User.objects.filter(**{User.USERNAME_FIELD: USERNAME}).exists():
            raise CommandError(
                f"A user called {USERNAME!r} exists but is not a superuser. "
                "Create one with `.venv/bin/python manage.py createsuperuser`."
            )
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=USERNAME, email=EMAIL, password=password)
        self.stdout.write(
            self.style.SUCCESS("Created a development superuser.")
            + f"\n  Admin:    {ADMIN_URL}"
            + f"\n  Username: {USERNAME}"
            + f"\n  Password: {password}"
            + "\nThis password will not be shown again. Reset it with "
            + f"`{RESET_COMMAND} {USERNAME}`."
        )
