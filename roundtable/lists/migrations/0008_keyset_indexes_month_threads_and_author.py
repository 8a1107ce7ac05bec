"""Indexes the keyset pages read in order: a month's threads by start, an author's messages
by date (key last, so ties on the date are ordered from the index too)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("lists", "0007_merge_20261201_1118")]

    operations = [
        migrations.AddIndex(
            model_name="thread",
            index=models.Index(
                fields=["mailing_list", "started_at"], name="lists_thread_month_keyset"
            ),
        ),
        migrations.AddIndex(
            model_name="message",
            index=models.Index(
                fields=["mailing_list", "from_addr", "date", "key"],
                name="lists_message_author_keyset",
            ),
        ),
    ]
