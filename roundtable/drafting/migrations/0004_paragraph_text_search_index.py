"""Paragraphs of published versions: a full-text index for the site search (SQLite FTS5 with triggers,
PostgreSQL a stored tsvector column with GIN), filled from the existing rows."""

from django.db import migrations

from roundtable.drafting.models import PARAGRAPH_TEXT
from roundtable.outputs.fulltext import create, drop


def forward(apps, schema_editor):
    create(PARAGRAPH_TEXT, schema_editor)


def backward(apps, schema_editor):
    drop(PARAGRAPH_TEXT, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("drafting", "0003_document_audience")]
    operations = [migrations.RunPython(forward, backward)]
