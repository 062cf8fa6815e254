"""Forms to upload a document to a case record, or a new version of one."""

from __future__ import annotations

from django import forms

from safeguarding.reviews.models import DocumentKind


class DocumentVersionForm(forms.Form):
    file = forms.FileField(
        label="File",
        help_text="PDF, Word, Excel, PowerPoint, OpenDocument text, text, CSV or an image, "
        "up to 25 MB",
        error_messages={"required": "Choose the file to upload"},
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What this version is, or what changed",
    )


class DocumentForm(DocumentVersionForm):
    kind = forms.ChoiceField(
        label="Kind of document",
        widget=forms.RadioSelect,
        choices=DocumentKind.choices,
        error_messages={"required": "Choose what kind of document it is"},
    )
    title = forms.CharField(
        label="Title",
        max_length=200,
        error_messages={"required": "Enter a title for the document, like “Draft 2”"},
    )
    agency = forms.ModelChoiceField(
        label="Agency (for a chronology)",
        queryset=None,
        required=False,
        empty_label="Not an agency's chronology",
    )
    field_order = ["kind", "title", "agency", "file", "note"]

    def __init__(self, *args, agencies, drafts_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        if drafts_only:
            self.fields["kind"].choices = [(DocumentKind.DRAFT, DocumentKind.DRAFT.label)]
            self.fields["kind"].initial = DocumentKind.DRAFT
            del self.fields["agency"]
