"""Builds the demo partnership idempotently, through the same services as the pages."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from safeguarding.accounts import services
from safeguarding.accounts.models import Agency, Partnership, User
from safeguarding.core.email import emails_suppressed
from safeguarding.demo import (
    assurance,
    childdeaths,
    comms,
    data,
    governance,
    library,
    performance,
    reports,
    reviews,
    search,
    stories,
    surveys,
    training,
)

JOB = "demo"


@dataclass
class DemoResult:
    password: str
    created: dict[str, int] = field(default_factory=dict)

    def count(self, what: str) -> None:
        self.created[what] = self.created.get(what, 0) + 1


def demo_password(explicit: str | None) -> str:
    """DEMO_PASSWORD if set; otherwise one random password kept in the data directory."""
    if explicit:
        return explicit
    path = Path(settings.DATA_DIR) / "demo-password"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(12))
    return path.read_text().strip()


def _partnership(spec: dict, result: DemoResult) -> Partnership:
    existing = Partnership.objects.filter(slug=spec["slug"]).first()
    if existing:
        return existing
    fields = {k: v for k, v in spec.items() if k != "localities"}
    result.count("partnerships")
    return services.partnership_create(job=JOB, localities=spec["localities"], **fields)


def _agency(name: str, partnerships: list[Partnership], result: DemoResult, **fields) -> Agency:
    existing = Agency.objects.filter(name=name).first()
    if existing:
        return existing
    result.count("agencies")
    return services.agency_create(job=JOB, partnerships=partnerships, name=name, **fields)


def _business_unit_group() -> Group:
    """Back-office permissions for the business unit on the admin pages."""
    group, _ = Group.objects.get_or_create(name="Business unit")
    codenames = [
        f"{action}_{model}"
        for model in [
            "partnership",
            "locality",
            "agency",
            "user",
            "agencymembership",
            "roleassignment",
        ]
        for action in ["view", "add", "change"]
    ] + ["view_apitoken", "change_apitoken"]
    group.permissions.set(
        Permission.objects.filter(content_type__app_label="accounts", codename__in=codenames)
    )
    return group


def load_demo(*, password: str) -> DemoResult:
    """Load everything in one transaction, sending no email to the fictional people."""
    with emails_suppressed(), transaction.atomic():
        return _load(password=password)


def _load(*, password: str) -> DemoResult:
    result = DemoResult(password=password)
    essex = _partnership(data.ESSEX, result)
    joint = {spec["slug"]: _partnership(spec, result) for spec in data.JOINT}
    by_slug = {"essex": essex, **joint}
    localities = {loc.name: loc for loc in essex.localities.all()}

    def partnerships_for(extra: list[str]) -> list[Partnership]:
        return [essex, *[by_slug[slug] for slug in extra]]

    for name, type_, sector, locality, statutory, extra in data.STATUTORY:
        _agency(
            name,
            partnerships_for(extra),
            result,
            type=type_,
            sector=sector,
            locality=localities.get(locality),
            is_statutory_partner=statutory,
        )
    for name, type_, sector, locality, extra in data.RELEVANT:
        members = (
            [by_slug[slug] for slug in extra]
            if type_ == "local_authority"
            else partnerships_for(extra)
        )
        _agency(name, members, result, type=type_, sector=sector, locality=localities.get(locality))
    trusts = {}
    for name, locality in data.TRUSTS:
        trusts[name] = _agency(
            name,
            [essex],
            result,
            type="trust",
            sector="education",
            locality=localities.get(locality),
        )
    for name, phase, school_type, locality, trust in data.SCHOOLS:
        _agency(
            name,
            [essex],
            result,
            type="school",
            sector="education",
            locality=localities.get(locality),
            school_phase=phase,
            school_type=school_type,
            parent=trusts.get(trust),
        )

    group = _business_unit_group()
    for spec in data.ACCOUNTS:
        user = User.objects.filter(email=spec["email"]).first()
        agency = Agency.objects.filter(name=spec["agency"]).first() if spec["agency"] else None
        if user is None:
            user = services.user_create(
                job=JOB,
                email=spec["email"],
                full_name=spec["full_name"],
                job_title=spec["job_title"],
                password=password,
                is_staff=spec.get("is_staff", False),
                agencies=[agency] if agency else [],
            )
            result.count("accounts")
        else:
            user.set_password(password)
            user.is_active = True
            user.save(update_fields=["password", "is_active"])
        if spec.get("is_staff"):
            user.groups.add(group)
        services.role_assign(
            job=JOB,
            user=user,
            partnership=by_slug[spec.get("partnership", "essex")],
            role=spec["role"],
            agency=agency,
        )
    # Each capability adds its demo records after the accounts exist, in dependency order:
    # governance first (priorities and bodies others link to), search last (it indexes them).
    # The yearly report freezes its figures when it is signed off, so everything it counts
    # loads before it: the bulletins, the library and the child deaths (whose panel reviews
    # of 2021–23 are in the published report's child death section).
    for capability in (
        governance,
        reviews,
        assurance,
        training,
        performance,
        library,
        surveys,
        comms,
        childdeaths,
        reports,
        stories,
        search,
    ):
        capability.load(essex=essex, result=result)
    return result
