"""PostgreSQL: the search's GIN index also holds each message's id bucket (btree_gin), so a
rare word or a phrase is looked up among the newest messages first (lists/search_windows.py
`windowed`). Rebuilds the index: about two minutes at a million messages. SQLite: nothing."""

from django.db import migrations

from roundtable.lists.search import add_bucket_index, drop_bucket_index


def forward(apps, schema_editor):
    add_bucket_index(schema_editor)


def backward(apps, schema_editor):
    drop_bucket_index(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("lists", "0010_thread_activity_keyset_index")]
    operations = [migrations.RunPython(forward, backward)]
