"""Subscribing, confirming, preferences, unsubscribing, importing and exporting."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from safeguarding.comms import audit_events, tokens
from safeguarding.comms.models import (
    Audience,
    ConsentSource,
    Subscriber,
    SubscriberStatus,
    Suppression,
    SuppressionReason,
)
from safeguarding.core.audit import audit_record
from safeguarding.core.email import email_send
from safeguarding.core.import_jobs import import_job_progress

CONSENT_WORDING = (
    "I agree to {partnership} emailing me its safeguarding bulletin. I can unsubscribe at any "
    "time with the link in every email."
)
IMPORT_CONSENT = "Imported from the business unit's existing mailing list ({filename})."
IMPORT_COLUMNS = ("Email Address", "First Name", "Last Name", "Tags")
MAX_IMPORT_ROWS = 50_000
PROGRESS_EVERY = 1000  # rows between two saves of an import job's progress


def normalise_email(value: str) -> str:
    return (value or "").strip().lower()


def is_suppressed(*, partnership, email: str) -> bool:
    return Suppression.objects.filter(
        partnership=partnership, email=normalise_email(email)
    ).exists()


def _clean_audiences(audiences) -> list[str]:
    known = set(Audience.values)
    unknown = [a for a in audiences if a not in known]
    if unknown:
        raise ValidationError({"audiences": "Choose audiences from the list."})
    return [a for a in Audience.values if a in set(audiences)]


@transaction.atomic
def subscriber_subscribe(
    *, partnership, email: str, first_name: str = "", last_name: str = "", audiences=(), themes=()
) -> Subscriber:
    """Record a sign-up and email a confirmation link. Nothing is ever sent to the address
    until that link is followed (double opt-in). Signing up again resends the link and
    leaves a confirmed subscription as it is."""
    email = normalise_email(email)
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            {"email": "Enter an email address in the correct format, like name@example.com"}
        ) from None
    audiences = _clean_audiences(audiences)
    wording = CONSENT_WORDING.format(partnership=partnership.name)
    subscriber = Subscriber.objects.filter(partnership=partnership, email=email).first()
    if subscriber is None:
        subscriber = Subscriber.objects.create(
            partnership=partnership,
            email=email,
            first_name=first_name.strip()[:100],
            last_name=last_name.strip()[:100],
            audiences=audiences,
            consent_wording=wording,
            consent_source=ConsentSource.SIGN_UP,
        )
    elif subscriber.status != SubscriberStatus.CONFIRMED:
        subscriber.status = SubscriberStatus.PENDING
        subscriber.audiences = audiences
        subscriber.consent_wording = wording
        subscriber.consent_source = ConsentSource.SIGN_UP
        subscriber.save(
            update_fields=["status", "audiences", "consent_wording", "consent_source", "updated_at"]
        )
    subscriber.themes.set(themes)
    audit_record(
        job="public sign-up",
        event=audit_events.SUBSCRIBER_SUBSCRIBE,
        target=subscriber,
        after={"audiences": audiences},
        partnerships=[partnership],
    )
    email_send(
        to=[email],
        subject=f"Confirm your subscription to the {partnership.name} bulletin",
        template="comms/email/confirm",
        context={"partnership": partnership, "token": tokens.confirm_token(subscriber)},
    )
    return subscriber


@transaction.atomic
def subscriber_confirm(*, token: str) -> Subscriber:
    """Follow the emailed link: the address is confirmed and the consent recorded. An
    address that unsubscribed before is taken off the suppression list only here, by its
    owner."""
    found = tokens.confirm_read(token)
    subscriber = (
        Subscriber.objects.select_for_update().filter(pk=found[0], email=found[1]).first()
        if found
        else None
    )
    if subscriber is None:
        raise ValidationError(
            "This confirmation link has expired or is not valid. Sign up again to get a new one."
        )
    if subscriber.status == SubscriberStatus.CONFIRMED:
        return subscriber
    now = timezone.now()
    subscriber.status = SubscriberStatus.CONFIRMED
    subscriber.confirmed_at = now
    subscriber.consent_given_at = now
    subscriber.unsubscribed_at = None
    subscriber.save()
    Suppression.objects.filter(
        partnership_id=subscriber.partnership_id, email=subscriber.email
    ).delete()
    audit_record(job="public sign-up", event=audit_events.SUBSCRIBER_CONFIRM, target=subscriber)
    return subscriber


def subscriber_from_link(token: str) -> Subscriber | None:
    pk = tokens.preferences_read(token)
    return Subscriber.objects.filter(pk=pk).select_related("partnership").first() if pk else None


@transaction.atomic
def subscriber_update_preferences(*, subscriber: Subscriber, audiences, themes) -> Subscriber:
    subscriber.audiences = _clean_audiences(audiences)
    subscriber.save(update_fields=["audiences", "updated_at"])
    subscriber.themes.set(themes)
    audit_record(
        job="subscriber preferences",
        event=audit_events.SUBSCRIBER_UPDATE,
        target=subscriber,
        after={"audiences": subscriber.audiences},
    )
    return subscriber


@transaction.atomic
def subscriber_unsubscribe(*, subscriber: Subscriber, how: str = "preferences page") -> Subscriber:
    """Stop all email to the address and suppress it, so no import re-subscribes it."""
    Suppression.objects.get_or_create(
        partnership_id=subscriber.partnership_id, email=subscriber.email
    )
    if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
        return subscriber
    subscriber.status = SubscriberStatus.UNSUBSCRIBED
    subscriber.unsubscribed_at = timezone.now()
    subscriber.save(update_fields=["status", "unsubscribed_at", "updated_at"])
    audit_record(
        job="unsubscribe link",
        event=audit_events.SUBSCRIBER_UNSUBSCRIBE,
        target=subscriber,
        after={"how": how},
    )
    return subscriber


def subscriber_bounce(
    *, subscriber: Subscriber, bulletin_pk: int, job: str = "delivery receipts"
) -> Subscriber:
    """Stop mail to an address whose mail bounced for good (GOV.UK Notify's permanent
    failure, or a bounce message read from the sending mailbox) and suppress it, so no
    import re-subscribes it. Signing up again and confirming, which proves the address
    works, lifts it."""
    Suppression.objects.update_or_create(
        partnership_id=subscriber.partnership_id,
        email=subscriber.email,
        defaults={"reason": SuppressionReason.BOUNCED},
    )
    subscriber.status = SubscriberStatus.BOUNCED
    subscriber.save(update_fields=["status", "updated_at"])
    audit_record(
        job=job,
        event=audit_events.SUBSCRIBER_BOUNCE,
        target=subscriber,
        after={"bulletin": bulletin_pk},
    )
    return subscriber


# Import and export -------------------------------------------------------------------------


SUBSCRIBERS_IMPORT = "comms.subscribers"  # the kind of the import page's jobs (ADR 0033)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    errors: list[dict] = field(default_factory=list)  # {"row": n, "email": ..., "reason": ...}
    skipped_rows: list[dict] = field(default_factory=list)
    dry_run: bool = False

    def as_dict(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "skipped": self.skipped,
            "errors": self.errors,
            "skipped_rows": self.skipped_rows,
            "dry_run": self.dry_run,
        }


class _DryRun(Exception):
    pass


# The upload form reads this much of a file to refuse it at once (``subscribers_file_check``).
FILE_CHECK_BYTES = 64 * 1024


def _decode(content: bytes, *, final: bool = True) -> str:
    try:
        return codecs.getincrementaldecoder("utf-8-sig")().decode(content, final=final)
    except UnicodeDecodeError:
        raise ValidationError(
            "The file is not a CSV file saved as UTF-8. Export the audience from your "
            "mailing tool as CSV and upload that file."
        ) from None


def _check_columns(fieldnames) -> None:
    headers = [(h or "").strip() for h in (fieldnames or [])]
    if "Email Address" not in headers:
        raise ValidationError(
            "The file has no “Email Address” column. The first row must name the columns: "
            "Email Address, First Name, Last Name, Tags."
        )


def subscribers_file_check(head: bytes) -> None:
    """The checks the upload form makes at once, on the file's first bytes
    (``FILE_CHECK_BYTES``): UTF-8 so far, and a first row naming an "Email Address" column.
    The same checks as the import's own; the worker still reads the whole file."""
    text = _decode(head, final=False)  # a character cut at the end of ``head`` is not an error
    _check_columns(next(csv.reader(io.StringIO(text)), []))


def _read_csv(content: bytes | str) -> list[dict]:
    if isinstance(content, bytes):
        content = _decode(content)
    reader = csv.DictReader(io.StringIO(content))
    _check_columns(reader.fieldnames)
    rows = [{(k or "").strip(): (v or "").strip() for k, v in row.items() if k} for row in reader]
    if len(rows) > MAX_IMPORT_ROWS:
        raise ValidationError(
            f"The file has more than {MAX_IMPORT_ROWS:,} rows. Split it and import each part."
        )
    return rows


def subscribers_import(
    *,
    actor=None,
    job: str | None = None,
    partnership,
    content: bytes | str,
    filename: str = "upload.csv",
    dry_run: bool = False,
    on_rows: Callable[[int, int], None] | None = None,
    every: int | None = None,
) -> ImportResult:
    """Import a Mailchimp-style audience export. Row by row: a bad address is an error
    naming its row; an address seen twice is merged into one subscriber (names filled in,
    tags joined); an address on the suppression list is skipped, never re-subscribed.
    Imported people are confirmed (they already receive the bulletin) with their consent
    recorded as coming from the import. With ``dry_run`` nothing is saved. ``on_rows(done,
    total)`` is told how many rows have been read, every ``every`` rows (``PROGRESS_EVERY``
    unless given) and at the end."""
    rows = _read_csv(content)
    every = every or PROGRESS_EVERY
    result = ImportResult(dry_run=dry_run)
    suppressed = dict(
        Suppression.objects.filter(partnership=partnership).values_list("email", "reason")
    )
    merged: dict[str, dict] = {}
    for number, row in enumerate(rows, start=2):  # row 1 holds the column names
        if on_rows is not None and (number - 2) % every == 0:
            on_rows(number - 2, len(rows))
        email = normalise_email(row.get("Email Address", ""))
        if not email:
            result.errors.append(
                {"row": number, "email": "", "reason": "The email address is missing."}
            )
            continue
        try:
            validate_email(email)
        except ValidationError:
            result.errors.append(
                {"row": number, "email": email, "reason": "This is not a valid email address."}
            )
            continue
        if email in suppressed:
            result.skipped += 1
            result.skipped_rows.append(
                {
                    "row": number,
                    "email": email,
                    "reason": SuppressionReason(suppressed[email]).label,
                }
            )
            continue
        tags = [
            t.strip().strip('"') for t in row.get("Tags", "").split(",") if t.strip().strip('"')
        ]
        if email in merged:
            entry = merged[email]
            entry["first_name"] = entry["first_name"] or row.get("First Name", "")
            entry["last_name"] = entry["last_name"] or row.get("Last Name", "")
            entry["tags"] = list(dict.fromkeys(entry["tags"] + tags))
            result.skipped_rows.append(
                {
                    "row": number,
                    "email": email,
                    "reason": f"Duplicate of row {entry['row']}: merged.",
                }
            )
            continue
        merged[email] = {
            "row": number,
            "first_name": row.get("First Name", "")[:100],
            "last_name": row.get("Last Name", "")[:100],
            "tags": tags,
        }
    if on_rows is not None:
        on_rows(len(rows), len(rows))
    try:
        with transaction.atomic():
            existing = {
                s.email: s
                for s in Subscriber.objects.select_for_update().filter(
                    partnership=partnership, email__in=list(merged)
                )
            }
            now = timezone.now()
            wording = IMPORT_CONSENT.format(filename=filename)
            new = []
            for email, entry in merged.items():
                subscriber = existing.get(email)
                if subscriber is None:
                    new.append(
                        Subscriber(
                            partnership=partnership,
                            email=email,
                            first_name=entry["first_name"],
                            last_name=entry["last_name"],
                            tags=entry["tags"],
                            status=SubscriberStatus.CONFIRMED,
                            confirmed_at=now,
                            consent_given_at=now,
                            consent_wording=wording,
                            consent_source=ConsentSource.IMPORT,
                        )
                    )
                    continue
                if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
                    result.skipped += 1
                    result.skipped_rows.append(
                        {
                            "row": entry["row"],
                            "email": email,
                            "reason": SuppressionReason(suppressed[email]).label,
                        }
                    )
                    continue
                before = (subscriber.first_name, subscriber.last_name, list(subscriber.tags))
                subscriber.first_name = subscriber.first_name or entry["first_name"]
                subscriber.last_name = subscriber.last_name or entry["last_name"]
                subscriber.tags = list(dict.fromkeys(list(subscriber.tags) + entry["tags"]))
                if (subscriber.first_name, subscriber.last_name, subscriber.tags) == before:
                    # Already as the file has it: importing again changes nothing.
                    result.skipped += 1
                    continue
                subscriber.save(update_fields=["first_name", "last_name", "tags", "updated_at"])
                result.updated += 1
            Subscriber.objects.bulk_create(new, batch_size=1000)
            result.created = len(new)
            if result.created or result.updated:  # importing again changes nothing
                audit_record(
                    actor=actor,
                    job=None if actor else (job or "import-subscribers"),
                    event=audit_events.SUBSCRIBER_IMPORT,
                    target=partnership,
                    after={
                        "file": filename,
                        "created": result.created,
                        "updated": result.updated,
                        "skipped": result.skipped,
                        "errors": len(result.errors),
                    },
                    partnerships=[partnership],
                )
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return result


EXPORT_COLUMNS = [
    "Email Address",
    "First Name",
    "Last Name",
    "Status",
    "Audiences",
    "Themes",
    "Tags",
    "Consent source",
    "Consent given",
    "Consent wording",
]


def subscribers_export_rows(*, actor, partnership, subscribers) -> list[list[str]]:
    """Rows for the CSV export (the download is audited: it holds personal data)."""
    rows = [EXPORT_COLUMNS]
    for s in subscribers:
        rows.append(
            [
                s.email,
                s.first_name,
                s.last_name,
                s.get_status_display(),
                "; ".join(s.audience_labels()),
                "; ".join(t.name for t in s.themes.all()),
                ", ".join(s.tags),
                s.get_consent_source_display(),
                s.consent_given_at.date().isoformat() if s.consent_given_at else "",
                s.consent_wording,
            ]
        )
    with transaction.atomic():
        audit_record(
            actor=actor,
            event=audit_events.SUBSCRIBER_EXPORT,
            target=partnership,
            after={"rows": len(rows) - 1},
            partnerships=[partnership],
        )
    return rows


def subscribers_import_job(*, job, content: bytes) -> dict:
    """The worker's side of the import page (``core.import_jobs``): the result it keeps."""
    return subscribers_import(
        actor=job.uploaded_by,
        partnership=job.partnership,
        content=content,
        filename=job.original_name,
        dry_run=job.dry_run,
        on_rows=lambda done, total: import_job_progress(job=job, rows_done=done, rows_total=total),
    ).as_dict()
