"""Give existing audit events the partnerships of the records they are about.

This reads the records through today's models and ``core.audit.audit_partnership_ids``
(historical models have no ``partnership_ids_for_rules``). An event whose record no longer
exists, or whose type cannot be read, keeps no partnership: system-wide, read by superusers.
"""

from django.apps import apps as live_apps
from django.db import migrations, transaction


def backfill(apps, schema_editor):
    from safeguarding.core.audit import audit_partnership_ids

    AuditEvent = apps.get_model("core", "AuditEvent")
    AuditEventPartnership = apps.get_model("core", "AuditEventPartnership")
    types = (
        AuditEvent.objects.exclude(target_type="")
        .order_by()
        .values_list("target_type", flat=True)
        .distinct()
    )
    for target_type in list(types):
        try:
            model = live_apps.get_model(target_type)
        except (LookupError, ValueError):
            continue
        events = list(
            AuditEvent.objects.filter(target_type=target_type).values_list("pk", "target_id")
        )
        rows = []
        try:
            with transaction.atomic():
                pks = sorted({target_id for _, target_id in events if target_id})
                found = {}
                for start in range(0, len(pks), 500):
                    chunk = pks[start : start + 500]
                    for target in model._default_manager.filter(pk__in=chunk):
                        found[str(target.pk)] = audit_partnership_ids(target)
        except Exception as error:  # noqa: BLE001 - one unreadable type must not stop the rest
            print(f"\n  Audit events about {target_type} stay system-wide: {error}")
            continue
        for event_pk, target_id in events:
            rows.extend(
                AuditEventPartnership(event_id=event_pk, partnership_id=partnership_id)
                for partnership_id in sorted(found.get(target_id, ()))
            )
        AuditEventPartnership.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)


class Migration(migrations.Migration):
    # The backfill reads today's models (through core.audit), so it runs after every app's
    # schema has reached them; otherwise an old database's events stay system-wide.
    dependencies = [
        ("core", "0004_audit_event_partnerships"),
        ("accounts", "0005_lower_case_email_addresses"),
        ("planning", "0003_load_practice_themes"),
        ("governance", "0006_taxonomy_to_planning_done"),
        ("reviews", "0007_author_briefing_training_session"),
        ("assurance", "0003_audit_action_evidence_files"),
        ("training", "0003_taxonomy_in_planning"),
        ("performance", "0004_opening_reserve_only_first_year"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
