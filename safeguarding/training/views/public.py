"""Public pages: the catalogue, courses, sessions, booking, and the pages people reach from
the links in their emails (their booking, the manager's approval, evaluation, follow-up,
certificate) plus the public certificate check.

The catalogue, course and session pages show no personal data: only places left. The
emailed links carry a signed token; the token is the permission, so those pages are public
in the sense of needing no account, but show only the one booking the link was sent for.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeguarding.core.access import public
from safeguarding.core.forms import add_service_errors
from safeguarding.training import selectors, services, tokens
from safeguarding.training.fees import fee_summary
from safeguarding.training.forms import (
    ApprovalForm,
    BookingForm,
    CancelBookingForm,
    CatalogueFilterForm,
    EvaluationForm,
    FollowUpForm,
    ManagerFollowUpForm,
    VerifyForm,
)
from safeguarding.training.models import BookingStatus
from safeguarding.training.pdf import certificate_pdf
from safeguarding.training.services.limits import TOO_MANY as TOO_MANY_BOOKINGS
from safeguarding.training.views.common import client_ip

CATALOGUE_PAGE_SIZE = 20
SESSIONS_PAGE_SIZE = 20


@public
@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    themes = list(selectors.catalogue_themes())
    form = CatalogueFilterForm(request.GET or None, themes=themes)
    values = form.cleaned_data if form.is_bound and form.is_valid() else {}
    filters = selectors.CatalogueFilter(**{k: v for k, v in values.items() if v is not None})
    courses = selectors.catalogue_courses(filters=filters)
    page = Paginator(courses, CATALOGUE_PAGE_SIZE).get_page(request.GET.get("page"))
    for course in page.object_list:
        course.fee_text = fee_summary(course)
    return render(
        request,
        "training/catalogue.html",
        {"form": form, "page": page, "filtered": bool(values and any(values.values()))},
    )


def _public_course(request, pk: int):
    course = selectors.course_get(user=request.user, pk=pk)
    if course is None:
        raise Http404("No such course")
    return course


@public
@require_GET
def course_detail(request: HttpRequest, pk: int) -> HttpResponse:
    course = _public_course(request, pk)
    sessions = selectors.course_sessions_upcoming(course=course)
    page = Paginator(sessions, SESSIONS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "training/course_detail.html",
        {
            "course": course,
            "page": page,
            "fee_text": fee_summary(course),
            "outcomes": [o for o in course.outcomes.all() if o.is_current],
            "can_manage": request.user.has_perm("training.change_course", course),
        },
    )


def _public_session(request, pk: int):
    session = selectors.session_get(user=request.user, pk=pk)
    if session is None:
        raise Http404("No such session")
    return session


def _bookable(session) -> bool:
    return not session.is_cancelled and session.starts_at > timezone.now()


@public
@require_GET
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = _public_session(request, pk)
    return render(
        request,
        "training/session_detail.html",
        {
            "session": session,
            "course": session.course,
            "fee_text": fee_summary(session.course),
            "bookable": _bookable(session),
            "can_book_staff": request.user.has_perm("training.book_staff", session),
            "can_manage": request.user.has_perm("training.manage_session", session),
        },
    )


def _initial_for(user) -> dict:
    if not user.is_authenticated:
        return {}
    membership = user.agency_memberships.select_related("agency").first()
    initial = {"full_name": user.full_name, "email": user.email, "job_role": user.job_title}
    if membership is not None:
        initial["organisation"] = membership.agency.name
        initial["sector"] = membership.agency.sector
        initial["job_role"] = membership.job_title or user.job_title
    return initial


@public
@require_http_methods(["GET", "POST"])
def book(request: HttpRequest, pk: int) -> HttpResponse:
    session = _public_session(request, pk)
    course = session.course
    if not _bookable(session):
        messages.error(request, "This session can no longer be booked. Choose another date.")
        return redirect("training:course", pk=course.pk)
    form = BookingForm(
        request.POST or None,
        course=course,
        member_groups=list(selectors.member_groups_for(course=course)),
        initial=_initial_for(request.user),
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        user = request.user if request.user.is_authenticated else None
        if user is not None and fields["email"].lower() != user.email.lower():
            user = None  # booking someone else: not linked to the account
        try:
            booking = services.booking_create(
                actor=request.user,
                session=session,
                user=user,
                public_ip=None if request.user.is_authenticated else client_ip(request),
                **fields,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            if getattr(error, "code", None) == TOO_MANY_BOOKINGS:
                status = 429
        else:
            messages.success(request, _booked_message(booking))
            return redirect("training:booking", token=tokens.attendee_token(booking))
    return render(
        request,
        "training/book.html",
        {"form": form, "session": session, "course": course, "fee_text": fee_summary(course)},
        status=status,
    )


def _booked_message(booking) -> str:
    if booking.status == BookingStatus.BOOKED:
        return f"Your place is booked. We have emailed a confirmation to {booking.email}."
    if booking.status == BookingStatus.REQUESTED:
        return (
            "We are holding a place for you and have asked your line manager to approve it. "
            f"We will email {booking.email} when they do."
        )
    return (
        "The session is full, so you are on the waiting list. We will email "
        f"{booking.email} if a place becomes free."
    )


# Pages reached from the links in emails ---------------------------------------------------


class _LinkExpired(Exception):
    def __init__(self, booking, expiry) -> None:
        super().__init__("This link has expired.")
        self.booking = booking
        self.expiry = expiry


def _from_link(purpose: str, token: str, page: str = ""):
    booking = selectors.booking_by_token(purpose=purpose, token=token)
    if booking is None:
        raise Http404("This link is not valid. Check it is the whole link from your email.")
    expiry = selectors.link_expiry(purpose=purpose, booking=booking, page=page)
    if expiry.has_expired(timezone.now()):
        raise _LinkExpired(booking, expiry)
    return booking


def _booking_from_link(token: str):
    return _from_link(tokens.ATTENDEE, token)


def _manager_booking(token: str, page: str = ""):
    return _from_link(tokens.MANAGER, token, page)


def _expired_link_page(view):
    """Show what to do instead of the page when the emailed link has expired (410 Gone)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except _LinkExpired as expired:
            booking = expired.booking
            return render(
                request,
                "training/link_expired.html",
                {
                    "booking": booking,
                    "course": booking.session.course,
                    "partnership": booking.session.course.partnership,
                    "expiry": expired.expiry,
                },
                status=410,
            )

    return wrapped


@public
@never_cache
@_expired_link_page
@require_GET
def booking_page(request: HttpRequest, token: str) -> HttpResponse:
    booking = _booking_from_link(token)
    session = booking.session
    now = timezone.now()
    return render(
        request,
        "training/booking.html",
        {
            "booking": booking,
            "session": session,
            "course": session.course,
            "token": token,
            "can_cancel": booking.is_active and session.starts_at > now,
            "has_offer": booking.status == BookingStatus.OFFERED,
            "can_evaluate": booking.attended
            and not hasattr(booking, "evaluation")
            and session.starts_at <= now,
            "evaluation_opens": session.starts_at
            if booking.attended and session.starts_at > now
            else None,
            "evaluated": hasattr(booking, "evaluation"),
            "follow_up": getattr(booking, "follow_up", None),
            "position": selectors.waiting_position(booking)
            if booking.status == BookingStatus.WAITING
            else None,
            "cancel_form": CancelBookingForm(),
        },
    )


@public
@never_cache
@_expired_link_page
@require_POST
def booking_cancel_link(request: HttpRequest, token: str) -> HttpResponse:
    booking = _booking_from_link(token)
    form = CancelBookingForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        booking = services.booking_cancel(actor=request.user, booking=booking, reason=reason)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        note = " It is recorded as a late cancellation." if booking.late_cancellation else ""
        messages.success(request, f"Your booking has been cancelled.{note}")
    return redirect("training:booking", token=token)


@public
@never_cache
@_expired_link_page
@require_POST
def offer_respond(request: HttpRequest, token: str) -> HttpResponse:
    booking = _booking_from_link(token)
    decision = request.POST.get("decision")
    try:
        if decision == "accept":
            booking = services.offer_accept(actor=request.user, booking=booking)
            messages.success(request, _booked_message(booking))
        elif decision == "decline":
            services.offer_decline(actor=request.user, booking=booking)
            messages.success(request, "You have declined the place. Thank you for telling us.")
        else:
            messages.error(request, "Choose whether to accept or decline the place.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("training:booking", token=token)


@public
@never_cache
@_expired_link_page
@require_http_methods(["GET", "POST"])
def evaluation(request: HttpRequest, token: str) -> HttpResponse:
    booking = _booking_from_link(token)
    if not booking.attended or hasattr(booking, "evaluation"):
        messages.error(
            request,
            "You have already evaluated this session. Thank you."
            if booking.attended
            else "You can only evaluate a session you attended.",
        )
        return redirect("training:booking", token=token)
    context = {"booking": booking, "course": booking.session.course, "token": token}
    if booking.session.starts_at > timezone.now():
        # Not offered before the session has taken place: say when it opens instead.
        context["opens_at"] = booking.session.starts_at
        return render(request, "training/evaluation_form.html", context)
    outcomes = [o for o in booking.session.course.outcomes.all() if o.is_current]
    form = EvaluationForm(request.POST or None, outcomes=outcomes)
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_submit(
                actor=request.user,
                booking=booking,
                quality=int(form.cleaned_data["quality"]),
                will_do_differently=form.cleaned_data["will_do_differently"],
                comments=form.cleaned_data["comments"],
                ratings=form.ratings(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Thank you: your evaluation has been sent.")
            return redirect("training:booking", token=token)
    return render(request, "training/evaluation_form.html", {**context, "form": form})


@public
@never_cache
@_expired_link_page
@require_http_methods(["GET", "POST"])
def follow_up(request: HttpRequest, token: str) -> HttpResponse:
    booking = _booking_from_link(token)
    survey = getattr(booking, "follow_up", None)
    if survey is None or survey.answered_at is not None:
        messages.error(
            request,
            "You have already answered this survey. Thank you."
            if survey is not None
            else "There is no follow-up survey for this booking yet.",
        )
        return redirect("training:booking", token=token)
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_answer(actor=request.user, booking=booking, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Thank you: your answers have been sent.")
            return redirect("training:booking", token=token)
    return render(
        request,
        "training/follow_up_form.html",
        {"form": form, "booking": booking, "course": booking.session.course, "token": token},
    )


@public
@never_cache
@_expired_link_page
@require_GET
def certificate(request: HttpRequest, token: str) -> HttpResponse:
    booking = _booking_from_link(token)
    try:
        issued = services.certificate_issue(actor=request.user, booking=booking)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("training:booking", token=token)
    pdf = certificate_pdf(issued, request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{issued.code}.pdf"'
    return response


@public
@never_cache
@_expired_link_page
@require_http_methods(["GET", "POST"])
def approval(request: HttpRequest, token: str) -> HttpResponse:
    booking = _manager_booking(token)
    form = ApprovalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "approve":
                services.booking_approve(actor=request.user, booking=booking)
                messages.success(request, f"You have approved the place for {booking.full_name}.")
            else:
                services.booking_decline(
                    actor=request.user, booking=booking, reason=form.cleaned_data["reason"]
                )
                messages.success(request, f"You have declined the place for {booking.full_name}.")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("training:approval", token=token)
    return render(
        request,
        "training/approval.html",
        {
            "form": form,
            "booking": booking,
            "session": booking.session,
            "course": booking.session.course,
            "pending": booking.status == BookingStatus.REQUESTED,
        },
    )


@public
@never_cache
@_expired_link_page
@require_http_methods(["GET", "POST"])
def manager_follow_up(request: HttpRequest, token: str) -> HttpResponse:
    booking = _manager_booking(token, "follow-up")
    form = ManagerFollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_manager_answer(
                actor=request.user,
                booking=booking,
                observed=form.cleaned_data["observed"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Thank you: your answers have been sent.")
            return redirect("training:manager-follow-up", token=token)
    follow_up = getattr(booking, "follow_up", None)
    return render(
        request,
        "training/manager_follow_up.html",
        {
            "form": form,
            "booking": booking,
            "course": booking.session.course,
            "answered": follow_up is not None and follow_up.manager_answered_at is not None,
            "sent": follow_up is not None and follow_up.sent_to_manager,
        },
    )


@public
@require_GET
def verify(request: HttpRequest) -> HttpResponse:
    form = VerifyForm(request.GET or None)
    found = None
    if form.is_bound and form.is_valid():
        found = selectors.certificate_by_code(code=form.cleaned_data["code"])
        if found is None:
            form.add_error(
                "code",
                "No certificate has this code. Check it against the certificate, including "
                "the letters.",
            )
    return render(request, "training/verify.html", {"form": form, "certificate": found})
