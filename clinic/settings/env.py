"""The one place that reads the process environment.

Every setting that may differ between a laptop, CI and production comes from here, so the
rest of the code never calls ``os.environ``.
"""

import os

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}


def env_str(name, default=None):
    value = os.environ.get(name, "").strip()
    return value or default


def env_bool(name, default=False):
    value = env_str(name)
    if value is None:
        return default
    return value.lower() in TRUE_WORDS


def env_list(name, default=()):
    value = env_str(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_required(name):
    value = env_str(name)
    if value is None:
        raise ImproperlyConfigured(f"Set the {name} environment variable.")
    return value
