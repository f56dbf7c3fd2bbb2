"""Settings shared by every environment. Environment-specific files import from here."""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

from .env import env_bool, env_list, env_required, env_str
from .logs import logging_config

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", default=False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "clinic.base",
    "clinic.safety",
    "clinic.web",
    "clinic.staff",
    "clinic.home",
    "clinic.pages",
    "clinic.locations",
    "clinic.people",
    "clinic.search",
    "clinic.appointments",
    "treatments",
    "education",
    "wagtailcache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "csp",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "clinic.web.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "clinic.web.middleware.PermissionsPolicyMiddleware",
    "clinic.web.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The anonymous page cache (clinic/base/page_cache.py): a hit is answered here, before
    # sessions, authentication or the database.
    "clinic.base.page_cache.PageCacheHeadersMiddleware",
    "wagtailcache.cache.UpdateCacheMiddleware",
    "wagtailcache.cache.FetchFromCacheMiddleware",
    "clinic.base.page_cache.NoticeLifetimeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Turns a locked-out sign-in into the lockout page (AXES_LOCKOUT_CALLABLE).
    "axes.middleware.AxesMiddleware",
]

# Headers every environment sends (HTTPS-only settings are in production.py). Wagtail's
# preview panel overrides X-Frame-Options to SAMEORIGIN for its own iframe.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_HTTPONLY = True

# Content-Security-Policy (clinic.web.middleware.ContentSecurityPolicyMiddleware). Patient
# pages run no script at all and load nothing from another site: no inline script or style,
# no third-party origin. JSON-LD blocks are data, not scripts, and need no permission. Images
# may also come from the origin of MEDIA_URL when it is absolute (a bucket or CDN).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The Wagtail admin (and its page previews) needs inline scripts (its choosers and date
# widgets write them into the page and its modals) and inline styles, blob: images for upload
# previews, and frames its own preview. Still nothing from other sites. Checked in a browser:
# editor, preview, Checks panel, choosers, listings.
CLINIC_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
    }
}

ROOT_URLCONF = "clinic.urls"
CSRF_FAILURE_VIEW = "clinic.web.views.csrf_failure"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "clinic.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=60,
        # A connection that died (the database restarted) is replaced on the next request,
        # so the site recovers from an outage without a restart.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several requests at once on SQLite (make run): WAL lets pages be read during a write;
    # IMMEDIATE takes the write lock when a transaction starts, so writers queue for it (up
    # to the timeout) instead of failing with "database is locked" mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's default random_page_cost (4) models spinning disks, and with it the
    # planner prefers reading every page's search vectors to the search index; 1.1 is the
    # usual value for SSDs, which every managed PostgreSQL runs on. Set per connection, so
    # it holds without access to the server's configuration.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"-c random_page_cost=1.1 {options.get('options', '')}".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Staff accounts open patients' requests: a passphrase, not a word and a digit.
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Admin sign-in lockout (django-axes): five wrong passwords for one user name from one
# address lock that pair out for an hour. Counting the pair, not the address alone or the user
# alone, means an attacker can lock out neither everyone behind a shared address (or behind a
# misconfigured proxy) nor a colleague from elsewhere. Attempts are stored in the database
# (axes.AccessAttempt: user name, address, browser, path); only the admin's login form
# authenticates, so nothing about patients reaches it.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(hours=1)  # base/sign_in_locked_out.html says "an hour"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# A colleague's typos are forgotten once they sign in.
AXES_RESET_ON_SUCCESS = True
# The same client address the appointment rate limit uses (TRUSTED_PROXY_COUNT).
AXES_CLIENT_IP_CALLABLE = "clinic.web.addresses.client_address"
AXES_LOCKOUT_CALLABLE = "clinic.web.views.sign_in_locked_out"
# The admin's "Forgotten password?" page (clinic/staff/password_resets.py): requests per
# address asked about and per client address, per hour. Past either, the page answers as
# usual and nothing is sent, so the limit says nothing about who has an account.
PASSWORD_RESET_LIMIT_PER_EMAIL = 3
PASSWORD_RESET_LIMIT_PER_CLIENT = 10
PASSWORD_RESET_LIMIT_WINDOW = 60 * 60

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "America/Los_Angeles")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Where collectstatic writes; production serves from here (WhiteNoise, hashed names).
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "static")))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
# Media (uploaded images and documents) on S3-compatible storage when a bucket is named, so
# several web nodes share them; local files otherwise.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_CUSTOM_DOMAIN = env_str("AWS_S3_CUSTOM_DOMAIN")
    AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL")
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": AWS_S3_ENDPOINT_URL,
            "region_name": env_str("AWS_S3_REGION_NAME"),
            "access_key": env_str("AWS_ACCESS_KEY_ID"),
            "secret_key": env_str("AWS_SECRET_ACCESS_KEY"),
            "custom_domain": AWS_S3_CUSTOM_DOMAIN,
            # Two uploads with one name keep both files; nothing is public unless the bucket
            # policy says so.
            "file_overwrite": False,
            "default_acl": None,
        },
    }
    # Where browsers fetch media from, as the storage builds its URLs; the Content-Security-
    # Policy allows images from this origin (clinic/web/middleware.py).
    if AWS_S3_CUSTOM_DOMAIN:
        MEDIA_URL = f"https://{AWS_S3_CUSTOM_DOMAIN}/"
    elif AWS_S3_ENDPOINT_URL:
        MEDIA_URL = f"{AWS_S3_ENDPOINT_URL.rstrip('/')}/{AWS_STORAGE_BUCKET_NAME}/"
    else:
        MEDIA_URL = f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com/"

# The caches: Redis when REDIS_URL is set, shared by every web process; local memory
# otherwise (one process, `make run`). If Redis fails, pages are served without it: short
# timeouts, errors ignored and logged as a warning (clinic/web/logs.py), and a Redis that
# failed is not asked again for half a minute (clinic/web/cache.py).
# "default" holds what protects the site (rate limits, the outage page's phone number);
# "pages" holds whole pages for anonymous visitors (clinic/base/page_cache.py). Publishing
# empties "pages" whole, which on Redis flushes its database, and strangers choose which pages
# fill it: it gets a Redis of its own in production (PAGE_CACHE_REDIS_URL; by default the
# database after REDIS_URL's), evicting old pages when full, while the default one evicts
# nothing (docker-compose.yml). Pages are kept an hour at most, so a change no signal reports
# (an article's review falling due) shows within the hour.
PAGE_CACHE_SECONDS = 60 * 60
REDIS_URL = env_str("REDIS_URL")


def redis_cache(url, **fields):
    options = {
        "SOCKET_CONNECT_TIMEOUT": 0.5,
        "SOCKET_TIMEOUT": 0.5,
        "IGNORE_EXCEPTIONS": True,
        "REDIS_CLIENT_CLASS": "clinic.web.cache.CircuitBreakingRedis",
    }
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "OPTIONS": options,
        **fields,
    }


def next_redis_database(url):
    parts = urlsplit(url)
    database = int(parts.path.strip("/") or 0)
    return parts._replace(path=f"/{database + 1}").geturl()


if REDIS_URL:
    CACHES = {
        "default": redis_cache(REDIS_URL),
        "pages": redis_cache(
            env_str("PAGE_CACHE_REDIS_URL", next_redis_database(REDIS_URL)),
            TIMEOUT=PAGE_CACHE_SECONDS,
        ),
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    DJANGO_REDIS_LOGGER = "clinic.cache"
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "TIMEOUT": PAGE_CACHE_SECONDS,
        },
    }

# Logs: to stdout, with the request id; JSON lines where LOG_FORMAT=json (production).
LOGGING = logging_config(
    json_lines=env_str("LOG_FORMAT", "text") == "json", level=env_str("LOG_LEVEL", "INFO")
)

# Complex page editors can exceed Django's default of 1,000 form fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Lumbar"
# What the "back shortly" page says when the database is down and the cache has not kept the
# clinic settings' name and phone (clinic/web/outage.py).
CLINIC_NAME = env_str("CLINIC_NAME", "Lumbar Chiropractic")
CLINIC_PHONE = env_str("CLINIC_PHONE", "")
# The admin loads nothing from other sites (its CSP would block it anyway): no Gravatar
# (it would learn staff email hashes) and no check for new Wagtail releases (upgrades are
# pinned in requirements.txt).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Every rich-text field and block offers the same few features (none sets its own): headings
# are StreamField blocks, pictures image blocks with alt text. Whatever the editor does not
# offer (a pasted heading, image or embed) is dropped when saved.
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {"features": ["bold", "italic", "link", "ul", "ol"]},
    }
}
# Used in admin notification emails and as the site address the content command sets up.
WAGTAILADMIN_BASE_URL = env_str("BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {
    # On PostgreSQL this is PostgreSQL full-text search; on SQLite, FTS5.
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "english"},
}
# The page cache (wagtail-cache; clinic/base/page_cache.py says what it keeps).
WAGTAIL_CACHE_BACKEND = "pages"
WAGTAIL_CACHE_HEADER = "X-Wagtail-Cache"
# A CDN that can purge published pages: env-driven, off by default. Cloudflare (a zone and
# an API token allowed to purge it) or a cache that takes HTTP PURGE (Varnish, nginx).
WAGTAILFRONTENDCACHE = {}
if env_str("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": env_str("CLOUDFLARE_ZONE_ID"),
        "BEARER_TOKEN": env_required("CLOUDFLARE_API_TOKEN"),
    }
if env_str("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["purge"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env_str("FRONTEND_CACHE_PURGE_URL"),
    }
# Browsers keep a page a minute (nothing can purge them); a CDN that is purged on publish
# keeps it as long as the page cache does.
PAGE_CACHE_CONTROL = "max-age=60"
if WAGTAILFRONTENDCACHE:
    PAGE_CACHE_CONTROL += f", s-maxage={PAGE_CACHE_SECONDS}"

# Uploads: photos and office documents only (no SVG or HTML, which can carry scripts), of
# sizes a clinic's pages need; documents are served through Django, not straight from media.
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Refuses an image declaring a gigantic size (a decompression bomb) with the form's error.
WAGTAILIMAGES_IMAGE_FORM_BASE = "clinic.base.forms.ImageForm"

# The dev-only admin account: see clinic/base/management/commands/create_dev_admin.py.
CLINIC_ALLOW_DEV_ADMIN = False

# Email. Appointment notifications go out right after the request is saved; a slow or
# broken mail server must not hold a patient's page for long (send_pending_notifications
# sends what failed).
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env_str("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = int(env_str("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Lumbar Clinic <no-reply@lumbar-clinic.example>")

# Appointment requests.
APPOINTMENT_RETENTION_DAYS = int(env_str("APPOINTMENT_RETENTION_DAYS", "365"))
# Accepted requests per client address in each window of the clock (each hour); raised for
# load tests, never removed.
APPOINTMENT_RATE_LIMIT = int(env_str("APPOINTMENT_RATE_LIMIT", "5"))
APPOINTMENT_RATE_LIMIT_WINDOW = 60 * 60
# People take longer than this to fill in the form; a form sent sooner (by a script, or by
# a browser's autofill) is shown again, answers kept, to be checked and sent again.
APPOINTMENT_MIN_FILL_SECONDS = 3
# Who sends a request's two emails. True: the patient's own request, once the request is
# stored (`make run` and the tests, where no scheduler runs). False (production): the
# scheduler's send_pending_notifications, within SCHEDULER_NOTIFICATIONS_SECONDS, so the
# patient's page never waits on the mail server and one SMTP session carries a batch.
APPOINTMENT_EMAILS_IN_REQUEST = True
# How long the link in a booking email works at most (it also stops a day after the
# appointment, and when the booking changes).
BOOKING_LINK_MAX_AGE_DAYS = 90
# Behind a load balancer, the client's address is the last one it adds to X-Forwarded-For.
TRUSTED_PROXY_COUNT = int(env_str("TRUSTED_PROXY_COUNT", "0"))

# The periodic commands `run_scheduler` runs (one scheduler per site), by name, with the seconds
# between runs: appointment emails not sent yet, pages scheduled to go live, retention, and
# the day-before reminders of booked appointments.
SCHEDULED_COMMANDS = {
    "send_pending_notifications": int(env_str("SCHEDULER_NOTIFICATIONS_SECONDS", "10")),
    "send_appointment_reminders": int(env_str("SCHEDULER_APPOINTMENT_REMINDERS_SECONDS", "900")),
    "publish_scheduled": int(env_str("SCHEDULER_PUBLISHING_SECONDS", "60")),
    "purge_appointment_requests": int(env_str("SCHEDULER_PURGE_SECONDS", str(24 * 60 * 60))),
    # Each reminder goes once, whenever it runs: hourly catches a due date within the hour.
    "send_review_reminders": int(env_str("SCHEDULER_REVIEW_REMINDERS_SECONDS", "3600")),
}
# The admin's password reset links (clinic/staff) go out as often as the appointment emails.
SCHEDULED_COMMANDS["send_password_resets"] = SCHEDULED_COMMANDS["send_pending_notifications"]
# The scheduler's CPU priority, as `nice` counts (0 to 19, higher yields more): on a host it
# shares with the web workers, a busy minute's emails wait a moment for the patients' pages.
SCHEDULER_NICE = int(env_str("SCHEDULER_NICE", "10"))

# A clinician's approval in the Clinical review workflow schedules the next review this
# many months ahead.
CLINICAL_REVIEW_INTERVAL_MONTHS = int(env_str("CLINICAL_REVIEW_INTERVAL_MONTHS", "12"))

# Where the clinic's phone numbers are read, for the `tel:` links phones dial: a number
# written without its country code ("(503) 555-0147") is taken to be in this country.
CLINIC_PHONE_REGION = env_str("CLINIC_PHONE_REGION", "US")
