"""The `safeguarding` command: the same commands as Django's manage.py."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeguarding.config.settings.local")
    from django.core.exceptions import ImproperlyConfigured

    try:
        from django.core.management import execute_from_command_line

        from safeguarding.core.channels import COMMAND, audit_channel

        # Changes made from the command line are audited as such (run-schedule narrows it).
        try:
            with audit_channel(COMMAND):
                execute_from_command_line(sys.argv)
        finally:
            _data_changed()
    except ImproperlyConfigured as error:
        # A missing or malformed environment variable: say what is wrong, no stack trace.
        sys.stderr.write(f"Configuration error: {error}\n")
        sys.exit(2)


def _data_changed() -> None:
    """A command may have written in bulk or with ``QuerySet.update()``, which send no
    signal: what is kept of the data (dashboard panels, ADR 0038) is out of date."""
    from django.apps import apps

    if apps.ready:
        from safeguarding.core import data_version

        data_version.changed_safely()


if __name__ == "__main__":
    main()
