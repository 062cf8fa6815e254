"""The business unit imports key messages from a Word document on a web page, seeing the
same summary as ``safeguarding import-key-messages --json``."""

from __future__ import annotations

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.governance.models import KeyMessage
from safeguarding.governance.tests.test_import import make_docx


def _post(client, partnership, name, data, **extra):
    return client.post(
        "/governance/key-messages/import/",
        {"partnership": partnership.pk, "file": SimpleUploadedFile(name, data), **extra},
    )


def test_a_word_document_uploaded_publishes_its_messages_with_the_commands_summary(
    signed_in, partnership, tmp_path, capsys
):
    bu = signed_in(Role.BUSINESS_UNIT)
    data = make_docx(tmp_path / "executive.docx").read_bytes()

    checked = _post(bu, partnership, "executive.docx", data, dry_run="on")
    assert "Check complete: nothing was written" in checked.text
    assert not KeyMessage.objects.exists()

    response = _post(bu, partnership, "executive.docx", data)
    assert response.status_code == 200
    assert "Import complete" in response.text
    assert "New: " in response.text and "Elective home education" in response.text
    assert KeyMessage.objects.filter(partnership=partnership, status="published").count() == 3
    assert (
        AuditEvent.objects.filter(event="governance.key_message.imported", actor=bu.user).count()
        == 3
    )

    # Importing again on the command line finds the same, now unchanged.
    try:
        call_command(
            "import-key-messages", str(tmp_path / "executive.docx"), "--partnership",
            partnership.slug, "--json",
        )  # fmt: skip
    except SystemExit:
        pass
    summary = json.loads(capsys.readouterr().out)
    assert summary == {
        "rows": 3, "meetings": 2, "messages": 3, "created": 0, "updated": 0, "skipped": 3,
        "errors": [],
    }  # fmt: skip
    again = _post(bu, partnership, "executive.docx", data)
    assert KeyMessage.objects.count() == 3
    assert 'Unchanged or skipped</dt><dd class="govuk-summary-list__value">3' in again.text


def test_a_file_that_is_not_a_document_is_refused_with_what_to_do(signed_in, partnership):
    bu = signed_in(Role.BUSINESS_UNIT)
    response = _post(bu, partnership, "figures.xlsx", b"PK\x03\x04")
    assert "Choose a Word (.docx), text (.txt)" in response.text
    broken = _post(bu, partnership, "broken.docx", b"not a word document")
    assert "broken.docx could not be imported" in broken.text
    assert not KeyMessage.objects.exists()
