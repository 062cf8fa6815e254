"""`safeguarding demo` may be run again on a loaded database (`make run` does, every time):
the second load creates nothing, in any table, and only sets the accounts' password."""

from django.apps import apps

from safeguarding.accounts.models import User
from safeguarding.demo import data
from safeguarding.demo.loader import load_demo

# The audit log records the second load's own changes (the accounts' new password).
AUDIT_LOG = {"core.AuditEvent", "core.AuditEventPartnership"}


def _rows_per_table() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if not model._meta.proxy and model._meta.managed and model._meta.label not in AUDIT_LOG
    }


def test_loading_the_demo_again_creates_nothing_and_sets_the_new_password(demo):
    assert any(demo.result.created.values()), "the first load made the demo"
    before = _rows_per_table()

    result = load_demo(password="second password here")

    assert not any(result.created.values()), result.created
    after = _rows_per_table()
    changed = {
        label: (before[label], after[label]) for label in before if before[label] != after[label]
    }
    assert changed == {}, f"rows added or removed by a second load: {changed}"
    for account in data.ACCOUNTS:
        assert User.objects.get(email=account["email"]).check_password("second password here")
