"""The business unit imports key messages from a Word document on a web page: the document
is drafted into an import batch for review, as ``safeguarding import-key-messages`` does."""

from __future__ import annotations

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.governance.models import ImportBatch, KeyMessage
from safeguarding.governance.tests.test_import import make_docx


def _post(client, partnership, name, data, **extra):
    return client.post(
        "/governance/key-messages/import/",
        {"partnership": partnership.pk, "file": SimpleUploadedFile(name, data), **extra},
    )


def test_a_word_document_uploaded_is_drafted_for_review_and_the_command_agrees(
    signed_in, partnership, tmp_path, capsys
):
    bu = signed_in(Role.BUSINESS_UNIT)
    data = make_docx(tmp_path / "executive.docx").read_bytes()

    checked = _post(bu, partnership, "executive.docx", data, dry_run="on")
    assert "Check complete: nothing was written" in checked.text
    assert not KeyMessage.objects.exists() and not ImportBatch.objects.exists()

    response = _post(bu, partnership, "executive.docx", data)
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/imports/{batch.pk}/")
    assert batch.items.count() == 3 and not KeyMessage.objects.exists()
    assert AuditEvent.objects.filter(event="governance.import_batch.create", actor=bu.user).exists()

    # Importing the same file on the command line finds it already imported.
    try:
        call_command(
            "import-key-messages", str(tmp_path / "executive.docx"), "--partnership",
            partnership.slug, "--json",
        )  # fmt: skip
    except SystemExit:
        pass
    summary = json.loads(capsys.readouterr().out)
    assert (summary["created"], summary["updated"], summary["skipped"]) == (0, 0, 3)
    assert summary["batches"] == [] and summary["errors"] == []
    again = _post(bu, partnership, "executive.docx", data)
    assert again.url.endswith(f"/imports/{batch.pk}/") and ImportBatch.objects.count() == 1


def test_a_file_that_is_not_a_document_is_refused_with_what_to_do(signed_in, partnership):
    bu = signed_in(Role.BUSINESS_UNIT)
    response = _post(bu, partnership, "figures.xlsx", b"PK\x03\x04")
    assert "Choose a Word (.docx), text (.txt)" in response.text
    broken = _post(bu, partnership, "broken.docx", b"not a word document")
    assert "broken.docx could not be imported" in broken.text
    assert not KeyMessage.objects.exists()
