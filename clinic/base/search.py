"""The site's search backend: Wagtail's database backend (PostgreSQL full-text search, or
FTS5 on SQLite), with the PostgreSQL query made cheaper in clinic/base/postgres_search.py."""

from django.db import connection
from modelsearch.backends.database import SearchBackend as database_backend


def SearchBackend(params):  # noqa: N802 (Wagtail looks the backend up by this name)
    if connection.vendor == "postgresql":
        # Imported here: the module needs the apps loaded, and PostgreSQL.
        from .postgres_search import ClinicPostgresSearchBackend

        return ClinicPostgresSearchBackend(params)
    return database_backend(params)
