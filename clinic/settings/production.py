"""Production settings: everything essential comes from the environment or startup fails."""

from .env import env_bool, env_list, env_required, env_str, require_env
from .logs import logging_config

# A half-configured process stops here, with one line naming everything that is missing,
# before base.py parses DATABASE_URL.
require_env("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL")

from .base import *  # noqa: E402, F403

DEBUG = False
SECRET_KEY = env_required("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

# HTTPS. TLS ends at the load balancer, which says so in X-Forwarded-Proto; it must set
# (not pass through) that header. The probes stay reachable over plain http.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = 31_536_000  # a year
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True

# Cookies: only over HTTPS, the session one out of reach of scripts, admin sessions short.
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60  # one working day
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# X-Frame-Options, nosniff, Referrer-Policy and Permissions-Policy: every environment sends
# them (base.py).

# The scheduler sends the appointment emails (base.py says why).
APPOINTMENT_EMAILS_IN_REQUEST = False

# JSON log lines on stdout, for the log collector.
LOGGING = logging_config(
    json_lines=env_str("LOG_FORMAT", "json") == "json", level=env_str("LOG_LEVEL", "INFO")
)
