"""Adding a "You said, we did" entry. Other apps link here with the entry pre-filled through
the query string (a survey's results page sends its title and link), so no app imports the
library's code to create one."""

from __future__ import annotations

from django import forms
from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from safeguarding.core.access import require_permission
from safeguarding.core.forms import DateInput, add_service_errors
from safeguarding.library.models import ResponseStatus
from safeguarding.library.selectors.resources import managed_partnership
from safeguarding.library.services.voice import you_said_we_did_add

# What the query string may pre-fill (anything else in it is ignored).
PREFILL = ("you_said", "we_did", "status", "said_on", "source_label", "source_url")


class YouSaidWeDidForm(forms.Form):
    you_said = forms.CharField(
        label="You said",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What children and young people told us, in their words where you can",
        error_messages={"required": "Enter what children and young people told us."},
    )
    we_did = forms.CharField(
        label="We did",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What the partnership did, or will do, about it",
        error_messages={"required": "Enter what the partnership did about it."},
    )
    status = forms.ChoiceField(
        label="Status", choices=ResponseStatus.choices, widget=forms.RadioSelect
    )
    said_on = forms.DateField(
        label="When they told us",
        widget=DateInput,
        error_messages={
            "required": "Enter the date, like 31 3 2024.",
            "invalid": "Enter a real date.",
        },
    )
    source_label = forms.CharField(
        label="Where it came from (optional)",
        max_length=200,
        required=False,
        help_text="Such as the survey or consultation",
    )
    source_url = forms.URLField(
        label="Link to where it came from (optional)",
        max_length=500,
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter a web address starting https://"},
    )
    is_published = forms.BooleanField(
        label="Show it on the public “You said, we did” page now", required=False
    )


@require_permission("library.manage_library")
@require_http_methods(["GET", "POST"])
def you_said_we_did_new(request: HttpRequest) -> HttpResponse:
    partnership = managed_partnership(
        user=request.user, site=getattr(request, "partnership", None) or None
    )
    if partnership is None:
        raise Http404("No partnership")
    initial: dict = {"status": ResponseStatus.PLANNED, "said_on": timezone.localdate()}
    initial.update({k: request.GET[k][:5000] for k in PREFILL if request.GET.get(k)})
    form = YouSaidWeDidForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            you_said_we_did_add(actor=request.user, partnership=partnership, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            published = form.cleaned_data["is_published"]
            flash.success(
                request,
                "The entry has been added to the “You said, we did” page."
                if published
                else "The entry has been saved. It is not on the public page yet.",
            )
            return redirect("library:you-said-we-did")
    return render(
        request, "library/you_said_we_did_new.html", {"form": form, "partnership": partnership}
    )
