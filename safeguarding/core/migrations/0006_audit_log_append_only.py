"""The audit log is append-only, down to the database (ADR 0013).

On PostgreSQL a trigger refuses UPDATE and DELETE on the audit tables unless the
transaction has set ``safeguarding.audit_log_archiving`` to ``on`` — which only
``core.audit.archive_audit_events`` (the archive-audit-log command) does, for deletes, after
writing the events to a file. SQLite gets no trigger: Django's test and ``flush`` clean-up
empties tables with DELETE there, and the application's own guard (the models refuse
update and delete) applies on both databases.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


TABLES = ["core_auditevent", "core_auditeventpartnership"]

CREATE_FUNCTION = """
CREATE OR REPLACE FUNCTION core_audit_log_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE'
       AND coalesce(current_setting('safeguarding.audit_log_archiving', true), '') = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'The audit log is append-only: % on % is refused. Old events are removed '
        'only by safeguarding archive-audit-log, which writes them to a file first.',
        TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE_FUNCTION, params=None)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION core_audit_log_append_only();"
        )


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};")
    schema_editor.execute("DROP FUNCTION IF EXISTS core_audit_log_append_only();")


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0005_backfill_audit_event_partnerships'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(create_trigger, drop_trigger),
        migrations.AlterField(
            model_name='auditevent',
            name='actor',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='audit_events', to=settings.AUTH_USER_MODEL),
        ),
    ]
