"""The page shell, health check, dashboard and scheduled jobs."""

from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from safeguarding.core import schedule
from safeguarding.core.models import ScheduledJobRun
from safeguarding.core.roles import Role


def test_every_page_shows_the_partnerships_contact_line_and_name(client, partnership):
    page = client.get("/privacy/").content.decode()
    assert partnership.contact_line in page
    assert partnership.name in page
    assert "GOV.UK" not in page  # our own header: no crown, no GOV.UK wording


def test_brand_colour_is_served_as_a_stylesheet(client, partnership):
    partnership.brand_colour = "#5b2d6e"
    partnership.save()
    response = client.get("/brand.css")
    assert response["Content-Type"].startswith("text/css")
    assert "--govuk-brand-colour: #5b2d6e" in response.content.decode()


def test_healthz_answers_ok_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_healthz_answers_503_when_the_database_does_not(client, db):
    from django.db import connection

    with mock.patch.object(connection, "cursor", side_effect=RuntimeError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"


def test_404_page_is_in_the_design_system(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "govuk-template" in response.content.decode()


def test_500_page_is_in_the_design_system_without_touching_the_database(rf):
    from safeguarding.core.views import error_500

    response = error_500(rf.get("/"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "Sorry, there is a problem with the service" in page and "call 999" in page


def test_403_page_explains_what_to_do(signed_in):
    response = signed_in(Role.PRACTITIONER).get("/audit-log/")
    assert response.status_code == 403
    assert "contact the partnership’s business unit" in response.content.decode()


def test_navigation_fits_the_role(signed_in, make_user, client):
    anonymous = client.get("/").content.decode()
    assert ">Sign in<" in anonymous.replace("\n", "") or "Sign in" in anonymous
    assert "Audit log" not in anonymous
    chair = signed_in(Role.CHAIR).get("/dashboard/").content.decode()
    assert "Administration" in chair
    administration = signed_in(Role.CHAIR).get("/audit-log/").content.decode()
    assert "Audit log" in administration and "Agencies" in administration


def test_dashboard_shows_roles_and_recent_activity(signed_in, partnership):
    from safeguarding.accounts.services import agency_create

    client = signed_in(Role.BUSINESS_UNIT)
    agency_create(
        actor=client.user,
        partnerships=[partnership],
        name="Forest Scouts",
        type="voluntary",
        sector="voluntary",
    )
    page = client.get("/dashboard/").content.decode()
    assert "Business unit" in page and partnership.name in page
    assert "You created the agency “Forest Scouts”" in page
    assert "accounts.agency.created" not in page


@pytest.fixture
def counting_job():
    calls = []

    @schedule.register("test.remind", "Test reminders")
    def remind(run):
        for key in ("action:1", "action:2"):
            with transaction.atomic():
                if run.once(key):
                    calls.append(key)

    yield calls
    schedule._JOBS.pop("test.remind")


def test_run_schedule_does_each_piece_of_work_once(db, counting_job, capsys):
    call_command("run-schedule")
    call_command("run-schedule")
    assert counting_job == ["action:1", "action:2"]
    assert ScheduledJobRun.objects.filter(job="test.remind").count() == 2
    assert "test.remind: 0 done" in capsys.readouterr().out


def test_run_schedule_names_an_unknown_job(db):
    with pytest.raises(CommandError, match="There is no scheduled job 'nope'"):
        call_command("run-schedule", "--job", "nope")


def test_apps_add_sections_to_the_public_home_page(client, partnership):
    from safeguarding.core import dashboard

    dashboard.register_home_section(
        dashboard.Panel(
            key="test-news",
            title="Latest news",
            template="govuk/pagination.html",
            context=lambda request: {"page": None},
        )
    )
    try:
        page = client.get("/").content.decode()
    finally:
        dashboard._HOME_SECTIONS.pop("test-news")
    assert 'id="home-test-news">Latest news</h2>' in page
