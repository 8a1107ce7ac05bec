"""PostgreSQL: search reads a stored tsvector column (GIN-indexed) instead of an expression
index, so a bounded search can test the newest messages one by one cheaply. SQLite keeps FTS5."""

from django.db import migrations

from roundtable.lists.search import add_vector_column, drop_vector_column


def forward(apps, schema_editor):
    add_vector_column(schema_editor)


def backward(apps, schema_editor):
    drop_vector_column(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("lists", "0008_keyset_indexes_month_threads_and_author")]
    operations = [migrations.RunPython(forward, backward)]
