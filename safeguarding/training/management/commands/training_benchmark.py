from django.core.management.base import BaseCommand

from safeguarding.training.benchmark import run


class Command(BaseCommand):
    help = (
        "Print training speed figures: the catalogue with 5,000 sessions, and 50 people "
        "booking the last 5 places at once (uses a throwaway test database)."
    )

    def handle(self, *args, **options) -> None:
        run(out=self.stdout.write)
