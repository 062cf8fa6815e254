"""A record of several partnerships is filed under each of them in the search index: a joint
body's actions, meeting items and decisions, and a procedure shared by several partnerships.

The rows already in the index get their other partnerships here (the same as ``safeguarding
reindex`` would write), read from the records through the historical models."""

from django.db import migrations, models

# (index kind, model, lookup from the record to its partnerships)
FILED = [
    ("governance.action", "governance", "Action", "meeting__body__partnerships"),
    ("governance.agendaitem", "governance", "AgendaItem", "meeting__body__partnerships"),
    ("governance.decision", "governance", "Decision", "meeting__body__partnerships"),
    ("library.procedure", "library", "Procedure", "partnerships"),
]


def file_under_every_partnership(apps, schema_editor):
    SearchDocument = apps.get_model("search", "SearchDocument")
    joint = SearchDocument.joint_partnerships.through
    for kind, app, name, lookup in FILED:
        model = apps.get_model(app, name)
        partnerships: dict[int, set[int]] = {}
        for pk, partnership_id in model.objects.filter(
            **{f"{lookup}__isnull": False}
        ).values_list("pk", lookup):
            partnerships.setdefault(pk, set()).add(partnership_id)
        several = {pk: sorted(ids) for pk, ids in partnerships.items() if len(ids) > 1}
        if not several:
            continue
        rows = SearchDocument.objects.filter(kind=kind, object_id__in=list(several))
        joint.objects.bulk_create(
            [
                joint(searchdocument_id=row_pk, partnership_id=partnership_id)
                for row_pk, object_id, filed_under in rows.values_list(
                    "pk", "object_id", "partnership_id"
                )
                for partnership_id in several[object_id]
                if partnership_id != filed_under
            ],
            batch_size=2000,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0008_delete_onboardingimport"),
        ("governance", "0007_import_batches"),
        ("library", "0003_procedure_themes"),
        ("search", "0005_stored_search_vector"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="joint_partnerships",
            field=models.ManyToManyField(blank=True, related_name="+", to="accounts.partnership"),
        ),
        migrations.RunPython(file_under_every_partnership, migrations.RunPython.noop),
    ]
