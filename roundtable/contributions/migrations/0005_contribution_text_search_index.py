"""Titles and texts of contributions: a full-text index for the site search (SQLite FTS5 with triggers,
PostgreSQL a stored tsvector column with GIN), filled from the existing rows."""

from django.db import migrations

from roundtable.outputs.fulltext import Index, create, drop

# The index as this migration made it, language-neutral (0007 made it per language).
CONTRIBUTION_TEXT = Index(table="contributions_contribution", columns=("title", "body"))


def forward(apps, schema_editor):
    create(CONTRIBUTION_TEXT, schema_editor)


def backward(apps, schema_editor):
    drop(CONTRIBUTION_TEXT, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("contributions", "0004_call_group_tallies_and_keyset_index")]
    operations = [migrations.RunPython(forward, backward)]
