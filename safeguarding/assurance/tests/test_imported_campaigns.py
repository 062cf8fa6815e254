"""Question sets imported from Excel run as campaigns: returns filled on the page (0–3 scores,
yes/no with evidence, extra fields), moderated, and shown in the results; organisations' past
returns make carry-forward and the comparison with the previous cycle work from the start."""

import json
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from safeguarding.accounts.tests.factories import AgencyFactory
from safeguarding.assurance.audience import Audience
from safeguarding.assurance.models import Answer, AuditReturn, Campaign, TemplateVersion
from safeguarding.assurance.services import returns as return_services
from safeguarding.assurance.services.templates import template_version_publish
from safeguarding.assurance.tests.factories import campaign
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
ZERO_TO_THREE = "0=Not in place; 1=Partly in place; 2=Mostly in place; 3=Fully in place"


def _json(*args) -> dict:
    out = StringIO()
    call_command(*args, "--json", stdout=out, stderr=StringIO())
    return json.loads(out.getvalue())


def _published(partnership, make_user, fixture: str, name: str, *options) -> TemplateVersion:
    _json(
        "import-question-set",
        str(FIXTURES / fixture),
        "--partnership",
        partnership.slug,
        "--name",
        name,
        *options,
    )
    version = TemplateVersion.objects.get(template__name=name)
    return template_version_publish(actor=make_user(Role.BUSINESS_UNIT), version=version)


@pytest.fixture
def agencies(partnership):
    return {
        name: AgencyFactory(name=name, partnerships=[partnership])
        for name in ("Fernbrook Community Health Trust", "Hollowmere Housing Association")
    }


def _section_post(client, audit_return, section, values: dict) -> None:
    page = client.get(reverse("assurance:return-section", args=[audit_return.pk, section.pk]))
    form = page.context["form"]
    data = {
        name: field.initial
        for name, field in form.fields.items()
        if name.endswith(("_revision", "_signature"))
    }
    data.update(values)
    response = client.post(
        reverse("assurance:return-section", args=[audit_return.pk, section.pk]), data
    )
    assert response.status_code == 302, response.context["form"].errors


def test_section_11_with_0_to_3_self_and_moderated_scores_runs_as_a_campaign(
    partnership, make_user, agencies, client
):
    version = _published(
        partnership,
        make_user,
        "section-11-question-set.xlsx",
        "Section 11 (Testshire)",
        "--scale",
        ZERO_TO_THREE,
        "--extra-field",
        "Link to health audit: link",
        "--extra-field",
        "Deadline: date",
    )
    running = campaign(partnership=partnership, version=version, audience=Audience("everyone"))
    agency = agencies["Fernbrook Community Health Trust"]
    lead = make_user(Role.AGENCY_LEAD, agency=agency)
    audit_return = running.returns.get(agency=agency)
    q = {item.reference: item for item in version.questions.select_related("scale")}
    level = {lvl.value: lvl for lvl in q["1.1"].scale.levels.all()}
    yes = {lvl.label: lvl for lvl in q["2.3"].scale.levels.all()}
    client.force_login(lead)
    page = client.get(
        reverse("assurance:return-section", args=[audit_return.pk, q["2.1"].section.pk])
    )
    text = page.content.decode()
    assert "0 Not in place" in text and "3 Fully in place" in text
    assert ">Yes<" in text.replace("\n", "").replace(" ", "") or "Yes\n" in text
    assert "2.3: Link to health audit" in text and "2.1: Deadline" in text
    _section_post(
        client,
        audit_return,
        q["1.1"].section,
        {
            f"q{q['1.1'].pk}": level[2].pk,
            f"q{q['1.1'].pk}_evidence": "Board minutes, May",
            f"q{q['1.2'].pk}": level[3].pk,
            f"q{q['1.1'].pk}_x_deadline": "31/3/2027",
        },
    )
    _section_post(
        client,
        audit_return,
        q["2.1"].section,
        {
            f"q{q['2.1'].pk}": level[1].pk,
            f"q{q['2.2'].pk}": level[3].pk,
            f"q{q['2.3'].pk}": yes["Yes"].pk,
            f"q{q['2.3'].pk}_evidence": "Policy on the intranet",
            f"q{q['2.3'].pk}_x_link-to-health-audit": "https://example.org/health-audit",
        },
    )
    answer = Answer.objects.get(audit_return=audit_return, question=q["1.1"])
    assert answer.extra == {"deadline": "2027-03-31"} and answer.evidence == "Board minutes, May"
    return_services.return_submit(actor=lead, audit_return=audit_return)

    moderator = make_user(Role.BUSINESS_UNIT)
    client.force_login(moderator)
    for reference, moderated in (("1.1", level[1]), ("2.3", yes["No"])):
        target = Answer.objects.get(audit_return=audit_return, question=q[reference])
        response = client.post(
            reverse("assurance:answer-moderate", args=[audit_return.pk, target.pk]),
            {"moderated_rating": moderated.pk, "comment": "Evidence did not show this."},
        )
        assert response.status_code == 302
    moderated = Answer.objects.get(audit_return=audit_return, question=q["2.3"])
    assert moderated.moderated_rating.label == "No"
    assert moderated.audit_return.actions.filter(question=q["2.3"]).exists()

    copy = client.get(reverse("assurance:return-copy", args=[audit_return.pk])).content.decode()
    assert "https://example.org/health-audit" in copy and "2027-03-31" in copy
    results = client.get(reverse("assurance:campaign-results", args=[running.pk]))
    by_ref = {r.question.reference: r for r in results.context["results"].standards}
    assert by_ref["1.1"].tally.partly == 1  # moderated down from 2 to 1 (partly)
    assert by_ref["1.2"].tally.met == 1
    assert by_ref["2.3"].tally.not_met == 1
    assert "https://example.org/health-audit" in results.content.decode()
    export = client.get(reverse("assurance:campaign-results-xlsx", args=[running.pk]))
    sheet = load_workbook(BytesIO(export.content))["Extra fields"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == [
        "Organisation",
        "Reference",
        "Self-assessment",
        "Moderated",
        "Link to health audit",
        "Deadline",
    ]
    assert [
        "Fernbrook Community Health Trust",
        "1.1",
        "Mostly in place",
        "Partly in place",
        None,
        "2027-03-31",
    ] in rows


def test_section_175_yes_no_checklist_with_evidence_runs_as_a_campaign(
    partnership, make_user, agencies, client
):
    version = _published(partnership, make_user, "section-175-checklist.docx", "Schools checklist")
    running = campaign(partnership=partnership, version=version, audience=Audience("everyone"))
    agency = agencies["Hollowmere Housing Association"]
    lead = make_user(Role.AGENCY_LEAD, agency=agency)
    audit_return = running.returns.get(agency=agency)
    q = {item.reference: item for item in version.questions.select_related("scale")}
    choice = {ref: {lvl.label: lvl.pk for lvl in q[ref].scale.levels.all()} for ref in q}
    client.force_login(lead)
    _section_post(
        client,
        audit_return,
        q["1.1"].section,
        {
            f"q{q['1.1'].pk}": choice["1.1"]["Yes"],
            f"q{q['1.1'].pk}_evidence": "Reviewed in June",
            f"q{q['1.2'].pk}": choice["1.2"]["No"],
            f"q{q['1.2'].pk}_evidence": "Not yet online",
        },
    )
    _section_post(
        client,
        audit_return,
        q["2.1"].section,
        {
            f"q{q['2.1'].pk}": choice["2.1"]["Yes"],
            f"q{q['2.2'].pk}": choice["2.2"]["Partly"],
            f"q{q['2.2'].pk}_evidence": "Three days a week",
        },
    )
    return_services.return_submit(actor=lead, audit_return=audit_return)
    client.force_login(make_user(Role.BUSINESS_UNIT))
    target = Answer.objects.get(audit_return=audit_return, question=q["2.1"])
    client.post(
        reverse("assurance:answer-moderate", args=[audit_return.pk, target.pk]),
        {"moderated_rating": choice["2.1"]["No"], "comment": "No certificate seen."},
    )
    results = client.get(reverse("assurance:campaign-results", args=[running.pk]))
    by_ref = {r.question.reference: r for r in results.context["results"].standards}
    assert (by_ref["1.1"].tally.met, by_ref["1.2"].tally.not_met) == (1, 1)
    assert (by_ref["2.1"].tally.not_met, by_ref["2.2"].tally.partly) == (1, 1)
    detail = client.get(reverse("assurance:return-copy", args=[audit_return.pk])).content.decode()
    assert "Three days a week" in detail and "No certificate seen." in detail


# Past returns -------------------------------------------------------------------------


def test_past_returns_make_carry_forward_and_comparison_work_from_the_first_campaign(
    partnership, make_user, agencies, client
):
    version = _published(
        partnership,
        make_user,
        "section-11-question-set.xlsx",
        "Section 11 (Testshire)",
        "--scale",
        ZERO_TO_THREE,
    )
    first = campaign(
        partnership=partnership,
        version=version,
        audience=Audience("everyone"),
        launch=False,
        title="Section 11 audit 2026",
    )
    summary = _json(
        "import-past-returns",
        str(FIXTURES / "past-returns.xlsx"),
        "--campaign",
        "section-11-audit-2026",
    )
    assert (summary["created"], summary["updated"], summary["skipped"]) == (5, 0, 0)
    assert summary["organisations"] == 2
    first.refresh_from_db()
    previous = first.previous
    assert previous.imported and previous.status == "closed"
    assert previous.returns.filter(first_submitted_at__isnull=False).count() == 2

    events = AuditEvent.objects.count()
    again = _json(
        "import-past-returns", str(FIXTURES / "past-returns.csv"), "--campaign", str(first.pk)
    )
    assert (again["created"], again["updated"], again["skipped"]) == (0, 0, 5)
    assert AuditEvent.objects.count() == events
    assert Campaign.objects.count() == 2

    from safeguarding.assurance.services.campaigns import campaign_launch

    campaign_launch(actor=make_user(Role.BUSINESS_UNIT), campaign=first)
    agency = agencies["Fernbrook Community Health Trust"]
    lead = make_user(Role.AGENCY_LEAD, agency=agency)
    audit_return = first.returns.get(agency=agency)
    assert audit_return.previous.campaign == previous
    return_services.return_start(actor=lead, audit_return=audit_return)
    carried = {a.question.reference: a for a in audit_return.answers.select_related("rating")}
    assert carried["1.1"].rating.value == 3 and carried["1.1"].carried_forward
    assert carried["1.2"].evidence == "No report last year."
    assert carried["2.3"].rating.label == "Yes"

    q = {item.reference: item for item in version.questions.select_related("scale")}
    level = {lvl.value: lvl.pk for lvl in q["1.1"].scale.levels.all()}
    return_services.return_save_section(
        actor=lead,
        audit_return=audit_return,
        section=q["1.2"].section,
        answers={q["1.2"].pk: return_services.AnswerInput(rating=level[3], evidence="Reported")},
    )
    for ref in ("2.1", "2.2"):
        return_services.return_save_section(
            actor=lead,
            audit_return=audit_return,
            section=q[ref].section,
            answers={q[ref].pk: return_services.AnswerInput(rating=level[3])},
        )
    return_services.return_submit(actor=lead, audit_return=audit_return)
    client.force_login(make_user(Role.BUSINESS_UNIT))
    results = client.get(reverse("assurance:campaign-results", args=[first.pk])).context["results"]
    by_ref = {r.question.reference: r for r in results.standards}
    assert results.previous == previous
    assert by_ref["1.2"].previous_pct_met == 0.0 and by_ref["1.2"].change == 100.0


def test_past_returns_with_bad_rows_name_them_and_write_nothing(
    partnership, make_user, agencies, tmp_path
):
    version = _published(
        partnership, make_user, "section-11-question-set.xlsx", "S11", "--scale", ZERO_TO_THREE
    )
    first = campaign(partnership=partnership, version=version, launch=False, title="S11 2026")
    path = tmp_path / "past.csv"
    path.write_text(
        "Organisation,Question reference,Answer,Evidence\n"
        "Fernbrook Community Health Trust,1.1,3,ok\n"
        "Nowhere Trust,1.1,3,\n"
        "Fernbrook Community Health Trust,9.9,3,\n"
        "Fernbrook Community Health Trust,1.2,7,\n",
        encoding="utf-8",
    )
    out = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import-past-returns", str(path), "--campaign", str(first.pk), "--json", stdout=out
        )
    reasons = {e["row"]: e["reason"] for e in json.loads(out.getvalue())["errors"]}
    assert "no organisation called “Nowhere Trust”" in reasons["line 3"]
    assert "no question 9.9" in reasons["line 4"]
    assert "“7” is not on 1.2's scale" in reasons["line 5"]
    assert Campaign.objects.count() == 1 and not AuditReturn.objects.exists()


def test_past_returns_page_previews_then_imports(
    partnership, make_user, agencies, signed_in, django_capture_on_commit_callbacks
):
    from safeguarding.core.tests.import_jobs import confirm_and_follow, post_and_follow

    version = _published(
        partnership, make_user, "section-11-question-set.xlsx", "S11", "--scale", ZERO_TO_THREE
    )
    first = campaign(partnership=partnership, version=version, launch=False, title="S11 2026")
    client = signed_in(Role.BUSINESS_UNIT)
    url = reverse("assurance:past-returns-import", args=[first.pk])
    with open(FIXTURES / "past-returns.csv", "rb") as upload:
        job, preview = post_and_follow(
            client, django_capture_on_commit_callbacks, url, {"file": upload}
        )
    assert job.partnership == first.partnership and job.dry_run
    assert b"5 created, 0 updated, 0 unchanged" in preview.content
    assert Campaign.objects.count() == 1
    _, page = confirm_and_follow(client, django_capture_on_commit_callbacks, job)
    assert page.redirect_chain[-1][0] == reverse("assurance:campaign-detail", args=[first.pk])
    assert "answers of 2 organisations" in page.content.decode()
    first.refresh_from_db()
    assert first.previous.returns.count() == 2


def test_another_partnerships_business_unit_cannot_see_a_past_returns_job(
    partnership, make_user, agencies, signed_in, client, django_capture_on_commit_callbacks
):
    from safeguarding.accounts.tests.factories import PartnershipFactory, user_with_role
    from safeguarding.core.tests.import_jobs import post_and_follow

    version = _published(
        partnership, make_user, "section-11-question-set.xlsx", "S11", "--scale", ZERO_TO_THREE
    )
    first = campaign(partnership=partnership, version=version, launch=False, title="S11 2026")
    url = reverse("assurance:past-returns-import", args=[first.pk])
    with open(FIXTURES / "past-returns.csv", "rb") as upload:
        job, _ = post_and_follow(
            signed_in(Role.BUSINESS_UNIT), django_capture_on_commit_callbacks, url, {"file": upload}
        )
    client.force_login(user_with_role(Role.BUSINESS_UNIT, partnership=PartnershipFactory()))
    for name in ("core:import-job", "core:import-job-progress-json"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404
    assert client.post(reverse("core:import-job-confirm", args=[job.pk])).status_code == 404
    first.refresh_from_db()
    assert not first.previous_id


def test_another_partnerships_business_unit_cannot_import_past_returns(
    partnership, make_user, agencies, client
):
    from safeguarding.accounts.tests.factories import PartnershipFactory, user_with_role

    version = _published(
        partnership, make_user, "section-11-question-set.xlsx", "S11", "--scale", ZERO_TO_THREE
    )
    first = campaign(partnership=partnership, version=version, launch=False, title="S11 2026")
    client.force_login(user_with_role(Role.BUSINESS_UNIT, partnership=PartnershipFactory()))
    response = client.get(reverse("assurance:past-returns-import", args=[first.pk]))
    assert response.status_code in (403, 404)


def test_the_api_shows_scale_kinds_descriptors_and_extra_fields(partnership, make_user, agencies):
    from django.test import Client

    from safeguarding.accounts.services import api_token_create

    version = _published(
        partnership,
        make_user,
        "section-11-question-set.xlsx",
        "S11",
        "--scale",
        "1=Emerging: on paper; 2=Developing: changing; 3=Embedded: consistent",
        "--extra-field",
        "Deadline: date",
    )
    running = campaign(partnership=partnership, version=version, audience=Audience("everyone"))
    agency = agencies["Fernbrook Community Health Trust"]
    lead = make_user(Role.AGENCY_LEAD, agency=agency)
    audit_return = running.returns.get(agency=agency)
    question = version.questions.get(reference="1.1")
    return_services.return_save_section(
        actor=lead,
        audit_return=audit_return,
        section=question.section,
        answers={
            question.pk: return_services.AnswerInput(
                rating=question.scale.levels.get(value=3).pk, extra={"deadline": "2027-03-31"}
            )
        },
    )
    _, raw = api_token_create(job="test", user=make_user(Role.BUSINESS_UNIT), name="tests")
    api = Client(HTTP_AUTHORIZATION=f"Token {raw}")
    template = api.get(f"/api/v1/audit-templates/{version.template_id}/").json()
    latest = template["current_version"]
    assert latest["extra_fields"] == [{"key": "deadline", "label": "Deadline", "kind": "date"}]
    questions = {q["reference"]: q for s in latest["sections"] for q in s["questions"]}
    assert questions["1.1"]["scale_kind"] == "maturity"
    assert questions["1.1"]["scale"][2]["description"] == "consistent"
    assert questions["2.3"]["scale_kind"] == "yes_no"
    detail = api.get(f"/api/v1/audit-returns/{audit_return.pk}/").json()
    assert detail["answers"][0]["extra"] == {"deadline": "2027-03-31"}


@pytest.mark.django_db(transaction=True)
def test_the_past_returns_written_are_saved_as_the_check_and_the_import_run(
    partnership, make_user, agencies, signed_in, settings, monkeypatch
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from safeguarding.core.models import ImportJob
    from safeguarding.core.tests.import_jobs import (
        assert_seen_elsewhere,
        progress_after,
        queue_from_page,
        run_watching,
    )

    version = _published(
        partnership, make_user, "section-11-question-set.xlsx", "S11", "--scale", ZERO_TO_THREE
    )
    first = campaign(partnership=partnership, version=version, launch=False, title="S11 2026")
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    monkeypatch.setattr("safeguarding.assurance.services.past_returns.PROGRESS_EVERY", 3)
    lines = ["Organisation,Question reference,Answer,Evidence"]
    for name in agencies:
        lines += [f"{name},{reference},3,Seen" for reference in ("1.1", "1.2", "2.1")]
    lines.append("Hollowmere Housing Association,2.2,2,")
    client = signed_in(Role.BUSINESS_UNIT)
    check = queue_from_page(
        client,
        reverse("assurance:past-returns-import", args=[first.pk]),
        {"file": SimpleUploadedFile("past.csv", ("\n".join(lines) + "\n").encode())},
    )
    check, seen = run_watching(client, check)
    expected = [(0, 7), (3, 7), (6, 7), (7, 7)]
    assert [(s["rows_done"], s["rows_total"]) for s in seen] == expected
    assert seen[1]["progress_text"] == "Read 3 of 7 rows."
    assert_seen_elsewhere(seen)
    assert (check.status, check.dry_run, check.rows_done, check.rows_total) == ("done", True, 7, 7)
    assert Campaign.objects.count() == 1  # a check writes nothing

    client.post(reverse("core:import-job-confirm", args=[check.pk]))
    confirmed = ImportJob.objects.order_by("-pk").first()
    assert confirmed.pk != check.pk and confirmed.status == "queued"
    confirmed, seen = run_watching(client, confirmed)
    assert [(s["rows_done"], s["rows_total"]) for s in seen] == expected
    assert_seen_elsewhere(seen)
    assert (confirmed.result["created"], confirmed.rows_done, confirmed.rows_total) == (7, 7, 7)
    progress = progress_after(client, confirmed)
    assert (progress["rows_done"], progress["rows_total"], progress["percent"]) == (7, 7, 100)
    first.refresh_from_db()
    assert Answer.objects.filter(audit_return__campaign=first.previous).count() == 7


@pytest.mark.django_db(transaction=True)
def test_past_returns_with_bad_rows_count_every_row_checked(
    partnership, make_user, agencies, signed_in, settings
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from safeguarding.core.tests.import_jobs import progress_after, queue_from_page, run_watching

    version = _published(
        partnership, make_user, "section-11-question-set.xlsx", "S11", "--scale", ZERO_TO_THREE
    )
    first = campaign(partnership=partnership, version=version, launch=False, title="S11 2026")
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client = signed_in(Role.BUSINESS_UNIT)
    content = (
        b"Organisation,Question reference,Answer,Evidence\n"
        b"Fernbrook Community Health Trust,1.1,3,ok\nNowhere Trust,1.1,3,\n"
    )
    job = queue_from_page(
        client,
        reverse("assurance:past-returns-import", args=[first.pk]),
        {"file": SimpleUploadedFile("past.csv", content)},
    )
    job, seen = run_watching(client, job)
    assert [(s["rows_done"], s["rows_total"]) for s in seen] == [(0, 2), (2, 2)]
    assert job.result["errors"] and (job.rows_done, job.rows_total) == (2, 2)
    assert progress_after(client, job)["percent"] == 100
