"""The assurance start page: what this person can do here."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from safeguarding.assurance.selectors.campaigns import open_campaigns_with_rates
from safeguarding.assurance.selectors.returns import my_returns
from safeguarding.core.access import require_permission


@require_permission("assurance.use_assurance")
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    staff = user.has_perm("assurance.view_campaigns")
    completes = user.has_perm("assurance.view_my_returns")
    return render(
        request,
        "assurance/index.html",
        {
            "staff": staff,
            "campaigns": list(open_campaigns_with_rates(user=user)) if staff else [],
            "returns": list(my_returns(user=user, include_done=False)[:10]) if completes else [],
            "completes": completes,
            "can_view_templates": user.has_perm("assurance.view_templates"),
            "can_view_actions": user.has_perm("assurance.view_actions"),
            "can_view_case_audits": user.has_perm("assurance.view_case_audits"),
            "can_add_campaign": user.has_perm("assurance.add_campaign"),
        },
    )
