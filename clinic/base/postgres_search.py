"""Wagtail's PostgreSQL search, without building a vector nobody reads.

Its query selects the matched vector (title || body) with every row, though only the filter
needs it: concatenating the vectors of thousands of matches took longer than ranking them.
Here the vector is filtered on and not selected. The expression's own index is created by
clinic/base/migrations/0004_postgres_search_index.py.
"""

from modelsearch.backends.database.postgres.postgres import (
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)

MATCHED_VECTOR = "_vector_"


class ClinicPostgresSearchQueryCompiler(PostgresSearchQueryCompiler):
    def _apply_ordering_and_scoring(self, queryset, *args, **kwargs):
        query = queryset.query
        query.set_annotation_mask(
            name for name in query.annotation_select if name != MATCHED_VECTOR
        )
        return super()._apply_ordering_and_scoring(queryset, *args, **kwargs)


class ClinicPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = ClinicPostgresSearchQueryCompiler
