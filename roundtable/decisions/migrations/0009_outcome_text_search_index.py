"""Titles and summaries of outcomes: a full-text index for the site search (SQLite FTS5 with triggers,
PostgreSQL a stored tsvector column with GIN), filled from the existing rows."""

from django.db import migrations

from roundtable.decisions.models import OUTCOME_TEXT
from roundtable.outputs.fulltext import create, drop


def forward(apps, schema_editor):
    create(OUTCOME_TEXT, schema_editor)


def backward(apps, schema_editor):
    drop(OUTCOME_TEXT, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("decisions", "0008_appeals_change_adoption_and_refusals")]
    operations = [migrations.RunPython(forward, backward)]
