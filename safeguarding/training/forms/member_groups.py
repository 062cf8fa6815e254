"""The business unit's member group form: name, discount and the member agencies."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms

from safeguarding.accounts.models import AgencyType
from safeguarding.training.models import MemberGroup

# Agency types with more agencies than this start folded away (schools, usually).
FOLD_AFTER = 12


@dataclass
class AgencyChoiceGroup:
    """One agency type's checkboxes, shown as a fieldset of its own."""

    label: str
    slug: str
    options: list
    chosen: int

    @property
    def folded(self) -> bool:
        return len(self.options) > FOLD_AFTER and not self.chosen


class MemberGroupForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=150,
        help_text="As people know it, such as “ECVYS members”.",
        error_messages={"required": "Enter the name of the member group, like “ECVYS members”."},
    )
    discount_percent = forms.IntegerField(
        label="Discount (%)",
        min_value=1,
        max_value=100,
        help_text="Taken off the fee on courses that give this group a discount. "
        "100 means members pay nothing.",
        error_messages={
            "required": "Enter the discount, as a whole number from 1 to 100.",
            "invalid": "Enter the discount as a whole number from 1 to 100, like 25.",
            "min_value": "The discount must be at least 1%.",
            "max_value": "The discount cannot be more than 100%.",
        },
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
    agencies = forms.MultipleChoiceField(
        label="Member agencies",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Staff of these agencies get the discount automatically when they book with "
        "their agency. Leave empty if people say themselves that they are members.",
    )

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.agencies = {str(a.pk): a for a in agencies}
        self.fields["agencies"].choices = [(pk, a.name) for pk, a in self.agencies.items()]

    @classmethod
    def initial_for(cls, group: MemberGroup) -> dict:
        return {
            "name": group.name,
            "discount_percent": group.discount_percent,
            "agencies": [str(a.pk) for a in group.agencies.all()],
        }

    def agency_groups(self) -> list[AgencyChoiceGroup]:
        """The agency checkboxes by type of agency, in the order the agencies came."""
        labels = dict(AgencyType.choices)
        groups: dict[str, AgencyChoiceGroup] = {}
        for option in self["agencies"].subwidgets:
            agency = self.agencies[str(option.data["value"])]
            group = groups.get(agency.type)
            if group is None:
                group = groups[agency.type] = AgencyChoiceGroup(
                    label=labels.get(agency.type, "Other"),
                    slug=agency.type,
                    options=[],
                    chosen=0,
                )
            group.options.append(option)
            if option.data["selected"]:
                group.chosen += 1
        return list(groups.values())

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "discount_percent": data["discount_percent"],
            "agencies": [self.agencies[pk] for pk in data.get("agencies", [])],
        }
