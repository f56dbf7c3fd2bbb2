"""On SQLite, make full-text search match word forms ("spasm" finds "spasms").

Wagtail's SQLite backend creates its FTS5 table with the default tokenizer, which matches
exact words only; PostgreSQL's English configuration stems them. Rebuilding the table with
the Porter stemmer gives `make run` the search patients get in production. The triggers
that keep the table filled refer to it by name, so they carry on working.
"""

from django.db import migrations

TABLE = "wagtailsearch_indexentry_fts"


def use_porter_stemmer(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "sqlite" or TABLE not in connection.introspection.table_names():
        return
    schema_editor.execute(f"DROP TABLE {TABLE}")
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE {TABLE} USING fts5("
        "autocomplete, body, title, tokenize = 'porter unicode61 remove_diacritics 2')"
    )
    schema_editor.execute(
        f"INSERT INTO {TABLE}(rowid, title, body, autocomplete) "
        "SELECT id, title, body, autocomplete FROM wagtailsearch_indexentry"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("base", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(use_porter_stemmer, migrations.RunPython.noop)]
