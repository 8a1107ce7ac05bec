"""The contributions' full-text index per language (roundtable/outputs/fulltext.py): PostgreSQL
builds each row's vector in its language's configuration and adds a pg_trgm index over the
Chinese rows; SQLite adds an FTS5 trigram table for them. Rebuilt from the existing rows."""

from django.db import migrations

from roundtable.contributions.models import CONTRIBUTION_TEXT
from roundtable.outputs.fulltext import Index, create, drop

NEUTRAL = Index(table=CONTRIBUTION_TEXT.table, columns=CONTRIBUTION_TEXT.columns)


def forward(apps, schema_editor):
    drop(CONTRIBUTION_TEXT, schema_editor)
    create(CONTRIBUTION_TEXT, schema_editor)


def backward(apps, schema_editor):
    drop(CONTRIBUTION_TEXT, schema_editor)
    create(NEUTRAL, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("contributions", "0006_campaigns")]
    operations = [migrations.RunPython(forward, backward)]
