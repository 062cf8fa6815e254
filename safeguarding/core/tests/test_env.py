"""config/env.py: typed reading with clear messages, and production's refusals."""

import subprocess
import sys

import pytest

from safeguarding.config.env import ConfigurationError, load

BASE = {"SAFEGUARDING_DATA_DIR": "/tmp/sg-env-test"}


def test_defaults_give_a_sqlite_file_in_the_data_directory():
    env = load(BASE)
    assert env.database_url == "sqlite:////tmp/sg-env-test/db.sqlite3"
    assert env.debug is None and env.secret_key is None and env.allowed_hosts == []


def test_values_are_typed():
    env = load(
        {
            **BASE,
            "DEBUG": "yes",
            "ALLOWED_HOSTS": "a.example, b.example",
            "SESSION_IDLE_MINUTES": "15",
            "EMAIL_BACKEND": "smtp",
        }
    )
    assert env.debug is True
    assert env.allowed_hosts == ["a.example", "b.example"]
    assert env.session_idle_minutes == 15
    assert env.email_backend.endswith("smtp.EmailBackend")


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DEBUG", "maybe", "DEBUG must be true or false"),
        ("SESSION_IDLE_MINUTES", "half an hour", "SESSION_IDLE_MINUTES must be a whole number"),
        ("LOCKOUT_FAILURES", "0", "LOCKOUT_FAILURES must be at least 1"),
        ("DATABASE_URL", "mysql://x@y/z", "DATABASE_URL must start with sqlite:/// or postgres"),
        ("EMAIL_BACKEND", "pigeon", "EMAIL_BACKEND must be one of"),
        ("SITE_URL", "safeguarding.example", "SITE_URL must be a full address"),
    ],
)
def test_malformed_values_are_named_with_how_to_fix_them(name, value, message):
    with pytest.raises(ConfigurationError, match=message):
        load({**BASE, name: value})


def test_notify_needs_its_key_and_template():
    with pytest.raises(ConfigurationError, match="EMAIL_BACKEND=notify needs NOTIFY_API_KEY"):
        load({**BASE, "EMAIL_BACKEND": "notify"})
    env = load(
        {
            **BASE,
            "EMAIL_BACKEND": "notify",
            "NOTIFY_API_KEY": "key",
            "NOTIFY_TEMPLATE_ID": "template",
        }
    )
    assert env.email_backend == "safeguarding.core.notify.NotifyBackend"


def test_a_bounce_imap_mailbox_needs_its_sign_in():
    with pytest.raises(ConfigurationError, match="BOUNCE_IMAP_HOST needs BOUNCE_IMAP_USER"):
        load({**BASE, "BOUNCE_IMAP_HOST": "imap.council.example"})
    env = load(
        {
            **BASE,
            "BOUNCE_IMAP_HOST": "imap.council.example",
            "BOUNCE_IMAP_USER": "bulletin@council.example",
            "BOUNCE_IMAP_PASSWORD": "not-a-real-password",
            "BOUNCE_MAILDIR": "/var/mail/safeguarding-bounces",
        }
    )
    assert (env.bounce_imap_port, env.bounce_imap_folder) == (993, "INBOX")
    assert env.bounce_maildir == "/var/mail/safeguarding-bounces"


def test_emails_go_through_gov_uk_notify_when_chosen(settings):
    from django.core.mail import EmailMessage, get_connection

    from safeguarding.core.notify import REFERENCE_HEADER
    from safeguarding.core.tests.notify_double import API_KEY, TEMPLATE_ID, notify_api

    settings.GOVUK_NOTIFY_API_KEY = API_KEY
    settings.GOVUK_NOTIFY_PLAIN_EMAIL_TEMPLATE_ID = TEMPLATE_ID
    with notify_api() as (base_url, sent):
        settings.GOVUK_NOTIFY_BASE_URL = base_url
        connection = get_connection("safeguarding.core.notify.NotifyBackend")
        EmailMessage(
            "Meeting moved",
            "The Executive now meets at 2pm.",
            to=["lead@test.example"],
            connection=connection,
        ).send()
        EmailMessage(
            "Bulletin",
            "This month's news.",
            to=["reader@test.example"],
            headers={REFERENCE_HEADER: "bulletin-delivery-7"},
            connection=connection,
        ).send()
    first, second = sent
    assert first["email_address"] == "lead@test.example"
    assert first["template_id"] == TEMPLATE_ID
    assert first["personalisation"]["subject"] == "Meeting moved"
    assert "reference" not in first
    # The reference comes back in Notify's delivery receipt, matching it to what was sent.
    assert second["reference"] == "bulletin-delivery-7"
    assert second["email_address"] == "reader@test.example"


def _run_command(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "safeguarding.manage", *args],
        env={"PATH": "/usr/bin:/bin", **BASE, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _run_command(
        {
            "DJANGO_SETTINGS_MODULE": "safeguarding.config.settings.production",
            "ALLOWED_HOSTS": "safeguarding.example",
        },
        "check",
    )
    assert result.returncode == 2
    assert "SECRET_KEY is missing" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _run_command(
        {
            "DJANGO_SETTINGS_MODULE": "safeguarding.config.settings.production",
            "SECRET_KEY": "k" * 64,
        },
        "check",
    )
    assert result.returncode == 2
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_a_malformed_variable_is_reported_without_a_stack_trace():
    result = _run_command({"DEBUG": "perhaps"}, "check")
    assert result.returncode == 2
    assert "DEBUG must be true or false" in result.stderr
    assert "Traceback" not in result.stderr


def test_deploy_check_is_clean_with_production_settings():
    result = _run_command(
        {
            "DJANGO_SETTINGS_MODULE": "safeguarding.config.settings.production",
            "SECRET_KEY": "a-long-random-production-key-" + "q7Zp" * 10,
            "ALLOWED_HOSTS": "safeguarding.example",
        },
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
