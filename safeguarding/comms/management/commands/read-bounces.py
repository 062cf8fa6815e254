"""`safeguarding read-bounces (--maildir PATH | --imap) [--dry-run] [--json]`.

Reads the bounces of bulletin emails returned by mail to the sending mailbox (with SMTP) and
records each as GOV.UK Notify's delivery receipts are: an address that failed for good stops
being mailed and is suppressed; a final temporary failure counts that one email as not
delivered. Each message is marked read once recorded, so it is read once; reading one again
changes nothing (ADR 0039). The schedule runs the same when ``BOUNCE_MAILDIR`` or
``BOUNCE_IMAP_HOST`` is set.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from safeguarding.comms.bounce_mail import MailboxError, imap_from_settings, maildir_messages
from safeguarding.comms.services.bounces import BounceSummary, bounces_read


class Command(BaseCommand):
    help = "Read bulletin bounces from a Maildir or the IMAP mailbox set in the settings."

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument(
            "--maildir", metavar="PATH", help="a Maildir the bounce mailbox is delivered to"
        )
        source.add_argument(
            "--imap",
            action="store_true",
            help="the IMAP folder of BOUNCE_IMAP_HOST, BOUNCE_IMAP_USER, BOUNCE_IMAP_FOLDER",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="say what each message would change; change nothing and mark nothing read",
        )
        parser.add_argument("--json", action="store_true", help="print a JSON summary")

    def handle(self, *args, **options):
        dry_run = options["dry_run"]
        try:
            messages = (
                maildir_messages(options["maildir"]) if options["maildir"] else imap_from_settings()
            )
            summary = bounces_read(messages, dry_run=dry_run)
        except MailboxError as error:
            if options["json"]:
                # The same summary as ever, its one error naming no message.
                refused = BounceSummary(dry_run=dry_run)
                refused.errors.append({"message": None, "reason": str(error)})
                self.stdout.write(json.dumps(refused.as_dict(), indent=2))
            raise CommandError(str(error)) from None
        if options["json"]:
            self.stdout.write(json.dumps(summary.as_dict(), indent=2))
            return
        for problem in summary.errors:
            self.stderr.write(f"Message {problem['message']}: {problem['reason']} (left unread)")
        prefix = "Dry run, nothing saved: " if dry_run else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}{summary.read} read, {summary.bounced} bounced, "
                f"{summary.temporary} temporary, {summary.not_ours} not ours, "
                f"{summary.unchanged} already recorded, {len(summary.errors)} errors"
            )
        )
