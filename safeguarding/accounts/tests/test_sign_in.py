"""Signing in and out, lockout, password reset and change, idle timeout."""

import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role

SIGN_IN = "/accounts/sign-in/"
WRONG = "The email address or password is not right"


def _sign_in(client, email, password):
    return client.post(SIGN_IN, {"username": email, "password": password}, follow=False)


def test_sign_in_with_email_and_password_goes_to_the_dashboard(client, make_user, password):
    user = make_user(Role.CHAIR, email="Chair@Test.example")
    response = _sign_in(client, "chair@test.example", password)
    assert response.status_code == 302 and response["Location"] == "/dashboard/"
    assert AuditEvent.objects.filter(event="accounts.user.signed_in", actor=user).exists()


@pytest.mark.parametrize("email", ["person@test.example", "nobody@test.example"])
def test_wrong_password_and_unknown_email_get_the_same_clear_message(client, make_user, email):
    make_user(Role.PRACTITIONER, email="person@test.example")
    response = _sign_in(client, email, "not the password")
    assert response.status_code == 200
    assert WRONG in response.content.decode()
    assert "locked for 30 minutes" in response.content.decode()


def test_missing_fields_say_what_to_enter(client, db):
    page = client.post(SIGN_IN, {"username": "", "password": ""}).content.decode()
    assert "Enter your email address" in page and "Enter your password" in page
    assert "govuk-error-summary" in page


def test_repeated_wrong_passwords_lock_the_account_even_with_the_right_one(
    client, make_user, password, settings
):
    user = make_user(Role.PRACTITIONER)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _sign_in(client, user.email, "wrong").status_code == 200
    locked = _sign_in(client, user.email, "wrong")
    assert locked.status_code == 429
    assert "Your account is locked" in locked.content.decode()
    again = _sign_in(client, user.email, password)
    assert again.status_code == 429, "the right password must not get through while locked"


def test_sign_out_needs_post_and_ends_the_session(client, make_user):
    client.force_login(make_user(Role.CHAIR))
    assert client.get("/accounts/sign-out/").status_code == 405
    response = client.post("/accounts/sign-out/")
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/dashboard/").status_code == 302


def test_password_reset_sends_a_link_that_works_once(
    client, make_user, password, django_capture_on_commit_callbacks
):
    user = make_user(Role.AGENCY_LEAD)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password-reset/", {"email": user.email})
    assert response["Location"] == reverse("accounts:password-reset-sent")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [user.email]
    link = re.search(r"https?://[^/]+(/accounts/password-reset/\S+/)", mail.outbox[0].body)[1]
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    new = "a brand new long passphrase"
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert done["Location"] == reverse("accounts:password-reset-complete")
    user.refresh_from_db()
    assert user.check_password(new)
    assert AuditEvent.objects.filter(event="accounts.password.reset", actor=user).exists()
    assert "This link has expired" in client.get(link, follow=True).content.decode()


def test_password_reset_for_an_unknown_address_sends_nothing_and_reveals_nothing(client, db):
    response = client.post("/accounts/password-reset/", {"email": "nobody@test.example"})
    assert response["Location"] == reverse("accounts:password-reset-sent")
    assert mail.outbox == []


def test_an_expired_reset_link_says_so_and_offers_a_new_one(
    client, make_user, django_capture_on_commit_callbacks
):
    user = make_user(Role.AGENCY_LEAD)
    with (
        time_machine.travel("2026-01-01 09:00", tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.post("/accounts/password-reset/", {"email": user.email})
    link = re.search(r"https?://[^/]+(/accounts/password-reset/\S+/)", mail.outbox[0].body)[1]
    with time_machine.travel("2026-01-01 12:00", tick=False):
        page = client.get(link, follow=True).content.decode()
    assert "This link has expired" in page and "Ask for a new link" in page


def test_change_password_needs_the_current_one(client, make_user, password):
    user = make_user(Role.CHAIR)
    client.force_login(user)
    new = "another long passphrase here"
    wrong = client.post(
        "/accounts/password/", {"old_password": "nope", "new_password1": new, "new_password2": new}
    )
    assert "Your old password was entered incorrectly" in wrong.content.decode()
    ok = client.post(
        "/accounts/password/",
        {"old_password": password, "new_password1": new, "new_password2": new},
    )
    assert ok["Location"] == reverse("accounts:account")
    user.refresh_from_db()
    assert user.check_password(new)


def test_idle_sessions_are_signed_out(client, make_user, settings):
    client.force_login(make_user(Role.CHAIR))
    with time_machine.travel("2026-03-02 09:00", tick=False):
        assert client.get("/dashboard/").status_code == 200
    with time_machine.travel("2026-03-02 09:20", tick=False):
        assert client.get("/dashboard/").status_code == 200
    with time_machine.travel("2026-03-02 10:00", tick=False):
        response = client.get("/dashboard/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/sign-in/")
    assert "You were signed out because you had not done anything" in response.content.decode()


def test_a_locked_account_stays_locked_whatever_the_case_of_the_address(
    client, make_user, password, settings
):
    user = make_user(Role.BUSINESS_UNIT, email="business-unit@test.example")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "Business-Unit@Test.example", "wrong")
    for spelling in [
        "business-unit@test.example",
        "BUSINESS-UNIT@TEST.EXAMPLE",
        "  Business-Unit@test.example ",
    ]:
        response = _sign_in(client, spelling, password)
        assert response.status_code == 429, f"{spelling!r} signed in to a locked account"
        assert "Your account is locked" in response.content.decode()
    assert not AuditEvent.objects.filter(event="accounts.user.signed_in", actor=user).exists()


def test_addresses_are_stored_lower_cased_by_every_writer(client, make_user, password):
    from safeguarding.accounts.models import User
    from safeguarding.accounts.services import user_create

    made = user_create(job="test", email="New.Person@Test.Example", full_name="New Person")
    direct = User.objects.create_user("Other.Person@Test.Example", password, full_name="O")
    saved = make_user(Role.CHAIR, email="Mixed.Case@Test.Example")
    saved.email = "Changed.Case@Test.Example"
    saved.save()
    assert sorted(
        User.objects.filter(pk__in=[made.pk, direct.pk, saved.pk]).values_list("email", flat=True)
    ) == ["changed.case@test.example", "new.person@test.example", "other.person@test.example"]
    response = _sign_in(client, "CHANGED.CASE@test.example", password)
    assert response.status_code == 302


def test_the_data_migration_lower_cases_existing_addresses_but_not_clashing_ones(make_user):
    import importlib

    from django.apps import apps

    from safeguarding.accounts.models import User

    migration = importlib.import_module(
        "safeguarding.accounts.migrations.0005_lower_case_email_addresses"
    )
    alone, first, second = (make_user(Role.PRACTITIONER) for _ in range(3))
    User.objects.filter(pk=alone.pk).update(email="Alone@Test.example")
    User.objects.filter(pk=first.pk).update(email="twin@test.example")
    User.objects.filter(pk=second.pk).update(email="Twin@Test.example")
    migration.lower_case_emails(apps, None)
    emails = dict(User.objects.values_list("pk", "email"))
    assert emails[alone.pk] == "alone@test.example"
    assert (emails[first.pk], emails[second.pk]) == ("twin@test.example", "Twin@Test.example")
