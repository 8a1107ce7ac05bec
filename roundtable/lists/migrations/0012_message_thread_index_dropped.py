"""The message's own index on its thread is dropped: the index on (thread, position) serves
every look-up by thread (its leading column), and with both PostgreSQL read a page of the
longest thread by this one, filtering all its 2,500 rows (lists/thread_reads.py).

Written as SQL: on SQLite Django's AlterField would copy the whole table to drop an index."""

from django.db import migrations, models

INDEX = "lists_message_thread_id_f0f6d2f4"


class Migration(migrations.Migration):
    dependencies = [("lists", "0011_search_index_id_buckets_postgresql")]
    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{INDEX}"',
                    f'CREATE INDEX IF NOT EXISTS "{INDEX}" ON "lists_message" ("thread_id")',
                )
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="message",
                    name="thread",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=models.deletion.SET_NULL,
                        related_name="messages",
                        to="lists.thread",
                    ),
                )
            ],
        )
    ]
