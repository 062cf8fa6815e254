"""The GOV.UK error summary appears only when there is something wrong: an empty one is still
announced by screen readers as an alert ("There is a problem", and then nothing)."""

from django import forms
from django.template.loader import render_to_string


class Meeting(forms.Form):
    title = forms.CharField(label="Title")
    held_on = forms.DateField(label="Date")


def _summary(form) -> str:
    return render_to_string("govuk/error_summary.html", {"form": form})


def test_no_summary_for_an_unbound_or_valid_form():
    assert "govuk-error-summary" not in _summary(Meeting())
    valid = Meeting({"title": "Executive", "held_on": "2024-03-12"})
    assert valid.is_valid()
    assert "govuk-error-summary" not in _summary(valid)
    assert "govuk-error-summary" not in str(Meeting())  # the form renderer too


def test_the_summary_lists_each_error_linked_to_its_field():
    form = Meeting({"title": "", "held_on": "not a date"})
    assert not form.is_valid()
    html = _summary(form)
    assert 'role="alert"' in html and "There is a problem" in html
    assert f'href="#{form["title"].auto_id}"' in html
    assert f'href="#{form["held_on"].auto_id}"' in html
