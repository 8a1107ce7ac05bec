"""PostgreSQL: a partial index of the Chinese contributions' ids, so that a 1-2-character
Chinese word (no trigram) is read newest first and stops at the page
(roundtable/outputs/fulltext_languages.py). New databases get it from `fulltext.create`."""

from django.db import migrations

from roundtable.contributions.models import CONTRIBUTION_TEXT
from roundtable.outputs.fulltext_languages import create_pg_chinese_ids


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        create_pg_chinese_ids(CONTRIBUTION_TEXT, schema_editor.execute)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {CONTRIBUTION_TEXT.table}_chinese_ids")


class Migration(migrations.Migration):
    dependencies = [("contributions", "0008_campaign_grouping_asked")]
    operations = [migrations.RunPython(forward, backward)]
