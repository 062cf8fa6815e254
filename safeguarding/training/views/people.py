"""Pages for signed-in people: your training record, and an agency lead's staff."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods

from safeguarding.core.access import require_permission
from safeguarding.core.forms import add_service_errors
from safeguarding.training import selectors, services, tokens
from safeguarding.training.fees import fee_summary
from safeguarding.training.forms import CancelBookingForm, StaffBookingForm
from safeguarding.training.models import BookingStatus
from safeguarding.training.views.public import _bookable, _public_session

PAGE_SIZE = 25


@require_permission("training.view_own_training")
@require_GET
def my_training(request: HttpRequest) -> HttpResponse:
    bookings = selectors.my_bookings(user=request.user)
    page = Paginator(bookings, PAGE_SIZE).get_page(request.GET.get("page"))
    for booking in page.object_list:
        booking.link = tokens.attendee_token(booking)
    return render(
        request,
        "training/my_training.html",
        {
            "page": page,
            "due": selectors.training_due(bookings=selectors.own_bookings(user=request.user)),
            "now": timezone.now(),
        },
    )


@require_permission("training.view_agency_training")
@require_GET
def agency_training(request: HttpRequest) -> HttpResponse:
    bookings = selectors.agency_staff_bookings(user=request.user)
    page = Paginator(bookings, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "training/agency_training.html",
        {
            "page": page,
            "agencies": selectors.lead_agencies(user=request.user),
            "due": selectors.training_due(bookings=bookings),
            "now": timezone.now(),
        },
    )


@require_permission("training.book_staff", fn=_public_session)
@require_http_methods(["GET", "POST"])
def book_staff(request: HttpRequest, pk: int) -> HttpResponse:
    session = _public_session(request, pk)
    course = session.course
    if not _bookable(session):
        messages.error(request, "This session can no longer be booked. Choose another date.")
        return redirect("training:course", pk=course.pk)
    agencies = list(selectors.lead_agencies(user=request.user))
    if not agencies:
        messages.error(
            request,
            "Your lead role is not linked to an agency, so you cannot book staff. Ask the "
            "business unit to link it.",
        )
        return redirect("training:session", pk=session.pk)
    form = StaffBookingForm(
        request.POST or None,
        course=course,
        member_groups=list(selectors.member_groups_for(course=course)),
        staff=list(selectors.agency_staff(user=request.user)),
        agencies=agencies,
        initial={"sector": agencies[0].sector},
    )
    if request.method == "POST" and form.is_valid():
        try:
            booking = services.booking_create(
                actor=request.user, session=session, booked_by=request.user, **form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _staff_booked_message(booking))
            return redirect("training:agency-training")
    return render(
        request,
        "training/book_staff.html",
        {"form": form, "session": session, "course": course, "fee_text": fee_summary(course)},
    )


def _staff_booked_message(booking) -> str:
    name = booking.full_name
    if booking.status == BookingStatus.BOOKED:
        return f"{name} has a place. We have emailed them a confirmation."
    if booking.status == BookingStatus.REQUESTED:
        return f"A place is held for {name}; we have asked their line manager to approve it."
    return f"The session is full, so {name} is on the waiting list. We have told them."


def _visible_booking(request, pk: int):
    booking = selectors.booking_get(user=request.user, pk=pk)
    if booking is None:
        raise Http404("No such booking")
    return booking


def _safe_next(request, target: str) -> str:
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("training:my-training")


@require_permission("training.cancel_booking", fn=_visible_booking)
@require_http_methods(["GET", "POST"])
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    booking = _visible_booking(request, pk)
    form = CancelBookingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            booking = services.booking_cancel(
                actor=request.user, booking=booking, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            note = " It is recorded as a late cancellation." if booking.late_cancellation else ""
            messages.success(request, f"The booking for {booking.full_name} is cancelled.{note}")
            return redirect(_safe_next(request, request.POST.get("next", "")))
    return render(
        request,
        "training/booking_cancel.html",
        {
            "form": form,
            "booking": booking,
            "next": _safe_next(request, request.GET.get("next", "")),
        },
    )
