from django import forms

from safeguarding.planning.models import Theme


class ThemeMergeForm(forms.Form):
    merged = forms.ModelChoiceField(
        label="Theme to merge",
        queryset=Theme.objects.active(),
        empty_label="Choose a theme",
        help_text="Its records will carry the other theme, and it will be retired",
        error_messages={"required": "Choose the theme to merge"},
    )
    into = forms.ModelChoiceField(
        label="Merge it into",
        queryset=Theme.objects.active(),
        empty_label="Choose a theme",
        error_messages={"required": "Choose the theme to merge it into"},
    )
