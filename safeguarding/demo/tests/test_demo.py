"""The demo command's guards, and a load that sends no email. What the demo holds is checked
in ``loaded/``, where it loads once for all those tests."""

import pytest
from django.core.management import CommandError, call_command

from safeguarding.demo.loader import load_demo


def test_demo_command_refuses_without_debug_or_demo_password(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="Refusing to load demo accounts"):
        call_command("demo")


def test_demo_sends_no_email_to_its_fictional_people(db, django_capture_on_commit_callbacks):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        load_demo(password="demo password for tests")
    assert mail.outbox == []
