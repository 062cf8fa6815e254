"""Every URL is listed here with who may use it, and the sweep checks each one.

A URL added without a line here fails ``test_every_url_has_an_access_rule``: access is
decided on purpose, never by default. For each page the sweep asserts that anonymous
visitors are sent to sign in (unless the page is public), that each role listed gets in,
and that every other role is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from safeguarding.accounts.services import api_token_create
from safeguarding.accounts.tests.factories import AgencyFactory, user_with_role
from safeguarding.assurance.tests import url_access as asr
from safeguarding.childdeaths.tests import url_access as cd
from safeguarding.comms.tests import url_access as comms
from safeguarding.core.roles import Role
from safeguarding.governance.tests import url_access as gov
from safeguarding.library.tests import url_access as lib
from safeguarding.performance.tests import url_access as perf
from safeguarding.reports.tests import url_access as yr
from safeguarding.reviews.tests import url_access as rv
from safeguarding.search.tests import url_access as srch
from safeguarding.training.tests import url_access as training

PUBLIC = "public"
SIGNED_IN = "signed in"  # any signed-in person, whatever their roles
# The second sign-in step: reached only between the password and the code, so an anonymous
# visitor (no password step) is sent to sign in, like a signed-in page.
SIGN_IN_STEP = "sign-in step"
# Called by another service, not a person: a bearer token set in the configuration is the
# only way in (GOV.UK Notify's delivery receipts). Without it: 401, or 404 when not set up.
SERVICE_TOKEN = "service token"
ALL_ROLES = frozenset(Role)
BUSINESS_UNIT = frozenset({Role.BUSINESS_UNIT})
OVERSIGHT = frozenset({Role.BUSINESS_UNIT, Role.CHAIR})
STAFF = frozenset({Role.BUSINESS_UNIT, Role.CHAIR, Role.SAFEGUARDING_PARTNER})
CDOP = frozenset({Role.CDOP_CHAIR, Role.CDOP_MEMBER})


@dataclass(frozen=True)
class Rule:
    access: str | frozenset
    kwargs: Callable | None = None  # (partnership, user) -> URL kwargs
    method: str = "get"


def _agency(partnership, user):
    return {"pk": AgencyFactory(partnerships=[partnership]).pk}


def _person(partnership, user):
    return {"pk": user_with_role(Role.PRACTITIONER, partnership=partnership).pk}


def _person_role(partnership, user):
    person = user_with_role(Role.PRACTITIONER, partnership=partnership)
    return {"pk": person.pk, "role_pk": person.role_assignments.get().pk}


def _onboarding_import(partnership, user):
    """An onboarding import from before it moved to the core import job (its old address)."""
    from safeguarding.core.models import ImportJob

    ImportJob.objects.create(
        partnership=partnership,
        kind="accounts.people",
        original_name="people.csv",
        options={"dry_run": True, "moved_from": 7002},
        status="done",
    )
    return {"pk": 7002}


def _import_job(partnership, user):
    from safeguarding.core.models import ImportJob

    job = ImportJob.objects.create(
        partnership=partnership,
        kind="library.register",
        original_name="register.csv",
        options={"dry_run": True},
        status="done",
        result={"created": 1, "updated": 0, "skipped": 0, "errors": [], "refused": False},
    )
    return {"pk": job.pk}


def _own_token(partnership, user):
    token, _ = api_token_create(job="test", user=user, name="sweep")
    return {"pk": token.pk}


URLS: dict[str, Rule] = {
    "home": Rule(PUBLIC),
    "core:accessibility": Rule(PUBLIC),
    "core:privacy": Rule(PUBLIC),
    "core:cookies": Rule(PUBLIC),
    "core:brand-css": Rule(PUBLIC),
    "core:healthz": Rule(PUBLIC),
    "core:dashboard": Rule(SIGNED_IN),
    "childdeaths:list": Rule(CDOP),
    "childdeaths:new": Rule(CDOP),
    "childdeaths:figures": Rule(CDOP),
    "childdeaths:public-figures": Rule(PUBLIC),
    "childdeaths:panel-pack": Rule(CDOP, kwargs=cd.panel_meeting),
    "childdeaths:reports": Rule(frozenset({Role.AGENCY_LEAD})),
    "childdeaths:report-submit": Rule(frozenset({Role.AGENCY_LEAD}), kwargs=cd.report_for_lead),
    "childdeaths:detail": Rule(CDOP, kwargs=cd.death),
    "childdeaths:response": Rule(CDOP, kwargs=cd.death),
    "childdeaths:edit": Rule(CDOP, kwargs=cd.death),
    "childdeaths:findings-export": Rule(frozenset({Role.CDOP_CHAIR})),
    "childdeaths:meeting": Rule(CDOP, kwargs=cd.death),
    "childdeaths:reports-request": Rule(CDOP, kwargs=cd.death),
    "childdeaths:queue": Rule(CDOP, kwargs=cd.death),
    "childdeaths:review": Rule(CDOP, kwargs=cd.death),
    "childdeaths:close": Rule(CDOP, kwargs=cd.death, method="post"),
    "childdeaths:recommendation-new": Rule(CDOP, kwargs=cd.death),
    "childdeaths:recommendation-grade": Rule(CDOP, kwargs=cd.reviewed_death_recommendation),
    "core:tracker": Rule(STAFF | {Role.AGENCY_LEAD, Role.CDOP_CHAIR, Role.CDOP_MEMBER}),
    "core:approvals": Rule(SIGNED_IN),
    "core:audit-log": Rule(OVERSIGHT),
    "core:audit-log-csv": Rule(OVERSIGHT),
    "core:audit-events": Rule(OVERSIGHT),
    "core:import-job": Rule(BUSINESS_UNIT, kwargs=_import_job),
    "core:import-job-progress-json": Rule(BUSINESS_UNIT, kwargs=_import_job),
    "core:import-job-confirm": Rule(BUSINESS_UNIT, kwargs=_import_job, method="post"),
    "accounts:sign-in": Rule(PUBLIC),
    "accounts:sign-out": Rule(PUBLIC, method="post"),
    "accounts:two-factor-verify": Rule(SIGN_IN_STEP),
    "accounts:organisation-sign-in": Rule(PUBLIC),
    "accounts:organisation-sign-in-callback": Rule(PUBLIC),
    "accounts:two-factor": Rule(SIGNED_IN),
    "accounts:two-factor-setup": Rule(SIGNED_IN),
    "accounts:two-factor-recovery-codes": Rule(SIGNED_IN, method="post"),
    "accounts:two-factor-disable": Rule(SIGNED_IN, method="post"),
    "accounts:password-reset": Rule(PUBLIC),
    "accounts:password-reset-sent": Rule(PUBLIC),
    "accounts:password-reset-confirm": Rule(
        PUBLIC, kwargs=lambda p, u: {"uidb64": "MQ", "token": "set-password"}
    ),
    "accounts:password-reset-complete": Rule(PUBLIC),
    "accounts:password-change": Rule(SIGNED_IN),
    "accounts:account": Rule(SIGNED_IN),
    "accounts:api-token-new": Rule(SIGNED_IN),
    "accounts:api-token-revoke": Rule(SIGNED_IN, kwargs=_own_token, method="post"),
    "accounts:agency-list": Rule(ALL_ROLES),
    "accounts:agency-new": Rule(BUSINESS_UNIT),
    "accounts:agency-detail": Rule(ALL_ROLES, kwargs=_agency),
    "accounts:agency-edit": Rule(BUSINESS_UNIT, kwargs=_agency),
    "accounts:people-list": Rule(BUSINESS_UNIT),
    "accounts:person-invite": Rule(BUSINESS_UNIT),
    "accounts:person-detail": Rule(BUSINESS_UNIT, kwargs=_person),
    "accounts:onboarding-import": Rule(BUSINESS_UNIT),
    "accounts:onboarding-import-detail": Rule(BUSINESS_UNIT, kwargs=_onboarding_import),
    "accounts:person-role-add": Rule(BUSINESS_UNIT, kwargs=_person, method="post"),
    "accounts:person-role-remove": Rule(BUSINESS_UNIT, kwargs=_person_role, method="post"),
    "accounts:person-deactivate": Rule(BUSINESS_UNIT, kwargs=_person, method="post"),
    "accounts:partnership-list": Rule(ALL_ROLES),
    "accounts:partnership-edit": Rule(BUSINESS_UNIT, kwargs=lambda p, u: {"slug": p.slug}),
    "accounts:partnership-sign-in": Rule(BUSINESS_UNIT, kwargs=lambda p, u: {"slug": p.slug}),
    "governance:key-message-archive": Rule(PUBLIC),
    "governance:key-message-feed": Rule(PUBLIC),
    "governance:key-message-detail": Rule(PUBLIC, kwargs=gov.published_message),
    "governance:key-message-list": Rule(STAFF),
    "governance:key-message-new": Rule(BUSINESS_UNIT),
    "governance:key-message-import": Rule(BUSINESS_UNIT),
    "governance:import-batch-list": Rule(BUSINESS_UNIT),
    "governance:import-batch-review": Rule(BUSINESS_UNIT, kwargs=gov.import_batch),
    "governance:import-batch-publish": Rule(BUSINESS_UNIT, kwargs=gov.import_batch, method="post"),
    "governance:import-item-edit": Rule(BUSINESS_UNIT, kwargs=gov.import_item),
    "governance:import-item-action": Rule(
        BUSINESS_UNIT, kwargs=gov.import_item_drop, method="post"
    ),
    "governance:key-message-manage": Rule(STAFF, kwargs=gov.draft_message),
    "governance:key-message-edit": Rule(BUSINESS_UNIT, kwargs=gov.draft_message),
    "governance:key-message-transition": Rule(
        STAFF, kwargs=gov.draft_message_approve, method="post"
    ),
    "governance:hub": Rule(ALL_ROLES),
    "governance:body-list": Rule(ALL_ROLES),
    "governance:body-new": Rule(BUSINESS_UNIT),
    "governance:body-detail": Rule(ALL_ROLES, kwargs=gov.body),
    "governance:body-edit": Rule(BUSINESS_UNIT, kwargs=gov.body),
    "governance:body-terms-of-reference": Rule(ALL_ROLES, kwargs=gov.body_with_terms),
    "governance:body-calendar": Rule(PUBLIC, kwargs=gov.body_calendar),
    "governance:body-calendar-reset": Rule(OVERSIGHT, kwargs=gov.body, method="post"),
    "governance:membership-new": Rule(BUSINESS_UNIT, kwargs=gov.body),
    "governance:membership-end": Rule(BUSINESS_UNIT, kwargs=gov.membership),
    "governance:meeting-list": Rule(ALL_ROLES),
    "governance:meeting-new": Rule(BUSINESS_UNIT, kwargs=gov.body),
    "governance:meeting-detail": Rule(ALL_ROLES, kwargs=gov.meeting),
    "governance:meeting-edit": Rule(BUSINESS_UNIT, kwargs=gov.meeting),
    "governance:meeting-ics": Rule(ALL_ROLES, kwargs=gov.meeting),
    "governance:agenda-item-new": Rule(BUSINESS_UNIT, kwargs=gov.meeting),
    "governance:agenda-item-edit": Rule(BUSINESS_UNIT, kwargs=gov.agenda_item),
    "governance:minute-edit": Rule(BUSINESS_UNIT, kwargs=gov.agenda_item),
    "governance:paper-new": Rule(BUSINESS_UNIT, kwargs=gov.meeting),
    "governance:paper-version-new": Rule(BUSINESS_UNIT, kwargs=gov.paper),
    "governance:paper-download": Rule(ALL_ROLES, kwargs=gov.paper_version),
    "governance:attendance": Rule(BUSINESS_UNIT, kwargs=gov.meeting),
    "governance:minutes-approve": Rule(OVERSIGHT, kwargs=gov.meeting),
    "governance:decision-new": Rule(BUSINESS_UNIT, kwargs=gov.meeting),
    "governance:decision-list": Rule(ALL_ROLES),
    "governance:decision-edit": Rule(BUSINESS_UNIT, kwargs=gov.decision),
    "governance:decision-withdraw": Rule(BUSINESS_UNIT, kwargs=gov.decision),
    "governance:action-list": Rule(ALL_ROLES),
    "governance:action-overdue": Rule(STAFF),
    "governance:action-new": Rule(BUSINESS_UNIT, kwargs=gov.meeting),
    "governance:action-detail": Rule(ALL_ROLES, kwargs=gov.own_action),
    "governance:action-edit": Rule(BUSINESS_UNIT, kwargs=gov.action),
    "governance:business-plan-list": Rule(PUBLIC),
    "governance:business-plan-detail": Rule(PUBLIC, kwargs=gov.plan),
    "governance:priority-detail": Rule(PUBLIC, kwargs=gov.priority),
    "governance:business-plan-new": Rule(BUSINESS_UNIT),
    "governance:business-plan-edit": Rule(BUSINESS_UNIT, kwargs=gov.plan),
    "governance:priority-new": Rule(BUSINESS_UNIT, kwargs=gov.plan),
    "governance:priority-edit": Rule(BUSINESS_UNIT, kwargs=gov.priority),
    "governance:theme-list": Rule(BUSINESS_UNIT),
    "governance:theme-new": Rule(BUSINESS_UNIT),
    "governance:theme-edit": Rule(BUSINESS_UNIT, kwargs=gov.theme),
    "reviews:home": Rule(STAFF | {Role.REVIEWER}),
    "reviews:notification-list": Rule(STAFF),
    "reviews:notification-new": Rule(BUSINESS_UNIT),
    "reviews:notification-detail": Rule(STAFF, kwargs=rv.notification),
    "reviews:notification-edit": Rule(BUSINESS_UNIT, kwargs=rv.notification),
    "reviews:notification-reason": Rule(BUSINESS_UNIT, kwargs=rv.notification),
    "reviews:rapid-review-start": Rule(BUSINESS_UNIT, kwargs=rv.notification, method="post"),
    "reviews:referral-list": Rule(STAFF | {Role.AGENCY_LEAD}),
    "reviews:referral-new": Rule(STAFF | {Role.AGENCY_LEAD}),
    "reviews:referral-detail": Rule(STAFF, kwargs=rv.referral),
    "reviews:referral-consider": Rule(
        frozenset({Role.BUSINESS_UNIT, Role.SAFEGUARDING_PARTNER}),
        kwargs=rv.referral,
        method="post",
    ),
    "reviews:referral-decide": Rule(
        frozenset({Role.BUSINESS_UNIT, Role.SAFEGUARDING_PARTNER}),
        kwargs=rv.referral_under_consideration,
        method="post",
    ),
    "reviews:rapid-review-list": Rule(STAFF),
    "reviews:rapid-review-detail": Rule(STAFF, kwargs=rv.rapid_review),
    "reviews:rapid-review-step": Rule(BUSINESS_UNIT, kwargs=rv.rapid_review_step),
    "reviews:summary-request": Rule(BUSINESS_UNIT, kwargs=rv.rapid_review),
    "reviews:summary-list": Rule(STAFF | {Role.AGENCY_LEAD}),
    "reviews:summary-detail": Rule(STAFF, kwargs=rv.agency_summary),
    "reviews:settings": Rule(BUSINESS_UNIT, kwargs=rv.settings_slug),
    "reviews:review-list": Rule(STAFF | {Role.REVIEWER}),
    "reviews:review-new": Rule(BUSINESS_UNIT),
    "reviews:review-detail": Rule(STAFF, kwargs=rv.review),
    "reviews:review-documents": Rule(STAFF, kwargs=rv.review),
    "reviews:rapid-review-documents": Rule(STAFF, kwargs=rv.rapid_review),
    "reviews:notification-documents": Rule(STAFF, kwargs=rv.notification),
    "reviews:document-detail": Rule(STAFF, kwargs=rv.case_document),
    "reviews:document-download": Rule(STAFF, kwargs=rv.case_document_version),
    "reviews:review-edit": Rule(BUSINESS_UNIT, kwargs=rv.review),
    "reviews:review-move": Rule(BUSINESS_UNIT, kwargs=rv.review_step),
    "reviews:review-delay-reason": Rule(BUSINESS_UNIT, kwargs=rv.review),
    "reviews:practitioner-event-new": Rule(BUSINESS_UNIT, kwargs=rv.review),
    "reviews:recommendation-new": Rule(BUSINESS_UNIT, kwargs=rv.review),
    "reviews:recommendation-list": Rule(STAFF | {Role.AGENCY_LEAD}),
    "reviews:recommendation-groups": Rule(
        STAFF | {Role.AGENCY_LEAD}, kwargs=rv.recommendation_groups
    ),
    "reviews:recommendation-detail": Rule(STAFF, kwargs=rv.recommendation),
    "reviews:recommendation-edit": Rule(BUSINESS_UNIT, kwargs=rv.recommendation),
    "reviews:recommendation-update": Rule(BUSINESS_UNIT, kwargs=rv.recommendation),
    "reviews:evidence-new": Rule(BUSINESS_UNIT, kwargs=rv.recommendation),
    "reviews:recommendation-close": Rule(OVERSIGHT, kwargs=rv.recommendation, method="post"),
    "reviews:evidence-grade": Rule(STAFF, kwargs=rv.evidence, method="post"),
    "reviews:evidence-file": Rule(STAFF, kwargs=rv.evidence_file),
    "reviews:briefing-edit": Rule(BUSINESS_UNIT, kwargs=rv.review),
    "reviews:briefing-download": Rule(STAFF, kwargs=rv.briefing_download),
    "reviews:author-briefing-new": Rule(BUSINESS_UNIT, kwargs=rv.review),
    "reviews:author-briefing-plan": Rule(BUSINESS_UNIT, kwargs=rv.review),
    "reviews:author-briefing-detail": Rule(STAFF, kwargs=rv.author_briefing),
    "reviews:author-briefing-link": Rule(BUSINESS_UNIT, kwargs=rv.author_briefing, method="post"),
    "reviews:learning-link-new": Rule(BUSINESS_UNIT, kwargs=rv.review),
    "reviews:figures": Rule(STAFF),
    "reviews:library": Rule(PUBLIC),
    "reviews:library-review": Rule(PUBLIC, kwargs=rv.published_review),
    "reviews:library-briefing": Rule(PUBLIC, kwargs=rv.briefing_download),
    "training:catalogue": Rule(PUBLIC),
    "search:search": Rule(PUBLIC),
    "search:theme-list": Rule(PUBLIC),
    "search:theme-merge": Rule(BUSINESS_UNIT),
    "search:theme-suggestions": Rule(BUSINESS_UNIT),
    "search:theme": Rule(PUBLIC, kwargs=srch.theme),
    "search:external-review": Rule(PUBLIC, kwargs=srch.published_external_review),
    "training:course": Rule(PUBLIC, kwargs=training.course),
    "training:session": Rule(PUBLIC, kwargs=training.session),
    "training:book": Rule(PUBLIC, kwargs=training.session),
    "training:verify": Rule(PUBLIC),
    "training:booking": Rule(PUBLIC, kwargs=training.booking_link),
    "training:booking-cancel-link": Rule(PUBLIC, kwargs=training.booking_link, method="post"),
    "training:offer-respond": Rule(PUBLIC, kwargs=training.booking_link, method="post"),
    "training:evaluation": Rule(PUBLIC, kwargs=training.booking_link),
    "training:follow-up": Rule(PUBLIC, kwargs=training.booking_link),
    "training:certificate": Rule(PUBLIC, kwargs=training.booking_link),
    "training:approval": Rule(PUBLIC, kwargs=training.manager_link),
    "training:manager-follow-up": Rule(PUBLIC, kwargs=training.manager_link),
    "training:my-training": Rule(SIGNED_IN),
    "training:booking-cancel": Rule(SIGNED_IN, kwargs=training.own_booking),
    "training:agency-training": Rule(frozenset({Role.AGENCY_LEAD})),
    "training:book-staff": Rule(frozenset({Role.AGENCY_LEAD}), kwargs=training.session),
    "training:manage": Rule(BUSINESS_UNIT),
    "training:settings": Rule(BUSINESS_UNIT),
    "training:course-new": Rule(BUSINESS_UNIT),
    "training:course-manage": Rule(BUSINESS_UNIT, kwargs=training.course),
    "training:course-edit": Rule(BUSINESS_UNIT, kwargs=training.course),
    "training:session-new": Rule(BUSINESS_UNIT, kwargs=training.course),
    "training:session-manage": Rule(BUSINESS_UNIT, kwargs=training.session),
    "training:session-edit": Rule(BUSINESS_UNIT, kwargs=training.session),
    "training:session-cancel": Rule(BUSINESS_UNIT, kwargs=training.session),
    "training:register": Rule(BUSINESS_UNIT, kwargs=training.session),
    "training:attendee-add": Rule(BUSINESS_UNIT, kwargs=training.session),
    "training:charges": Rule(BUSINESS_UNIT),
    "training:reports": Rule(OVERSIGHT),
    "training:reports-csv": Rule(OVERSIGHT),
    "training:course-evaluation": Rule(OVERSIGHT, kwargs=training.course),
    "training:session-evaluation": Rule(OVERSIGHT, kwargs=training.session),
    "training:charges-csv": Rule(BUSINESS_UNIT),
    "training:member-groups": Rule(BUSINESS_UNIT),
    "training:member-group-new": Rule(BUSINESS_UNIT),
    "training:member-group-edit": Rule(BUSINESS_UNIT, kwargs=training.member_group),
    "training:member-group-remove": Rule(BUSINESS_UNIT, kwargs=training.member_group),
    "performance:indicator-list": Rule(perf.READERS),
    "performance:key-data": Rule(perf.READERS),
    "performance:import": Rule(BUSINESS_UNIT),
    "performance:import-progress": Rule(BUSINESS_UNIT, kwargs=perf.import_run),
    "performance:mapping-list": Rule(BUSINESS_UNIT),
    "performance:mapping-change": Rule(BUSINESS_UNIT, kwargs=perf.column_mapping),
    "performance:mapping-remove": Rule(BUSINESS_UNIT, kwargs=perf.column_mapping),
    "performance:indicator-new": Rule(BUSINESS_UNIT),
    "performance:indicator-detail": Rule(perf.READERS, kwargs=perf.indicator),
    "performance:indicator-edit": Rule(BUSINESS_UNIT, kwargs=perf.indicator),
    "performance:value-new": Rule(BUSINESS_UNIT, kwargs=perf.indicator),
    "performance:narrative-edit": Rule(BUSINESS_UNIT, kwargs=perf.indicator),
    "performance:return-list": Rule(perf.RETURNS),
    "performance:return-new": Rule(BUSINESS_UNIT),
    "performance:return-detail": Rule(OVERSIGHT, kwargs=perf.data_return),
    "performance:return-review": Rule(BUSINESS_UNIT, kwargs=perf.data_return, method="post"),
    "performance:finance": Rule(STAFF),
    "performance:finance-export": Rule(STAFF),
    "performance:finance-year-new": Rule(BUSINESS_UNIT),
    "performance:finance-year": Rule(STAFF, kwargs=perf.finance_year),
    "performance:contribution-new": Rule(BUSINESS_UNIT, kwargs=perf.finance_year),
    "performance:budget-line-new": Rule(BUSINESS_UNIT, kwargs=perf.finance_year),
    "performance:expenditure-new": Rule(BUSINESS_UNIT, kwargs=perf.finance_year),
    "performance:contribution-change": Rule(BUSINESS_UNIT, kwargs=perf.contribution),
    "performance:contribution-remove": Rule(BUSINESS_UNIT, kwargs=perf.contribution),
    "performance:budget-line-change": Rule(BUSINESS_UNIT, kwargs=perf.budget_line),
    "performance:budget-line-remove": Rule(BUSINESS_UNIT, kwargs=perf.budget_line),
    "performance:expenditure-change": Rule(BUSINESS_UNIT, kwargs=perf.expenditure),
    "performance:expenditure-remove": Rule(BUSINESS_UNIT, kwargs=perf.expenditure),
    "assurance:index": Rule(STAFF | {Role.AGENCY_LEAD}),
    "assurance:template-list": Rule(STAFF),
    "assurance:template-new": Rule(BUSINESS_UNIT),
    "assurance:question-set-import": Rule(BUSINESS_UNIT),
    "assurance:scale-new": Rule(BUSINESS_UNIT, kwargs=asr.version),
    "assurance:past-returns-import": Rule(BUSINESS_UNIT, kwargs=asr.a_campaign),
    "assurance:template-new-draft": Rule(BUSINESS_UNIT, kwargs=asr.template, method="post"),
    "assurance:version-detail": Rule(STAFF, kwargs=asr.version),
    "assurance:version-publish": Rule(BUSINESS_UNIT, kwargs=asr.version, method="post"),
    "assurance:section-new": Rule(BUSINESS_UNIT, kwargs=asr.version),
    "assurance:section-edit": Rule(BUSINESS_UNIT, kwargs=asr.section),
    "assurance:question-new": Rule(BUSINESS_UNIT, kwargs=asr.section),
    "assurance:question-edit": Rule(BUSINESS_UNIT, kwargs=asr.question),
    "assurance:section-remove": Rule(BUSINESS_UNIT, kwargs=asr.section),
    "assurance:section-move": Rule(BUSINESS_UNIT, kwargs=asr.section, method="post"),
    "assurance:question-remove": Rule(BUSINESS_UNIT, kwargs=asr.question),
    "assurance:question-move": Rule(BUSINESS_UNIT, kwargs=asr.question, method="post"),
    "assurance:level-edit": Rule(BUSINESS_UNIT, kwargs=asr.level),
    "assurance:campaign-list": Rule(STAFF),
    "assurance:campaign-new": Rule(BUSINESS_UNIT),
    "assurance:contribution-new": Rule(BUSINESS_UNIT),
    "assurance:campaign-detail": Rule(STAFF, kwargs=asr.a_campaign),
    "assurance:campaign-edit": Rule(BUSINESS_UNIT, kwargs=asr.a_campaign),
    "assurance:campaign-launch": Rule(BUSINESS_UNIT, kwargs=asr.a_campaign, method="post"),
    "assurance:campaign-close": Rule(BUSINESS_UNIT, kwargs=asr.a_campaign, method="post"),
    "assurance:campaign-reopen": Rule(BUSINESS_UNIT, kwargs=asr.closed_campaign),
    "assurance:campaign-invite": Rule(BUSINESS_UNIT, kwargs=asr.a_campaign),
    "assurance:campaign-non-returners": Rule(STAFF, kwargs=asr.a_campaign),
    "assurance:campaign-non-returners-csv": Rule(STAFF, kwargs=asr.a_campaign),
    "assurance:campaign-escalate": Rule(BUSINESS_UNIT, kwargs=asr.a_campaign, method="post"),
    "assurance:challenge-event-new": Rule(BUSINESS_UNIT, kwargs=asr.a_campaign),
    "assurance:campaign-results": Rule(STAFF, kwargs=asr.a_campaign),
    "assurance:campaign-results-csv": Rule(STAFF, kwargs=asr.a_campaign),
    "assurance:campaign-results-xlsx": Rule(STAFF, kwargs=asr.a_campaign),
    "assurance:campaign-schools-report": Rule(STAFF, kwargs=asr.a_campaign),
    "assurance:my-returns": Rule(frozenset({Role.AGENCY_LEAD})),
    "assurance:return-detail": Rule(STAFF | {Role.AGENCY_LEAD}, kwargs=asr.a_return),
    "assurance:return-start": Rule(
        frozenset({Role.AGENCY_LEAD}), kwargs=asr.a_return, method="post"
    ),
    "assurance:return-section": Rule(frozenset({Role.AGENCY_LEAD}), kwargs=asr.return_section),
    "assurance:return-check": Rule(STAFF | {Role.AGENCY_LEAD}, kwargs=asr.a_return),
    "assurance:return-copy": Rule(STAFF | {Role.AGENCY_LEAD}, kwargs=asr.a_return),
    "assurance:return-pdf": Rule(STAFF | {Role.AGENCY_LEAD}, kwargs=asr.a_return),
    "assurance:return-colleagues": Rule(STAFF | {Role.AGENCY_LEAD}, kwargs=asr.a_return),
    "assurance:return-colleague-remove": Rule(
        frozenset({Role.AGENCY_LEAD}), kwargs=asr.return_colleague, method="post"
    ),
    "assurance:evidence-download": Rule(STAFF | {Role.AGENCY_LEAD}, kwargs=asr.return_file),
    "assurance:evidence-remove": Rule(
        frozenset({Role.AGENCY_LEAD}), kwargs=asr.return_file, method="post"
    ),
    "assurance:return-exempt": Rule(BUSINESS_UNIT, kwargs=asr.a_return),
    "assurance:return-reinstate": Rule(BUSINESS_UNIT, kwargs=asr.a_return, method="post"),
    "assurance:return-moderate": Rule(
        frozenset({Role.BUSINESS_UNIT, Role.SAFEGUARDING_PARTNER}), kwargs=asr.a_return
    ),
    "assurance:return-moderation-complete": Rule(
        frozenset({Role.BUSINESS_UNIT, Role.SAFEGUARDING_PARTNER}),
        kwargs=asr.a_return,
        method="post",
    ),
    "assurance:answer-moderate": Rule(
        frozenset({Role.BUSINESS_UNIT, Role.SAFEGUARDING_PARTNER}), kwargs=asr.return_answer
    ),
    "assurance:answer-request-evidence": Rule(
        frozenset({Role.BUSINESS_UNIT, Role.SAFEGUARDING_PARTNER}),
        kwargs=asr.return_answer,
        method="post",
    ),
    "assurance:action-list": Rule(STAFF | {Role.AGENCY_LEAD}),
    "assurance:action-detail": Rule(STAFF | {Role.AGENCY_LEAD}, kwargs=asr.action),
    "assurance:action-update": Rule(
        frozenset({Role.AGENCY_LEAD}), kwargs=asr.action, method="post"
    ),
    "assurance:action-decision": Rule(BUSINESS_UNIT, kwargs=asr.action, method="post"),
    "assurance:action-file": Rule(STAFF | {Role.AGENCY_LEAD}, kwargs=asr.action_file),
    "assurance:action-change": Rule(
        frozenset({Role.AGENCY_LEAD, Role.BUSINESS_UNIT}), kwargs=asr.action
    ),
    "assurance:case-audit-list": Rule(STAFF),
    "assurance:case-audit-new": Rule(BUSINESS_UNIT),
    "assurance:case-audit-detail": Rule(STAFF, kwargs=asr.case_audit),
    "assurance:case-new": Rule(BUSINESS_UNIT, kwargs=asr.case_audit),
    "assurance:case-detail": Rule(STAFF, kwargs=asr.case),
    "assurance:case-audit-start": Rule(BUSINESS_UNIT, kwargs=asr.case_audit, method="post"),
    "assurance:case-audit-panel": Rule(BUSINESS_UNIT, kwargs=asr.case_audit, method="post"),
    "assurance:case-audit-recommend": Rule(BUSINESS_UNIT, kwargs=asr.case_audit),
    "assurance:case-audit-complete": Rule(BUSINESS_UNIT, kwargs=asr.case_audit, method="post"),
    "assurance:survey-list": Rule(STAFF),
    "assurance:survey-new": Rule(BUSINESS_UNIT),
    "assurance:survey-detail": Rule(STAFF, kwargs=asr.survey),
    "assurance:survey-edit": Rule(BUSINESS_UNIT, kwargs=asr.survey),
    "assurance:survey-preset": Rule(BUSINESS_UNIT, kwargs=asr.survey, method="post"),
    "assurance:survey-results": Rule(STAFF, kwargs=asr.survey),
    "assurance:survey-results-csv": Rule(STAFF, kwargs=asr.survey),
    "assurance:survey-public": Rule(PUBLIC, kwargs=asr.survey_link),
    "assurance:survey-thanks": Rule(PUBLIC, kwargs=asr.survey_link),
    "comms:subscribe": Rule(PUBLIC),
    "comms:subscribe-confirm": Rule(PUBLIC, kwargs=comms.confirm_link),
    "comms:preferences": Rule(PUBLIC, kwargs=comms.subscriber_link),
    "comms:unsubscribe": Rule(PUBLIC, kwargs=comms.subscriber_link),
    "comms:bulletin-archive": Rule(PUBLIC),
    "comms:bulletin-detail": Rule(PUBLIC, kwargs=comms.published_bulletin),
    "comms:bulletin-open": Rule(PUBLIC, kwargs=comms.open_link),
    "comms:bulletin-link": Rule(PUBLIC, kwargs=comms.click_link),
    "comms:delivery-receipt": Rule(SERVICE_TOKEN, method="post"),
    "comms:subscriber-list": Rule(BUSINESS_UNIT),
    "comms:subscriber-import": Rule(BUSINESS_UNIT),
    "comms:subscriber-export": Rule(BUSINESS_UNIT),
    "comms:bulletin-list": Rule(OVERSIGHT),
    "comms:bulletin-new": Rule(BUSINESS_UNIT),
    "comms:bulletin-stats": Rule(OVERSIGHT),
    "comms:bulletin-manage": Rule(OVERSIGHT, kwargs=comms.draft_bulletin),
    "comms:bulletin-edit": Rule(BUSINESS_UNIT, kwargs=comms.draft_bulletin),
    "comms:bulletin-block-add": Rule(BUSINESS_UNIT, kwargs=comms.draft_bulletin, method="post"),
    "comms:bulletin-block-remove": Rule(BUSINESS_UNIT, kwargs=comms.block, method="post"),
    "comms:bulletin-preview": Rule(OVERSIGHT, kwargs=comms.draft_bulletin),
    "comms:bulletin-preview-email": Rule(OVERSIGHT, kwargs=comms.draft_bulletin),
    "comms:bulletin-test": Rule(BUSINESS_UNIT, kwargs=comms.draft_bulletin, method="post"),
    "comms:bulletin-send": Rule(BUSINESS_UNIT, kwargs=comms.draft_bulletin),
    "comms:bulletin-transition": Rule(BUSINESS_UNIT, kwargs=comms.draft_bulletin, method="post"),
    "comms:bulletin-edition-stats": Rule(OVERSIGHT, kwargs=comms.published_bulletin),
    "comms:bulletin-stuck": Rule(BUSINESS_UNIT, kwargs=comms.published_bulletin),
    "comms:settings": Rule(BUSINESS_UNIT),
    "library:resource-list": Rule(PUBLIC),
    "library:resource": Rule(PUBLIC, kwargs=lib.resource),
    "library:resource-open": Rule(PUBLIC, kwargs=lib.resource),
    "library:usage": Rule(BUSINESS_UNIT),
    "library:resource-import": Rule(BUSINESS_UNIT),
    "library:procedure-list": Rule(PUBLIC),
    "library:procedure": Rule(PUBLIC, kwargs=lib.procedure),
    "library:procedure-manage": Rule(BUSINESS_UNIT, kwargs=lib.procedure),
    "library:procedure-edit": Rule(BUSINESS_UNIT, kwargs=lib.procedure),
    "library:campaign-calendar": Rule(PUBLIC),
    "library:campaign": Rule(PUBLIC, kwargs=lib.campaign),
    "library:you-said-we-did": Rule(PUBLIC),
    "library:resource-new": Rule(BUSINESS_UNIT),
    "library:resource-edit": Rule(BUSINESS_UNIT, kwargs=lib.resource),
    "library:procedure-new": Rule(BUSINESS_UNIT),
    "library:campaign-new": Rule(BUSINESS_UNIT),
    "library:campaign-edit": Rule(BUSINESS_UNIT, kwargs=lib.campaign),
    "library:campaign-reach": Rule(BUSINESS_UNIT, kwargs=lib.campaign),
    "library:you-said-we-did-new": Rule(BUSINESS_UNIT),
    "library:you-said-we-did-edit": Rule(BUSINESS_UNIT, kwargs=lib.you_said_we_did),
    "library:activity-new": Rule(BUSINESS_UNIT),
    "library:activity-edit": Rule(BUSINESS_UNIT, kwargs=lib.activity),
    "reports:public-list": Rule(PUBLIC),
    "reports:public-detail": Rule(PUBLIC, kwargs=yr.published),
    "reports:public-pdf": Rule(PUBLIC, kwargs=yr.published),
    "reports:public-docx": Rule(PUBLIC, kwargs=yr.published),
    "reports:report-list": Rule(STAFF),
    "reports:report-new": Rule(BUSINESS_UNIT),
    "reports:report-detail": Rule(STAFF, kwargs=yr.draft),
    "reports:report-preview": Rule(STAFF, kwargs=yr.draft),
    "reports:section-edit": Rule(BUSINESS_UNIT, kwargs=yr.draft_section),
    "reports:report-refresh": Rule(BUSINESS_UNIT, kwargs=yr.draft, method="post"),
    "reports:report-transition": Rule(BUSINESS_UNIT, kwargs=yr.draft, method="post"),
    "reports:sign-off": Rule(
        frozenset({Role.BUSINESS_UNIT, Role.SAFEGUARDING_PARTNER}), kwargs=yr.draft, method="post"
    ),
    "reports:distribution": Rule(BUSINESS_UNIT, kwargs=yr.draft, method="post"),
    "reports:comment": Rule(
        frozenset({Role.SAFEGUARDING_PARTNER, Role.CHAIR}), kwargs=yr.draft, method="post"
    ),
    "reports:comment-reply": Rule(BUSINESS_UNIT, kwargs=yr.draft_comment, method="post"),
    "reports:comment-resolve": Rule(BUSINESS_UNIT, kwargs=yr.draft_comment, method="post"),
    "reports:comment-reopen": Rule(BUSINESS_UNIT, kwargs=yr.draft_comment, method="post"),
    "reports:arrangements-public": Rule(PUBLIC),
    "reports:arrangements-manage": Rule(BUSINESS_UNIT),
    "reports:arrangements-edit": Rule(BUSINESS_UNIT, kwargs=yr.arrangements),
    "reports:arrangements-publish": Rule(BUSINESS_UNIT, kwargs=yr.arrangements, method="post"),
    "reports:inspection-list": Rule(STAFF),
    "reports:inspection-new": Rule(BUSINESS_UNIT),
    "reports:inspection-detail": Rule(STAFF, kwargs=yr.inspection),
    "reports:inspection-action-complete": Rule(
        BUSINESS_UNIT, kwargs=yr.inspection_action, method="post"
    ),
}

# The API answers 401/403 itself (tests in safeguarding/api/tests); the admin site has its
# own staff check (test_admin_needs_staff below).
SEPARATELY_TESTED_NAMESPACES = ("api", "admin")


def _named_urls(resolver=None, namespace: str | None = None) -> set[str]:
    resolver = resolver or get_resolver()
    names: set[str] = set()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or namespace
            if entry.namespace and namespace:
                inner = f"{namespace}:{entry.namespace}"
            names |= _named_urls(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{namespace}:{entry.name}" if namespace else entry.name)
    return names


def _swept_names() -> set[str]:
    return {
        name
        for name in _named_urls()
        if not name.startswith(tuple(f"{ns}:" for ns in SEPARATELY_TESTED_NAMESPACES))
    }


def test_every_url_has_an_access_rule():
    missing = sorted(_swept_names() - set(URLS))
    stale = sorted(set(URLS) - _swept_names())
    assert not missing, f"URLs with no access rule in this table: {missing}"
    assert not stale, f"Rules for URLs that no longer exist: {stale}"


def _request(client, rule: Rule, url: str):
    return client.post(url) if rule.method == "post" else client.get(url)


def _url(name: str, rule: Rule, partnership, user) -> str:
    kwargs = rule.kwargs(partnership, user) if rule.kwargs else {}
    return reverse(name, kwargs=kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(URLS))
def test_anonymous_visitors_only_reach_public_pages(client, partnership, make_user, name):
    rule = URLS[name]
    owner = make_user(Role.PRACTITIONER)
    response = _request(client, rule, _url(name, rule, partnership, owner))
    if rule.access == PUBLIC:
        assert response.status_code in (200, 302), f"{name} should be public"
        if response.status_code == 302:
            assert "/accounts/sign-in/" not in response["Location"]
    elif rule.access == SERVICE_TOKEN:
        assert response.status_code in (401, 404), f"{name} must need its service's token"
    else:
        assert response.status_code == 302, f"{name} must send anonymous visitors to sign in"
        assert response["Location"].startswith(reverse("accounts:sign-in"))


ROLE_RESTRICTED = sorted(n for n, r in URLS.items() if isinstance(r.access, frozenset))


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("name", ROLE_RESTRICTED)
def test_each_role_gets_in_or_is_refused(client, partnership, make_user, name, role):
    rule = URLS[name]
    user = make_user(role)
    client.force_login(user)
    response = _request(client, rule, _url(name, rule, partnership, user))
    if role in rule.access:
        # 400: let in, and told what is wrong with the (empty) form it posted
        assert response.status_code in (200, 302, 400), f"{role} should reach {name}"
        if response.status_code == 302:
            assert "/accounts/sign-in/" not in response["Location"]
    else:
        assert response.status_code in (403, 404), f"{role} must be refused {name}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(n for n, r in URLS.items() if r.access == SIGNED_IN))
def test_signed_in_pages_work_for_a_person_with_no_role(client, partnership, name):
    from safeguarding.accounts.tests.factories import UserFactory

    user = UserFactory()
    client.force_login(user)
    rule = URLS[name]
    response = _request(client, rule, _url(name, rule, partnership, user))
    assert response.status_code in (200, 302)


@pytest.mark.django_db
def test_a_role_in_another_partnership_does_not_open_this_partnerships_records(
    client, partnership, make_user
):
    from safeguarding.accounts.tests.factories import PartnershipFactory

    elsewhere = PartnershipFactory()
    business_unit_elsewhere = make_user(Role.BUSINESS_UNIT, partnership=elsewhere)
    agency = AgencyFactory(partnerships=[partnership])
    client.force_login(business_unit_elsewhere)
    assert client.get(reverse("accounts:agency-detail", args=[agency.pk])).status_code == 404
    assert client.get(reverse("accounts:agency-edit", args=[agency.pk])).status_code == 404
    response = client.get(reverse("accounts:partnership-edit", args=[partnership.slug]))
    assert response.status_code == 403


# Records that are public by design: anyone, in any partnership or none, may open them.
PUBLIC_BY_DESIGN = {
    "accounts:password-reset-confirm": "a password-reset link, not a record",
    "governance:key-message-detail": "a published key message is for the public",
    "governance:body-calendar": "a board's meeting calendar feed is published for subscribers",
    "governance:business-plan-detail": "the business plan is published",
    "governance:priority-detail": "a business-plan priority is published with the plan",
    "reviews:library-review": "a published review is in the public learning library",
    "reports:public-detail": "a published yearly report is for the public",
    "reports:public-pdf": "a published yearly report is for the public",
    "reports:public-docx": "a published yearly report is for the public",
    "search:theme": "a theme page shows everyone the public records; staff also their own",
    "search:external-review": "a checked review from elsewhere is in the public library",
    "reviews:library-briefing": "a published review's learning briefing is public",
    "library:resource": "a published resource is in the public library (drafts: 404 elsewhere)",
    "library:resource-open": "a published resource's file or link is public",
    "library:procedure": "a procedure's current version and history are public",
    "library:campaign": "campaigns are published to the public",
    "training:course": "the training catalogue is public",
    "training:session": "the training catalogue's sessions are public",
    "training:book": "anyone may book a place on a public session",
    "training:booking": "the link in the attendee's email is the credential",
    "training:booking-cancel-link": "the link in the attendee's email is the credential",
    "training:offer-respond": "the link in the attendee's email is the credential",
    "training:evaluation": "the link in the attendee's email is the credential",
    "training:follow-up": "the link in the attendee's email is the credential",
    "training:certificate": "the link in the attendee's email is the credential",
    "training:approval": "the link in the manager's email is the credential",
    "training:manager-follow-up": "the link in the manager's email is the credential",
    "comms:subscribe-confirm": "the signed link in the confirmation email is the credential",
    "comms:preferences": "the signed link in every bulletin email is the credential",
    "comms:unsubscribe": "the signed link in every bulletin email is the credential (RFC 8058)",
    "comms:bulletin-detail": "a sent bulletin's web version is in the public archive",
    "comms:bulletin-open": "the signed open-counting image in a bulletin email",
    "comms:bulletin-link": "the signed click redirect in a bulletin email",
    "assurance:survey-public": "the unguessable survey link is the credential (anonymous)",
    "assurance:survey-thanks": "the unguessable survey link is the credential (anonymous)",
}

_LIBRARY = "the audit template library is shared by every partnership (tools agreed jointly)"
# Records that belong to no partnership, and URL arguments that name no record.
SHARED_BY_DESIGN = {
    "assurance:template-new-draft": _LIBRARY,
    "assurance:version-detail": _LIBRARY,
    "assurance:version-publish": _LIBRARY,
    "assurance:section-new": _LIBRARY,
    "assurance:section-edit": _LIBRARY,
    "assurance:section-remove": _LIBRARY,
    "assurance:section-move": _LIBRARY,
    "assurance:question-new": _LIBRARY,
    "assurance:question-edit": _LIBRARY,
    "assurance:question-remove": _LIBRARY,
    "assurance:question-move": _LIBRARY,
    "assurance:level-edit": _LIBRARY,
    "assurance:scale-new": _LIBRARY,
    "governance:theme-edit": "themes are one platform-wide taxonomy",
    "reviews:recommendation-groups": (
        "its argument is a grouping (agency, theme), not a record; the page lists only the "
        "viewer's own recommendations"
    ),
}

OBJECT_URLS = sorted(
    n
    for n, r in URLS.items()
    if r.kwargs and n not in PUBLIC_BY_DESIGN and n not in SHARED_BY_DESIGN
)


def _role_elsewhere(rule: Rule) -> str:
    """The role that opens this URL in its own partnership: the business unit where it may,
    otherwise the first role the rule lets in (any role, for a signed-in page)."""
    if not isinstance(rule.access, frozenset) or Role.BUSINESS_UNIT in rule.access:
        return Role.BUSINESS_UNIT
    return sorted(rule.access)[0]


def test_object_urls_not_public_by_design_are_swept_across_partnerships():
    assert not set(PUBLIC_BY_DESIGN) - set(URLS), "stale public-by-design exceptions"
    assert not set(SHARED_BY_DESIGN) - set(URLS), "stale shared-by-design exceptions"
    for name in SHARED_BY_DESIGN:
        assert URLS[name].kwargs, f"{name} takes no argument: it needs no exception"
    for name in PUBLIC_BY_DESIGN:
        assert URLS[name].access == PUBLIC, f"{name} is listed as public but is not"
    for name, rule in URLS.items():
        if rule.kwargs and rule.access == PUBLIC:
            assert name in PUBLIC_BY_DESIGN, f"{name}: say why this record is public"


@pytest.mark.django_db
@pytest.mark.parametrize("name", OBJECT_URLS)
def test_a_person_of_another_partnership_is_refused_every_record(
    client, partnership, make_user, name
):
    """ADR 0004: a record belongs to its partnership. The same role in another partnership,
    one that would get in at home, is refused (403 or 404), never shown the record."""
    from safeguarding.accounts.tests.factories import PartnershipFactory

    rule = URLS[name]
    role = _role_elsewhere(rule)
    owner = make_user(role)
    url = _url(name, rule, partnership, owner)
    elsewhere = PartnershipFactory()
    client.force_login(make_user(role, partnership=elsewhere))
    response = _request(client, rule, url)
    assert response.status_code in (403, 404), (
        f"{name}: a {role} of another partnership got {response.status_code}"
    )


@pytest.mark.django_db
def test_admin_needs_staff(client, make_user):
    chair = make_user(Role.CHAIR)
    client.force_login(chair)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    staff = make_user(Role.BUSINESS_UNIT, is_staff=True)
    client.force_login(staff)
    assert client.get("/admin/").status_code == 200
