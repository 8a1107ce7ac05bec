"""Database triggers: a published version's row and every paragraph row refuse UPDATE.

Deletion is refused by the model guard and by PROTECT foreign keys (adoptions, outcomes and
later versions' amendments point at published versions); a DELETE trigger is not used because
the test suite's flush between transactional tests deletes every row.
"""

from django.db import migrations

SQLITE = [
    """
    CREATE TRIGGER drafting_version_published_immutable
    BEFORE UPDATE ON drafting_version
    WHEN OLD.status = 'published'
    BEGIN
        SELECT RAISE(ABORT, 'drafting: a published version cannot change');
    END;
    """,
    """
    CREATE TRIGGER drafting_paragraph_immutable
    BEFORE UPDATE ON drafting_paragraph
    BEGIN
        SELECT RAISE(ABORT, 'drafting: paragraphs of a published version cannot change');
    END;
    """,
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS drafting_version_published_immutable;",
    "DROP TRIGGER IF EXISTS drafting_paragraph_immutable;",
]
POSTGRES = [
    """
    CREATE FUNCTION drafting_refuse_change() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION USING
            MESSAGE = 'drafting: ' || TG_TABLE_NAME || ' of a published version cannot change',
            ERRCODE = 'integrity_constraint_violation';
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER drafting_version_published_immutable
    BEFORE UPDATE ON drafting_version
    FOR EACH ROW WHEN (OLD.status = 'published')
    EXECUTE FUNCTION drafting_refuse_change();
    """,
    """
    CREATE TRIGGER drafting_paragraph_immutable
    BEFORE UPDATE ON drafting_paragraph
    FOR EACH ROW EXECUTE FUNCTION drafting_refuse_change();
    """,
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS drafting_version_published_immutable ON drafting_version;",
    "DROP TRIGGER IF EXISTS drafting_paragraph_immutable ON drafting_paragraph;",
    "DROP FUNCTION IF EXISTS drafting_refuse_change();",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("drafting", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        )
    ]
