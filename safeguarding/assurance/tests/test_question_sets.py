"""Question sets from other partnerships' files: any rating scale, yes/no checklists with
evidence and moderation, extra fields, import from CSV, Excel and Word into a draft template
(command and page), and bad input refused with nothing written."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from safeguarding.assurance.models import (
    AuditTemplate,
    ExtraField,
    RatingScale,
    ScaleKind,
    TemplateQuestion,
    TemplateVersion,
)
from safeguarding.assurance.scales import parse_scale
from safeguarding.core.models import AuditEvent, ImportJob
from safeguarding.core.roles import Role
from safeguarding.core.tests.import_jobs import confirm_and_follow, post_and_follow

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
ZERO_TO_THREE = "0=Not in place; 1=Partly in place; 2=Mostly in place; 3=Fully in place"


def run(*args) -> dict:
    out = StringIO()
    call_command(*args, "--json", stdout=out, stderr=StringIO())
    return json.loads(out.getvalue())


def import_set(partnership, name: str, *extra) -> dict:
    return run(
        "import-question-set", str(FIXTURES / name), "--partnership", partnership.slug, *extra
    )


# Scales --------------------------------------------------------------------------------


def test_a_scale_can_have_any_levels_with_or_without_zero():
    zero = parse_scale(ZERO_TO_THREE)
    assert [level[:2] for level in zero["levels"]] == [
        (0, "Not in place"),
        (1, "Partly in place"),
        (2, "Mostly in place"),
        (3, "Fully in place"),
    ]
    assert [level[3] for level in zero["levels"]] == ["not_met", "partly", "partly", "met"]
    grade = parse_scale(
        "1=Outstanding [met]\n2=Good [met]\n3=Requires improvement [partly]\n4=Inadequate [not met]"
    )
    assert [level[3] for level in grade["levels"]] == ["met", "met", "partly", "not_met"]
    assert grade["kind"] == ScaleKind.SCORE


def test_a_maturity_continuum_keeps_each_levels_descriptor():
    spec = parse_scale(
        "1=Emerging: policies exist on paper\n2=Developing: practice is changing\n"
        "3=Embedded: consistent practice, evidenced\n4=Leading: shared with others"
    )
    assert spec["kind"] == ScaleKind.MATURITY
    assert spec["levels"][2][1:5:3] == ("Embedded", "consistent practice, evidenced")


def test_a_scale_with_duplicate_levels_or_labels_is_refused_with_how_to_fix_it():
    with pytest.raises(ValidationError) as error:
        parse_scale("0=No; 1=Some; 1=Most")
    assert "level 1 twice" in str(error.value)
    with pytest.raises(ValidationError) as error:
        parse_scale("0=Good; 1=good")
    assert "label “good” twice" in str(error.value)
    with pytest.raises(ValidationError):
        parse_scale("just one")


# Importing a question set --------------------------------------------------------------


def test_section_11_excel_imports_into_a_draft_with_a_0_to_3_scale(partnership):
    summary = import_set(
        partnership,
        "section-11-question-set.xlsx",
        "--name",
        "Section 11 (imported)",
        "--kind",
        "section_11",
        "--scale",
        ZERO_TO_THREE,
        "--extra-field",
        "Link to health audit: link",
        "--extra-field",
        "Deadline: date",
    )
    assert (summary["created"], summary["updated"], summary["skipped"]) == (5, 0, 0)
    assert summary["errors"] == []
    assert [c["row"] for c in summary["changes"]][:2] == ["row 3", "row 4"]
    version = TemplateVersion.objects.get(template__name="Section 11 (imported)")
    assert version.status == "draft"
    assert version.template.imported_by_partnership == partnership
    assert [s.title for s in version.sections.all()] == [
        "Leadership and accountability",
        "Safer recruitment",
    ]
    rated = version.questions.get(reference="1.1")
    assert rated.moderated and rated.answer_type == "rating"
    assert [lvl.value for lvl in rated.scale.levels.all()] == [0, 1, 2, 3]
    assert rated.evidence_expected == "Job description; board minutes."
    checklist = version.questions.get(reference="2.3")
    assert checklist.scale.kind == ScaleKind.YES_NO and checklist.moderated
    assert list(version.extra_fields.values_list("label", "kind")) == [
        ("Link to health audit", "link"),
        ("Deadline", "date"),
    ]
    assert AuditEvent.objects.filter(event="assurance.question_set.import").count() == 1


def test_importing_the_same_file_again_changes_nothing(partnership):
    args = ("section-11-question-set.xlsx", "--name", "S11", "--scale", ZERO_TO_THREE)
    import_set(partnership, *args)
    events = AuditEvent.objects.count()
    again = import_set(partnership, *args)
    assert (again["created"], again["updated"], again["skipped"]) == (0, 0, 5)
    assert again["written"] is False
    assert AuditEvent.objects.count() == events
    assert TemplateQuestion.objects.filter(version__template__name="S11").count() == 5


def test_a_published_template_gets_no_new_draft_when_the_file_says_nothing_new(partnership):
    from safeguarding.assurance.services.templates import template_version_publish

    import_set(partnership, "section-175-checklist.xlsx", "--name", "Schools checklist")
    version = TemplateVersion.objects.get(template__name="Schools checklist")
    template_version_publish(actor=_bu(partnership), version=version)
    again = import_set(partnership, "section-175-checklist.xlsx", "--name", "Schools checklist")
    assert (again["created"], again["updated"], again["skipped"]) == (0, 0, 4)
    assert TemplateVersion.objects.filter(template__name="Schools checklist").count() == 1


def _bu(partnership):
    from safeguarding.accounts.tests.factories import user_with_role

    return user_with_role(Role.BUSINESS_UNIT, partnership=partnership)


def test_a_changed_question_updates_the_draft(partnership, tmp_path):
    import_set(partnership, "section-175-checklist.xlsx", "--name", "Schools checklist")
    from openpyxl import load_workbook

    workbook = load_workbook(FIXTURES / "section-175-checklist.xlsx")
    workbook.active["C3"] = "The policy is on the website and the staff intranet."
    changed = tmp_path / "changed.xlsx"
    workbook.save(changed)
    summary = run(
        "import-question-set",
        str(changed),
        "--partnership",
        partnership.slug,
        "--name",
        "Schools checklist",
    )
    assert (summary["created"], summary["updated"], summary["skipped"]) == (0, 1, 3)
    assert summary["changes"][1] == {"row": "row 3", "reference": "1.2", "action": "updated"}


@pytest.mark.parametrize(
    "name",
    [
        "section-175-checklist.xlsx",
        "section-175-checklist.docx",
        "section-175-checklist-table.docx",
    ],
)
def test_section_175_checklist_reads_from_excel_and_word(partnership, name):
    summary = import_set(partnership, name, "--name", "Checklist")
    assert summary["created"] == 4, summary
    version = TemplateVersion.objects.get(template__name="Checklist")
    kinds = {q.reference: q.scale.kind for q in version.questions.select_related("scale")}
    assert kinds == {
        "1.1": ScaleKind.YES_NO,
        "1.2": ScaleKind.YES_NO,
        "2.1": ScaleKind.YES_NO,
        "2.2": ScaleKind.YES_NO_PARTLY,
    }
    assert version.questions.get(reference="2.1").evidence_expected == "Certificate."


def test_word_numbered_list_keeps_its_section_headings(partnership):
    import_set(partnership, "section-175-checklist.docx")
    version = TemplateVersion.objects.get(template__name="Schools safeguarding checklist")
    assert [s.title for s in version.sections.all()] == ["Policies", "Designated safeguarding lead"]


def test_a_dry_run_shows_what_would_be_made_and_writes_nothing(partnership):
    summary = import_set(partnership, "section-11-question-set.xlsx", "--dry-run")
    assert summary["created"] == 5 and summary["dry_run"] is True
    assert not AuditTemplate.objects.exists()
    assert not AuditEvent.objects.filter(event="assurance.question_set.import").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ((FIXTURES / "checklist-windows-1252.csv").read_bytes(), "not UTF-8"),
        (b"", "The file is empty"),
        ((FIXTURES / "missing-columns.csv").read_bytes(), "needs a “Reference” column"),
        (b"%PDF-1.4 binary", "not a format that can be imported"),
        (b"\xd0\xcf\x11\xe0old word", "Word 97-2003"),
    ],
)
def test_bad_files_are_refused_clearly_and_nothing_is_written(
    partnership, tmp_path, content, message
):
    path = tmp_path / "upload.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError) as error:
        call_command("import-question-set", str(path), "--partnership", partnership.slug)
    assert message in str(error.value)
    assert not AuditTemplate.objects.exists()


def test_a_scale_with_duplicate_levels_is_refused_and_nothing_is_written(partnership):
    with pytest.raises(CommandError) as error:
        call_command(
            "import-question-set",
            str(FIXTURES / "section-11-question-set.xlsx"),
            "--partnership",
            partnership.slug,
            "--scale",
            "0=No; 1=Some; 1=Most",
        )
    assert "level 1 twice" in str(error.value)
    assert not RatingScale.objects.exists()


def test_bad_rows_are_named_and_nothing_is_written(partnership, tmp_path):
    path = tmp_path / "set.csv"
    path.write_text(
        "Reference,Question,Type\n1.1,A lead is named.,rating\n1.1,Again.,rating\n"
        "1.3,,rating\n1.4,Something,colour\n",
        encoding="utf-8",
    )
    out = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import-question-set",
            str(path),
            "--partnership",
            partnership.slug,
            "--json",
            stdout=out,
        )
    summary = json.loads(out.getvalue())
    reasons = {e["row"]: e["reason"] for e in summary["errors"]}
    assert "question is empty" in reasons["line 4"]
    assert "type “colour” is not known" in reasons["line 5"]
    assert "used twice" in reasons["line 3"]
    assert not AuditTemplate.objects.exists()


# The page ------------------------------------------------------------------------------


def test_import_page_previews_then_imports_into_a_draft(
    signed_in, django_capture_on_commit_callbacks
):
    client = signed_in(Role.BUSINESS_UNIT)
    url = reverse("assurance:question-set-import")
    assert client.get(url).status_code == 200
    with open(FIXTURES / "section-175-checklist.xlsx", "rb") as upload:
        job, preview = post_and_follow(
            client,
            django_capture_on_commit_callbacks,
            url,
            {
                "file": upload,
                "name": "Schools checklist",
                "kind": "schools",
                "scale": "",
                "extra_fields": "Deadline: date",
            },
        )
    assert preview.status_code == 200
    assert job.status == "done" and job.dry_run
    assert b"4 created, 0 updated, 0 unchanged" in preview.content
    assert b"Import into the draft" in preview.content
    assert not AuditTemplate.objects.exists()
    confirmed, page = confirm_and_follow(client, django_capture_on_commit_callbacks, job)
    version = TemplateVersion.objects.get(template__name="Schools checklist")
    assert page.redirect_chain[-1][0] == reverse("assurance:version-detail", args=[version.pk])
    assert "draft version" in page.content.decode()
    assert version.questions.count() == 4
    assert ExtraField.objects.get(version=version).label == "Deadline"
    assert not confirmed.file  # the uploaded copy goes once the questions are in


def test_import_page_shows_why_a_file_cannot_be_read_and_writes_nothing(
    signed_in, django_capture_on_commit_callbacks
):
    client = signed_in(Role.BUSINESS_UNIT)
    with open(FIXTURES / "checklist-windows-1252.csv", "rb") as upload:
        job, page = post_and_follow(
            client,
            django_capture_on_commit_callbacks,
            reverse("assurance:question-set-import"),
            {"file": upload, "kind": "thematic"},
        )
    assert page.status_code == 200
    assert job.status == "failed"
    assert "The import failed" in page.content.decode()
    assert "Save it again as “CSV UTF-8”" in page.content.decode()
    assert not AuditTemplate.objects.exists()


def test_a_bad_scale_is_refused_on_the_form_before_any_job(signed_in):
    from safeguarding.core.models import ImportJob

    client = signed_in(Role.BUSINESS_UNIT)
    with open(FIXTURES / "section-175-checklist.xlsx", "rb") as upload:
        response = client.post(
            reverse("assurance:question-set-import"),
            {"file": upload, "kind": "schools", "scale": "1=Good\n1=Better"},
        )
    assert response.status_code == 200
    assert "twice" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_import_page_refuses_a_tampered_preview(signed_in):
    client = signed_in(Role.BUSINESS_UNIT)
    response = client.post(
        reverse("assurance:question-set-import"),
        {
            "step": "confirm",
            "kind": "thematic",
            "content_b64": "UmVmZXJlbmNl",
            "content_sha256": "0" * 64,
        },
    )
    assert "preview has expired" in response.content.decode()
    assert not AuditTemplate.objects.exists()


def test_only_the_business_unit_may_import(signed_in):
    client = signed_in(Role.PRACTITIONER)
    assert client.get(reverse("assurance:question-set-import")).status_code in (403, 404)


# Typing a scale into a draft ----------------------------------------------------------


def test_the_business_unit_adds_any_scale_to_a_draft_and_a_standard_uses_it(signed_in):
    from safeguarding.assurance.tests.factories import small_template

    draft = small_template(status="draft")
    client = signed_in(Role.BUSINESS_UNIT)
    url = reverse("assurance:scale-new", args=[draft.pk])
    refused = client.post(url, {"name": "Grades", "levels": "1=Good\n1=Better"})
    assert "level 1 twice" in refused.content.decode()
    assert not draft.scales.filter(name="Grades").exists()
    response = client.post(
        url,
        {
            "name": "Grades",
            "levels": "1=Outstanding [met]\n2=Good [met]\n3=Requires improvement\n"
            "4=Inadequate [not met]",
        },
    )
    assert response.status_code == 302
    grades = draft.scales.get(name="Grades")
    assert [(lvl.value, lvl.outcome) for lvl in grades.levels.all()] == [
        (1, "met"),
        (2, "met"),
        (3, "partly"),
        (4, "not_met"),
    ]
    client.post(url, {"name": "Checklist", "levels": "yes-no"})
    assert draft.scales.get(name="Checklist").kind == ScaleKind.YES_NO
    page = client.get(reverse("assurance:version-detail", args=[draft.pk])).content.decode()
    assert "Requires improvement" in page and "Yes or no" in page


def test_a_published_version_gets_no_new_scale(signed_in):
    from safeguarding.assurance.tests.factories import small_template

    published = small_template()
    client = signed_in(Role.BUSINESS_UNIT)
    client.post(
        reverse("assurance:scale-new", args=[published.pk]), {"name": "New", "levels": "yes-no"}
    )
    assert not published.scales.filter(name="New").exists()


@pytest.mark.django_db(transaction=True)
def test_the_questions_written_are_saved_as_the_check_and_the_import_run(
    signed_in, partnership, settings, monkeypatch
):
    from safeguarding.core.tests.import_jobs import (
        assert_seen_elsewhere,
        progress_after,
        queue_from_page,
        run_watching,
    )

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    monkeypatch.setattr("safeguarding.assurance.services.question_sets.PROGRESS_EVERY", 3)
    client = signed_in(Role.BUSINESS_UNIT)
    rows = "".join(f"1.{n},Standard number {n} is met.,rating\n" for n in range(1, 8))
    content = f"Reference,Question,Type\n{rows}".encode()
    check = queue_from_page(
        client,
        reverse("assurance:question-set-import"),
        {
            "file": SimpleUploadedFile("set.csv", content),
            "name": "Progress set",
            "kind": "thematic",
            "scale": "",
            "extra_fields": "",
        },
    )
    check, seen = run_watching(client, check)
    expected = [(0, 7), (3, 7), (6, 7), (7, 7)]
    assert [(s["rows_done"], s["rows_total"]) for s in seen] == expected
    assert seen[1]["progress_text"] == "Read 3 of 7 questions."
    assert_seen_elsewhere(seen)
    assert (check.status, check.dry_run, check.rows_done, check.rows_total) == ("done", True, 7, 7)
    assert not AuditTemplate.objects.exists()  # a check writes nothing

    client.post(reverse("core:import-job-confirm", args=[check.pk]))
    confirmed = ImportJob.objects.order_by("-pk").first()
    assert confirmed.pk != check.pk and confirmed.status == "queued"
    confirmed, seen = run_watching(client, confirmed)
    assert [(s["rows_done"], s["rows_total"]) for s in seen] == expected
    assert_seen_elsewhere(seen)
    assert (confirmed.result["created"], confirmed.rows_done, confirmed.rows_total) == (7, 7, 7)
    progress = progress_after(client, confirmed)
    assert (progress["rows_done"], progress["rows_total"], progress["percent"]) == (7, 7, 100)
    assert TemplateVersion.objects.get(template__name="Progress set").questions.count() == 7


def test_a_file_refused_whole_still_prints_the_json_summary(partnership):
    out = StringIO()
    with pytest.raises(CommandError, match="not UTF-8"):
        call_command(
            "import-question-set",
            str(FIXTURES / "checklist-windows-1252.csv"),
            "--partnership",
            partnership.slug,
            "--json",
            stdout=out,
        )
    summary = json.loads(out.getvalue())
    assert (summary["created"], summary["updated"], summary["skipped"]) == (0, 0, 0)
    assert summary["errors"][0]["row"] is None and "not UTF-8" in summary["errors"][0]["reason"]
    assert not AuditTemplate.objects.exists()
    out = StringIO()
    with pytest.raises(CommandError, match="no campaign"):
        call_command(
            "import-past-returns",
            str(FIXTURES / "past-returns.csv"),
            "--campaign",
            "nowhere",
            "--json",
            stdout=out,
        )
    assert json.loads(out.getvalue())["errors"] == [
        {"row": None, "reason": "There is no campaign “nowhere”. Give its number or title slug."}
    ]
