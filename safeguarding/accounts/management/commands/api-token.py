"""`safeguarding api-token create EMAIL` prints a new API token for that user."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from safeguarding.accounts.selectors import user_by_email
from safeguarding.accounts.services import api_token_create


class Command(BaseCommand):
    help = "Manage personal API tokens. 'create EMAIL' prints a new token (shown only once)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="{create}")
        create = sub.add_parser("create", help="create a token for EMAIL and print it")
        create.add_argument("email", metavar="EMAIL")
        create.add_argument(
            "--name",
            default="Command-line token",
            help="what the token is for (shown on the account page)",
        )

    def handle(self, *args, **options):
        user = user_by_email(email=options["email"])
        if user is None:
            raise CommandError(
                f"There is no account with the email address {options['email']!r}. "
                "Check the spelling, or create the account first (safeguarding createsuperuser, "
                "or the admin pages)."
            )
        try:
            _, raw = api_token_create(job="api-token command", user=user, name=options["name"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(raw)
