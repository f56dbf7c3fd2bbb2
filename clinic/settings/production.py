"""Production settings: everything essential comes from the environment or startup fails."""

from .base import *  # noqa: F403
from .env import env_list, env_required

DEBUG = False
SECRET_KEY = env_required("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    env_required("ALLOWED_HOSTS")
env_required("DATABASE_URL")
