"""Tag what exists: the business unit's untagged records with suggested themes, to accept or
reject one by one or all the ticked ones at once."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from safeguarding.core.access import require_permission
from safeguarding.search.selectors.suggestions import suggestion_queue
from safeguarding.search.services.suggestions_review import Answer, theme_suggestions_answer


def _answers(request: HttpRequest) -> list[Answer]:
    if "accept" in request.POST:
        return [Answer.parse(request.POST["accept"], accept=True)]
    if "reject" in request.POST:
        return [Answer.parse(request.POST["reject"], accept=False)]
    accept = "accept-checked" in request.POST
    return [Answer.parse(value, accept=accept) for value in request.POST.getlist("chosen")]


def _counted(number: int, thing: str) -> str:
    return f"{number} {thing}" + ("" if number == 1 else "s")


@require_permission("governance.manage_themes")
@require_http_methods(["GET", "POST"])
def theme_suggestions_page(request: HttpRequest) -> HttpResponse:
    kind_key = request.GET.get("type", "")[:60]
    error = ""
    if request.method == "POST":
        try:
            outcome = theme_suggestions_answer(actor=request.user, answers=_answers(request))
        except ValidationError as problem:
            error = problem.messages[0]
        else:
            done = []
            if outcome.accepted:
                done.append(_counted(outcome.accepted, "theme") + " added")
            if outcome.rejected:
                done.append(_counted(outcome.rejected, "suggestion") + " rejected")
            messages.success(request, " and ".join(done) + ".")
            return redirect(request.get_full_path())
    queue = suggestion_queue(user=request.user, kind_key=kind_key, page=request.GET.get("page", 1))
    return render(
        request,
        "search/theme_suggestions.html",
        {"queue": queue, "error": error},
        status=400 if error else 200,
    )
