from __future__ import annotations

from django import forms


class ImportItemForm(forms.Form):
    title = forms.CharField(
        max_length=200,
        error_messages={
            "required": "Enter a title for the message",
            "max_length": "The title must be 200 characters or fewer",
        },
    )
    body = forms.CharField(
        label="Message",
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Markdown: paragraphs, lists, links, bold and italics",
        error_messages={"required": "Enter the text of the message"},
    )
