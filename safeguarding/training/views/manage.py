"""The business unit's pages: courses, sessions, bookings, the register, settings."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from safeguarding.core.access import require_permission
from safeguarding.core.forms import add_service_errors
from safeguarding.training import selectors, services
from safeguarding.training.fees import fee_summary
from safeguarding.training.forms import (
    AddAttendeeForm,
    CourseForm,
    RegisterForm,
    SessionCancelForm,
    SessionForm,
    TrainingSettingsForm,
)
from safeguarding.training.models import (
    ACTIVE_STATUSES,
    Attendance,
    BookingStatus,
    CourseLevel,
    SessionStatus,
)

PAGE_SIZE = 25


class ManagedCourseFilterForm(forms.Form):
    query = forms.CharField(label="Title contains", required=False, max_length=100)
    level = forms.ChoiceField(
        label="Level", required=False, choices=[("", "Any level"), *CourseLevel.choices]
    )
    published = forms.ChoiceField(
        label="In the catalogue",
        required=False,
        choices=[("", "Any"), ("yes", "Published"), ("no", "Draft")],
    )


@require_permission("training.manage_training")
@require_GET
def course_list(request: HttpRequest) -> HttpResponse:
    form = ManagedCourseFilterForm(request.GET or None)
    filters = selectors.ManagedCourseFilter(**(form.cleaned_data if form.is_valid() else {}))
    courses = selectors.managed_course_list(user=request.user, filters=filters)
    page = Paginator(courses, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "training/manage/course_list.html", {"form": form, "page": page})


def _managed_course(request, pk: int):
    course = selectors.managed_course_get(user=request.user, pk=pk)
    if course is None:
        raise Http404("No such course")
    return course


@require_permission("training.manage_training")
@require_http_methods(["GET", "POST"])
def course_new(request: HttpRequest) -> HttpResponse:
    choices = selectors.course_form_choices(user=request.user)
    form = CourseForm(request.POST or None, **choices)
    if request.method == "POST" and form.is_valid():
        partnership = form.chosen_partnership()
        if partnership is None or not request.user.has_perm("training.change_course", partnership):
            form.add_error("partnership", "Choose a partnership whose training you run.")
        else:
            try:
                course = services.course_create(
                    actor=request.user, partnership=partnership, **form.service_fields()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"“{course.title}” has been added. Now add its sessions.")
                return redirect("training:course-manage", pk=course.pk)
    return render(request, "training/manage/course_form.html", {"form": form, "course": None})


@require_permission("training.change_course", fn=_managed_course)
@require_http_methods(["GET", "POST"])
def course_edit(request: HttpRequest, pk: int) -> HttpResponse:
    course = _managed_course(request, pk)
    choices = selectors.course_form_choices(user=request.user, exclude_course=course)
    choices["partnerships"] = [course.partnership]
    form = CourseForm(request.POST or None, initial=CourseForm.initial_for(course), **choices)
    if request.method == "POST" and form.is_valid():
        try:
            services.course_update(actor=request.user, course=course, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"“{course.title}” has been updated.")
            return redirect("training:course-manage", pk=course.pk)
    return render(request, "training/manage/course_form.html", {"form": form, "course": course})


@require_permission("training.change_course", fn=_managed_course)
@require_GET
def course_manage(request: HttpRequest, pk: int) -> HttpResponse:
    course = _managed_course(request, pk)
    sessions = selectors.managed_sessions_of_course(user=request.user, course=course)
    page = Paginator(sessions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "training/manage/course_manage.html",
        {
            "course": course,
            "page": page,
            "fee_text": fee_summary(course),
            "outcomes": [o for o in course.outcomes.all() if o.is_current],
            "now": timezone.now(),
        },
    )


@require_permission("training.change_course", fn=_managed_course)
@require_http_methods(["GET", "POST"])
def session_new(request: HttpRequest, pk: int) -> HttpResponse:
    course = _managed_course(request, pk)
    partnerships = list(selectors.other_partnerships(partnership_id=course.partnership_id))
    form = SessionForm(request.POST or None, partnerships=partnerships)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(
                actor=request.user, course=course, **form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, _session_error(error))
        else:
            messages.success(request, "The session has been added and can be booked.")
            return redirect("training:session-manage", pk=session.pk)
    return render(
        request,
        "training/manage/session_form.html",
        {"form": form, "course": course, "session": None},
    )


def _session_error(error: ValidationError) -> ValidationError:
    """Service field names (starts_at, ends_at) shown on the form's fields (day, end)."""
    if not hasattr(error, "error_dict"):
        return error
    renamed = {}
    for field, messages_ in error.message_dict.items():
        renamed[{"starts_at": "day", "ends_at": "end"}.get(field, field)] = messages_
    return ValidationError(renamed)


def _managed_session(request, pk: int):
    session = selectors.managed_session_get(user=request.user, pk=pk)
    if session is None:
        raise Http404("No such session")
    return session


@require_permission("training.manage_session", fn=_managed_session)
@require_GET
def session_manage(request: HttpRequest, pk: int) -> HttpResponse:
    session = _managed_session(request, pk)
    bookings = selectors.session_bookings(user=request.user, session=session)
    page = Paginator(bookings, 50).get_page(request.GET.get("page"))
    now = timezone.now()
    return render(
        request,
        "training/manage/session_manage.html",
        {
            "session": session,
            "course": session.course,
            "page": page,
            "register_open": session.status == SessionStatus.SCHEDULED
            and timezone.localdate(session.starts_at) <= timezone.localdate(),
            "can_change": session.status == SessionStatus.SCHEDULED and session.starts_at > now,
            "active_statuses": ACTIVE_STATUSES,
        },
    )


@require_permission("training.manage_session", fn=_managed_session)
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = _managed_session(request, pk)
    partnerships = list(selectors.other_partnerships(partnership_id=session.course.partnership_id))
    form = SessionForm(
        request.POST or None, partnerships=partnerships, initial=SessionForm.initial_for(session)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update(actor=request.user, session=session, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, _session_error(error))
        else:
            messages.success(
                request, "The session has been updated. Everyone with a place has been told."
            )
            return redirect("training:session-manage", pk=session.pk)
    return render(
        request,
        "training/manage/session_form.html",
        {"form": form, "course": session.course, "session": session},
    )


@require_permission("training.manage_session", fn=_managed_session)
@require_http_methods(["GET", "POST"])
def session_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    session = _managed_session(request, pk)
    form = SessionCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_cancel(
                actor=request.user, session=session, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, "The session is cancelled. Everyone booked or waiting has been emailed."
            )
            return redirect("training:session-manage", pk=session.pk)
    affected = selectors.session_bookings(
        user=request.user, session=session, statuses=ACTIVE_STATUSES
    ).count()
    return render(
        request,
        "training/manage/session_cancel.html",
        {"form": form, "session": session, "course": session.course, "affected": affected},
    )


@require_permission("training.manage_session", fn=_managed_session)
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, pk: int) -> HttpResponse:
    session = _managed_session(request, pk)
    bookings = list(
        selectors.session_bookings(
            user=request.user, session=session, statuses=[BookingStatus.BOOKED]
        ).order_by("full_name", "pk")
    )
    form = RegisterForm(request.POST or None, bookings=bookings)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.attendance_record(
                actor=request.user, session=session, marks=form.marks()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The register has been saved ({count} marked).")
            return redirect("training:session-manage", pk=session.pk)
    return render(
        request,
        "training/manage/register.html",
        {
            "form": form,
            "session": session,
            "course": session.course,
            "bookings": bookings,
            "unmarked": sum(1 for b in bookings if not b.attendance),
            "absent": sum(1 for b in bookings if b.attendance == Attendance.ABSENT),
        },
    )


@require_permission("training.manage_session", fn=_managed_session)
@require_http_methods(["GET", "POST"])
def attendee_add(request: HttpRequest, pk: int) -> HttpResponse:
    session = _managed_session(request, pk)
    form = AddAttendeeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            booking = services.register_add_attendee(
                actor=request.user, session=session, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{booking.full_name} has been added to the register.")
            return redirect("training:register", pk=session.pk)
    return render(
        request,
        "training/manage/attendee_add.html",
        {"form": form, "session": session, "course": session.course},
    )


@require_permission("training.manage_training")
@require_http_methods(["GET", "POST"])
def training_settings(request: HttpRequest) -> HttpResponse:
    partnerships = selectors.managed_partnerships(user=request.user)
    chosen = next(
        (p for p in partnerships if p.slug == request.GET.get("partnership")), partnerships[0]
    )
    current = selectors.training_settings_get(partnership=chosen)
    form = TrainingSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.training_settings_update(
                actor=request.user, partnership=chosen, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Training settings for {chosen.name} have been saved.")
            return redirect(f"{request.path}?partnership={chosen.slug}")
    return render(
        request,
        "training/manage/settings.html",
        {"form": form, "partnership": chosen, "partnerships": partnerships},
    )
