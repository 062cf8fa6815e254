"""Pages for referrals for review: refer a case, the list, and the detail with the decision."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeguarding.core.access import require_permission
from safeguarding.core.forms import add_service_errors
from safeguarding.reviews import forms, selectors, services, workflow
from safeguarding.reviews.models import ReferralStatus
from safeguarding.reviews.views.common import (
    PAGE_SIZE,
    confidential_loader,
    log_list,
    log_read,
    message_error,
)

load_referral = confidential_loader("referral", selectors.referral_get)


@require_permission("reviews.view_referrals")
@require_GET
def referral_list(request: HttpRequest) -> HttpResponse:
    agencies, years = selectors.referral_filter_choices(user=request.user)
    form = forms.ReferralFilterForm(
        request.GET or None, themes=selectors.active_themes(), years=years, agencies=agencies
    )
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.ReferralFilter(**{k: v for k, v in data.items() if v})
    referrals = selectors.referral_list(user=request.user, filters=filters)
    page = Paginator(referrals, PAGE_SIZE).get_page(request.GET.get("page"))
    log_list(request, page.object_list, "referrals")
    return render(
        request,
        "reviews/referrals/list.html",
        {
            "form": form,
            "page": page,
            "can_add": request.user.has_perm("reviews.add_referral"),
        },
    )


def _referral_form(request: HttpRequest, data=None) -> forms.ReferralForm:
    partnerships = selectors.referral_partnerships(user=request.user)
    referring = selectors.no_agencies()
    for partnership in partnerships:
        referring = referring | services.referring_agencies(
            actor=request.user, partnership=partnership
        )
    return forms.ReferralForm(
        data,
        partnerships=partnerships,
        agencies=selectors.agencies_of(partnerships=partnerships),
        referring_agencies=referring.distinct().order_by("name"),
        themes=selectors.active_themes(),
    )


@require_permission("reviews.add_referral")
@require_http_methods(["GET", "POST"])
def referral_new(request: HttpRequest) -> HttpResponse:
    form = _referral_form(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        partnership = data.pop("partnership")
        if not request.user.has_perm("reviews.add_referral", partnership):
            raise Http404("No such partnership")
        try:
            referral = services.referral_submit(actor=request.user, partnership=partnership, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Your referral of {referral.child_pseudonym} has been sent to the "
                "safeguarding partners. You will get an email when they have decided.",
            )
            return redirect("reviews:referral-detail", pk=referral.pk)
    return render(request, "reviews/referrals/form.html", {"form": form})


def _detail(request: HttpRequest, referral, decision_form=None, status: int = 200):
    can_decide = request.user.has_perm("reviews.decide_referral", referral)
    can_notify = request.user.has_perm("reviews.add_notification", referral.partnership)
    if (
        decision_form is None
        and can_decide
        and referral.status == ReferralStatus.UNDER_CONSIDERATION
    ):
        decision_form = forms.ReferralDecisionForm(
            initial={"version": referral.version, "decided_on": selectors.today()},
            can_notify=can_notify,
        )
    return render(
        request,
        "reviews/referrals/detail.html",
        {
            "referral": referral,
            "can_decide": can_decide,
            "steps": [t.name for t in workflow.REFERRALS.from_status(referral.status)],
            "decision_form": decision_form if can_decide else None,
            "can_see_notification": referral.notification is not None
            and request.user.has_perm("reviews.view_notification", referral.notification),
        },
        status=status,
    )


@require_permission("reviews.view_referral", fn=load_referral)
@require_GET
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    referral = load_referral(request, pk)
    log_read(request, referral, "referral")
    return _detail(request, referral)


@require_permission("reviews.decide_referral", fn=load_referral)
@require_POST
def referral_consider(request: HttpRequest, pk: int) -> HttpResponse:
    referral = load_referral(request, pk)
    version = request.POST.get("version")
    try:
        services.referral_consider(
            actor=request.user,
            referral=referral,
            version=int(version) if (version or "").isdigit() else None,
        )
    except ValidationError as error:
        message_error(request, error)
    else:
        messages.success(
            request, f"The referral of {referral.child_pseudonym} is now being considered."
        )
    return redirect("reviews:referral-detail", pk=referral.pk)


@require_permission("reviews.decide_referral", fn=load_referral)
@require_POST
def referral_decide(request: HttpRequest, pk: int) -> HttpResponse:
    referral = load_referral(request, pk)
    can_notify = request.user.has_perm("reviews.add_notification", referral.partnership)
    form = forms.ReferralDecisionForm(request.POST, can_notify=can_notify)
    if form.is_valid():
        try:
            referral = services.referral_decide(
                actor=request.user, referral=referral, version=form.version, **form.service_data()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"The decision on the referral of {referral.child_pseudonym} has been recorded "
                "and the referrer told by email.",
            )
            if referral.notification_id:
                return redirect("reviews:notification-detail", pk=referral.notification_id)
            return redirect("reviews:referral-detail", pk=referral.pk)
    return _detail(request, referral, decision_form=form)
