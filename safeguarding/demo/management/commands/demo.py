"""`safeguarding demo`: load the demo partnership (idempotent) and print the sign-ins."""

import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from safeguarding.config.env import ENV
from safeguarding.demo import data
from safeguarding.demo.loader import demo_password, load_demo
from safeguarding.demo.scale import NATIONAL, load_scale, parse_scale


class Command(BaseCommand):
    help = (
        "Load the demo partnership (slug essex, with joint partners southend and thurrock) and "
        "one demo account per role. Safe to run again. Password: DEMO_PASSWORD, or a random "
        "one kept in the data directory."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--quiet-sign-ins", action="store_true", help="do not print the demo sign-ins"
        )
        parser.add_argument(
            "--scale",
            default="",
            help=(
                f"also add N generated partnerships ('national' is {NATIONAL}) with ten years of "
                "work each, for measuring the platform at real size (benchmarks/load.py)"
            ),
        )

    def handle(self, *args, **options):
        scale = 0
        if options["scale"]:
            try:
                scale = parse_scale(options["scale"])
            except ValueError as error:
                raise CommandError(str(error)) from None
        if not settings.DEBUG and not ENV.demo_password:
            raise CommandError(
                "Refusing to load demo accounts on a server with DEBUG off unless "
                "DEMO_PASSWORD is set: demo accounts must never have a password you did not "
                "choose on a real deployment."
            )
        password = demo_password(ENV.demo_password)
        try:
            result = load_demo(password=password)
        except ValidationError as error:
            raise CommandError("The demo data is not valid: " + " ".join(error.messages)) from None
        made = ", ".join(f"{n} {what}" for what, n in result.created.items()) or "nothing new"
        self.stdout.write(self.style.SUCCESS(f"Demo partnership ready ({made})."))
        if scale:
            started = time.perf_counter()
            generated = load_scale(scale)
            made = ", ".join(f"{n:,} {what}" for what, n in generated.created.items())
            self.stdout.write(
                self.style.SUCCESS(
                    f"{scale} generated partnerships ready in "
                    f"{time.perf_counter() - started:.0f} s ({made or 'nothing new'})."
                )
            )
        if options["quiet_sign_ins"]:
            return
        self.stdout.write("\nDemo sign-ins (all use the same password):")
        for account in data.ACCOUNTS:
            role = account["role"] + (
                f" ({account['partnership']})" if account.get("partnership") else ""
            )
            self.stdout.write(f"  {role:<22} {account['email']}")
        self.stdout.write(f"\n  password: {password}\n")
        self.stdout.write(
            "Two-factor sign-in is offered, not required, in the demo. To try it, sign in, open\n"
            "Your account > Two-factor sign-in and scan the QR code with an authenticator app;\n"
            "then sign out and in again. To require it for a role, the business unit uses\n"
            "Partnerships > Sign-in settings.\n"
        )
