"""Pages for the public home, signing in, passwords, your account, partnerships and agencies."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeguarding.accounts import selectors, services, single_sign_on, two_factor
from safeguarding.accounts.forms import (
    AgencyFilterForm,
    AgencyForm,
    ApiTokenForm,
    PartnershipForm,
    PasswordChangeForm,
    PasswordResetRequestForm,
    PeopleFilterForm,
    PersonInviteForm,
    RoleForm,
    SetPasswordForm,
    SignInForm,
)
from safeguarding.accounts.models import Partnership
from safeguarding.core import dashboard
from safeguarding.core.access import public, require_permission
from safeguarding.core.forms import add_service_errors
from safeguarding.core.permissions import partnerships_where
from safeguarding.core.rate_limits import client_ip, rate_limit_check_and_count
from safeguarding.core.roles import Role

PAGE_SIZE = 50
PASSWORD_RESET_WINDOW = timedelta(hours=1)
PASSWORD_RESETS_PER_EMAIL = 3
PASSWORD_RESETS_PER_IP = 20


# Public home ---------------------------------------------------------------------------


@public
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    partnership = request.partnership or None
    partners = selectors.statutory_partners(partnership=partnership) if partnership else []
    return render(
        request,
        "accounts/home.html",
        {"statutory_partners": partners, "sections": dashboard.home_sections_for(request)},
    )


# Signing in and out, passwords ---------------------------------------------------------


@method_decorator(public, name="dispatch")
class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["organisation_sign_in"] = single_sign_on.offered()
        return context

    def form_valid(self, form):
        user = form.get_user()
        if two_factor.second_step_needed(user, via=two_factor.VIA_PASSWORD):
            # Not signed in yet: the second step finishes it (ADR 0011).
            two_factor.pending_start(
                self.request,
                user=user,
                username=form.cleaned_data["username"],
                via=two_factor.VIA_PASSWORD,
                next_url=self.get_redirect_url(),
            )
            if two_factor.has_second_factor(user):
                return redirect("accounts:two-factor-verify")
            return redirect("accounts:two-factor-setup")
        response = super().form_valid(form)
        services.sign_in_record(user=user)
        return response


@method_decorator(public, name="dispatch")
class SignOutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


@method_decorator(public, name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetRequestForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-sent")

    def form_valid(self, form):
        # Counted whether or not there is an account for the address, and refused with the
        # same words either way, so the limit never tells anyone which addresses exist.
        decision = rate_limit_check_and_count(
            scope="password-reset",
            identities={
                "email": (form.cleaned_data["email"], PASSWORD_RESETS_PER_EMAIL),
                "ip": (client_ip(self.request), PASSWORD_RESETS_PER_IP),
            },
            window=PASSWORD_RESET_WINDOW,
        )
        if not decision.allowed:
            form.add_error(
                None,
                "There have been too many requests to reset a password from this email "
                "address or this connection. Wait an hour, then try again.",
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)


@method_decorator(public, name="dispatch")
class PasswordResetSentView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"


@method_decorator(public, name="dispatch")
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_changed_record(user=form.user, how="reset")
        return response


@method_decorator(public, name="dispatch")
class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@method_decorator(require_permission("accounts.manage_own_account"), name="dispatch")
class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_changed_record(user=form.user, how="changed")
        messages.success(self.request, "Your password has been changed.")
        return response


# Your account and API tokens -----------------------------------------------------------


@require_permission("accounts.manage_own_account")
@require_GET
def account(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/account.html",
        {
            "roles": selectors.user_roles(user=request.user),
            "memberships": selectors.user_agencies(user=request.user),
            "tokens": selectors.api_tokens_of(user=request.user),
            "token_form": ApiTokenForm(),
        },
    )


@require_permission("accounts.manage_own_account")
@require_http_methods(["GET", "POST"])
def api_token_new(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, raw = services.api_token_create(
                actor=request.user, user=request.user, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            # Shown once, on this response only; it is never stored or shown again.
            return render(request, "accounts/api_token_created.html", {"token": token, "raw": raw})
    return render(request, "accounts/api_token_new.html", {"form": form})


@require_permission("accounts.manage_own_account")
@require_POST
def api_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = selectors.api_tokens_of(user=request.user).filter(pk=pk).first()
    if token is None:
        raise Http404("No such token")
    try:
        services.api_token_revoke(actor=request.user, token=token)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The token “{token.name}” has been revoked.")
    return redirect("accounts:account")


# Agencies ------------------------------------------------------------------------------


def _agency_filter_form(request: HttpRequest) -> AgencyFilterForm:
    partnerships = selectors.partnership_list()
    localities = selectors.locality_names()
    return AgencyFilterForm(request.GET or None, partnerships=partnerships, localities=localities)


@require_permission("accounts.view_agency_directory")
@require_GET
def agency_list(request: HttpRequest) -> HttpResponse:
    form = _agency_filter_form(request)
    filters = selectors.AgencyFilter(**(form.cleaned_data if form.is_valid() else {}))
    agencies = selectors.agency_list(user=request.user, filters=filters)
    page = Paginator(agencies, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/agency_list.html",
        {
            "form": form,
            "page": page,
            "can_add": request.user.has_perm("accounts.add_agency"),
        },
    )


def _visible_agency(request, pk: int):
    agency = selectors.agency_get(user=request.user, pk=pk)
    if agency is None:
        raise Http404("No such agency")
    return agency


@require_permission("accounts.view_agency", fn=_visible_agency)
@require_GET
def agency_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agency = _visible_agency(request, pk)
    can_see_people = request.user.has_perm("accounts.view_agency_people", agency)
    return render(
        request,
        "accounts/agency_detail.html",
        {
            "agency": agency,
            "members": selectors.agency_member_organisations(user=request.user, agency=agency),
            "people": selectors.agency_people(agency=agency) if can_see_people else None,
            "can_change": request.user.has_perm("accounts.change_agency", agency),
        },
    )


def _managed_partnerships(request):
    return selectors.partnerships_managed_by(user=request.user)


@require_permission("accounts.add_agency")
@require_http_methods(["GET", "POST"])
def agency_new(request: HttpRequest) -> HttpResponse:
    form = AgencyForm(request.POST or None, partnerships=_managed_partnerships(request))
    if request.method == "POST" and form.is_valid():
        try:
            agency = services.agency_create(
                actor=request.user,
                partnerships=form.cleaned_data["partnerships"],
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{agency.name} has been added.")
            return redirect("accounts:agency-detail", pk=agency.pk)
    return render(request, "accounts/agency_form.html", {"form": form, "agency": None})


@require_permission("accounts.change_agency", fn=_visible_agency)
@require_http_methods(["GET", "POST"])
def agency_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agency = _visible_agency(request, pk)
    form = AgencyForm(
        request.POST or None,
        instance=agency,
        partnerships=_managed_partnerships(request),
        initial={"partnerships": list(agency.partnerships.all())},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.agency_update(
                actor=request.user,
                agency=agency,
                partnerships=form.cleaned_data["partnerships"],
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{agency.name} has been updated.")
            return redirect("accounts:agency-detail", pk=agency.pk)
    return render(request, "accounts/agency_form.html", {"form": form, "agency": agency})


# Partnerships --------------------------------------------------------------------------


@require_permission("accounts.view_agency_directory")
@require_GET
def partnership_list(request: HttpRequest) -> HttpResponse:
    partnerships = selectors.partnership_list()
    managed = partnerships_where(request.user, [Role.BUSINESS_UNIT])
    return render(
        request,
        "accounts/partnership_list.html",
        {"partnerships": partnerships, "managed": managed},
    )


def _partnership(request, slug: str) -> Partnership:
    partnership = selectors.partnership_get(slug=slug)
    if partnership is None:
        raise Http404("No such partnership")
    return partnership


@require_permission("accounts.change_partnership", fn=_partnership)
@require_http_methods(["GET", "POST"])
def partnership_edit(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = _partnership(request, slug)
    form = PartnershipForm(request.POST or None, instance=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            services.partnership_update(
                actor=request.user, partnership=partnership, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{partnership.name} has been updated.")
            return redirect("accounts:partnership-list")
    # A ModelForm's own validation already changed the instance in memory; reload for display.
    partnership.refresh_from_db()
    return render(request, "accounts/partnership_form.html", {"form": form, "edited": partnership})


# People ----------------------------------------------------------------------------------


def _visible_person(request, pk: int):
    person = selectors.person_get(user=request.user, pk=pk)
    if person is None:
        raise Http404("No such person")
    return person


@require_permission("accounts.manage_people")
@require_GET
def people_list(request: HttpRequest) -> HttpResponse:
    form = PeopleFilterForm(request.GET or None)
    filters = selectors.PeopleFilter(**(form.cleaned_data if form.is_valid() else {}))
    people = selectors.people_list(user=request.user, filters=filters)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/people_list.html", {"form": form, "page": page})


@require_permission("accounts.manage_people")
@require_http_methods(["GET", "POST"])
def person_invite(request: HttpRequest) -> HttpResponse:
    form = PersonInviteForm(request.POST or None, partnerships=_managed_partnerships(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person, created = services.person_invite(
                actor=request.user,
                partnership=data["partnership"],
                email=data["email"],
                full_name=data["full_name"],
                job_title=data["job_title"],
                role=data["role"],
                agency=data["agency"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{person.full_name} has been invited by email."
                if created
                else f"{person.full_name} already had an account: the new role has been added "
                "and they have been told by email.",
            )
            return redirect("accounts:person-detail", pk=person.pk)
    return render(request, "accounts/person_invite.html", {"form": form})


def _person_page(request, person, role_form=None, status: int = 200) -> HttpResponse:
    managed = _managed_partnerships(request)
    return render(
        request,
        "accounts/person_detail.html",
        {
            "person": person,
            "roles": selectors.user_roles(user=person),
            "memberships": selectors.user_agencies(user=person),
            "managed_ids": {p.pk for p in managed},
            "role_form": role_form or RoleForm(partnerships=managed),
        },
        status=status,
    )


@require_permission("accounts.manage_people")
@require_GET
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _person_page(request, _visible_person(request, pk))


@require_permission("accounts.manage_people")
@require_POST
def person_role_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = _visible_person(request, pk)
    form = RoleForm(request.POST, partnerships=_managed_partnerships(request))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.person_invite(
                actor=request.user,
                partnership=data["partnership"],
                email=person.email,
                full_name=person.full_name,
                role=data["role"],
                agency=data["agency"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{person.full_name} has been given the role.")
            return redirect("accounts:person-detail", pk=person.pk)
    return _person_page(request, person, role_form=form, status=400)


@require_permission("accounts.manage_people")
@require_POST
def person_role_remove(request: HttpRequest, pk: int, role_pk: int) -> HttpResponse:
    person = _visible_person(request, pk)
    assignment = (
        person.role_assignments.filter(pk=role_pk, partnership__in=_managed_partnerships(request))
        .select_related("partnership")
        .first()
    )
    if assignment is None:
        raise Http404("No such role")
    services.role_revoke(actor=request.user, assignment=assignment)
    messages.success(request, f"The role has been removed from {person.full_name}.")
    return redirect("accounts:person-detail", pk=person.pk)


@require_permission("accounts.manage_people")
@require_POST
def person_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    person = _visible_person(request, pk)
    try:
        services.person_deactivate(actor=request.user, person=person)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{person.full_name} can no longer sign in.")
    return redirect("accounts:person-detail", pk=person.pk)
