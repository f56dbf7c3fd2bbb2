"""Settings for the test suite: SQLite unless DATABASE_URL is set, fast and quiet."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
}
# Static files come straight from the app folders; there is no collectstatic step here.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None
WAGTAILADMIN_BASE_URL = "http://testserver"
# The scheduler's loop runs inside the test process in tests/test_scheduler.py: lowering its
# priority would slow every test after it.
SCHEDULER_NICE = 0
# django-axes announces itself when Django starts: under pytest-xdist that line would follow
# pytest's summary.
AXES_VERBOSE = False
# Browser tests and the SQLite concurrency test wait out the form's minimum fill time before
# sending it: a second here; the tests of the rule itself set the real three.
APPOINTMENT_MIN_FILL_SECONDS = 1
