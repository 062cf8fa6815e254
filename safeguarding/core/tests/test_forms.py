import datetime

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.datastructures import MultiValueDict

from safeguarding.core.forms import DateInput, MultipleFileField, TimeInput


class Evidence(forms.Form):
    files = MultipleFileField(required=False)


def test_several_files_arrive_as_a_list_and_empty_items_are_left_out():
    upload = SimpleUploadedFile("note.txt", b"evidence")
    form = Evidence(data={}, files=MultiValueDict({"files": [upload, None]}))
    assert form.is_valid()
    assert [f.name for f in form.cleaned_data["files"]] == ["note.txt"]


def test_no_files_is_an_empty_list():
    form = Evidence(data={}, files=MultiValueDict())
    assert form.is_valid()
    assert form.cleaned_data["files"] == []


def test_date_and_time_inputs_render_values_browsers_understand():
    assert 'value="2024-03-12"' in DateInput().render("d", datetime.date(2024, 3, 12))
    assert 'type="date"' in DateInput().render("d", None)
    assert 'value="14:30"' in TimeInput().render("t", datetime.time(14, 30))
