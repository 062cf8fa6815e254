"""Public pages: subscribing, preferences, unsubscribing, the bulletin archive, and the
open and click counters."""

from __future__ import annotations

import base64
import hmac
import json

from django.conf import settings
from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeguarding.comms import rendering
from safeguarding.comms.forms import PreferencesForm, SubscribeForm
from safeguarding.comms.models import SubscriberStatus
from safeguarding.comms.selectors import bulletins as bulletin_selectors
from safeguarding.comms.selectors.subscribers import subscription_themes
from safeguarding.comms.services import subscribers as services
from safeguarding.comms.services.receipts import delivery_receipt_record
from safeguarding.comms.services.tracking import bulletin_link_follow, bulletin_open_record
from safeguarding.core import data_version
from safeguarding.core.access import public
from safeguarding.core.forms import add_service_errors

ARCHIVE_PAGE_SIZE = 24
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


def _partnership(request):
    partnership = getattr(request, "partnership", None) or None  # set by accounts' middleware
    if partnership is None:
        raise Http404("This site has no partnership yet")
    return partnership


@public
@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    partnership = _partnership(request)
    form = SubscribeForm(request.POST or None, themes=subscription_themes())
    if request.method == "POST" and form.is_valid():
        try:
            services.subscriber_subscribe(
                partnership=partnership,
                email=form.cleaned_data["email"],
                first_name=form.cleaned_data["first_name"],
                audiences=form.cleaned_data["audiences"],
                themes=form.cleaned_data["themes"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return render(
                request, "comms/subscribe_check_email.html", {"email": form.cleaned_data["email"]}
            )
    return render(request, "comms/subscribe.html", {"form": form})


@public
@require_GET
def subscribe_confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber = services.subscriber_confirm(token=token)
    except ValidationError as error:
        return render(request, "comms/link_invalid.html", {"reason": error.messages[0]}, status=400)
    from safeguarding.comms.tokens import preferences_token

    return render(
        request,
        "comms/subscribe_confirmed.html",
        {"subscriber": subscriber, "token": preferences_token(subscriber)},
    )


def _subscriber_or_invalid(request, token):
    subscriber = services.subscriber_from_link(token)
    if subscriber is None:
        return None, render(
            request,
            "comms/link_invalid.html",
            {"reason": "This link is not valid. Use the link in the latest bulletin email."},
            status=404,
        )
    return subscriber, None


@public
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest, token: str) -> HttpResponse:
    subscriber, refusal = _subscriber_or_invalid(request, token)
    if refusal:
        return refusal
    initial = {"audiences": subscriber.audiences, "themes": list(subscriber.themes.all())}
    form = PreferencesForm(request.POST or None, initial=initial, themes=subscription_themes())
    if (
        request.method == "POST"
        and subscriber.status != SubscriberStatus.UNSUBSCRIBED
        and form.is_valid()
    ):
        services.subscriber_update_preferences(
            subscriber=subscriber,
            audiences=form.cleaned_data["audiences"],
            themes=form.cleaned_data["themes"],
        )
        flash.success(request, "Your preferences have been saved")
        return redirect("comms:preferences", token=token)
    return render(
        request, "comms/preferences.html", {"form": form, "subscriber": subscriber, "token": token}
    )


@public
@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" with no cookie or token
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    subscriber, refusal = _subscriber_or_invalid(request, token)
    if refusal:
        return refusal
    if request.method == "POST":
        one_click = request.POST.get("List-Unsubscribe") == "One-Click"
        services.subscriber_unsubscribe(
            subscriber=subscriber, how="one-click (RFC 8058)" if one_click else "unsubscribe page"
        )
        return render(request, "comms/unsubscribed.html", {"subscriber": subscriber})
    return render(request, "comms/unsubscribe.html", {"subscriber": subscriber, "token": token})


@public
@require_GET
def bulletin_archive(request: HttpRequest) -> HttpResponse:
    partnership = getattr(request, "partnership", None) or None  # set by accounts' middleware
    found = bulletin_selectors.bulletin_archive(partnership=partnership)
    page = Paginator(found, ARCHIVE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "comms/archive.html", {"page": page})


@public
@require_GET
def bulletin_detail(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = bulletin_selectors.bulletin_public_get(pk=pk)
    if bulletin is None:
        raise Http404("No such bulletin")
    return render(request, "comms/bulletin.html", rendering.web_context(bulletin))


@public
@require_GET
def bulletin_open(request: HttpRequest, token: str) -> HttpResponse:
    bulletin_open_record(token=token)
    response = HttpResponse(PIXEL, content_type="image/gif")
    response["Cache-Control"] = "no-store"
    return response


@public
@require_GET
def bulletin_link(request: HttpRequest, token: str) -> HttpResponse:
    target = bulletin_link_follow(token=token)
    if target is None:
        raise Http404("This link is not in any bulletin")
    return HttpResponseRedirect(target)


@public
@csrf_exempt  # GOV.UK Notify posts receipts with its bearer token, not a session
@data_version.changes_nothing_shown  # a bounce moves it on itself (services/receipts.py)
@require_POST
def delivery_receipt(request: HttpRequest) -> HttpResponse:
    """GOV.UK Notify's delivery receipt for one email (services/receipts.py). Notify
    authenticates with the bearer token set on its callbacks page, the same as
    NOTIFY_CALLBACK_TOKEN here; with no token configured the address does not exist."""
    expected = settings.NOTIFY_CALLBACK_TOKEN
    if not expected:
        raise Http404("Delivery receipts are not turned on")
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), expected.encode()):
        return JsonResponse({"error": "The bearer token is missing or wrong."}, status=401)
    try:
        receipt = json.loads(request.body)
        reference, status = receipt.get("reference") or "", receipt["status"]
    except (ValueError, KeyError, TypeError, AttributeError):
        return JsonResponse(
            {"error": "Send Notify's receipt: JSON with at least status and reference."},
            status=400,
        )
    outcome = delivery_receipt_record(reference=str(reference), status=str(status))
    # Answered 200 even when the reference is not ours, so Notify does not retry it.
    return JsonResponse({"outcome": outcome})
