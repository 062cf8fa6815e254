"""Two-factor sign-in: the second step, setting it up, recovery codes, lockout, the setting."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from safeguarding.accounts import two_factor
from safeguarding.accounts.tests.factories import TEST_PASSWORD
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("accounts:sign-in")
VERIFY = reverse("accounts:two-factor-verify")
SETUP = reverse("accounts:two-factor-setup")
DASHBOARD = reverse("core:dashboard")


def code_for(device: TOTPDevice) -> str:
    """The code the person's app shows now (django-otp's own TOTP)."""
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:06d}"


def with_app(user) -> tuple[TOTPDevice, list[str]]:
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return device, two_factor.new_recovery_codes(user)


def password_step(client, user, **extra):
    return client.post(SIGN_IN, {"username": user.email, "password": TEST_PASSWORD, **extra})


def events(name: str):
    return AuditEvent.objects.filter(event=name)


def test_with_an_app_the_password_alone_does_not_sign_in(client, make_user):
    user = make_user(Role.CHAIR)
    device, _ = with_app(user)
    response = password_step(client, user)
    assert response.status_code == 302 and response["Location"] == VERIFY
    # Between the steps nothing else opens: the dashboard sends the visitor to sign in.
    assert client.get(DASHBOARD)["Location"].startswith(SIGN_IN)
    page = client.get(VERIFY)
    assert "Enter your sign-in code" in page.content.decode()

    wrong = client.post(VERIFY, {"code": "000000" if code_for(device) != "000000" else "111111"})
    assert wrong.status_code == 400
    assert "The code is not right" in wrong.content.decode()
    assert events("accounts.two_factor.failed").filter(actor=user).count() == 1

    right = client.post(VERIFY, {"code": code_for(device)})
    assert right.status_code == 302 and right["Location"] == DASHBOARD
    assert client.get(DASHBOARD).status_code == 200
    signed_in = events("accounts.user.signed_in").get(actor=user)
    assert signed_in.after == {"second_factor": True, "via": "password"}


def test_the_next_address_survives_the_second_step(client, make_user):
    user = make_user(Role.CHAIR)
    device, _ = with_app(user)
    password_step(client, user, next="/accounts/")
    assert client.post(VERIFY, {"code": code_for(device)})["Location"] == "/accounts/"


def test_a_recovery_code_works_once_and_is_audited(client, make_user):
    user = make_user(Role.REVIEWER)
    _, codes = with_app(user)
    assert len(codes) == 10 and len(set(codes)) == 10
    password_step(client, user)
    response = client.post(VERIFY, {"code": codes[3].upper()}, follow=True)
    assert response.redirect_chain[-1][0] == DASHBOARD
    assert "You used a recovery code. You have 9 left" in response.content.decode()
    assert events("accounts.two_factor.recovery_code_used").get(actor=user).after == {
        "codes_left": 9
    }

    client.post(reverse("accounts:sign-out"))
    password_step(client, user)
    again = client.post(VERIFY, {"code": codes[3]})
    assert again.status_code == 400
    assert two_factor.recovery_codes_left(user) == 9


def test_recovery_codes_are_not_stored_as_written(make_user):
    user = make_user(Role.REVIEWER)
    _, codes = with_app(user)
    stored = set(
        user.staticdevice_set.get().token_set.values_list("token", flat=True)  # django-otp's
    )
    assert not stored & {c.replace("-", "") for c in codes}


def test_wrong_codes_count_towards_the_lockout_even_after_a_new_password_step(
    client, make_user, settings
):
    user = make_user(Role.AGENCY_LEAD)
    device, _ = with_app(user)
    right = code_for(device)
    wrong = "123456" if right != "123456" else "654321"
    password_step(client, user)
    for _ in range(3):
        assert client.post(VERIFY, {"code": wrong}).status_code == 400
    # Entering the password again does not wipe the wrong codes (only a full sign-in does).
    password_step(client, user)
    assert client.post(VERIFY, {"code": wrong}).status_code == 400
    locked = client.post(VERIFY, {"code": wrong})
    assert locked.status_code == 429
    assert "Your account is locked" in locked.content.decode()
    # The right password, then the right code, are both refused while locked.
    assert password_step(client, user).status_code == 429
    assert client.post(VERIFY, {"code": right})["Location"].startswith(SIGN_IN)
    assert client.get(DASHBOARD)["Location"].startswith(SIGN_IN)


def test_the_pending_sign_in_runs_out(client, make_user):
    user = make_user(Role.CHAIR)
    device, _ = with_app(user)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        password_step(client, user)
        traveller.shift(dt.timedelta(minutes=11))
        response = client.post(VERIFY, {"code": code_for(device)}, follow=True)
    assert response.redirect_chain[-1][0].startswith(SIGN_IN)
    assert "not finished in time" in response.content.decode()


def test_without_an_app_and_not_required_the_password_signs_in(client, make_user):
    user = make_user(Role.CHAIR)
    assert password_step(client, user)["Location"] == DASHBOARD


def test_when_the_role_requires_it_the_person_must_set_it_up_first(client, make_user, partnership):
    partnership.two_factor_roles = [Role.BUSINESS_UNIT]
    partnership.save()
    user = make_user(Role.BUSINESS_UNIT)
    response = password_step(client, user)
    assert response["Location"] == SETUP
    assert client.get(DASHBOARD)["Location"].startswith(SIGN_IN)
    assert client.get(VERIFY)["Location"] == SETUP

    page = client.get(SETUP).content.decode()
    assert "You need to set it up before you can go on" in page
    assert "<svg" in page and "QR code for your authenticator app" in page
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert two_factor.secret_text(device) in page

    assert client.post(SETUP, {"code": "12"}).status_code == 400
    assert events("accounts.two_factor.failed").filter(actor=user).count() == 1

    done = client.post(SETUP, {"code": code_for(device)})
    assert done.status_code == 200
    text = done.content.decode()
    assert "Two-factor sign-in is set up" in text and text.count("<li><code>") == 10
    device.refresh_from_db()
    assert device.confirmed
    assert events("accounts.two_factor.set_up").filter(actor=user).exists()
    assert client.get(DASHBOARD).status_code == 200


def test_people_without_the_required_role_are_not_asked(client, make_user, partnership):
    partnership.two_factor_roles = [Role.BUSINESS_UNIT]
    partnership.save()
    practitioner = make_user(Role.PRACTITIONER)
    assert password_step(client, practitioner)["Location"] == DASHBOARD


def test_setting_up_from_your_account_and_making_new_codes(client, make_user):
    user = make_user(Role.CHAIR)
    client.force_login(user)
    assert "Off" in client.get(reverse("accounts:two-factor")).content.decode()
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert client.get(SETUP).status_code == 200
    assert TOTPDevice.objects.filter(user=user).count() == 1  # the same key on reload
    first = client.post(SETUP, {"code": code_for(device)})
    assert "Save your recovery codes" in first.content.decode()
    old = two_factor.recovery_codes_left(user)
    assert old == 10

    new = client.post(reverse("accounts:two-factor-recovery-codes"))
    assert "Your new recovery codes" in new.content.decode()
    assert events("accounts.two_factor.recovery_codes_regenerated").filter(actor=user).count() == 1
    assert "Recovery codes left" in client.get(reverse("accounts:two-factor")).content.decode()


def test_replacing_the_app_stops_the_old_one(client, make_user):
    user = make_user(Role.CHAIR)
    old_device, _ = with_app(user)
    client.force_login(user)
    client.get(SETUP)
    new_device = TOTPDevice.objects.get(user=user, confirmed=False)
    client.post(SETUP, {"code": code_for(new_device)})
    assert list(TOTPDevice.objects.filter(user=user)) == [new_device]
    assert (
        events("accounts.two_factor.set_up").get(actor=user).after["replaced_previous_app"] is True
    )
    assert not TOTPDevice.objects.filter(pk=old_device.pk).exists()


def test_turning_it_off_is_audited_and_refused_when_required(client, make_user, partnership):
    user = make_user(Role.CHAIR)
    with_app(user)
    client.force_login(user)
    response = client.post(reverse("accounts:two-factor-disable"), follow=True)
    assert "Two-factor sign-in has been turned off" in response.content.decode()
    assert events("accounts.two_factor.disabled").filter(actor=user).count() == 1
    assert not two_factor.has_second_factor(user)

    partnership.two_factor_roles = [Role.CHAIR]
    partnership.save()
    with_app(user)
    response = client.post(reverse("accounts:two-factor-disable"), follow=True)
    assert "requires two-factor sign-in for the role" in response.content.decode()
    assert two_factor.has_second_factor(user)


def test_a_pending_person_cannot_replace_their_app_without_the_second_step(client, make_user):
    user = make_user(Role.CHAIR)
    with_app(user)
    password_step(client, user)
    assert client.get(SETUP)["Location"] == VERIFY


def test_the_business_unit_chooses_the_roles(client, make_user, partnership):
    business_unit = make_user(Role.BUSINESS_UNIT)
    client.force_login(business_unit)
    url = reverse("accounts:partnership-sign-in", args=[partnership.slug])
    assert "Roles that must use two-factor sign-in" in client.get(url).content.decode()
    response = client.post(url, {"two_factor_roles": [Role.CHAIR, Role.BUSINESS_UNIT]}, follow=True)
    assert "Sign-in settings for Testshire Safeguarding Partnership have been saved" in (
        response.content.decode()
    )
    partnership.refresh_from_db()
    assert partnership.two_factor_roles == [Role.BUSINESS_UNIT, Role.CHAIR]
    assert partnership.two_factor_after_single_sign_on is False
    event = events("accounts.partnership.sign_in_settings_updated").get()
    assert event.before["two_factor_roles"] == [] and event.actor == business_unit

    bad = client.post(url, {"two_factor_roles": ["headteacher"]})
    assert bad.status_code == 400
    assert "Select a valid choice" in bad.content.decode()


def test_a_list_of_unknown_roles_is_refused_in_the_back_office(partnership):
    from django.core.exceptions import ValidationError

    partnership.two_factor_roles = ["headteacher"]
    with pytest.raises(ValidationError) as error:
        partnership.full_clean()
    assert "Give a list of roles from: business_unit" in str(error.value)


def test_the_back_office_removes_a_lost_app_and_the_removal_is_audited(client, make_user):
    from django.contrib.auth import get_user_model

    staff = get_user_model().objects.create_superuser(
        email="back-office@example.org", password="a long enough password"
    )
    user = make_user(Role.CHAIR)
    device, _ = with_app(user)
    client.force_login(staff)
    page = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/")
    assert page.status_code == 200 and device.key not in page.content.decode()
    assert client.get("/admin/otp_totp/totpdevice/add/").status_code == 403
    response = client.post(f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not two_factor.has_second_factor(user)
    event = events("accounts.two_factor.disabled").get()
    assert event.actor == staff and event.target_id == str(user.pk)
    client.post(reverse("accounts:sign-out"))
    assert password_step(client, user)["Location"] == DASHBOARD


def test_the_back_office_stores_an_organisations_client_secret_encrypted(client, partnership):
    from django.contrib.auth import get_user_model

    from safeguarding.accounts.models import OrganisationSignIn

    staff = get_user_model().objects.create_superuser(
        email="back-office@example.org", password="a long enough password"
    )
    client.force_login(staff)
    fields = {
        "partnership": partnership.pk,
        "name": "Northshire County Council",
        "discovery_url": "https://login.example/tenant/v2.0/.well-known/openid-configuration",
        "client_id": "abc",
        "email_domains": "northshire.gov.uk",
        "trusted_tenant_id": "",
        "is_enabled": "on",
    }
    add = client.post(
        "/admin/accounts/organisationsignin/add/", {**fields, "client_secret": "top-secret"}
    )
    assert add.status_code == 302, add.content.decode()[:2000]
    connection = OrganisationSignIn.objects.get()
    assert "top-secret" not in connection.client_secret_encrypted
    assert connection.client_secret == "top-secret"
    change = f"/admin/accounts/organisationsignin/{connection.pk}/change/"
    assert "top-secret" not in client.get(change).content.decode()
    client.post(change, {**fields, "client_secret": ""})
    connection.refresh_from_db()
    assert connection.client_secret == "top-secret"  # blank keeps the secret

    bad = client.post(change, {**fields, "email_domains": "not a domain"})
    assert "is not a domain" in bad.content.decode()


def test_the_back_office_sign_in_cannot_skip_the_second_step(client, make_user):
    staff = make_user(Role.BUSINESS_UNIT, is_staff=True)
    with_app(staff)
    # Django's own back-office form would sign in with the password alone.
    response = client.post(
        "/admin/login/?next=/admin/", {"username": staff.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{SIGN_IN}?next=/admin/"
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    # The site's sign-in then asks for the code, and comes back to the back office.
    assert password_step(client, staff, next="/admin/")["Location"] == VERIFY
    device = TOTPDevice.objects.get(user=staff)
    assert client.post(VERIFY, {"code": code_for(device)})["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
