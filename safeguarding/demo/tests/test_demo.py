"""The demo command's guards. What the demo holds is checked in ``loaded/``, where it loads
once for all those tests."""

import pytest
from django.core.management import CommandError, call_command


def test_demo_command_refuses_without_debug_or_demo_password(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="Refusing to load demo accounts"):
        call_command("demo")
