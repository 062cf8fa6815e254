"""Versions of the published safeguarding arrangements: draft one (from the platform's
records and the last version's text), change the draft, publish it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from safeguarding.accounts.models import RoleAssignment
from safeguarding.core import offers
from safeguarding.core.audit import audit_record
from safeguarding.core.roles import Role
from safeguarding.core.services import model_update
from safeguarding.reports import audit_events as codes
from safeguarding.reports.models import Arrangements

EDITABLE = [
    "narrative",
    "independent_scrutiny",
    "joint_arrangements",
    "threshold_url",
    "escalation_url",
    "agreed_on",
    "next_review_on",
]


def _facts(partnership) -> dict:
    """Lead safeguarding partners and delegates (their roles), and governance's records."""
    partners = (
        RoleAssignment.objects.filter(partnership=partnership, role=Role.SAFEGUARDING_PARTNER)
        .select_related("user", "agency")
        .order_by("agency__name", "user__full_name")
    )
    facts = {
        "partners": [
            {"name": str(a.user), "agency": a.agency.name if a.agency else ""} for a in partners
        ],
        "bodies": [],
        "relevant_agencies": [],
    }
    try:
        facts.update(offers.offered("governance.arrangements").facts(partnership_id=partnership.pk))
    except LookupError:
        pass  # without governance installed the arrangements have their narrative only
    return facts


@transaction.atomic
def arrangements_draft(*, actor=None, job: str | None = None, partnership) -> Arrangements:
    if Arrangements.objects.filter(partnership=partnership, published_on__isnull=True).exists():
        raise ValidationError(
            "A draft of the arrangements already exists: change it, or publish it first."
        )
    previous = Arrangements.objects.filter(partnership=partnership).order_by("-number").first()
    number = (
        Arrangements.objects.filter(partnership=partnership).aggregate(n=Max("number"))["n"] or 0
    ) + 1
    version = Arrangements(
        partnership=partnership,
        number=number,
        facts=_facts(partnership),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        # A new version starts from the text of the one before.
        **({name: getattr(previous, name) for name in EDITABLE} if previous is not None else {}),
    )
    version.save()
    audit_record(
        actor=actor,
        job=job,
        event=codes.ARRANGEMENTS_DRAFT,
        target=version,
        partnerships=[partnership],
    )
    return version


@transaction.atomic
def arrangements_update(
    *, actor=None, job: str | None = None, version: Arrangements, data: dict
) -> Arrangements:
    version = Arrangements.objects.select_for_update().get(pk=version.pk)
    if version.published_on is not None:
        raise ValidationError(
            "This version was published and cannot change: draft a new version instead."
        )

    def check(record: Arrangements) -> None:
        if record.agreed_on and record.next_review_on and record.next_review_on <= record.agreed_on:
            raise ValidationError(
                {"next_review_on": "The next review must be after the date agreed."}
            )

    version, _ = model_update(
        version,
        fields=EDITABLE,
        data=data,
        validate=check,
        exclude=["created_by", "facts"],
        always=True,
        actor=actor,
        job=job,
        event=codes.ARRANGEMENTS_EDIT,
        partnerships=[version.partnership_id],
    )
    return version


@transaction.atomic
def arrangements_publish(
    *, actor=None, job: str | None = None, version: Arrangements
) -> Arrangements:
    version = Arrangements.objects.select_for_update().get(pk=version.pk)
    if version.published_on is not None:
        raise ValidationError("This version is already published.")
    missing = [
        label
        for name, label in [
            ("narrative", "the narrative"),
            ("agreed_on", "the date agreed"),
            ("next_review_on", "the date of the next review"),
        ]
        if not getattr(version, name)
    ]
    if missing:
        raise ValidationError(f"The arrangements cannot be published without {', '.join(missing)}.")
    version.published_on = timezone.localdate()
    version.save(update_fields=["published_on", "updated_at"])
    audit_record(
        actor=actor,
        job=job,
        event=codes.ARRANGEMENTS_PUBLISH,
        target=version,
        partnerships=[version.partnership_id],
    )
    return version
