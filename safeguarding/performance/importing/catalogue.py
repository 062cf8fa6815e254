"""What the columns of the DfE children's social care statistics mean.

When an Explore Education Statistics file is imported for the first time, each measure
column becomes an indicator. For the variables of the 'Characteristics of children in need'
and 'Children looked after' releases (from the DfE data guidance) this catalogue gives the
indicator its proper name, unit and a stable key, so the same measure in two files (the
headline figures and the detailed tables) feeds one indicator. Any other column is named
from its header and its unit guessed from the name (…_rate → per 10,000, …_percent → %).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.text import slugify

COUNT, RATE, PERCENT, DAYS = "count", "rate_per_10000", "percentage", "days"
HIGHER, LOWER, NEUTRAL = "higher_is_better", "lower_is_better", "neutral"


@dataclass(frozen=True)
class Measure:
    key: str
    name: str
    unit: str = COUNT
    polarity: str = NEUTRAL
    description: str = ""

    @property
    def decimal_places(self) -> int:
        return 1 if self.unit in (RATE, PERCENT) else 0


def _pair(column: str, key: str, name: str, description: str = "", polarity=NEUTRAL):
    """A count and its rate per 10,000 children (column and column_rate)."""
    return {
        (column.lower(), ""): Measure(key, name, COUNT, polarity, description),
        (f"{column.lower()}_rate", ""): Measure(
            f"{key}-rate",
            f"{name} per 10,000 children",
            RATE,
            polarity,
            f"{description} Rate per 10,000 children aged under 18.".strip(),
        ),
    }


CATALOGUE: dict[tuple[str, str], Measure] = {}

# B1 Children in need
CATALOGUE |= _pair("Anypoint_episodes", "cin-episodes-in-year", "Episodes of need in the year")
CATALOGUE |= _pair(
    "Anypoint_child", "cin-children-in-year", "Children in need at any point in the year"
)
CATALOGUE |= _pair("Started_episodes", "cin-episodes-started", "Episodes of need started")
CATALOGUE |= _pair("Started_child", "cin-children-started", "Children starting an episode of need")
CATALOGUE |= _pair("Ended_episodes", "cin-episodes-ended", "Episodes of need ended")
CATALOGUE |= _pair("Ended_child", "cin-children-ended", "Children ending an episode of need")
CATALOGUE |= _pair(
    "At31_episodes",
    "cin-at-31-march",
    "Children in need at 31 March",
    "Children in need on 31 March (DfE children in need census).",
)
CATALOGUE |= _pair(
    "Awaiting_assessment",
    "cin-awaiting-assessment",
    "Children in need awaiting or not needing assessment at 31 March",
)

# C1 Referrals and re-referrals
CATALOGUE |= _pair(
    "Referrals",
    "referrals",
    "Referrals to children's social care",
    "Referrals to children's social care in the year to 31 March.",
)
CATALOGUE |= _pair("Referrals_child", "children-referred", "Children referred")
CATALOGUE |= {
    ("re_referrals", ""): Measure("re-referrals", "Re-referrals within 12 months"),
    ("re_referrals_percent", ""): Measure(
        "re-referrals-percent",
        "Re-referrals within 12 months (% of referrals)",
        PERCENT,
        LOWER,
        "Referrals within 12 months of a previous referral, as a percentage of referrals.",
    ),
    ("re_referrals_child", ""): Measure(
        "children-re-referred", "Children re-referred within 12 months"
    ),
    ("re_referrals_child_percent", ""): Measure(
        "children-re-referred-percent",
        "Children re-referred within 12 months (%)",
        PERCENT,
        LOWER,
    ),
    ("no_further_action", ""): Measure(
        "referrals-no-further-action", "Referrals resulting in no further action"
    ),
    ("no_further_action_percent", ""): Measure(
        "referrals-no-further-action-percent",
        "Referrals resulting in no further action (%)",
        PERCENT,
    ),
    ("not_in_need", ""): Measure(
        "referrals-assessed-not-in-need", "Referrals assessed as not in need"
    ),
    ("not_in_need_percent", ""): Measure(
        "referrals-assessed-not-in-need-percent",
        "Referrals assessed as not in need (%)",
        PERCENT,
    ),
}

# C2 Assessments
CATALOGUE |= _pair(
    "Assessments_completed",
    "assessments-completed",
    "Assessments completed",
    "Children's social care assessments completed in the year to 31 March.",
)
for column, label in [
    ("same_day", "started and finished the same day"),
    ("1-10_days", "in 1 to 10 working days"),
    ("11-20_days", "in 11 to 20 working days"),
    ("21-30_days", "in 21 to 30 working days"),
    ("31-40_days", "in 31 to 40 working days"),
    ("41-45_days", "in 41 to 45 working days"),
    ("46-50_days", "in 46 to 50 working days"),
    ("51-60_days", "in 51 to 60 working days"),
    ("61+_days", "in 61 working days or more"),
]:
    CATALOGUE[(column, "")] = Measure(
        f"assessments-{slugify(column.replace('+', '-plus').replace('_', '-'))}",
        f"Assessments completed {label}",
    )
for column, label in [
    ("25th_percentile_days", "25th percentile"),
    ("median_days", "median"),
    ("75th_percentile_days", "75th percentile"),
]:
    CATALOGUE[(column, "")] = Measure(
        f"assessment-days-{slugify(label)}",
        f"Assessment duration, {label} (working days)",
        DAYS,
        LOWER,
    )

# C3 Factors identified at the end of assessment
CATALOGUE[("episodes_with_assessment_factor", "")] = Measure(
    "episodes-with-assessment-factors", "Episodes with assessment factor information"
)
for column, label in [
    ("Alcohol_Misuse_child", "alcohol misuse: concerns about child"),
    ("Alcohol_Misuse_parent", "alcohol misuse: concerns about parent"),
    ("Alcohol_Misuse_person", "alcohol misuse: concerns about other person"),
    ("Drug_Misuse_child", "drug misuse: concerns about child"),
    ("Drug_Misuse_parent", "drug misuse: concerns about parent"),
    ("Drug_Misuse_person", "drug misuse: concerns about other person"),
    ("Domestic_Abuse_child", "domestic abuse: child is victim"),
    ("Domestic_Abuse_parent", "domestic abuse: parent is victim"),
    ("Domestic_Abuse_person", "domestic abuse: other person is victim"),
    ("Mental_Health_child", "mental health: concerns about child"),
    ("Mental_Health_parent", "mental health: concerns about parent"),
    ("Mental_Health_person", "mental health: concerns about other person"),
    ("Learning_Disability_child", "learning disability: concerns about child"),
    ("Learning_Disability_parent", "learning disability: concerns about parent"),
    ("Learning_Disability_person", "learning disability: concerns about other person"),
    ("Physical_Disability_child", "physical disability or illness: concerns about child"),
    ("Physical_Disability_parent", "physical disability or illness: concerns about parent"),
    ("Physical_Disability_person", "physical disability or illness: other person"),
    ("Young_Carer", "young carer"),
    ("Privately_fostered", "privately fostered"),
    ("Unaccompanied_asylum_seeker", "unaccompanied asylum seeker"),
    ("Going_missing", "going or being missing"),
    ("Child_sexual_exploitation", "child sexual exploitation"),
    ("Trafficking", "trafficking"),
    ("Gangs", "gangs"),
    ("Socially_unacceptable_behaviour", "socially unacceptable behaviour"),
    ("Self_harm", "self-harm"),
    ("Neglect", "neglect"),
    ("Emotional_Abuse", "emotional abuse"),
    ("Physical_Abuse_unknown", "physical abuse"),
    ("Physical_Abuse_child_on_child", "physical abuse: child on child"),
    ("Physical_Abuse_adult_on_child", "physical abuse: adult on child"),
    ("Sexual_Abuse_unknown", "sexual abuse"),
    ("Sexual_Abuse_child_on_child", "sexual abuse: child on child"),
    ("Sexual_Abuse_adult_on_child", "sexual abuse: adult on child"),
    ("Female_Genital_Mutilation", "female genital mutilation"),
    ("Faith_linked_abuse", "abuse linked to faith or belief"),
    ("Child_criminal_exploitation", "child criminal exploitation"),
    ("Other", "other factors"),
]:
    CATALOGUE[(column.lower(), "")] = Measure(
        f"assessment-factor-{slugify(column.replace('_', '-'))}",
        f"Assessment factor: {label}",
        description=f"Episodes with {label} identified at the end of assessment.",
    )

# C4 Section 47 enquiries and initial child protection conferences
CATALOGUE |= _pair("Section47", "section-47-enquiries", "Section 47 enquiries")
CATALOGUE |= _pair("Section47_child", "children-section-47", "Children subject to section 47")
CATALOGUE |= _pair("ICPC", "icpcs", "Initial child protection conferences")
CATALOGUE |= _pair("ICPC_child", "children-icpc", "Children subject to an initial conference")
for column, label in [
    ("duration_0-10_days", "0 to 10 working days"),
    ("duration_11-15_days", "11 to 15 working days"),
    ("duration_16-20_days", "16 to 20 working days"),
    ("duration_21+_days", "21 working days or more"),
]:
    CATALOGUE[(column, "")] = Measure(
        "icpc-within-"
        + slugify(column.replace("duration_", "").replace("+", "-plus").replace("_", "-")),
        f"Initial conferences held {label} after the section 47 started",
    )
for column, label in [
    ("duration_25th_percentile", "25th percentile"),
    ("duration_median", "median"),
    ("duration_75th_percentile", "75th percentile"),
]:
    CATALOGUE[(column, "")] = Measure(
        f"icpc-days-{slugify(label)}",
        f"Section 47 to initial conference, {label} (working days)",
        DAYS,
        LOWER,
    )

# D1 Child protection plans
CATALOGUE |= _pair("CPP_start", "cpp-started", "Child protection plans started")
CATALOGUE |= _pair("CPP_child_start", "children-cpp-started", "Children starting a plan")
CATALOGUE |= _pair("CPP_end", "cpp-ended", "Child protection plans ended")
CATALOGUE |= _pair("CPP_child_end", "children-cpp-ended", "Children ending a plan")
CATALOGUE |= _pair("CPP_anypoint", "cpp-in-year", "Child protection plans during the year")
CATALOGUE |= _pair(
    "CPP_child_anypoint", "children-cpp-in-year", "Children on a plan during the year"
)
CATALOGUE |= _pair(
    "CPP_At31",
    "cpp-at-31-march",
    "Children on a child protection plan at 31 March",
    "Children who were the subject of a child protection plan on 31 March.",
)

# D4 Child protection plans by category of abuse
for category in ["Neglect", "Physical", "Sexual", "Emotional", "Multiple"]:
    for when in ["Initial", "Latest"]:
        noun = "abuse" if category not in ("Neglect", "Multiple") else ""
        label = f"{category.lower()} {noun}".strip()
        if category == "Multiple":
            label = "multiple categories"
        CATALOGUE[(f"{category}_{when}".lower(), "")] = Measure(
            f"cpp-{when.lower()}-{category.lower()}",
            f"Plans at 31 March, {when.lower()} category: {label}",
        )

# C1's "Referrals" is told apart from the headline file's "referrals" by its category.
_C1 = "referrals and re-referrals"
CATALOGUE[("referrals", _C1)] = CATALOGUE.pop(("referrals", ""))
CATALOGUE[("referrals_rate", _C1)] = CATALOGUE.pop(("referrals_rate", ""))

# Headline figures: published separately from the detailed tables (and not always equal to
# them: 2014's completed assessments are marked low reliability there), so they feed
# indicators of their own.
for column, (key, name, unit) in {
    "children_in_need": ("headline-children-in-need", "Children in need at 31 March", COUNT),
    "children_in_need_per_10000_children": (
        "headline-children-in-need-rate",
        "Children in need at 31 March per 10,000 children",
        RATE,
    ),
    "child_protection_plans": (
        "headline-child-protection-plans",
        "Child protection plans at 31 March",
        COUNT,
    ),
    "child_protection_plans_per_10000_children": (
        "headline-child-protection-plans-rate",
        "Child protection plans at 31 March per 10,000 children",
        RATE,
    ),
    "referrals": ("headline-referrals", "Referrals in the year", COUNT),
    "completed_assessments": ("headline-assessments", "Assessments completed in the year", COUNT),
}.items():
    CATALOGUE[(column, "")] = Measure(key, f"{name} (headline figures)", unit)

# D4 repeats the plans at 31 March, counted for its category-of-abuse table.
CATALOGUE[("cpp_at31", "child protection plans by initial and latest category of abuse")] = Measure(
    "cpp-at-31-march-category-table",
    "Children on a plan at 31 March (category of abuse table)",
)

# Children looked after (filtered by population_type)
_CLA = {
    "children looked after on 31 march each year": (
        "cla-at-31-march",
        "Children looked after at 31 March",
    ),
    "children starting to be looked after each year": (
        "cla-started",
        "Children starting to be looked after",
    ),
    "children ceasing to be looked after each year": (
        "cla-ceased",
        "Children ceasing to be looked after",
    ),
}
for population, (key, name) in _CLA.items():
    CATALOGUE[("children_count", population)] = Measure(key, name)
    CATALOGUE[("rate_per_10000", population)] = Measure(
        f"{key}-rate", f"{name} per 10,000 children", RATE
    )
CATALOGUE[("population_estimate", "")] = Measure(
    "child-population",
    "Children aged 0 to 17 (ONS mid-year estimate)",
    description="The population the rates per 10,000 children are calculated on.",
)

# Measures that mean the same whatever the row's filter (one indicator, not one per filter).
FILTER_INDEPENDENT = frozenset({"population_estimate"})


def _humanise(column: str) -> str:
    words = re.sub(r"[_\s]+", " ", column).strip()
    return words[:1].upper() + words[1:]


def measure_for(column: str, filter_value: str, label: str = "") -> Measure:
    """The indicator a measure column (for a row's filter values) should become.

    ``filter_value`` holds all the row's filter values; ``label`` only those that vary in
    the file (they name the indicator when the catalogue does not know the column).
    """
    lower = column.lower()
    found = (
        CATALOGUE.get((lower, filter_value.lower()))
        or CATALOGUE.get((lower, label.lower()))
        or CATALOGUE.get((lower, ""))
    )
    if found:
        return found
    name = _humanise(column)
    if label:
        name = f"{label}: {name[:1].lower()}{name[1:]}"
    if re.search(r"(per_?10000|per_?10k|_rate$|^rate)", lower):
        unit = RATE
    elif re.search(r"(percent|pct|_prop$|percentage)", lower):
        unit = PERCENT
    elif lower.endswith("_days") or "days" in lower.split("_"):
        unit = DAYS
    else:
        unit = COUNT
    key = slugify(f"{column}-{label}" if label else column)[:100].strip("-")
    return Measure(key or "measure", name[:200], unit)
