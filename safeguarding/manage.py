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
        with audit_channel(COMMAND):
            execute_from_command_line(sys.argv)
    except ImproperlyConfigured as error:
        # A missing or malformed environment variable: say what is wrong, no stack trace.
        sys.stderr.write(f"Configuration error: {error}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
