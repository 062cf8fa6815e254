"""Importing organisations (agencies): a Get Information About Schools (GIAS) establishment
export as it comes, or a simple list with ``name, type`` (and optionally ``sector``, ``urn``,
``email``).

GIAS rows are matched by URN, so importing the same export again updates and never
duplicates; an agency added by hand with the same name and no URN is matched by name and
given its URN. Closed establishments, and those not yet open or outside England, are skipped
with a reason. A school's trust (``Trusts (name)``) becomes its parent organisation, added as
a multi-academy trust when the partnership does not have it yet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from safeguarding.accounts.models import Agency, AgencyType, Locality, Partnership, Sector
from safeguarding.accounts.onboarding.results import ImportResult, RowProblem, find_columns
from safeguarding.accounts.services import agency_create, agency_update
from safeguarding.core.tables import Table

GIAS_COLUMNS = {
    "urn": ("URN",),
    "name": ("EstablishmentName",),
    "type": ("TypeOfEstablishment (name)",),
    "group": ("EstablishmentTypeGroup (name)",),
    "phase": ("PhaseOfEducation (name)",),
    "status": ("EstablishmentStatus (name)",),
    "la": ("LA (name)",),
    "trust": ("Trusts (name)",),
    "postcode": ("Postcode",),
    "close_date": ("CloseDate",),
}
SIMPLE_COLUMNS = {
    "name": ("name", "organisation", "agency", "organisation name", "agency name"),
    "type": ("type", "kind", "agency type"),
    "sector": ("sector",),
    "urn": ("urn",),
    "email": ("email", "safeguarding email", "contact email"),
    "trust": ("trust", "parent"),
}

PHASES = {
    "nursery": "early_years",
    "primary": "primary",
    "middle deemed primary": "primary",
    "secondary": "secondary",
    "middle deemed secondary": "secondary",
    "all-through": "all_through",
    "all through": "all_through",
    "16 plus": "further_education",
}
# Types of establishment that are not a partnership's schools: skipped, with this reason.
OUT_OF_SCOPE = {
    "welsh establishment": "it is a Welsh establishment",
    "british schools overseas": "it is a British school overseas",
    "offshore schools": "it is an offshore school",
}
SECTORS_BY_TYPE = {
    AgencyType.LOCAL_AUTHORITY: Sector.LOCAL_AUTHORITY,
    AgencyType.POLICE: Sector.POLICE,
    AgencyType.INTEGRATED_CARE_BOARD: Sector.HEALTH,
    AgencyType.HEALTH_PROVIDER: Sector.HEALTH,
    AgencyType.SCHOOL: Sector.EDUCATION,
    AgencyType.VOLUNTARY: Sector.VOLUNTARY,
    AgencyType.DISTRICT_COUNCIL: Sector.DISTRICT,
    AgencyType.PROBATION: Sector.POLICE,
    AgencyType.YOUTH_JUSTICE: Sector.POLICE,
    AgencyType.MULTI_ACADEMY_TRUST: Sector.EDUCATION,
    AgencyType.OTHER: Sector.OTHER,
}
COMPARED = ("name", "type", "sector", "school_phase", "school_type", "urn", "email")


def school_type_for(establishment_type: str) -> str:
    """The platform's school type for a GIAS ``TypeOfEstablishment``."""
    t = establishment_type.lower()
    if "independent" in t or "non-maintained" in t:
        return "independent"
    if any(w in t for w in ("academy", "free school", "university technical", "studio school")):
        return "academy"
    if "city technology" in t:
        return "academy"
    if "further education" in t or "sixth form" in t or "post 16" in t:
        return "further_education"
    if t.startswith(("community", "voluntary", "foundation", "local authority", "pupil referral")):
        return "maintained"
    return ""


def school_phase_for(establishment_type: str, phase: str) -> str:
    """The platform's phase: GIAS ``PhaseOfEducation``, or from the type when it says
    “Not applicable” (special schools, alternative provision, colleges)."""
    t = establishment_type.lower()
    if "special" in t:
        return "special"
    if "pupil referral" in t or "alternative provision" in t:
        return "alternative"
    found = PHASES.get(phase.strip().lower())
    if found:
        return found
    if "further education" in t or "sixth form" in t or "16" in t:
        return "further_education"
    if "nursery" in t:
        return "early_years"
    return ""


@dataclass
class _Planned:
    row: int
    action: str  # create, update or unchanged
    fields: dict
    agency: Agency | None = None
    trust: str = ""
    add_partnership: bool = False


@dataclass
class OrganisationsPlan:
    result: ImportResult
    planned: list[_Planned] = field(default_factory=list)
    trusts_to_create: list[str] = field(default_factory=list)


def _gias_fields(record: dict, columns: dict) -> tuple[dict | None, str | None, str | None]:
    """(fields, skip reason, error) for one GIAS row."""

    def get(name: str) -> str:
        return record.get(columns[name], "").strip() if name in columns else ""

    urn = get("urn")
    name = get("name")
    establishment_type = get("type")
    status = get("status").lower()
    if not urn:
        return None, None, "The URN is missing: every establishment in a GIAS export has one."
    if not urn.isdigit() or len(urn) > 12:
        return None, None, f"The URN “{urn}” is not a number: check the URN column."
    if not name:
        return None, None, f"The establishment name is missing (URN {urn})."
    if len(name) > 200:
        return None, None, f"The name of URN {urn} is longer than 200 characters."
    if status.startswith("closed"):
        closed = get("close_date")
        return None, f"{name} (URN {urn}) is closed" + (f" ({closed})" if closed else ""), None
    if status.startswith("proposed to open"):
        return None, f"{name} (URN {urn}) is not open yet (proposed to open)", None
    reason = OUT_OF_SCOPE.get(establishment_type.lower())
    if reason:
        return None, f"{name} (URN {urn}) is skipped: {reason}", None
    if establishment_type.lower() == "higher education institutions":
        kind, phase, school_type = AgencyType.OTHER, "", ""
    else:
        kind = AgencyType.SCHOOL
        phase = school_phase_for(establishment_type, get("phase"))
        school_type = school_type_for(establishment_type)
    return (
        {
            "name": name,
            "type": kind,
            "sector": Sector.EDUCATION,
            "school_phase": phase,
            "school_type": school_type,
            "urn": urn,
        },
        None,
        None,
    )


def _choice(value: str, choices) -> str | None:
    wanted = value.strip().lower()
    for key, label in choices:
        if wanted in (key.lower(), label.lower()):
            return key
    return None


def _simple_fields(record: dict, columns: dict) -> tuple[dict | None, str | None, str | None]:
    def get(name: str) -> str:
        return record.get(columns[name], "").strip() if name in columns else ""

    name = get("name")
    if not name:
        return None, None, "The name is missing."
    if len(name) > 200:
        return None, None, "The name is longer than 200 characters."
    kind = _choice(get("type"), AgencyType.choices)
    if kind is None:
        known = ", ".join(label for _, label in AgencyType.choices)
        return None, None, f"The type “{get('type')}” is not one we know. Use one of: {known}."
    sector = SECTORS_BY_TYPE[kind]
    if get("sector"):
        sector = _choice(get("sector"), Sector.choices)
        if sector is None:
            known = ", ".join(label for _, label in Sector.choices)
            return None, None, f"The sector “{get('sector')}” is not one we know: {known}."
    urn = get("urn")
    if urn and not urn.isdigit():
        return None, None, f"The URN “{urn}” is not a number."
    return (
        {"name": name, "type": kind, "sector": sector, "urn": urn, "email": get("email")},
        None,
        None,
    )


def organisations_plan(
    *,
    partnership: Partnership,
    table: Table,
    on_rows: Callable[[int], None] | None = None,
    every: int = 100,
) -> OrganisationsPlan:
    """Check every row and work out what importing the file would do. Writes nothing."""
    gias = find_columns(table.header, GIAS_COLUMNS)
    if {"urn", "name", "type"} <= gias.keys():
        columns, read_row = gias, _gias_fields
    else:
        columns, read_row = find_columns(table.header, SIMPLE_COLUMNS), _simple_fields
        if not {"name", "type"} <= columns.keys():
            raise ValidationError(
                {
                    "file": "The file has neither the columns of a Get Information About Schools "
                    "export (URN, EstablishmentName, TypeOfEstablishment (name)) nor the columns "
                    "name and type. Check the header row."
                }
            )
    records = table.records()
    plan = OrganisationsPlan(result=ImportResult(rows=len(records)))
    result = plan.result
    urns = {r.get(columns.get("urn", ""), "").strip() for _, r in records} - {""}
    by_urn = {
        a.urn: a
        for a in Agency.objects.filter(urn__in=urns).prefetch_related("partnerships", "parent")
    }
    ours = list(
        partnership.agencies.prefetch_related("partnerships").select_related("parent", "locality")
    )
    by_name: dict[str, list[Agency]] = {}
    for agency in ours:
        by_name.setdefault(agency.name.lower(), []).append(agency)
    trusts = {a.name.lower() for a in ours if a.type == AgencyType.MULTI_ACADEMY_TRUST}
    localities = {loc.name.lower(): loc for loc in Locality.objects.filter(partnership=partnership)}
    seen_urns: dict[str, int] = {}
    seen_names: dict[str, int] = {}
    for count, (line, record) in enumerate(records, 1):
        fields, skip, error = read_row(record, columns)
        if error:
            result.errors.append(RowProblem(line, error))
        elif skip:
            result.skips.append(RowProblem(line, skip))
        else:
            problem = _plan_row(
                plan, line, record, columns, fields, by_urn, by_name, trusts, localities,
                seen_urns, seen_names, partnership,
            )  # fmt: skip
            if problem:
                result.errors.append(RowProblem(line, problem))
        if on_rows is not None and (count % every == 0 or count == len(records)):
            on_rows(count)
    return plan


def _plan_row(
    plan, line, record, columns, fields, by_urn, by_name, trusts, localities,
    seen_urns, seen_names, partnership,
) -> str | None:  # fmt: skip
    urn = fields.get("urn", "")
    key = fields["name"].lower()
    if urn:
        if urn in seen_urns:
            return f"URN {urn} appears twice in the file (rows {seen_urns[urn]} and {line})."
        seen_urns[urn] = line
    else:
        if key in seen_names:
            return (
                f"“{fields['name']}” appears twice in the file (rows {seen_names[key]} and {line})."
            )
        seen_names[key] = line
    trust = record.get(columns["trust"], "").strip() if "trust" in columns else ""
    if len(trust) > 200:
        return "The trust's name is longer than 200 characters."
    la = record.get(columns["la"], "").strip().lower() if "la" in columns else ""
    locality = localities.get(la)
    existing = by_urn.get(urn) if urn else None
    if existing is None:
        same_name = [a for a in by_name.get(key, []) if not a.urn or a.urn == urn]
        if len(same_name) > 1:
            return (
                f"{len(same_name)} agencies are already called “{fields['name']}”: give each a "
                "URN on its page first, or rename one."
            )
        existing = same_name[0] if same_name else None
    if existing is None:
        if trust and trust.lower() not in trusts and trust not in plan.trusts_to_create:
            plan.trusts_to_create.append(trust)
        fields = {**fields, "locality": locality}
        plan.planned.append(_Planned(line, "create", fields, trust=trust))
        plan.result.created += 1
        return None
    changes = {
        name: value
        for name, value in fields.items()
        if name in COMPARED and value != getattr(existing, name) and (value or name != "email")
    }
    if locality is not None and existing.locality_id != locality.pk:
        changes["locality"] = locality
    if trust and (existing.parent is None or existing.parent.name.lower() != trust.lower()):
        if trust.lower() not in trusts and trust not in plan.trusts_to_create:
            plan.trusts_to_create.append(trust)
        changes["parent"] = trust
    add_partnership = partnership not in existing.partnerships.all()
    if not changes and not add_partnership:
        plan.result.unchanged += 1
        return None
    plan.planned.append(
        _Planned(line, "update", changes, agency=existing, add_partnership=add_partnership)
    )
    plan.result.updated += 1
    return None


def organisations_import(
    *,
    partnership: Partnership,
    table: Table,
    actor=None,
    job: str | None = None,
    dry_run: bool = False,
    on_rows: Callable[[int], None] | None = None,
    every: int = 100,
) -> ImportResult:
    """Plan the file; unless it is a dry run or a row has a problem, write it all in one
    transaction (all or nothing)."""
    # A dry run reports the rows it has checked; a real import, the rows it has written.
    plan = organisations_plan(
        partnership=partnership, table=table, on_rows=on_rows if dry_run else None, every=every
    )
    result = plan.result
    if plan.trusts_to_create:
        result.notes.append(
            f"{len(plan.trusts_to_create)} trust{'s' if len(plan.trusts_to_create) != 1 else ''} "
            f"{'to add' if dry_run or result.errors else 'added'} as parent organisations."
        )
    if dry_run or result.errors:
        return result
    with transaction.atomic():
        trusts = {
            a.name.lower(): a
            for a in partnership.agencies.filter(type=AgencyType.MULTI_ACADEMY_TRUST)
        }
        for name in plan.trusts_to_create:
            trusts[name.lower()] = agency_create(
                actor=actor,
                job=job,
                partnerships=[partnership],
                name=name,
                type=AgencyType.MULTI_ACADEMY_TRUST,
                sector=Sector.EDUCATION,
            )
        for count, planned in enumerate(plan.planned, 1):
            fields = dict(planned.fields)
            trust = planned.trust or fields.pop("parent", "")
            if trust:
                fields["parent"] = trusts[trust.lower()]
            try:
                if planned.action == "create":
                    agency_create(actor=actor, job=job, partnerships=[partnership], **fields)
                else:
                    partnerships = None
                    if planned.add_partnership:
                        partnerships = [*planned.agency.partnerships.all(), partnership]
                    agency_update(
                        actor=actor,
                        job=job,
                        agency=planned.agency,
                        partnerships=partnerships,
                        **fields,
                    )
            except ValidationError as error:
                result.errors.append(RowProblem(planned.row, " ".join(error.messages)))
            if on_rows is not None and (count % every == 0 or count == len(plan.planned)):
                on_rows(count)
        if result.errors:
            transaction.set_rollback(True)
            return result
    result.written = True
    return result
