"""Importing people with their agency and role: columns ``email, first name, last name,
agency, role`` (and optionally ``job title``). The agency is its name or its URN.

A new person gets an account without a password and an invitation email, sent by the
worker, with a signed link to choose their password. Someone who already has an account is
given the role (and agency) and is not invited again; a row whose person already holds the
role changes nothing, so importing the same file again is safe.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from safeguarding.accounts.models import Agency, AgencyMembership, Partnership, User
from safeguarding.accounts.onboarding.results import ImportResult, RowProblem, find_columns
from safeguarding.accounts.services import person_invitation_task, role_assign, user_create
from safeguarding.core.roles import Role
from safeguarding.core.tables import Table

COLUMNS = {
    "email": ("email", "email address", "work email"),
    "first_name": ("first name", "forename", "given name", "firstname"),
    "last_name": ("last name", "surname", "family name", "lastname"),
    "agency": ("agency", "organisation", "agency name", "urn", "school"),
    "role": ("role",),
    "job_title": ("job title", "title"),
}
ROLE_WORDS = {
    "dsl": Role.AGENCY_LEAD,
    "designated safeguarding lead": Role.AGENCY_LEAD,
    "safeguarding lead": Role.AGENCY_LEAD,
    "agency lead": Role.AGENCY_LEAD,
    "business unit": Role.BUSINESS_UNIT,
    "chair": Role.CHAIR,
    "independent scrutineer": Role.CHAIR,
    "partner": Role.SAFEGUARDING_PARTNER,
}
# Roles held for an agency: the row must name it.
AGENCY_ROLES = frozenset({Role.AGENCY_LEAD})


@dataclass
class _Planned:
    row: int
    email: str
    full_name: str
    role: str
    agency: Agency | None
    job_title: str
    person: User | None


@dataclass
class PeoplePlan:
    result: ImportResult
    planned: list[_Planned] = field(default_factory=list)


def role_for(text: str) -> str | None:
    wanted = " ".join(text.replace("_", " ").replace("-", " ").lower().split())
    for role in Role:
        if wanted in (role.value.replace("_", " "), role.label.lower()):
            return role.value
    return ROLE_WORDS.get(wanted)


def people_plan(
    *,
    partnership: Partnership,
    table: Table,
    on_rows: Callable[[int], None] | None = None,
    every: int = 50,
) -> PeoplePlan:
    """Check every row and work out what importing the file would do. Writes nothing.
    ``on_rows`` is told how many rows have been read, every ``every`` rows and at the end."""
    columns = find_columns(table.header, COLUMNS)
    missing = [c for c in ("email", "first_name", "last_name", "role") if c not in columns]
    if missing:
        names = ", ".join(COLUMNS[c][0] for c in missing)
        raise ValidationError(
            {
                "file": f"The file has no column for: {names}. The header row needs email, "
                "first name, last name, agency and role."
            }
        )
    records = table.records()
    plan = PeoplePlan(result=ImportResult(rows=len(records)))
    result = plan.result
    agencies = list(partnership.agencies.only("pk", "name", "urn"))
    by_urn = {a.urn: a for a in agencies if a.urn}
    by_name: dict[str, list[Agency]] = {}
    for agency in agencies:
        by_name.setdefault(agency.name.lower(), []).append(agency)
    emails = {r.get(columns["email"], "").strip().lower() for _, r in records}
    people = {
        u.email.lower(): u
        for u in User.objects.filter(email__in=emails - {""}).prefetch_related(
            "role_assignments", "agency_memberships"
        )
    }
    seen: dict[tuple[str, str], int] = {}
    roles_known = ", ".join(r.label for r in Role)
    for count, (line, record) in enumerate(records):
        if on_rows is not None and count and count % every == 0:
            on_rows(count)

        def get(name: str, record=record) -> str:
            return record.get(columns[name], "").strip() if name in columns else ""

        email = get("email").lower()
        first, last = get("first_name"), get("last_name")
        problems = []
        try:
            validate_email(email)
        except ValidationError:
            problems.append(
                f"“{email}” is not an email address." if email else "The email is missing."
            )
        if not first or not last:
            problems.append("The first name and last name are both needed.")
        role = role_for(get("role"))
        if role is None:
            problems.append(
                f"The role “{get('role')}” is not one we know. Use one of: {roles_known}."
                if get("role")
                else f"The role is missing. Use one of: {roles_known}."
            )
        agency = None
        named = get("agency")
        if named:
            matches = [by_urn[named]] if named in by_urn else by_name.get(named.lower(), [])
            if not matches:
                problems.append(
                    f"“{named}” is not an agency of {partnership.name}: use its exact name or "
                    "URN, or import the organisations first."
                )
            elif len(matches) > 1:
                problems.append(f"More than one agency is called “{named}”: use its URN instead.")
            else:
                agency = matches[0]
        elif role in AGENCY_ROLES:
            problems.append("An agency safeguarding lead needs their agency (its name or URN).")
        person = people.get(email)
        if person is not None and not person.is_active:
            problems.append(
                f"The account for {email} has been deactivated: ask an administrator to "
                "reactivate it, or remove the row."
            )
        if email and role and (email, role) in seen:
            problems.append(
                f"{email} is given this role twice (rows {seen[(email, role)]} and {line})."
            )
        if problems:
            result.errors.append(RowProblem(line, " ".join(problems)))
            continue
        seen[(email, role)] = line
        full_name = f"{first} {last}"
        if person is not None:
            has_role = any(
                a.partnership_id == partnership.pk and a.role == role
                for a in person.role_assignments.all()
            )
            has_agency = agency is None or any(
                m.agency_id == agency.pk for m in person.agency_memberships.all()
            )
            if has_role and has_agency:
                result.unchanged += 1
                continue
            result.updated += 1
        else:
            result.created += 1
        plan.planned.append(
            _Planned(line, email, full_name, role, agency, get("job_title"), person)
        )
    if on_rows is not None:
        on_rows(len(records))
    return plan


def people_import(
    *,
    partnership: Partnership,
    table: Table,
    actor=None,
    job: str | None = None,
    dry_run: bool = False,
    on_rows: Callable[[int], None] | None = None,
    every: int = 50,
) -> ImportResult:
    """Plan the file; unless it is a dry run or a row has a problem, write it all in one
    transaction (all or nothing) and queue an invitation for each new person."""
    plan = people_plan(
        partnership=partnership, table=table, on_rows=on_rows if dry_run else None, every=every
    )
    result = plan.result
    if dry_run or result.errors:
        return result
    invited: list[tuple[int, str]] = []
    with transaction.atomic():
        created: dict[str, User] = {}
        for count, planned in enumerate(plan.planned, 1):
            try:
                person = planned.person or created.get(planned.email)
                if person is None:
                    person = user_create(
                        actor=actor,
                        job=job,
                        email=planned.email,
                        full_name=planned.full_name,
                        job_title=planned.job_title,
                        agencies=[planned.agency] if planned.agency else [],
                    )
                    created[planned.email] = person
                    invited.append((person.pk, planned.role))
                elif planned.agency is not None:
                    AgencyMembership.objects.get_or_create(
                        user=person,
                        agency=planned.agency,
                        defaults={"job_title": planned.job_title},
                    )
                role_assign(
                    actor=actor,
                    job=job,
                    user=person,
                    partnership=partnership,
                    role=planned.role,
                    agency=planned.agency,
                )
            except ValidationError as error:
                result.errors.append(RowProblem(planned.row, " ".join(error.messages)))
            if on_rows is not None and (count % every == 0 or count == len(plan.planned)):
                on_rows(count)
        if result.errors:
            transaction.set_rollback(True)
            return result
        inviter_id = getattr(actor, "pk", None)
        for person_id, role in invited:
            transaction.on_commit(
                lambda person_id=person_id, role=role: person_invitation_task.enqueue(
                    person_id=person_id,
                    partnership_id=partnership.pk,
                    role=role,
                    inviter_id=inviter_id,
                )
            )
    result.written = True
    return result
