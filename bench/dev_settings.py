"""`make run`'s settings plus the benchmark's app, to fill a development database with the
benchmark's data:

    python manage.py generate_bench_data --settings=bench.dev_settings --articles 500
"""

from clinic.settings.dev import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
