"""Store every email address lower-cased, so sign-in, lockout and uniqueness agree."""

from django.db import migrations


def lower_case_emails(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    rows = list(User.objects.values_list("pk", "email"))
    taken = {}
    for pk, email in rows:
        taken.setdefault(email.strip().lower(), []).append(pk)
    for pk, email in rows:
        lowered = email.strip().lower()
        if lowered == email:
            continue
        if len(taken[lowered]) > 1:
            # Two accounts differ only by case: neither is renamed (the unique address would
            # clash); the business unit merges them by hand.
            print(f"\n  Not lower-cased (another account has the same address): {email}")
            continue
        User.objects.filter(pk=pk).update(email=lowered)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_two_factor_and_organisation_sign_in")]

    operations = [migrations.RunPython(lower_case_emails, migrations.RunPython.noop)]
