"""Password-reset requests are limited per email address and per connection, and the
refusal never reveals whether there is an account for the address."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from safeguarding.accounts.views import PASSWORD_RESETS_PER_EMAIL, PASSWORD_RESETS_PER_IP
from safeguarding.core.roles import Role

URL = "/accounts/password-reset/"
TOO_MANY = "too many requests to reset a password"


def _ask(client, email, ip="203.0.113.5"):
    return client.post(URL, {"email": email}, REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_one_address_is_refused_after_a_few_requests_with_the_same_words_for_everyone(
    client, make_user, django_capture_on_commit_callbacks
):
    user = make_user(Role.AGENCY_LEAD)
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(PASSWORD_RESETS_PER_EMAIL):
            assert _ask(client, user.email, ip=f"198.51.100.{number}").status_code == 302
    assert len(mail.outbox) == PASSWORD_RESETS_PER_EMAIL

    with django_capture_on_commit_callbacks(execute=True):
        refused = _ask(client, user.email.upper(), ip="198.51.100.99")
    assert refused.status_code == 429
    assert TOO_MANY in refused.content.decode()
    assert len(mail.outbox) == PASSWORD_RESETS_PER_EMAIL  # no further email

    for number in range(PASSWORD_RESETS_PER_EMAIL):
        _ask(client, "nobody@test.example", ip=f"192.0.2.{number}")
    unknown = _ask(client, "nobody@test.example", ip="192.0.2.99")
    assert unknown.status_code == 429  # an unknown address is limited in the same way
    assert TOO_MANY in unknown.content.decode()

    with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1)):
        assert _ask(client, user.email).status_code == 302  # the limit lasts an hour


@pytest.mark.django_db
def test_one_connection_is_refused_after_many_requests_for_different_addresses(client):
    for number in range(PASSWORD_RESETS_PER_IP):
        assert _ask(client, f"person{number}@test.example").status_code == 302
    refused = _ask(client, "someone.else@test.example")
    assert refused.status_code == 429 and TOO_MANY in refused.content.decode()
    assert _ask(client, "someone.else@test.example", ip="203.0.113.6").status_code == 302
