"""`safeguarding run-schedule`: run every scheduled job that is due, once."""

from django.core.management.base import BaseCommand, CommandError

from safeguarding.core.schedule import registered_jobs, run_due_jobs


class Command(BaseCommand):
    help = (
        "Run every scheduled job that is due (reminders, chasers, follow-up surveys, clock "
        "warnings) once. Idempotent: safe to call every few minutes from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--job", help="run only this job")
        parser.add_argument("--list", action="store_true", help="list the jobs and stop")

    def handle(self, *args, **options):
        jobs = registered_jobs()
        if options["list"]:
            for job in jobs:
                self.stdout.write(f"{job.name}: {job.description}")
            return
        if options["job"] and options["job"] not in {job.name for job in jobs}:
            names = ", ".join(job.name for job in jobs)
            raise CommandError(f"There is no scheduled job {options['job']!r}. Jobs: {names}.")
        failures = 0
        for job, done, error in run_due_jobs(only=options["job"]):
            if error:
                failures += 1
                self.stderr.write(f"{job.name}: failed — {error}")
            else:
                self.stdout.write(f"{job.name}: {done} done")
        if failures:
            raise CommandError(f"{failures} scheduled job(s) failed; see the messages above.")
