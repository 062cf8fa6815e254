"""The CDOP's pages: the list with its clocks, recording a death and taking it to panel."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeguarding.childdeaths import audit_events, clocks, forms, selectors, services
from safeguarding.childdeaths.models import Domain, Status
from safeguarding.childdeaths.views.common import PAGE_SIZE, cdop_permission, load_death
from safeguarding.childdeaths.workflow import MACHINE
from safeguarding.core import offers
from safeguarding.core.forms import add_service_errors

VIEW = "childdeaths.view_childdeaths"
MANAGE = "childdeaths.manage_childdeaths"


def _my_partnerships(user):
    return selectors.cdop_partnerships(user=user)


def _agencies_of(partnership_ids):
    return selectors.agencies_of(partnership_ids=partnership_ids)


@cdop_permission(VIEW)
@require_GET
def death_list(request: HttpRequest) -> HttpResponse:
    partnerships = list(_my_partnerships(request.user))
    status = request.GET.get("status", "")
    year = request.GET.get("year", "")
    partnership = request.GET.get("partnership", "")
    filters = selectors.DeathFilter(
        status=status if status in Status.values else "",
        year=int(year) if year.isdigit() else None,
        partnership=int(partnership) if partnership.isdigit() else None,
        overdue_reports=request.GET.get("overdue") == "1",
    )
    deaths = selectors.death_list(user=request.user, filters=filters)
    page = Paginator(deaths, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = [
        {
            "death": death,
            "notification": clocks.notification_clock(death),
            "panel": clocks.panel_clock(death, today),
        }
        for death in page.object_list
    ]
    services.death_list_view_record(
        actor=request.user,
        event=audit_events.DEATH_LIST_VIEW,
        references=[death.reference for death in page.object_list],
        path=request.get_full_path(),
    )
    return render(
        request,
        "childdeaths/list.html",
        {
            "page": page,
            "rows": rows,
            "statuses": Status.choices,
            "partnerships": partnerships,
            "filters": filters,
            "targets": clocks.targets(),
            "can_add": request.user.has_perm(MANAGE),
        },
    )


def _death_form(request, data=None, initial=None):
    partnerships = list(_my_partnerships(request.user))
    ids = [p.pk for p in partnerships]
    return forms.DeathForm(
        data,
        initial=initial,
        partnerships=partnerships,
        agencies=_agencies_of(ids),
        notifications=offers.offered("reviews.child_death_notifications").choices(
            partnership_ids=ids
        ),
    )


@cdop_permission(MANAGE)
@require_http_methods(["GET", "POST"])
def death_new(request: HttpRequest) -> HttpResponse:
    form = _death_form(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            death = services.child_death_record(
                actor=request.user,
                reference=data["reference"],
                partnership_ids=data["partnerships"],
                age_at_death_days=data["age_at_death_days"],
                sex=data["sex"],
                ethnicity=data["ethnicity"],
                place=data["place"],
                died_on=data["died_on"],
                notified_on=data["notified_on"],
                expected=data["expected"] == "yes",
                notifying_agency=data["notifying_agency"],
                serious_incident_notification_id=data["serious_incident_notification"],
            )
        except ValidationError as error:
            add_service_errors(
                form,
                _rename(
                    error, {"serious_incident_notification_id": "serious_incident_notification"}
                ),
            )
        else:
            messages.success(request, f"Death {death.reference} recorded.")
            return redirect("childdeaths:detail", pk=death.pk)
    return render(
        request,
        "childdeaths/form.html",
        {"form": form, "title": "Record a child's death", "button": "Record the death"},
        status=400 if form.errors else 200,
    )


@cdop_permission(MANAGE)
@require_http_methods(["GET", "POST"])
def death_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct the recorded facts of a notification (the same rules as recording it)."""
    death = load_death(request, pk, log_view=False)
    mine = {p.pk for p in _my_partnerships(request.user)}
    initial = {
        "reference": death.reference,
        "partnerships": [str(p.pk) for p in death.partnerships.all() if p.pk in mine],
        "age_at_death_days": death.age_at_death_days,
        "sex": death.sex,
        "ethnicity": death.ethnicity,
        "place": death.place,
        "died_on": death.died_on,
        "notified_on": death.notified_on,
        "expected": "yes" if death.expected else "no",
        "notifying_agency": death.notifying_agency_id,
        "serious_incident_notification": death.serious_incident_notification_id,
    }
    form = _death_form(request, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _death, changed = services.child_death_update(
                actor=request.user,
                death=death,
                reference=data["reference"],
                partnership_ids=data["partnerships"],
                age_at_death_days=data["age_at_death_days"],
                sex=data["sex"],
                ethnicity=data["ethnicity"],
                place=data["place"],
                died_on=data["died_on"],
                notified_on=data["notified_on"],
                expected=data["expected"] == "yes",
                notifying_agency=data["notifying_agency"],
                serious_incident_notification_id=data["serious_incident_notification"],
            )
        except ValidationError as error:
            add_service_errors(
                form,
                _rename(
                    error, {"serious_incident_notification_id": "serious_incident_notification"}
                ),
            )
        else:
            messages.success(
                request,
                f"Notification {death.reference} corrected."
                if changed
                else f"Nothing changed in notification {death.reference}.",
            )
            return redirect("childdeaths:detail", pk=death.pk)
    return render(
        request,
        "childdeaths/form.html",
        {
            "form": form,
            "title": f"Correct the notification of {death.reference}",
            "button": "Save the corrections",
            "death": death,
        },
        status=400 if form.errors else 200,
    )


def _rename(error: ValidationError, names: dict[str, str]) -> ValidationError:
    if hasattr(error, "error_dict"):
        return ValidationError(
            {names.get(field, field): messages for field, messages in error.message_dict.items()}
        )
    return error


@cdop_permission(VIEW)
@require_GET
def death_detail(request: HttpRequest, pk: int) -> HttpResponse:
    death = load_death(request, pk)
    today = timezone.localdate()
    factors = {f.domain: f for f in death.modifiable_factors.all()}
    return render(
        request,
        "childdeaths/detail.html",
        {
            "death": death,
            "notification_clock": clocks.notification_clock(death),
            "panel_clock": clocks.panel_clock(death, today),
            "factors": [(label, factors.get(domain)) for domain, label in Domain.choices],
            "options": MACHINE.options(death, request.user),
            "can_manage": request.user.has_perm(MANAGE, death),
            "notification_label": (
                offers.offered("reviews.child_death_notifications").label(
                    pk=death.serious_incident_notification_id,
                    partnership_ids=death.partnership_ids_for_rules(),
                )
                if death.serious_incident_notification_id
                else ""
            ),
        },
    )


def _step(
    request, pk, *, form_class, title, service, button="Save", form_kwargs=None, initial=None
):
    death = load_death(request, pk)
    kwargs = form_kwargs(death) if form_kwargs else {}
    form = form_class(request.POST or None, initial=initial, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            service(death, form)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{title}: saved.")
            return redirect("childdeaths:detail", pk=death.pk)
    return render(
        request,
        "childdeaths/form.html",
        {
            "form": form,
            "title": title,
            "caption": death.reference,
            "death": death,
            "button": button,
        },
        status=400 if form.errors else 200,
    )


@cdop_permission(MANAGE)
@require_http_methods(["GET", "POST"])
def response_record(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        form_class=forms.ResponseForm,
        title="Joint agency response",
        service=lambda death, form: services.child_death_response_record(
            actor=request.user, death=death, **form.cleaned_data
        ),
    )


@cdop_permission(MANAGE)
@require_http_methods(["GET", "POST"])
def meeting_record(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        form_class=forms.MeetingForm,
        title="Child death review meeting",
        service=lambda death, form: services.child_death_meeting_record(
            actor=request.user, death=death, **form.cleaned_data
        ),
    )


@cdop_permission(MANAGE)
@require_http_methods(["GET", "POST"])
def reports_request(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        form_class=forms.ReportRequestForm,
        title="Ask agencies for their reports",
        button="Ask for the reports",
        form_kwargs=lambda death: {
            "agencies": _agencies_of(death.partnership_ids_for_rules()).exclude(
                pk__in=[r.agency_id for r in death.agency_reports.all()]
            )
        },
        service=lambda death, form: services.report_request(
            actor=request.user,
            death=death,
            agencies=form.cleaned_data["agencies"],
            due_on=form.cleaned_data["due_on"],
        ),
    )


@cdop_permission(MANAGE)
@require_http_methods(["GET", "POST"])
def queue(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        form_class=forms.QueueForm,
        title="Queue for a panel meeting",
        button="Queue",
        form_kwargs=lambda death: {
            "meetings": offers.offered("governance.meetings").panel_meeting_choices(
                partnership_ids=death.partnership_ids_for_rules()
            )
        },
        service=lambda death, form: services.child_death_queue(
            actor=request.user,
            death=death,
            meeting_id=form.cleaned_data["meeting"],
            theme=form.cleaned_data["theme"],
            reason=form.cleaned_data["reason"],
        ),
    )


@cdop_permission(MANAGE)
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        form_class=forms.ReviewForm,
        title="The panel's review",
        button="Record the review",
        service=lambda death, form: services.child_death_review(
            actor=request.user,
            death=death,
            category=form.cleaned_data["category"],
            factors=form.factors(),
            learning_points=form.cleaned_data["learning_points"],
            themes=form.cleaned_data["themes"],
        ),
    )


@cdop_permission(MANAGE)
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    death = load_death(request, pk)
    try:
        services.child_death_close(actor=request.user, death=death)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The review of {death.reference} is closed.")
    return redirect("childdeaths:detail", pk=death.pk)


@cdop_permission(MANAGE)
@require_http_methods(["GET", "POST"])
def recommendation_new(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        form_class=forms.RecommendationForm,
        title="Add a recommendation",
        button="Add the recommendation",
        form_kwargs=lambda death: {"agencies": _agencies_of(death.partnership_ids_for_rules())},
        service=lambda death, form: services.recommendation_add(
            actor=request.user, death=death, **form.cleaned_data
        ),
    )


@cdop_permission(MANAGE)
@require_http_methods(["GET", "POST"])
def recommendation_grade(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = selectors.recommendation_get(user=request.user, pk=int(pk))
    if recommendation is None:
        services.refusal_record(
            actor=request.user, event=audit_events.DEATH_REFUSED, path=request.path
        )
        raise Http404("No such recommendation")
    return _step(
        request,
        recommendation.child_death_id,
        form_class=forms.GradeForm,
        title="Grade the evidence of impact",
        button="Save the grade",
        service=lambda death, form: services.recommendation_grade(
            actor=request.user, recommendation=recommendation, **form.cleaned_data
        ),
    )
