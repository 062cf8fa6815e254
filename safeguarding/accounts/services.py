"""Writes for people, partnerships, agencies, roles and API tokens.

Each service is one transaction: it validates, writes, records the audit event and
queues any email after commit. Bad input raises ``ValidationError`` with a message the
page, the API and the command line show as it is.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from safeguarding.accounts.models import (
    TOKEN_PREFIX_LENGTH,
    TOKEN_SHAPE,
    Agency,
    AgencyMembership,
    ApiToken,
    Locality,
    Partnership,
    RoleAssignment,
    User,
    hash_token,
)
from safeguarding.core.audit import audit_record, snapshot
from safeguarding.core.permissions import forget_roles
from safeguarding.core.services import model_update, save_validated

PARTNERSHIP_FIELDS = [
    "name",
    "slug",
    "area",
    "contact_line",
    "contact_email",
    "brand_colour",
    "about",
]
AGENCY_FIELDS = [
    "name",
    "type",
    "sector",
    "locality",
    "parent",
    "school_phase",
    "school_type",
    "is_statutory_partner",
    "email",
    "urn",
]


# Partnerships ---------------------------------------------------------------------------


@transaction.atomic
def partnership_create(
    *, actor=None, job: str | None = None, localities: list[str] | None = None, **fields: Any
) -> Partnership:
    partnership = Partnership(**fields)
    save_validated(partnership)
    for name in localities or []:
        Locality.objects.create(partnership=partnership, name=name)
    audit_record(
        actor=actor,
        job=job,
        event="accounts.partnership.created",
        target=partnership,
        after={**snapshot(partnership, PARTNERSHIP_FIELDS), "localities": localities or []},
    )
    return partnership


@transaction.atomic
def partnership_update(*, actor, partnership: Partnership, **fields: Any) -> Partnership:
    partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
    for name in fields:
        if name not in PARTNERSHIP_FIELDS:
            raise ValidationError(f"{name} cannot be changed here.")
    partnership, _ = model_update(
        partnership,
        fields=PARTNERSHIP_FIELDS,
        data=fields,
        actor=actor,
        event="accounts.partnership.updated",
    )
    return partnership


# Agencies -------------------------------------------------------------------------------


def _check_agency(agency: Agency, partnerships: list[Partnership]) -> None:
    if not partnerships:
        raise ValidationError({"partnerships": "Choose at least one partnership for the agency."})
    if agency.locality_id and agency.locality.partnership not in partnerships:
        raise ValidationError(
            {"locality": "The locality must belong to one of the agency's partnerships."}
        )
    if agency.type != "school" and (agency.school_phase or agency.school_type):
        raise ValidationError(
            {"school_phase": "Only schools and colleges have a phase and school type."}
        )
    if agency.parent_id and agency.parent_id == agency.pk:
        raise ValidationError({"parent": "An agency cannot be its own parent organisation."})


@transaction.atomic
def agency_create(
    *, actor=None, job: str | None = None, partnerships: list[Partnership], **fields: Any
) -> Agency:
    agency = Agency(**fields)
    _check_agency(agency, list(partnerships))
    save_validated(agency)
    agency.partnerships.set(partnerships)
    audit_record(
        actor=actor,
        job=job,
        event="accounts.agency.created",
        target=agency,
        after={
            **snapshot(agency, AGENCY_FIELDS),
            "partnerships": sorted(p.slug for p in partnerships),
        },
    )
    return agency


@transaction.atomic
def agency_update(
    *,
    actor=None,
    job: str | None = None,
    agency: Agency,
    partnerships: list[Partnership] | None = None,
    **fields: Any,
) -> Agency:
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    for name in fields:
        if name not in AGENCY_FIELDS:
            raise ValidationError(f"{name} cannot be changed here.")
    chosen = list(partnerships) if partnerships is not None else list(agency.partnerships.all())
    agency, _ = model_update(
        agency,
        fields=[*AGENCY_FIELDS, "partnerships"],
        data={**fields, "partnerships": chosen},
        validate=lambda record: _check_agency(record, chosen),
        always=True,
        describe=lambda record: {
            **snapshot(record, AGENCY_FIELDS),
            "partnerships": sorted(record.partnerships.values_list("slug", flat=True)),
        },
        actor=actor,
        job=job,
        event="accounts.agency.updated",
    )
    return agency


# People and roles -----------------------------------------------------------------------


@transaction.atomic
def user_create(
    *,
    actor=None,
    job: str | None = None,
    email: str,
    full_name: str,
    password: str | None = None,
    job_title: str = "",
    is_staff: bool = False,
    agencies: list[Agency] | None = None,
) -> User:
    email = User.objects.normalize_email(email).lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": f"There is already an account for {email}."})
    user = User(email=email, full_name=full_name, job_title=job_title, is_staff=is_staff)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    save_validated(user)
    for agency in agencies or []:
        AgencyMembership.objects.create(user=user, agency=agency, job_title=job_title)
    audit_record(
        actor=actor,
        job=job,
        event="accounts.user.created",
        target=user,
        after={
            "email": email,
            "full_name": full_name,
            "agencies": [a.name for a in agencies or []],
        },
    )
    return user


@transaction.atomic
def role_assign(
    *,
    actor=None,
    job: str | None = None,
    user: User,
    partnership: Partnership,
    role: str,
    agency: Agency | None = None,
) -> RoleAssignment:
    assignment, created = RoleAssignment.objects.get_or_create(
        user=user, partnership=partnership, role=role, defaults={"agency": agency}
    )
    if created:
        audit_record(
            actor=actor,
            job=job,
            event="accounts.role.assigned",
            target=user,
            after={
                "partnership": partnership.slug,
                "role": role,
                "agency": agency.name if agency else None,
            },
        )
    forget_roles(user)
    return assignment


@transaction.atomic
def role_revoke(*, actor, assignment: RoleAssignment) -> None:
    audit_record(
        actor=actor,
        event="accounts.role.revoked",
        target=assignment.user,
        before={"partnership": assignment.partnership.slug, "role": assignment.role},
    )
    assignment.delete()
    forget_roles(assignment.user)


@transaction.atomic
def password_changed_record(*, user: User, how: str) -> None:
    """Record a password change or reset (Django's forms do the change itself)."""
    events = {"changed": "accounts.password.changed", "reset": "accounts.password.reset"}
    audit_record(actor=user, event=events[how], target=user)


@transaction.atomic
def sign_in_record(*, user: User) -> None:
    audit_record(actor=user, event="accounts.user.signed_in", target=user)


# API tokens -----------------------------------------------------------------------------


@transaction.atomic
def api_token_create(
    *, actor=None, job: str | None = None, user: User, name: str
) -> tuple[ApiToken, str]:
    """Make a token and return it with the raw value, which is never stored or shown again."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Enter what the token is for, like “Power BI export”."})
    if not user.is_active:
        raise ValidationError(f"{user.email} is deactivated; an API token would not work.")
    prefix = secrets.token_urlsafe(6)[:TOKEN_PREFIX_LENGTH]
    while ApiToken.objects.filter(prefix=prefix).exists():
        prefix = secrets.token_urlsafe(6)[:TOKEN_PREFIX_LENGTH]
    raw = f"{prefix}.{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user, name=name[:100], prefix=prefix, key_hash=hash_token(raw)
    )
    audit_record(
        actor=actor,
        job=job,
        event="accounts.api_token.created",
        target=token,
        after={"user": user.email, "name": token.name, "prefix": prefix},
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, actor, token: ApiToken) -> ApiToken:
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        raise ValidationError("This token was already revoked.")
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(
        actor=actor,
        event="accounts.api_token.revoked",
        target=token,
        after={"user": token.user.email, "prefix": token.prefix},
    )
    return token


def api_token_authenticate(raw: str) -> User | None:
    """The active user a raw token belongs to, or None. Marks when it was last used."""
    if not raw or not TOKEN_SHAPE.match(raw):
        return None
    token = (
        ApiToken.objects.active()
        .select_related("user")
        .filter(key_hash=hash_token(raw), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


# Inviting and managing people --------------------------------------------------------


def _invitation_link(user: User) -> str:
    from django.conf import settings
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    path = reverse(
        "accounts:password-reset-confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return f"{settings.SITE_URL}{path}"


@transaction.atomic
def person_invite(
    *,
    actor,
    partnership: Partnership,
    email: str,
    full_name: str,
    role: str,
    agency: Agency | None = None,
    job_title: str = "",
) -> tuple[User, bool]:
    """Give someone a role, creating their account when they have none, and email them.

    Returns the person and whether the account is new. A new account has no password
    until the person follows the link in the invitation (valid for the reset timeout).
    """
    from safeguarding.core.email import email_send

    if agency is not None and not agency.partnerships.filter(pk=partnership.pk).exists():
        raise ValidationError(
            {
                "agency": f"{agency.name} is not an agency of {partnership.name}. Choose one of "
                "its agencies, or add the agency first."
            }
        )
    existing = User.objects.filter(email__iexact=email.strip()).first()
    if existing is not None and not existing.is_active:
        raise ValidationError(
            {
                "email": f"The account for {existing.email} has been deactivated. Ask an "
                "administrator to reactivate it before giving it a role."
            }
        )
    if (
        existing is not None
        and existing.role_assignments.filter(partnership=partnership, role=role).exists()
    ):
        raise ValidationError(
            {"role": f"{existing.full_name} already holds this role in {partnership.name}."}
        )
    created = existing is None
    person = existing or user_create(
        actor=actor,
        email=email,
        full_name=full_name,
        job_title=job_title,
        agencies=[agency] if agency else [],
    )
    if not created and agency is not None:
        AgencyMembership.objects.get_or_create(
            user=person, agency=agency, defaults={"job_title": job_title}
        )
    role_assign(actor=actor, user=person, partnership=partnership, role=role, agency=agency)
    role_label = dict(RoleAssignment._meta.get_field("role").choices)[role]
    email_send(
        to=[person.email],
        subject=f"You have been given access to {partnership.name}",
        template="accounts/email/invitation",
        context={
            "person": person,
            "partnership": partnership,
            "role": role_label,
            "inviter": actor,
            "created": created,
            "link": _invitation_link(person) if created else None,
        },
    )
    return person, created


@transaction.atomic
def person_deactivate(*, actor, person: User) -> User:
    """Stop a person signing in or using the API; their records and history stay."""
    from safeguarding.core.permissions import partnerships_where

    if person.pk == actor.pk:
        raise ValidationError("You cannot deactivate your own account.")
    managed = partnerships_where(actor, ["business_unit"])
    elsewhere = person.role_assignments.exclude(partnership__in=managed)
    if elsewhere.exists():
        names = ", ".join(sorted({a.partnership.name for a in elsewhere}))
        raise ValidationError(
            f"{person.full_name} also holds roles in {names}. Ask that partnership's business "
            "unit to remove them first, or remove only your partnership's roles."
        )
    if not person.is_active:
        raise ValidationError(f"{person.full_name}'s account is already deactivated.")
    person.is_active = False
    person.save(update_fields=["is_active"])
    ApiToken.objects.filter(user=person, revoked_at__isnull=True).update(revoked_at=timezone.now())
    audit_record(
        actor=actor,
        event="accounts.user.deactivated",
        target=person,
        before={"is_active": True},
        after={"is_active": False},
    )
    return person


def person_invitation_send(
    *, person_id: int, partnership_id: int, role: str, inviter_id: int | None = None
) -> bool:
    """Send the invitation of a person added by an import. Nobody who has already chosen a
    password (or been deactivated) is invited; returns whether the email was queued."""
    from safeguarding.core.email import email_send

    person = User.objects.filter(pk=person_id, is_active=True).first()
    partnership = Partnership.objects.filter(pk=partnership_id).first()
    if person is None or partnership is None or person.has_usable_password():
        return False
    inviter = User.objects.filter(pk=inviter_id).first() if inviter_id else None
    role_label = dict(RoleAssignment._meta.get_field("role").choices).get(role, role)
    with transaction.atomic():
        email_send(
            to=[person.email],
            subject=f"You have been given access to {partnership.name}",
            template="accounts/email/invitation",
            context={
                "person": person,
                "partnership": partnership,
                "role": role_label,
                "inviter": inviter,
                "created": True,
                "link": _invitation_link(person),
            },
        )
        audit_record(
            job="onboarding import",
            event="accounts.user.invited",
            target=person,
            after={"partnership": partnership.slug, "role": role},
        )
    return True


@task()
def person_invitation_task(
    *, person_id: int, partnership_id: int, role: str, inviter_id: int | None = None
) -> None:
    """Email a newly imported person their invitation on the worker, with a signed link to
    choose their password (made now, so it is valid for the whole reset timeout from
    sending). Defined beside the service it runs, which the people import queues."""
    person_invitation_send(
        person_id=person_id, partnership_id=partnership_id, role=role, inviter_id=inviter_id
    )
