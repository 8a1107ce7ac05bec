"""Amendments made before `Amendment.language` existed were written against the original:
give each the original language of its document where one is set (drafting's migration gave
them the site's default, "en")."""

from django.db import migrations


def from_original(apps, schema_editor):
    Amendment = apps.get_model("drafting", "Amendment")
    DocumentLanguages = apps.get_model("translations", "DocumentLanguages")
    for row in DocumentLanguages.objects.all():
        Amendment.objects.filter(document_id=row.document_id).update(
            language=row.original_language
        )


class Migration(migrations.Migration):
    dependencies = [
        ("drafting", "0005_amendment_language"),
        ("translations", "0002_paragraph_translation_text_search_index"),
    ]

    operations = [migrations.RunPython(from_original, migrations.RunPython.noop)]
