"""Pages for the second sign-in step, managing two-factor sign-in, and organisation sign-in."""

from __future__ import annotations

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeguarding.accounts import selectors, single_sign_on, two_factor
from safeguarding.accounts.sign_in_forms import (
    CodeForm,
    OrganisationEmailForm,
    PartnershipSignInForm,
    SetupCodeForm,
)
from safeguarding.core.access import public, require_permission
from safeguarding.core.audit import audit_record
from safeguarding.core.forms import add_service_errors
from safeguarding.core.roles import Role

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def locked_out(request, original_response=None, credentials=None) -> HttpResponse:
    """django-axes calls this when an account is locked after repeated failed sign-ins."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "accounts/locked_out.html",
        {"minutes": minutes, "limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )


def _next(request: HttpRequest, url: str) -> str:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _start_again(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    messages.info(request, "Your sign-in was not finished in time. Sign in again.")
    return redirect("accounts:sign-in")


def _is_locked(request: HttpRequest, username: str) -> bool:
    return AxesProxyHandler.is_locked(request, credentials={"username": username})


def second_step_redirect(user) -> HttpResponse:
    """Where a person goes after the first step: the code page, or set-up if they have none."""
    if two_factor.has_second_factor(user):
        return redirect("accounts:two-factor-verify")
    return redirect("accounts:two-factor-setup")


# The second step ------------------------------------------------------------------------


@public
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    user = two_factor.pending_user(request)
    if user is None:
        return _start_again(request)
    if not two_factor.has_second_factor(user):
        return redirect("accounts:two-factor-setup")
    state = two_factor.pending_state(request)
    if _is_locked(request, state["username"]):
        two_factor.pending_cancel(request)
        return locked_out(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = two_factor.verify(
                request, user=user, code=form.cleaned_data["code"], username=state["username"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
            if getattr(request, "axes_locked_out", False):
                # That was the last allowed try: the lockout page answers (AxesMiddleware).
                two_factor.pending_cancel(request)
        else:
            next_url = two_factor.pending_finish(request, user)
            if result.method == "recovery code":
                messages.warning(
                    request,
                    f"You used a recovery code. You have {result.codes_left} left: make new "
                    "ones on your two-factor sign-in page if you are running out.",
                )
            return redirect(_next(request, next_url))
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/two_factor_verify.html", {"form": form}, status=status)


@public
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: while signed in, or as the second step when required."""
    pending = not request.user.is_authenticated
    user = two_factor.pending_user(request) if pending else request.user
    if user is None:
        return _start_again(request)
    if pending and two_factor.has_second_factor(user):
        # Replacing an app needs the second step first.
        return redirect("accounts:two-factor-verify")
    username = two_factor.pending_state(request)["username"] if pending else user.email
    if pending and _is_locked(request, username):
        two_factor.pending_cancel(request)
        return locked_out(request)
    device = two_factor.setup_device(user)
    form = SetupCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = two_factor.setup_confirm(
                request, user=user, device=device, code=form.cleaned_data["code"], username=username
            )
        except ValidationError as error:
            add_service_errors(form, error)
            if pending and getattr(request, "axes_locked_out", False):
                two_factor.pending_cancel(request)
        else:
            next_url = (
                _next(request, two_factor.pending_finish(request, user))
                if pending
                else reverse("accounts:two-factor")
            )
            return render(
                request,
                "accounts/two_factor_recovery_codes.html",
                {"codes": codes, "next_url": next_url, "just_set_up": True},
            )
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "pending": pending,
            "required": two_factor.required_for(user),
            "qr_code": mark_safe(two_factor.qr_code_svg(device)),  # noqa: S308 drawn by segno
            "secret": two_factor.secret_text(device),
            "replacing": two_factor.has_second_factor(user),
        },
        status=400 if request.method == "POST" else 200,
    )


# Managing it from your account ----------------------------------------------------------


@require_permission("accounts.manage_own_account")
@require_GET
def two_factor_manage(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "accounts/two_factor.html",
        {
            "device": two_factor.app_device(user),
            "codes_left": two_factor.recovery_codes_left(user),
            "required": two_factor.required_for(user),
        },
    )


@require_permission("accounts.manage_own_account")
@require_POST
def two_factor_recovery_codes(request: HttpRequest) -> HttpResponse:
    try:
        codes = two_factor.recovery_codes_regenerate(user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("accounts:two-factor")
    return render(
        request,
        "accounts/two_factor_recovery_codes.html",
        {"codes": codes, "next_url": reverse("accounts:two-factor"), "just_set_up": False},
    )


@require_permission("accounts.manage_own_account")
@require_POST
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    try:
        two_factor.disable(actor=request.user, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Two-factor sign-in has been turned off.")
    return redirect("accounts:two-factor")


# A partnership's sign-in settings -------------------------------------------------------


def _partnership(request, slug: str):
    partnership = selectors.partnership_get(slug=slug)
    if partnership is None:
        raise Http404("No such partnership")
    return partnership


@require_permission("accounts.change_partnership", fn=_partnership)
@require_http_methods(["GET", "POST"])
def partnership_sign_in(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = _partnership(request, slug)
    form = PartnershipSignInForm(
        request.POST or None,
        initial={
            "two_factor_roles": partnership.two_factor_roles,
            "two_factor_after_single_sign_on": partnership.two_factor_after_single_sign_on,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            two_factor.partnership_sign_in_settings_update(
                actor=request.user, partnership=partnership, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Sign-in settings for {partnership.name} have been saved.")
            return redirect("accounts:partnership-sign-in", slug=partnership.slug)
    return render(
        request,
        "accounts/partnership_sign_in.html",
        {
            "edited": partnership,
            "form": form,
            "organisations": partnership.organisation_sign_ins.all(),
            "roles": Role,
        },
        status=400 if request.method == "POST" else 200,
    )


# Signing in with an organisation's account ----------------------------------------------


@public
@require_http_methods(["GET", "POST"])
def organisation_sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = OrganisationEmailForm(request.POST or None)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        connection = single_sign_on.connection_for_email(email)
        if connection is None:
            form.add_error(
                "email",
                "Your organisation's account cannot be used to sign in here. Sign in with your "
                "email address and password instead.",
            )
        else:
            try:
                return single_sign_on.start(
                    request,
                    connection=connection,
                    email=email,
                    redirect_uri=request.build_absolute_uri(
                        reverse("accounts:organisation-sign-in-callback")
                    ),
                    next_url=next_url,
                )
            except single_sign_on.SignInRefused as refused:
                form.add_error(None, str(refused))
    response = render(
        request,
        "accounts/organisation_sign_in.html",
        {"form": form, "next": next_url},
        status=400 if request.method == "POST" else 200,
    )
    # The form's answer redirects to the organisation's own sign-in page: allow those sites.
    origins = single_sign_on.form_action_origins()
    if origins:
        response._csp_update = {"form-action": origins}  # type: ignore[attr-defined]
        response._csp_update_ro = {"form-action": origins}  # type: ignore[attr-defined]
    return response


@public
@require_GET
def organisation_sign_in_callback(request: HttpRequest) -> HttpResponse:
    try:
        outcome = single_sign_on.finish(request)
    except single_sign_on.SignInRefused as refused:
        messages.error(request, str(refused))
        return redirect("accounts:organisation-sign-in")
    user = outcome.user
    if two_factor.second_step_needed(
        user, via=two_factor.VIA_ORGANISATION, partnership=outcome.connection.partnership
    ):
        user.backend = MODEL_BACKEND
        two_factor.pending_start(
            request,
            user=user,
            username=user.email,
            via=two_factor.VIA_ORGANISATION,
            next_url=outcome.next_url,
        )
        return second_step_redirect(user)
    login(request, user, backend=MODEL_BACKEND)
    with transaction.atomic():
        audit_record(
            actor=user,
            event="accounts.user.signed_in",
            target=user,
            after={"via": "organisation", "organisation": outcome.connection.name},
        )
    return redirect(_next(request, outcome.next_url))
