"""The one place that reads the process environment.

Every setting that may differ between a laptop, CI and production comes from here, so the
rest of the code never calls ``os.environ``.
"""

import os

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


def require_env(*names):
    """Stop the process unless every one of these variables is set.

    One line names all the missing ones (unset, blank, or only commas) and the exit status is
    1: a container log shows what to fix at a glance, instead of a traceback about the first.
    """
    missing = [name for name in names if not env_list(name)]
    if missing:
        raise SystemExit(
            f"Lumbar cannot start: set {', '.join(missing)} in the environment "
            "(see deploy/production.env.example)."
        )


def env_required(name):
    """The variable's value; stops the process, as require_env does, if it is not set."""
    require_env(name)
    return env_str(name)
