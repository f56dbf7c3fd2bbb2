"""gunicorn's settings for the production web process.

Start with:  gunicorn -c clinic/gunicorn.conf.py
Everything comes from the environment (read through clinic/settings/env.py).
"""

import importlib
import multiprocessing
import sys
from pathlib import Path

# Works from any directory: the project root holds the `clinic` package.
PROJECT_ROOT = str(Path(__file__).resolve().parent.parent)
if PROJECT_ROOT not in sys.path:
    sys.path.insert(0, PROJECT_ROOT)

from clinic.settings.env import env_str  # noqa: E402
from clinic.settings.logs import gunicorn_logging_config  # noqa: E402

chdir = PROJECT_ROOT
wsgi_app = "clinic.wsgi:application"

# The production settings unless the environment names others (clinic/wsgi.py defaults to dev).
if env_str("DJANGO_SETTINGS_MODULE") is None:
    raw_env = ["DJANGO_SETTINGS_MODULE=clinic.settings.production"]

bind = f"{env_str('HOST', '0.0.0.0')}:{int(env_str('PORT', '8000'))}"  # noqa: S104 (in a container)

# One worker per core and one more, to use a core while a request waits on the database:
# the site's requests are short and spend their time on the CPU (pages come from the cache,
# the form is one insert). gunicorn's rule of thumb, 2 × cores + 1, measured slower here
# (bench/): the extra workers only queue for the cores, and every idle worker wakes for each
# new connection. Capped so a big host does not run out of memory.
MAX_DEFAULT_WORKERS = 8
workers = int(
    env_str("WEB_CONCURRENCY", str(min(multiprocessing.cpu_count() + 1, MAX_DEFAULT_WORKERS)))
)
timeout = int(env_str("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak cannot grow forever; at a busy moment's few
# hundred requests a second, a thousand would replace a worker every few seconds.
max_requests = 10_000
max_requests_jitter = 1000
# Django and Wagtail are imported once, in the master, and each worker is forked from it: a
# worker replaced after max_requests starts at once instead of spending a second of CPU on
# imports, and the workers share the imported code's memory. Nothing connects at import.
preload_app = True

# The load balancer's addresses: only they may set X-Forwarded-* headers gunicorn trusts.
forwarded_allow_ips = env_str("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs to stdout/stderr for the container runtime. The access log has the path only: no query
# string (a search can contain symptoms), no referrer, no POST data, no client address.
accesslog = "-"
errorlog = "-"
loglevel = env_str("GUNICORN_LOG_LEVEL", "info")
# The response's X-Request-ID ties the line to the site's own log lines for that request.
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(L)s %({x-request-id}o)s'
if env_str("LOG_FORMAT", "json") == "json":
    logconfig_dict = gunicorn_logging_config()

# gunicorn's control socket (in the home directory) is not used: the container runtime
# restarts and scales the process, and two servers on one host would share the path.
control_socket_disable = True


def on_starting(server):
    """Load the settings in the master before any worker starts.

    Settings that refuse to start (production without SECRET_KEY, say) then stop gunicorn with
    their one-line message, instead of each worker failing to boot with a traceback.
    """
    importlib.import_module(env_str("DJANGO_SETTINGS_MODULE"))
