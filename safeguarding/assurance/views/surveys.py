"""Survey pages: the business unit's list, creating and changing a survey, its results and
CSV, and the anonymous public link (consent, one-page form, thank-you, closed message)."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeguarding.assurance.models import SurveyAudience
from safeguarding.assurance.models.surveys import SURVEY_STATUS_TAGS, SurveyStatus
from safeguarding.assurance.selectors import surveys as selectors
from safeguarding.assurance.services import surveys as services
from safeguarding.assurance.survey_forms import PublicSurveyForm, SurveyForm, SurveyPresetForm
from safeguarding.assurance.survey_presenters import survey_option_bars
from safeguarding.assurance.views.common import PAGE_SIZE
from safeguarding.core import exports
from safeguarding.core.access import object_loader, public, require_permission
from safeguarding.core.audit import audit_record
from safeguarding.core.forms import add_service_errors
from safeguarding.core.rate_limits import client_ip, rate_limit_check_and_count

survey_of = object_loader(selectors.survey_get, "survey")

# One source (a keyed hash of the address, kept for the window only) may send this many
# responses an hour across all surveys: enough for a class sharing one school connection,
# not enough to flood the results.
RESPONSES_PER_SOURCE_PER_HOUR = 60
RATE_SCOPE = "assurance.survey-response"


def _status(survey) -> dict:
    status = selectors.survey_status(survey)
    return {
        "status": status,
        "status_label": SurveyStatus(status).label,
        "status_tag": SURVEY_STATUS_TAGS[status],
    }


@require_permission("assurance.view_surveys")
@require_GET
def survey_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.survey_list(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [{"survey": survey, **_status(survey)} for survey in page.object_list]
    return render(
        request,
        "assurance/surveys/list.html",
        {
            "page": page,
            "rows": rows,
            "can_manage": request.user.has_perm("assurance.add_survey"),
        },
    )


@require_permission("assurance.add_survey")
@require_http_methods(["GET", "POST"])
def survey_new(request: HttpRequest) -> HttpResponse:
    partnership = selectors.survey_partnership_for(
        user=request.user, site=getattr(request, "partnership", None)
    )
    if partnership is None:
        raise Http404("No partnership")
    initial = {"audience": SurveyAudience.YOUNG_PEOPLE}
    if request.GET.get("audience") in SurveyAudience.values:
        initial["audience"] = request.GET["audience"]
        initial["preset"] = (
            "practitioners" if request.GET["audience"] == "practitioners" else "young_people"
        )
    form = SurveyForm(request.POST or None, initial=initial, with_preset=True)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create(
                actor=request.user, partnership=partnership, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"“{survey.title}” has been created. Add its questions, then publish them.",
            )
            return redirect("assurance:survey-detail", pk=survey.pk)
    return render(
        request,
        "assurance/surveys/form.html",
        {"form": form, "survey": None, "partnership": partnership},
    )


@require_permission("assurance.view_survey", fn=survey_of)
@require_GET
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = survey_of(request, pk)
    version = selectors.survey_current_version(survey)
    draft = selectors.survey_draft_version(survey)
    return render(
        request,
        "assurance/surveys/detail.html",
        {
            "survey": survey,
            **_status(survey),
            "version": version,
            "draft": draft,
            "questions": selectors.survey_questions(version or draft) if (version or draft) else [],
            "public_url": request.build_absolute_uri(
                reverse("assurance:survey-public", args=[survey.token])
            ),
            "can_manage": request.user.has_perm("assurance.manage_survey", survey),
            "preset_form": SurveyPresetForm(),
        },
    )


@require_permission("assurance.manage_survey", fn=survey_of)
@require_http_methods(["GET", "POST"])
def survey_edit(request: HttpRequest, pk: int) -> HttpResponse:
    survey = survey_of(request, pk)
    initial = {name: getattr(survey, name) for name in services.SURVEY_FIELDS}
    initial["themes"] = list(survey.themes.all())
    form = SurveyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        themes = data.pop("themes")
        try:
            services.survey_update(actor=request.user, survey=survey, themes=themes, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The survey's details have been saved.")
            return redirect("assurance:survey-detail", pk=survey.pk)
    return render(
        request,
        "assurance/surveys/form.html",
        {"form": form, "survey": survey, "partnership": survey.partnership},
    )


@require_permission("assurance.manage_survey", fn=survey_of)
@require_POST
def survey_preset(request: HttpRequest, pk: int) -> HttpResponse:
    survey = survey_of(request, pk)
    form = SurveyPresetForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose which questions to add.")
        return redirect("assurance:survey-detail", pk=survey.pk)
    try:
        added = services.survey_add_preset(
            actor=request.user, survey=survey, preset=form.cleaned_data["preset"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if added:
            messages.success(request, f"{added} questions have been added to the draft.")
        else:
            messages.success(request, "The survey already asks these questions.")
    return redirect("assurance:survey-detail", pk=survey.pk)


def _you_said_we_did_link(request, survey) -> str:
    """The library's "You said, we did" form, pre-filled through its query string (the apps
    meet through the URL, never each other's code). Empty when that page is not installed."""
    try:
        base = reverse("library:you-said-we-did-new")
    except NoReverseMatch:
        return ""
    source = request.build_absolute_uri(reverse("assurance:survey-public", args=[survey.token]))
    query = {
        "source_label": survey.title,
        "source_url": source,
        "said_on": survey.closes_on.isoformat(),
        "you_said": f"In “{survey.title}”, {survey.response_count} people told us: ",
    }
    return f"{base}?{urlencode(query)}"


@require_permission("assurance.view_survey_results", fn=survey_of)
@require_GET
def survey_results(request: HttpRequest, pk: int) -> HttpResponse:
    survey = survey_of(request, pk)
    results = selectors.survey_results(survey=survey)
    return render(
        request,
        "assurance/surveys/results.html",
        {
            "survey": survey,
            **_status(survey),
            "results": results,
            "items": [
                {"result": r, "chart": None if r.is_text else survey_option_bars(r)}
                for r in results.questions
            ],
            "you_said_we_did_url": (
                _you_said_we_did_link(request, survey)
                if request.user.has_perm("assurance.manage_survey", survey)
                else ""
            ),
        },
    )


@require_permission("assurance.view_survey_results", fn=survey_of)
@require_GET
def survey_results_csv(request: HttpRequest, pk: int) -> HttpResponse:
    survey = survey_of(request, pk)
    rows = selectors.survey_results_rows(selectors.survey_results(survey=survey))
    with transaction.atomic():
        audit_record(
            actor=request.user,
            event="assurance.survey.results_exported",
            target=survey,
            after={"rows": len(rows) - 1},
        )
    return exports.csv_response(
        f"{slugify(survey.title)}-results.csv", rows[0], rows[1:], byte_order_mark=True
    )


# The public link ------------------------------------------------------------------------


def _public_survey(token: str):
    survey = selectors.survey_by_token(token=token)
    if survey is None:
        raise Http404("No such survey")
    return survey


@public
@require_http_methods(["GET", "POST"])
def survey_public(request: HttpRequest, token: str) -> HttpResponse:
    """Anyone with the link may answer, without signing in. Nothing about the person is
    stored: no name, email, address or account."""
    survey = _public_survey(token)
    status = selectors.survey_status(survey)
    if status != SurveyStatus.OPEN:
        return render(
            request,
            "assurance/surveys/public_closed.html",
            {"survey": survey, "status": status},
        )
    version = selectors.survey_current_version(survey)
    questions = selectors.survey_questions(version)
    form = PublicSurveyForm(request.POST or None, questions=questions)
    if request.method == "POST":
        decision = rate_limit_check_and_count(
            scope=RATE_SCOPE,
            identities={"source": (client_ip(request), RESPONSES_PER_SOURCE_PER_HOUR)},
            window=timedelta(hours=1),
        )
        if not decision.allowed:
            return render(
                request, "assurance/surveys/public_busy.html", {"survey": survey}, status=429
            )
        if form.is_valid():
            try:
                services.survey_response_submit(
                    survey=survey,
                    version=version,
                    consent=form.cleaned_data["consent"],
                    answers=form.answers(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("assurance:survey-thanks", token=survey.token)
    sections: list[dict] = []
    for question in questions:
        if not sections or sections[-1]["section"].pk != question.section_id:
            sections.append({"section": question.section, "fields": []})
        sections[-1]["fields"].append(form[f"q{question.pk}"])
    return render(
        request,
        "assurance/surveys/public_form.html",
        {"survey": survey, "form": form, "sections": sections},
    )


@public
@require_GET
def survey_thanks(request: HttpRequest, token: str) -> HttpResponse:
    survey = _public_survey(token)
    return render(request, "assurance/surveys/public_thanks.html", {"survey": survey})
