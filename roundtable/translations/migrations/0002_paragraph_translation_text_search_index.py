"""Translated paragraphs in the per-language full-text index (roundtable/outputs/fulltext.py):
PostgreSQL a stored tsvector in each row's language's configuration (GIN) and pg_trgm over the
Chinese rows; SQLite FTS5 with triggers and a trigram table. Filled from the existing rows."""

from django.db import migrations

from roundtable.outputs.fulltext import create, drop
from roundtable.translations.models import TRANSLATION_TEXT


def forward(apps, schema_editor):
    create(TRANSLATION_TEXT, schema_editor)


def backward(apps, schema_editor):
    drop(TRANSLATION_TEXT, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("translations", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
