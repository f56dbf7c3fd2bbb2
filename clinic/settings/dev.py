"""Settings for `make run`: SQLite, debug pages, emails printed to the console."""

from .base import *  # noqa: F403
from .env import env_bool, env_str

DEBUG = env_bool("DEBUG", default=True)
SECRET_KEY = env_str("SECRET_KEY", "dev-only-key-never-use-in-production")  # noqa: S105
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# Static files come straight from the app folders; there is no collectstatic step here.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
}
CLINIC_ALLOW_DEV_ADMIN = True
