"""Date and time inputs for governance forms.

``<input type="date">`` only understands ISO dates (2024-03-12); the shared
``core.forms.DateInput`` renders dates in the UK input format (12/03/2024), which browsers
show as empty, so every edit form would lose its dates. These render ISO values.
"""

from __future__ import annotations

from django import forms

from safeguarding.core.forms import DateInput


class IsoDateInput(DateInput):
    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")
