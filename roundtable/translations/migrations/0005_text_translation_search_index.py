"""Whole-text versions of calls and contributions in the per-language full-text index
(roundtable/outputs/fulltext.py), as translated paragraphs are (0002). Filled from the existing
rows."""

from django.db import migrations

from roundtable.outputs.fulltext import create, drop
from roundtable.translations.models import TEXT_VERSION_TEXT


def forward(apps, schema_editor):
    create(TEXT_VERSION_TEXT, schema_editor)


def backward(apps, schema_editor):
    drop(TEXT_VERSION_TEXT, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("translations", "0004_text_translation")]
    operations = [migrations.RunPython(forward, backward)]
